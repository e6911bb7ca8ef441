/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code that runs real n8n in Node under Jest, not code that n8n loads */
/**
 * The package in n8n's queue mode (docs/scaling.md): Postgres and Redis, n8n 2.41 as one main, two
 * workers and one webhook processor, each with the package installed from the packed tarball in its own
 * user folder (test/support/queue.ts). Diga is played by the stand-ins of test/queue/diga.ts. Every check
 * reads what n8n stored in Postgres and what Diga received.
 *
 * Each check, and the broken premise that makes it fail (QUEUE_BREAK=<names>, comma-separated, breaks it
 * on purpose; RESULTS says which were run by hand and what they did):
 *  1. The bulk import example and 1,000 Update Phone items run on a worker, not on the main: each
 *     execution is named by exactly one worker's log ("Worker started execution <id>", n8n's own line)
 *     and Diga received each import and each of the 1,000 updates once. Premise: the execution goes
 *     through Redis; one run on the main (a manual run, or a main without EXECUTIONS_MODE=queue) is in
 *     no worker's log, and the check fails. No toggle.
 *  2. The Diga Trigger polls on the main and starts one execution per batch of ended calls on a worker;
 *     every ended call comes out in exactly one execution, also a call that ends while the main is down
 *     and one after a worker restarts. QUEUE_BREAK=two-mains starts a second main on the same database
 *     (not n8n's multi-main set-up, so both poll).
 *  3. The Diga Agent Tool Trigger registers once when the main activates it (one integration, one tool,
 *     one agent assignment); a tool call to the production URL, the webhook processor's (the main does
 *     not serve production webhooks here), gets the workflow's answer; 401 without the secret and nothing
 *     runs; deactivation removes each thing once. QUEUE_BREAK=no-secret empties the workflow's static
 *     data in Postgres (where the webhook processor finds the secret) before the first call.
 *  4. Make Call waits for the call to end, and Get Recording's file is kept in queue mode's binary data
 *     mode (`database`, n8n 2.41's default when EXECUTIONS_MODE=queue): the bytes Diga served are in
 *     Postgres' binary_data table and the item refers to them; one call was placed.
 *     QUEUE_BREAK=filesystem starts every instance with N8N_DEFAULT_BINARY_DATA_MODE=filesystem.
 *  5. No API key, trunk password or tool secret in Postgres' execution data or in any instance's log
 *     (every credential carries a trunk, decrypted by the workers with the key; the imports here are
 *     inbound-only, so no request sends it). QUEUE_BREAK=leak writes the API key into the make-call
 *     example's summary.
 *
 * RESULTS, by hand on 2026-12-07 (`QUEUE_BREAK=two-mains,no-secret npm run test:queue`): 1, 4 and 5 passed;
 * 2 failed, two calls came out twice (both mains polled and each started an execution for them); 3 failed,
 * the call with the right secret got 401 from the webhook processor. With QUEUE_BREAK=filesystem,leak: 1-3
 * passed; 4 failed, the recording's id was `filesystem-v2:...` and not in Postgres; 5 failed, the API key
 * was found in one execution_data row. Check 1 has no toggle and was not broken by hand.
 *
 * Environment: QUEUE_NO_BUILD=1 (use dist/ as is); QUEUE_BREAK as above.
 */
import { createHash } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import { TEST_API_KEY } from '../support/diga';
import { firstCall, registrationAt, toolCall } from '../support/fake-integrations';
import { AGENT_ID } from '../support/hooks';
import { startQueueCluster, type QueueCluster } from '../support/queue';
import { TRUNK_NEEDLE, RECORDING, startQueueDiga, type QueueDiga } from './diga';
import { executionsOf, outputOf, rowsContaining, waitForStored, type StoredExecution } from './stored';
import {
	AGENT_TOOL_ID,
	agentTool,
	BULK_IMPORT_ID,
	BULK_IMPORT_PATH,
	bulkImport,
	callEnded,
	MAKE_CALL_ID,
	MAKE_CALL_PATH,
	makeCall,
	TRIGGER_ID,
	UPDATE_ITEMS,
	UPDATE_MANY_ID,
	UPDATE_MANY_PATH,
	updateMany,
	webhookIdOf,
} from './workflows';
import { CREDENTIAL } from './diga';

