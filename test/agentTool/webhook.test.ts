import type { IDataObject } from 'n8n-workflow';
import { webhookDescriptionIsNativelyResolvable } from 'n8n-workflow';

import { DigaAgentToolTrigger } from '../../nodes/Diga/DigaAgentToolTrigger.node';
import { sameSecret } from '../../nodes/Diga/agentTool/secret';
import { TEST_API_KEY } from '../support/diga';
import { startFakeIntegrations, type FakeIntegrations } from '../support/fake-integrations';
import { TOOL_PARAMETERS as PARAMETERS, triggerHarness, type TriggerHarness } from '../support/hooks';

let fake: FakeIntegrations;
let trigger: TriggerHarness;
let secret: string;

beforeAll(async () => {
	fake = await startFakeIntegrations();
	trigger = await triggerHarness({ ...PARAMETERS, assignTo: 'none' }, { apiKey: TEST_API_KEY, baseUrl: fake.url });
	await trigger.activate();
	// The secret as Diga holds it: in the integration's custom header.
	const [integration] = [...fake.state.integrations.values()];
	secret = (integration.headers as Record<string, string>)['x-diga-tool-secret'];
});
afterAll(async () => await fake.stop());

const PARAMS = { date: '2026-12-01', party_size: 2 };

describe('Diga Agent Tool Trigger: a tool call', () => {
	it('with the secret starts the workflow with the parameters as the item, and nothing of the headers', async () => {
		const call = await trigger.call({ 'x-diga-tool-secret': secret, 'content-type': 'application/json' }, PARAMS);
		expect(call.status).toBeUndefined();
		expect(call.result.workflowData).toEqual([[{ json: PARAMS }]]);
		expect(JSON.stringify(call.result)).not.toContain(secret);
	});

	it.each([
		['without the secret', {}],
		['with a wrong secret', { 'x-diga-tool-secret': 'f'.repeat(64) }],
		['with the secret cut short', { 'x-diga-tool-secret': 'x'.repeat(0) }],
		['with the secret in another header', { authorization: `Bearer ${'0'.repeat(64)}` }],
	])('%s answers 401 and starts nothing', async (_case, headers: IDataObject) => {
		const call = await trigger.call(headers, PARAMS);
		expect(call.status).toBe(401);
		expect(call.result).toEqual({ noWebhookResponse: true });
		expect(call.body).not.toContain(secret);
	});

	it('answers 401 to every call once the workflow is deactivated', async () => {
		const other = await triggerHarness({ ...PARAMETERS, assignTo: 'none' }, { apiKey: TEST_API_KEY, baseUrl: fake.url });
		await other.activate();
		const kept = (other.staticData().registration as IDataObject).secret as string;
		await other.deactivate();
		expect((await other.call({ 'x-diga-tool-secret': kept }, PARAMS)).status).toBe(401);
	});

	it('takes a body that is not an object as an empty item', async () => {
		const call = await trigger.call({ 'x-diga-tool-secret': secret }, 'text');
		expect(call.result.workflowData).toEqual([[{ json: {} }]]);
	});
});

// With N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE, n8n builds an expression isolate for a tool call only if the
// trigger makes it evaluate something (docs/operations.md, Latency): these are the two ways it could.
describe('Diga Agent Tool Trigger: n8n evaluates no expression to take a call', () => {
	const { description } = new DigaAgentToolTrigger();

	it("new nodes take a version other than 1, whose body n8n reads through the Webhook node v1's binaryData expression", () => {
		expect(description.defaultVersion).not.toBe(1);
		expect(description.version).toEqual(expect.arrayContaining([1, description.defaultVersion]));
	});

	it('its webhook settings (response mode and data) resolve without the expression engine', () => {
		expect(description.webhooks?.length).toBeGreaterThan(0);
		expect(description.webhooks?.every(webhookDescriptionIsNativelyResolvable)).toBe(true);
	});
});

describe('sameSecret', () => {
	it.each([
		['abc', 'abc', true],
		['abd', 'abc', false],
		['ab', 'abc', false],
		['abcd', 'abc', false],
		['', 'abc', false],
		[undefined, 'abc', false],
		[['abc'], 'abc', false],
		['abc', undefined, false],
		['', '', false],
	])('%p against %p is %p', (given, expected, same) => {
		expect(sameSecret(given, expected as string | undefined)).toBe(same);
	});
});
