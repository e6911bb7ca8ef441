/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- end-to-end test that runs real n8n in Node, not code that n8n loads */
/**
 * The Diga Agent Tool Trigger in a real n8n 2.41: publishing a workflow registers its tool on a
 * stateful fake Diga (every request body checked against the current contract), a tool call with the
 * secret gets the workflow's answer, one without it gets 401 and starts nothing, and unpublishing
 * removes the tool, the integration and the agent assignment; the editor's "Test this trigger" does the same with
 * the test URL for one call. The example workflow in examples/ is
 * the one published. n8n runs with the setting the README advises for this trigger (LAZY_ISOLATE).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { sleep } from 'n8n-workflow';

import { RETIRE_GRACE_MS } from '../../nodes/Diga/agentTool/retire';
import { TEST_API_KEY } from '../support/diga';
import { firstCall, integrationsAt as integrationsOf, registrationAt as registrationOf, startFakeIntegrations, toolCall, type FakeIntegrations } from '../support/fake-integrations';
import { AGENT_ID as AGENT } from '../support/hooks';
import { ensureN8n, installPackage, LAZY_ISOLATE, REPO_DIR, tempUserFolder } from '../support/n8n';
import { startN8n, type N8nServer } from '../support/n8n-server';

const OTHER = { integration_id: '11111111-2222-4333-8444-555555555555', tool_ids: ['66666666-7777-4888-8999-aaaaaaaaaaaa'] };
const EXAMPLE = path.join(REPO_DIR, 'examples', 'agent-tool-check-availability.json');
const BUILD = !process.env.E2E_NO_BUILD;

type Json = Record<string, unknown>;

let fake: FakeIntegrations;
let n8n: N8nServer;
const folder = tempUserFolder('agent-tool');

/** n8n publishes a workflow's triggers after its REST call answers: the check waits for it, up to 30 s (or `withinMs`). */
async function eventually<T>(check: () => T, withinMs = 30_000): Promise<T> {
	const deadline = Date.now() + withinMs;
	for (;;) {
		try {
			return check();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await sleep(100);
		}
	}
}

const integrationsAt = (webhookId: string) => integrationsOf(fake, webhookId);
const registrationAt = (webhookId: string) => registrationOf(fake, webhookId);

/** Creates the workflow in n8n with this n8n's Diga account; returns its id. */
async function importWorkflow(workflow: Json, credentialId: string): Promise<string> {
	for (const node of workflow.nodes as Json[]) {
		if (node.credentials) node.credentials = { digaApi: { id: credentialId, name: 'Diga account' } };
	}
	return (await n8n.rest<{ id: string }>('POST', 'workflows', workflow)).id;
}

const executions = async (workflowId: string) => (await n8n.executions(workflowId)).length;

function triggerWorkflow(name: string, webhookId: string, toolName: string, responseMode: string, after: Json[]): Json {
	const trigger = {
		parameters: { toolName, toolDescription: `Test tool ${toolName}.`, assignTo: 'none', responseMode, parameters: { parameter: [{ name: 'date', type: 'string', required: true, description: 'A day' }] } },
		id: `${webhookId.slice(0, 8)}-0000-4000-8000-000000000001`,
		name: 'Tool call',
		type: 'n8n-nodes-diga.digaAgentToolTrigger',
		typeVersion: 1.1,
		position: [0, 0],
		webhookId,
		credentials: { digaApi: { id: 'x', name: 'Diga account' } },
	};
	const nodes: Json[] = [trigger, ...after.map((node, index) => ({ position: [220 * (index + 1), 0], id: `${webhookId.slice(0, 8)}-0000-4000-8000-00000000001${index}`, ...node }))];
	const connections: Json = {};
	nodes.slice(0, -1).forEach((node, index) => (connections[node.name as string] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] }));
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

beforeAll(async () => {
	await ensureN8n();
	[fake] = await Promise.all([startFakeIntegrations({ [AGENT]: [OTHER] }), installPackage(folder.dir, { build: BUILD })]);
	// As the README advises for this trigger; the other suites run n8n with its defaults.
	n8n = await startN8n({ userFolder: folder.dir, env: LAZY_ISOLATE });
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	await fake?.stop();
	folder.remove();
});