const MINUTE = 60_000;
/** Premises to break on purpose (QUEUE_BREAK), to see the checks fail. */
const BREAK = new Set((process.env.QUEUE_BREAK ?? '').split(',').filter(Boolean));
let diga: QueueDiga;
let cluster: QueueCluster;
/** Tool secrets seen during the run, for the last check. */
const secrets = new Set<string>();

beforeAll(async () => {
	diga = await startQueueDiga();
	cluster = await startQueueCluster({
		workers: 2,
		credentials: diga.credentials,
		workflows: [bulkImport(), updateMany(CREDENTIAL.bulk), callEnded(), makeCall(BREAK.has('leak') ? TEST_API_KEY : undefined), agentTool()],
		build: !process.env.QUEUE_NO_BUILD,
		env: BREAK.has('filesystem') ? { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' } : {},
	});
}, 900_000);

afterAll(async () => {
	await cluster?.stop();
	await diga?.stop();
});

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
		await sleep(250);
	}
}

/** The instances whose log says they ran the execution (n8n's "Worker started execution <id>" line). */
function ranOn(execution: StoredExecution): string[] {
	const started = new RegExp(`Worker started execution ${execution.id}\\b`);
	return [...cluster.logs()].filter(([, log]) => started.test(log)).map(([name]) => name);
}

