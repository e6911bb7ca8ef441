import { HookContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { RETIRE_GRACE_MS } from '../../nodes/Diga/agentTool/retire';

import { TEST_API_KEY } from '../support/diga';
import type { FakeReply } from '../support/fake-diga';
import { startFakeIntegrations, type FakeIntegrations } from '../support/fake-integrations';
import { AGENT_ID as AGENT, TOOL_PARAMETERS as PARAMETERS, triggerHarness, TEST_URL, WEBHOOK_BASE, WEBHOOK_ID, WEBHOOK_TEST_BASE } from '../support/hooks';

const OTHER = { integration_id: '11111111-2222-4333-8444-555555555555', tool_ids: ['66666666-7777-4888-8999-aaaaaaaaaaaa'] };

let fake: FakeIntegrations;
beforeEach(async () => (fake = await startFakeIntegrations({ [AGENT]: [OTHER] })));
afterEach(async () => await fake.stop());

const harness = async (parameters: IDataObject = PARAMETERS, staticData?: IDataObject, webhookBase?: string) =>
	await triggerHarness(parameters, { apiKey: TEST_API_KEY, baseUrl: fake.url }, { staticData, webhookBase });
/** Waits for the retired registration to go (RETIRE_GRACE_MS after delete), as long as a loaded machine needs. */
async function removedAfterGrace(): Promise<void> {
	const deadline = Date.now() + RETIRE_GRACE_MS + 30_000;
	while (fake.state.integrations.size > 0 && Date.now() < deadline) await sleep(250);
	expect(fake.state.integrations.size).toBe(0);
	expect(fake.state.tools.size).toBe(0);
}
const copy = (data: IDataObject) => JSON.parse(JSON.stringify(data)) as IDataObject;
const only = <T>(map: Map<string, T>): T => {
	expect(map.size).toBe(1);
	return [...map.values()][0];
};

jest.setTimeout(RETIRE_GRACE_MS + 40_000);

describe('Diga Agent Tool Trigger: registration lifecycle', () => {
	it('registers the integration at this workflow URL, its tool, and adds it to the agent beside what the agent had', async () => {
		const trigger = await harness();
		expect(await trigger.activate()).toEqual({ existed: false });

		const integration = only(fake.state.integrations);
		expect(integration).toMatchObject({ base_url: `${WEBHOOK_BASE}/${WEBHOOK_ID}`, integration_type: 'HTTP' });
		const secret = (integration.headers as Record<string, string>)['x-diga-tool-secret'];
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(only(fake.state.tools)).toMatchObject({
			integration_id: integration.id,
			name: 'check_availability',
			method: 'POST',
			endpoint_path: '/tool',
			timeout: 12,
			approval_required: true,
			body: [
				{ name: 'date', data_type: 'string', required: true, value_source: 'llm', description: 'The day, as YYYY-MM-DD' },
				{ name: 'party_size', data_type: 'integer', required: false, value_source: 'llm' },
			],
		});
		const tool = only(fake.state.tools);
		expect(fake.state.agents.get(AGENT)).toEqual([OTHER, { integration_id: integration.id, tool_ids: [tool.id] }]);
		expect(fake.violations).toEqual([]);
		// The secret Diga will send back is the one the workflow keeps to check calls with.
		expect((trigger.staticData().registration as IDataObject).secret).toBe(secret);
	});

	it('finds its own registration on the next activation (an n8n restart) and changes nothing', async () => {
		const first = await harness();
		await first.activate();
		const writes = fake.writes().length;

		const restarted = await harness(PARAMETERS, copy(first.workflow.staticData));
		expect(await restarted.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(fake.writes().length).toBe(writes);
		expect(fake.state.integrations.size).toBe(1);
	});

	it('on deactivation removes the tool, the integration and its assignment once no new version takes them back; the agent keeps its other tools', async () => {
		const trigger = await harness();
		await trigger.activate();
		const { id } = only(fake.state.integrations);
		fake.requests.length = 0;

		await trigger.deactivate();
		expect(trigger.staticData().registration).toBeUndefined();
		await removedAfterGrace();
		expect(fake.state.tools.size).toBe(0);
		expect(fake.state.agents.get(AGENT)).toEqual([OTHER]);
		expect(fake.writes()).toEqual([`PATCH /v1/agent/${AGENT}`, expect.stringMatching(/^DELETE \/v1\/integration\/.+\/tool\/.+/), `DELETE /v1/integration/${String(id)}`]);
		expect(trigger.staticData().registration).toBeUndefined();
	});

	it('leaves nothing behind when Diga refuses the tool halfway, and says why', async () => {
		fake.fail = (request) =>
			request.method === 'POST' && request.path.endsWith('/tool')
				? { status: 409, body: { status: 'error', error_code: 'DUPLICATE_FIELD', message: "Tool with name 'check_availability' already exists" } }
				: undefined;
		const trigger = await harness();
		const error = (await trigger.activate().catch((caught: unknown) => caught)) as Error & { description?: string };
		expect(error.message).toContain('already exists');
		expect(fake.state.integrations.size).toBe(0);
		const sent = fake.requests.find((request) => request.method === 'POST')?.body as { headers: Record<string, string> };
		const secret = sent.headers['x-diga-tool-secret'];
		expect(`${error.message} ${error.description} ${error.stack}`).not.toContain(secret);
		expect(`${error.message} ${error.description}`).not.toContain(TEST_API_KEY);
		expect(fake.state.agents.get(AGENT)).toEqual([OTHER]);
		expect(trigger.staticData().registration).toBeUndefined();
	});

	it('leaves nothing behind when the agent cannot be updated, and the agent keeps what it had', async () => {
		fake.fail = (request) =>
			request.method === 'PATCH' && request.path.startsWith('/v1/agent/')
				? { status: 403, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions to update agents' } }
				: undefined;
		const trigger = await harness();
		await expect(trigger.activate()).rejects.toMatchObject({ message: expect.stringContaining('Missing required permissions') });
		expect(fake.state.integrations.size).toBe(0);
		expect(fake.state.tools.size).toBe(0);
		expect(fake.state.agents.get(AGENT)).toEqual([OTHER]);
	});

	it('says what is left in Diga when removing a half-made registration fails too', async () => {
		const trigger = await harness({ ...PARAMETERS, assignTo: 'none' });
		fake.fail = (request) =>
			request.method === 'POST' && request.path.endsWith('/tool')
				? { status: 400, body: { status: 'error', error_code: 'BAD', message: 'No' } }
				: request.method === 'DELETE'
					? { status: 403, body: { status: 'error', message: 'Missing required permissions to delete integrations' } }
					: undefined;
		const error = (await trigger.activate().catch((caught: unknown) => caught)) as { description?: string };
		const { id } = only(fake.state.integrations);
		expect(error.description).toContain(`integration ${String(id)}`);
	});

	it('reuses the integration it left at its URL when its static data was lost, instead of making a second one', async () => {
		await (await harness()).activate();
		const before = only(fake.state.integrations);
		const oldSecret = (before.headers as Record<string, string>)['x-diga-tool-secret'];

		const fresh = await harness(PARAMETERS, {});
		await fresh.activate();
		const after = only(fake.state.integrations);
		expect(after.id).toBe(before.id);
		expect(fake.state.tools.size).toBe(1);
		const secret = (after.headers as Record<string, string>)['x-diga-tool-secret'];
		expect(secret).not.toBe(oldSecret);
		expect((fresh.staticData().registration as IDataObject).secret).toBe(secret);
		expect(fake.state.agents.get(AGENT)).toHaveLength(2);
		expect(fake.violations).toEqual([]);
	});

	it('updates its registration in place when the fields changed while it was inactive: same integration, same tool', async () => {
		const first = await harness();
		await first.activate();
		const before = { integration: only(fake.state.integrations).id, tool: only(fake.state.tools).id };
		const changed = await harness({ ...PARAMETERS, toolDescription: 'Checks the calendar.' }, copy(first.workflow.staticData));
		expect(await changed.activate()).toEqual({ existed: false });
		expect(only(fake.state.tools)).toMatchObject({ id: before.tool, description: 'Checks the calendar.' });
		expect(only(fake.state.integrations).id).toBe(before.integration);
		expect(fake.state.agents.get(AGENT)).toEqual([OTHER, { integration_id: before.integration, tool_ids: [before.tool] }]);
		expect(fake.writes().filter((write) => write.startsWith('POST') || write.startsWith('DELETE'))).toHaveLength(2);
		expect(fake.violations).toEqual([]);
	});

	it('an edit published in n8n 2.41 (delete with the old fields, then create with the new) keeps the same integration and tool, and nothing removes them later', async () => {
		const published = await harness();
		await published.activate();
		const before = { integration: only(fake.state.integrations).id, tool: only(fake.state.tools).id };
		const secret = (published.staticData().registration as IDataObject).secret;

		await published.deactivate();
		const edited = await harness({ ...PARAMETERS, toolDescription: 'Checks the calendar.', parameters: { parameter: [{ name: 'day', type: 'string' }] } }, copy(published.workflow.staticData));
		expect(await edited.activate({ activation: 'update' })).toEqual({ existed: false });
		expect(only(fake.state.tools)).toMatchObject({ id: before.tool, description: 'Checks the calendar.', body: [expect.objectContaining({ name: 'day' })] });
		expect(only(fake.state.integrations).id).toBe(before.integration);
		expect((edited.staticData().registration as IDataObject).secret).toBe(secret);
		expect(fake.violations).toEqual([]);
		expect(fake.writes().filter((write) => write.startsWith('DELETE'))).toEqual([]);

		// Past the moment the retired registration would have been removed, had no create taken it back.
		await sleep(RETIRE_GRACE_MS + 2000);
		expect(fake.writes().filter((write) => write.startsWith('DELETE'))).toEqual([]);
		expect(fake.state.agents.get(AGENT)).toEqual([OTHER, { integration_id: before.integration, tool_ids: [before.tool] }]);
	}, RETIRE_GRACE_MS + 30_000);

	it('a new webhook URL moves the same integration and tool to it', async () => {
		const first = await harness();
		await first.activate();
		const before = { integration: only(fake.state.integrations).id, tool: only(fake.state.tools).id };
		const moved = await harness(PARAMETERS, copy(first.workflow.staticData), 'https://n8n.example.org/webhook');
		expect(await moved.activate()).toEqual({ existed: false });
		expect(only(fake.state.integrations)).toMatchObject({ id: before.integration, base_url: `https://n8n.example.org/webhook/${WEBHOOK_ID}` });
		expect(only(fake.state.tools).id).toBe(before.tool);
	});

	it.each([
		['a 500', { status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Database unavailable' } }],
		['a 403', { status: 403, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions to view integrations' } }],
		['a dropped connection', { reset: true }],
	] as Array<[string, FakeReply]>)('%s while n8n checks the registration at start keeps it as it is, with a warning in n8n’s log', async (_label, reply) => {
		const first = await harness();
		await first.activate();
		const writes = fake.writes().length;
		fake.fail = (request) => (request.method === 'GET' ? reply : undefined);
		const warn = jest.fn();
		const logger = jest.spyOn(HookContext.prototype, 'logger', 'get').mockReturnValue({ warn, debug: jest.fn(), info: jest.fn(), error: jest.fn() } as never);
		try {
			const restarted = await harness(PARAMETERS, copy(first.workflow.staticData));
			expect(await restarted.activate({ activation: 'init' })).toEqual({ existed: true });
			expect((restarted.staticData().registration as IDataObject).toolId).toBe(only(fake.state.tools).id);
		} finally {
			logger.mockRestore();
		}
		expect(fake.writes().length).toBe(writes);
		expect(fake.state.agents.get(AGENT)).toHaveLength(2);
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not check tool .+ in Diga .*kept it as it is/));
	});

	it('a 404 at that check proves the registration gone: a new one is made', async () => {
		const first = await harness();
		await first.activate();
		const staticData = copy(first.workflow.staticData);
		fake.state.integrations.clear();
		fake.state.tools.clear();
		const restarted = await harness(PARAMETERS, staticData);
		expect(await restarted.activate({ activation: 'init' })).toEqual({ existed: false });
		expect(fake.state.integrations.size).toBe(1);
		expect(fake.state.tools.size).toBe(1);
	});

	it('a failed update of a standing registration removes nothing; n8n’s next try takes the same IDs back', async () => {
		const published = await harness();
		await published.activate();
		const before = { integration: only(fake.state.integrations).id, tool: only(fake.state.tools).id };
		fake.fail = (request) => (request.method === 'PATCH' && request.path.includes('/tool/') ? { status: 500, body: { status: 'error', message: 'Database unavailable' } } : undefined);
		const edited = await harness({ ...PARAMETERS, toolDescription: 'Checks the calendar.' }, copy(published.workflow.staticData));
		await expect(edited.activate({ activation: 'update' })).rejects.toMatchObject({ message: expect.stringContaining('Database unavailable') });
		expect(fake.writes().filter((write) => write.startsWith('DELETE'))).toEqual([]);
		// n8n 2.41 deletes after a failed create, then tries again.
		await edited.deactivate();
		fake.fail = undefined;
		await edited.activate({ activation: 'update' });
		expect(only(fake.state.tools)).toMatchObject({ id: before.tool, description: 'Checks the calendar.' });
		expect(only(fake.state.integrations).id).toBe(before.integration);
	});

	it("with Don't Assign registers the tool and never touches an agent", async () => {
		const trigger = await harness({ ...PARAMETERS, assignTo: 'none' });
		await trigger.activate();
		await trigger.deactivate();
		await removedAfterGrace();
		expect(fake.requests.filter((request) => request.path.startsWith('/v1/agent'))).toEqual([]);
	});

	it('still removes the integration when the agent was deleted meanwhile', async () => {
		const trigger = await harness();
		await trigger.activate();
		fake.state.agents.delete(AGENT);
		await trigger.deactivate();
		await removedAfterGrace();
	});

	it('in test mode registers with the test URL', async () => {
		const trigger = await harness();
		await trigger.activate({ test: true });
		expect(only(fake.state.integrations).base_url).toBe(`${WEBHOOK_TEST_BASE}/${WEBHOOK_ID}`);
		expect((trigger.staticData().registration as IDataObject).url).toBe(TEST_URL);
		await trigger.deactivate({ test: true });
		expect(fake.state.integrations.size).toBe(0);
	});

	it.each([
		['Tool Name', { toolName: 'check availability' }, '"check availability"', /letters, digits/],
		['Description for the Agent', { toolDescription: ' ' }, 'is empty', /when the agent should use the tool/],
		['Parameters', { parameters: { parameter: [{ name: 'date' }, { name: 'date' }] } }, 'parameter 2 appears twice', /its own name/],
		['Response Timeout (Seconds)', { responseTimeout: 61 }, '61', /from 1 to 60/],
		['Agent', { agentId: { __rl: true, mode: 'list', value: '' } }, '', /\S/],
	])('refuses a bad %s before sending anything, naming the field once and how to fix it', async (field, change, problem, fix) => {
		const trigger = await harness({ ...PARAMETERS, ...change });
		const error = (await trigger.activate().catch((caught: unknown) => caught)) as { message: string; description: string };
		expect(error.message.startsWith(field)).toBe(true);
		expect(error.message.split(field)).toHaveLength(2);
		expect(error.message).toContain(problem);
		expect(error.description).toMatch(fix);
		expect(fake.requests).toEqual([]);
	});
});