describe('Diga Agent Tool Trigger in real n8n 2.41', () => {
	let credentialId: string;
	beforeAll(async () => {
		const credential = await n8n.rest<{ id: string }>('POST', 'credentials', { name: 'Diga account', type: 'digaApi', data: { apiKey: TEST_API_KEY, baseUrl: fake.url } });
		credentialId = credential.id;
	});

	it('the example: publishing registers the tool, a call with the secret gets the answer, one without gets 401, unpublishing removes everything', async () => {
		const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Json;
		const trigger = (example.nodes as Json[]).find((node) => node.type === 'n8n-nodes-diga.digaAgentToolTrigger')!;
		(trigger.parameters as Json).agentId = { __rl: true, mode: 'id', value: AGENT };
		const workflow = await importWorkflow(example, credentialId);
		await n8n.activate(workflow);

		const { integration, tool, secret, url } = await eventually(() => registrationAt(String(trigger.webhookId)));
		expect(url).toBe(`${n8n.webhookUrl}webhook/${String(trigger.webhookId)}/tool`);
		expect(tool).toMatchObject({ name: 'check_availability', method: 'POST', timeout: 10 });
		await eventually(() => expect(fake.state.agents.get(AGENT)).toEqual([OTHER, { integration_id: integration.id, tool_ids: [tool.id] }]));
		expect(fake.violations).toEqual([]);
		expect(n8n.log()).not.toContain(secret);

		const free = await firstCall(url, { date: '2026-12-01', time: '10:30' }, secret);
		expect(free).toMatchObject({ status: 200, json: { result: expect.stringContaining('is free') } });
		const closed = await toolCall(url, { date: '2026-12-06', time: '10:30' }, secret);
		expect(closed.json?.result).toContain('outside our opening hours');

		const before = await executions(workflow);
		expect((await toolCall(url, { date: '2026-12-01', time: '10:30' })).status).toBe(401);
		expect((await toolCall(url, { date: '2026-12-01', time: '10:30' }, '0'.repeat(64))).status).toBe(401);
		expect(await executions(workflow)).toBe(before);

		await n8n.deactivate(workflow);
		// Removed once no new version has taken the registration back (RETIRE_GRACE_MS).
		await eventually(() => expect(fake.state.agents.get(AGENT)).toEqual([OTHER]), RETIRE_GRACE_MS + 30_000).catch((error: Error) => {
			throw new Error(`${error.message}\n--- n8n's log, last lines ---\n${n8n.log().split('\n').slice(-40).join('\n')}\n--- writes ---\n${fake.writes().join('\n')}`);
		});
		await eventually(() => expect(fake.state.integrations.size).toBe(0));
		expect(fake.state.tools.size).toBe(0);
		expect(fake.state.agents.get(AGENT)).toEqual([OTHER]);
		expect((await toolCall(url, { date: '2026-12-01', time: '10:30' }, secret)).status).toBe(404);
	}, RETIRE_GRACE_MS + 90_000);

	it('Test this trigger (the editor\'s test mode): registers the tool at the test URL, runs one call with the secret, then removes it', async () => {
		const webhookId = 'd1b2c3d4-0000-4000-8000-000000000001';
		const workflow = await importWorkflow(
			triggerWorkflow('Test event', webhookId, 'test_event', 'lastNode', [
				{ name: 'Answer', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'manual', assignments: { assignments: [{ id: 'a1', name: 'result', value: '={{ "Free on " + $json.date }}', type: 'string' }] }, options: {} } },
			]),
			credentialId,
		);
		// What the editor's "Test this trigger" sends for a trigger.
		expect(await n8n.rest('POST', `workflows/${workflow}/run`, { triggerToStartFrom: { name: 'Tool call' } })).toEqual({ waitingForWebhook: true });
		const { secret, url } = await eventually(() => registrationAt(webhookId));
		expect(url).toBe(`${n8n.webhookUrl}webhook-test/${webhookId}/tool`);
		expect(fake.violations).toEqual([]);

		expect((await toolCall(url, { date: '2026-12-01' })).status).toBe(401);
		const answer = await toolCall(url, { date: '2026-12-01' }, secret);
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: { result: 'Free on 2026-12-01' } });
		// n8n takes the test webhook down after its one call: the node removes the tool and the integration.
		await eventually(() => expect(integrationsAt(webhookId)).toHaveLength(0));
		expect([...fake.state.tools.values()].filter((tool) => !fake.state.integrations.has(String(tool.integration_id)))).toEqual([]);
		expect(n8n.log()).not.toContain(secret);
	});

	it('an edit of the description, published again, updates the same integration and tool in place; nothing removes them afterwards', async () => {
		const webhookId = 'e1b2c3d4-0000-4000-8000-000000000001';
		const workflow = await importWorkflow(
			triggerWorkflow('Edited tool', webhookId, 'edited_tool', 'onReceived', [{ name: 'Note', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }]),
			credentialId,
		);
		await n8n.activate(workflow);
		const before = await eventually(() => registrationAt(webhookId));
		const writes = fake.writes().length;

		const saved = await n8n.rest<Json>('GET', `workflows/${workflow}`);
		const nodes = (saved.nodes as Json[]).map((node) =>
			node.name === 'Tool call' ? { ...node, parameters: { ...(node.parameters as Json), toolDescription: 'Checks the calendar, edited.' } } : node,
		);
		await n8n.rest('PATCH', `workflows/${workflow}`, { nodes, connections: saved.connections, versionId: saved.versionId });
		await n8n.activate(workflow);

		const after = await eventually(() => {
			const now = registrationAt(webhookId);
			expect(now.tool.description).toBe('Checks the calendar, edited.');
			return now;
		});
		expect({ integration: after.integration.id, tool: after.tool.id, secret: after.secret }).toEqual({ integration: before.integration.id, tool: before.tool.id, secret: before.secret });
		expect(fake.writes().slice(writes).filter((write) => !write.startsWith('PATCH'))).toEqual([]);
		expect(fake.violations).toEqual([]);
		// Past the moment the retired registration would have gone had the new version not taken it back.
		await sleep(RETIRE_GRACE_MS + 3000);
		expect(fake.writes().slice(writes).filter((write) => write.startsWith('DELETE'))).toEqual([]);
		expect((await firstCall(after.url, { date: '2026-12-01' }, after.secret)).status).toBe(200);
		await n8n.deactivate(workflow);
	}, RETIRE_GRACE_MS + 120_000);

	it('a Diga 500 while n8n starts again keeps the tool: same IDs, nothing deleted, a warning in n8n’s log, tool calls answered', async () => {
		const webhookId = 'f1b2c3d4-0000-4000-8000-000000000001';
		const workflow = await importWorkflow(
			triggerWorkflow('Survives start', webhookId, 'survives_start', 'onReceived', [{ name: 'Note', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }]),
			credentialId,
		);
		await n8n.activate(workflow);
		const before = await eventually(() => registrationAt(webhookId));
		expect((await firstCall(before.url, { date: '2026-12-01' }, before.secret)).status).toBe(200);

		const port = Number(new URL(n8n.baseUrl).port);
		await n8n.stop();
		const restartedAt = fake.requests.length;
		const writes = fake.writes().length;
		fake.fail = (request) =>
			request.method === 'GET' && request.path.startsWith('/v1/integration/')
				? { status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Database unavailable' } }
				: undefined;
		try {
			n8n = await startN8n({ userFolder: folder.dir, env: LAZY_ISOLATE, port });
			const answer = await firstCall(before.url, { date: '2026-12-01' }, before.secret);
			expect(answer.status).toBe(200);
		} finally {
			fake.fail = undefined;
		}
		expect(fake.writes().slice(writes)).toEqual([]);
		const after = registrationAt(webhookId);
		expect({ integration: after.integration.id, tool: after.tool.id }).toEqual({ integration: before.integration.id, tool: before.tool.id });
		// n8n 2.41 keeps a published workflow's webhooks registered across a restart and asks the node to
		// check them only when one is missing; when it did ask, the node met the 500 and said so.
		const checked = fake.requests.slice(restartedAt).some((request) => request.path === `/v1/integration/${String(before.integration.id)}`);
		if (checked) expect(n8n.log()).toMatch(/could not check tool .+ in Diga .*Database unavailable.*kept it as it is/);
		expect(n8n.log()).not.toContain(before.secret);
		await n8n.deactivate(workflow);
	}, 300_000);

	it('a workflow that fails answers the agent with a short error', async () => {
		const webhookId = 'a1b2c3d4-0000-4000-8000-00000000000f';
		const workflow = await importWorkflow(
			triggerWorkflow('Failing tool', webhookId, 'failing_tool', 'lastNode', [
				{ name: 'Fail', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, parameters: { errorMessage: 'Calendar unreachable' } },
			]),
			credentialId,
		);
		await n8n.activate(workflow);
		const { secret, url } = await eventually(() => registrationAt(webhookId));
		const answer = await firstCall(url, { date: '2026-12-01' }, secret);
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 500, json: { message: 'Error in workflow' } });
		await n8n.deactivate(workflow);
	});

	it('with Respond Immediately answers at once that the workflow started', async () => {
		const webhookId = 'c1b2c3d4-0000-4000-8000-000000000001';
		const workflow = await importWorkflow(
			triggerWorkflow('Immediately', webhookId, 'log_note', 'onReceived', [{ name: 'Note', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }]),
			credentialId,
		);
		await n8n.activate(workflow);
		const { secret, url } = await eventually(() => registrationAt(webhookId));
		const answer = await firstCall(url, { date: '2026-12-01' }, secret);
		await n8n.deactivate(workflow);
		expect({ status: answer.status, json: answer.json }).toEqual({ status: 200, json: { message: 'Workflow was started' } });
	});

	// n8n 2.41.1's Respond to Webhook from version 1.1 on accepts only n8n's own triggers: the README says so.
	it.each([
		['Respond to Webhook 1.5', 1.5],
		['Respond to Webhook 1', 1],
	])('answers with %s', async (_label, typeVersion) => {
		const webhookId = `b1b2c3d4-0000-4000-8000-0000000000${typeVersion === 1 ? '01' : '15'}`;
		const workflow = await importWorkflow(
			triggerWorkflow(`Respond ${typeVersion}`, webhookId, `respond_${String(typeVersion).replace('.', '_')}`, 'responseNode', [
				{ name: 'Respond', type: 'n8n-nodes-base.respondToWebhook', typeVersion, parameters: { respondWith: 'json', responseBody: '={{ { "result": "Free on " + $json.date } }}', options: {} } },
			]),
			credentialId,
		);
		await n8n.activate(workflow);
		const { secret, url } = await eventually(() => registrationAt(webhookId));
		const answer = await firstCall(url, { date: '2026-12-01' }, secret);
		await n8n.deactivate(workflow);
		expect({ status: answer.status, json: answer.json }).toEqual(
			typeVersion === 1 ? { status: 200, json: { result: 'Free on 2026-12-01' } } : { status: 500, json: { message: 'Error in workflow' } },
		);
	});
});