const isWorker = (name: string) => /^worker\d+(#\d+)?$/.test(name);

/** Calls a production webhook at the webhook processor. */
async function callProcessor(path: string, body: unknown = {}, query = ''): Promise<Response> {
	return await fetch(`${cluster.webhook.baseUrl}/webhook/${path}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Activates a workflow through the main; a webhook's first call retries while the processor has not seen it yet. */
async function activateAndCall(workflowId: string, path: string, query = ''): Promise<void> {
	await cluster.main.activate(workflowId);
	const deadline = Date.now() + 30_000;
	for (;;) {
		const response = await callProcessor(path, {}, query);
		if (response.status === 200) return;
		if (Date.now() > deadline) throw new Error(`webhook ${path} answered ${response.status}: ${await response.text()}`);
		await sleep(250);
	}
}

const logTail = () =>
	[
		`Diga (calls) received:\n${diga.calls.requests.map((request) => `${request.method} ${request.path}?${request.query.toString()}`).join('\n')}`,
		...[...cluster.logs()].map(([name, log]) => `--- ${name}\n${log.slice(-3000)}`),
	].join('\n');

describe('n8n 2.41 in queue mode (Postgres, Redis, main, 2 workers, webhook processor)', () => {
	test('1. the bulk import example and 1,000 Update Phone items run on a worker, not on the main', async () => {
		await activateAndCall(BULK_IMPORT_ID, BULK_IMPORT_PATH);
		const [imported] = await waitForStored(cluster.pg, BULK_IMPORT_ID, 1, 120_000, logTail);
		expect(imported).toMatchObject({ mode: 'webhook', status: 'success' });
		const onWorkers = ranOn(imported);
		expect(onWorkers).toHaveLength(1);
		expect(isWorker(onWorkers[0])).toBe(true);

		const numbers = outputOf(cluster.pg, imported.id, 'Numbers to import').map((item) => item.json.number);
		const importRequests = diga.phones.requests.filter((request) => request.method === 'POST' && request.path === '/v1/phone/import');
		// Every well-formed number reached Diga once; the malformed one left on the error output unsent.
		const sent = importRequests.map((request) => (request.body as { phone_number: string }).phone_number);
		expect(new Set(sent).size).toBe(sent.length);
		expect(sent.length).toBe(numbers.length - 1);
		const assigned = outputOf(cluster.pg, imported.id, 'Assign agents').map((item) => item.json.id);
		expect(assigned).toHaveLength(sent.length);
		expect(diga.phones.requests.filter((request) => request.method === 'PATCH').map((request) => request.path.split('/')[3])).toEqual(assigned);

		await activateAndCall(UPDATE_MANY_ID, UPDATE_MANY_PATH);
		const [updated] = await waitForStored(cluster.pg, UPDATE_MANY_ID, 1, 300_000, logTail);
		expect(updated).toMatchObject({ mode: 'webhook', status: 'success' });
		const updaters = ranOn(updated);
		expect(updaters).toHaveLength(1);
		expect(isWorker(updaters[0])).toBe(true);
		const output = outputOf(cluster.pg, updated.id, 'Update phones');
		expect(output).toHaveLength(UPDATE_ITEMS);
		const patched = diga.bulk.requests.filter((request) => request.method === 'PATCH').map((request) => request.path);
		expect(new Set(patched).size).toBe(UPDATE_ITEMS);
		expect(patched).toHaveLength(UPDATE_ITEMS);
		expect(output.map((item) => `/v1/phone/${String(item.json.id)}`).sort()).toEqual([...patched].sort());
	});

	test('2. the Diga Trigger polls on the main and starts one execution per ended batch on the workers, each call once, across restarts of the main and a worker', async () => {
		const { store } = diga;
		const listRequests = diga.listsAnswered;
		const history = store.end(store.create());
		const inProgress = store.create({ status: 'in_progress' });
		await cluster.main.activate(TRIGGER_ID);
		await until('the activation poll', () => listRequests() > 0, 60_000);
		expect(executionsOf(cluster.pg, TRIGGER_ID)).toEqual([]);
		if (BREAK.has('two-mains')) await cluster.addMain();

		const ended: string[] = [];
		const endNow = (call: ReturnType<typeof store.create>) => {
			store.tick(MINUTE);
			store.end(call);
			ended.push(call.id);
		};
		endNow(inProgress);
		endNow(store.create());
		await waitForStored(cluster.pg, TRIGGER_ID, 1, 150_000, logTail);

		// A call ends while the main is down; the restarted main's polls find it.
		const duringRestart = store.create();
		await cluster.main.stop();
		endNow(duringRestart);
		await cluster.restartMain();
		await until('the executions with the call that ended during the restart', () => callsOut().includes(duringRestart.id), 180_000).catch((error: Error) => {
			throw new Error(`${error.message}\n${logTail()}`);
		});

		// A worker restarts; the next ended call runs on whichever worker is up.
		await cluster.restartWorker(0);
		endNow(store.create());
		await until('the execution with the call that ended after the worker restart', () => callsOut().includes(ended[ended.length - 1]), 180_000);

		// One more scheduled poll finds nothing new.
		const polls = listRequests();
		await until('the next poll', () => listRequests() > polls, 90_000);
		await sleep(3000);

		const executions = executionsOf(cluster.pg, TRIGGER_ID);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		for (const execution of executions) {
			const instances = ranOn(execution);
			expect({ execution: execution.id, instances: instances.length, onWorker: instances.every(isWorker) }).toEqual({ execution: execution.id, instances: 1, onWorker: true });
		}
		const out = callsOut();
		expect([...out].sort()).toEqual([...ended].sort());
		expect(out).not.toContain(history.id);
		expect(diga.checked.requests.filter((request) => request.violations.length > 0)).toEqual([]);
	}, 900_000);

	/** Every call id the trigger's executions output, in execution order (repeated ones twice). */
	function callsOut(): string[] {
		return executionsOf(cluster.pg, TRIGGER_ID)
			.filter((execution) => execution.stopped)
			.flatMap((execution) => outputOf(cluster.pg, execution.id, 'One row per call').map((item) => String(item.json.call_id)));
	}

	test('3. the Diga Agent Tool Trigger registers once from the main; the webhook processor answers tool calls (401 without the secret); deactivation removes it once', async () => {
		const workflow = agentTool();
		const webhookId = webhookIdOf(workflow, 'n8n-nodes-diga.digaAgentToolTrigger');
		const { tools } = diga;
		await cluster.main.activate(AGENT_TOOL_ID);
		const { integration, tool, secret, url } = await eventually(() => registrationAt(tools, webhookId));
		secrets.add(secret);
		await eventually(() => expect(tools.state.agents.get(AGENT_ID)).toEqual([{ integration_id: integration.id, tool_ids: [tool.id] }]));
		expect(url).toBe(`${cluster.webhook.baseUrl}/webhook/${webhookId}/tool`);
		expect(tools.writes()).toEqual(['POST /v1/integration', `POST /v1/integration/${String(integration.id)}/tool`, `PATCH /v1/agent/${AGENT_ID}`]);
		expect(tools.violations).toEqual([]);

		if (BREAK.has('no-secret')) cluster.pg.sql(`update workflow_entity set "staticData" = null where id = '${AGENT_TOOL_ID}'`);
		const free = await firstCall(url, { date: '2026-12-01', time: '10:30' }, secret);
		expect(free).toMatchObject({ status: 200, json: { result: expect.stringContaining('is free') } });
		const [answered] = await waitForStored(cluster.pg, AGENT_TOOL_ID, 1);
		expect(answered.mode).toBe('webhook');
		expect(ranOn(answered).every(isWorker)).toBe(true);
		const before = executionsOf(cluster.pg, AGENT_TOOL_ID).length;
		expect((await toolCall(url, { date: '2026-12-01', time: '10:30' })).status).toBe(401);
		expect((await toolCall(url, { date: '2026-12-01', time: '10:30' }, '0'.repeat(64))).status).toBe(401);
		await sleep(2000);
		expect(executionsOf(cluster.pg, AGENT_TOOL_ID)).toHaveLength(before);

		await cluster.main.deactivate(AGENT_TOOL_ID);
		await eventually(() => expect(tools.state.integrations.size).toBe(0));
		expect(tools.state.tools.size).toBe(0);
		expect(tools.state.agents.get(AGENT_ID)).toEqual([]);
		const deletes = tools.writes().filter((write) => write.startsWith('DELETE'));
		expect(deletes).toHaveLength(new Set(deletes).size);
		expect(tools.writes().filter((write) => write.startsWith('PATCH'))).toHaveLength(2);
	});

	test("4. Make Call waits for the call's end and Get Recording's file lands in queue mode's binary data mode (database)", async () => {
		await activateAndCall(MAKE_CALL_ID, MAKE_CALL_PATH);
		const [execution] = await waitForStored(cluster.pg, MAKE_CALL_ID, 1, 180_000, logTail);
		expect(execution.status).toBe('success');
		expect(ranOn(execution).every(isWorker)).toBe(true);
		expect(diga.placed).toHaveLength(1);
		const [call] = outputOf(cluster.pg, execution.id, 'Call and wait');
		expect(call.json).toMatchObject({ id: diga.placed[0].id, status: 'completed', wait_timed_out: false });
		const [recording] = outputOf(cluster.pg, execution.id, 'Get recording');
		const file = recording.binary?.data;
		expect(file).toMatchObject({ mimeType: 'audio/mpeg', id: expect.stringMatching(/^database:/) });
		const stored = cluster.pg.sql(`select encode(sha256(data), 'hex'), "fileSize" from binary_data`).trim().split('\n');
		const sha = createHash('sha256').update(RECORDING).digest('hex');
		expect(stored.map((line) => line.split('|')[0])).toContain(sha);
	});

	test('5. no API key, trunk password or tool secret in Postgres execution data or in any instance log', () => {
		expect(secrets.size).toBeGreaterThan(0);
		for (const needle of [TEST_API_KEY, TRUNK_NEEDLE, ...secrets]) {
			expect({ needle: needle.slice(0, 6), rows: rowsContaining(cluster.pg, 'execution_data', needle) }).toEqual({ needle: needle.slice(0, 6), rows: 0 });
			for (const [name, log] of cluster.logs()) expect({ name, found: log.includes(needle) }).toEqual({ name, found: false });
		}
	});
});

/** n8n acts on activation after its REST call answers: the check waits for it, up to 30 s. */
async function eventually<T>(check: () => T): Promise<T> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			return check();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await sleep(100);
		}
	}
}
