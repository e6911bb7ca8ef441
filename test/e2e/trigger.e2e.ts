/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code that runs real n8n in Node under Jest, not code that n8n loads */
/**
 * The Diga Trigger in a running n8n 2.41 (`n8n start`), installed from the packed package:
 * examples/call-ended-transcript-to-spreadsheet.json is imported with a Diga API credential pointing at
 * a living fake Diga (test/support/fake-calls.ts), whose every request Prism checks on the current
 * contract, and activated. A call that ended before activation is history; one in progress at
 * activation and one placed after it start the workflow once, with their transcripts, as rows of the
 * spreadsheet; the next poll starts nothing. Then, in n8n's default expression engine: a poll whose list
 * request Diga holds past the next tick of the schedule (n8n starts the next poll meanwhile) starts the
 * workflow once per call; and n8n stopped and started again in the middle of calls (one ends while it is
 * down, one is in progress across the restart, one lasts an hour) starts it once per call.
 *
 * Environment: E2E_NO_BUILD=1 (use dist/ as is), E2E_KEEP=1 (keep the n8n user folder).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sleep } from 'n8n-workflow';

import { servedContracts } from '../support/contracts';
import { TEST_API_KEY } from '../support/diga';
import { CallStore, checkedBy } from '../support/fake-calls';
import { startFakeDiga, type FakeDiga, type FakeRequest } from '../support/fake-diga';
import { ensureN8n, importIntoN8n, installPackage, REPO_DIR, tempUserFolder } from '../support/n8n';
import { startN8n, unflatten, type N8nServer } from '../support/n8n-server';
import { startPrism, startRecordingProxy, type RecordingProxy } from '../support/prism';
import { checkExampleFile } from './checks';
import type { Workflow } from './workflows';

const EXAMPLE = 'call-ended-transcript-to-spreadsheet.json';
const WORKFLOW_ID = 'e2etrigger0001';
const BUILD = !process.env.E2E_NO_BUILD;
const MINUTE = 60_000;

const folder = tempUserFolder('e2e-trigger');
const stoppers: Array<() => Promise<void>> = [];
const store = new CallStore();
let fake: FakeDiga;
/** Requests the fake has answered: what Diga told the trigger is fixed from then on. */
let answered = 0;
/** Holds the requests it chooses until the promise it gives resolves. */
let hold: ((request: FakeRequest) => Promise<void> | undefined) | undefined;
let proxy: RecordingProxy;
let n8n: N8nServer;
const workflow = JSON.parse(readFileSync(path.join(REPO_DIR, 'examples', EXAMPLE), 'utf8')) as Workflow;

interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, { fileName?: string; mimeType?: string }>;
}

async function outputOf(executionId: string, node: string): Promise<Item[]> {
	const execution = await n8n.rest<{ data: string }>('GET', `executions/${executionId}`);
	const data = unflatten(execution.data) as { resultData: { runData: Record<string, Array<{ data?: { main?: Item[][] } }>> } };
	return data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [];
}

const listRequests = () => fake.requests.filter((request) => request.path === '/v1/call/');
/** The list request that starts a scheduled poll: calls created since the trigger's floor. */
const isWindowList = (request: FakeRequest) => request.path === '/v1/call/' && request.query.has('start_created_date') && !request.query.has('status');

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
		await sleep(250);
	}
}

beforeAll(async () => {
	const contract = servedContracts().find((candidate) => candidate.name === '2026-07-22' && !candidate.missing);
	if (!contract) throw new Error("the current contract (2026-07-22) is not served");
	await ensureN8n();
	const prism = await startPrism(contract.file);
	stoppers.push(prism.stop);
	proxy = await startRecordingProxy(prism.url);
	stoppers.push(proxy.stop);
	const answer = checkedBy(() => proxy.url, () => store);
	fake = await startFakeDiga(async (request, seen) => {
		await hold?.(request);
		const reply = await answer(request, seen);
		answered++;
		return reply;
	});
	stoppers.push(fake.stop);
	await installPackage(folder.dir, { build: BUILD });
	await importIntoN8n(folder.dir, {
		credentials: [{ id: 'diga-account', name: 'Diga account', type: 'digaApi', data: { apiKey: TEST_API_KEY, baseUrl: fake.url } }],
		workflows: [{ ...workflow, id: WORKFLOW_ID }],
	});
	n8n = await startN8n({ userFolder: folder.dir });
	stoppers.push(n8n.stop);
}, 900_000);

afterAll(async () => {
	for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
	if (!process.env.E2E_KEEP) folder.remove();
	else console.log(`n8n user folder kept: ${folder.dir}`);
});

test(`examples/${EXAMPLE}: the file a person imports has its setup notes and no secret`, () => {
	checkExampleFile(EXAMPLE, workflow);
});

test("n8n lists the Diga Trigger as a polling node and serves its icons (the Diga node's, by a relative path)", async () => {
	const types = (await (await n8n.get('types/nodes.json')).json()) as Array<{ name: string; polling?: boolean; iconUrl?: { light: string; dark: string } }>;
	const trigger = types.find((type) => type.name === 'n8n-nodes-diga.digaTrigger');
	expect(trigger?.polling).toBe(true);
	for (const icon of [trigger?.iconUrl?.light, trigger?.iconUrl?.dark]) {
		const response = await n8n.get(String(icon));
		expect({ icon, status: response.status }).toEqual({ icon, status: 200 });
		expect(await response.text()).toContain('<svg');
	}
});

test('activated in a running n8n, the trigger starts the workflow once for the calls that end, with transcripts, as spreadsheet rows', async () => {
	const history = store.end(store.create());
	const inProgress = store.create({ status: 'in_progress' });
	await n8n.activate(WORKFLOW_ID);
	// Activation's own poll notes where "now" is in Diga; calls change only once Diga has answered it.
	await until('the activation poll', () => answered > 0, 60_000);
	expect(await n8n.executions(WORKFLOW_ID)).toEqual([]);

	store.tick(MINUTE);
	const placed = store.create({ type: 'inbound' });
	store.tick(2 * MINUTE);
	store.end(inProgress, 'agent_hangup');
	store.end(placed);
	const [execution] = await n8n.waitForExecutions(WORKFLOW_ID, 1, 150_000).catch((error: Error) => {
		throw new Error(`${error.message}\nDiga received: ${fake.requests.map((r) => `${r.method} ${r.path}?${r.query.toString()}`).join('\n')}\nn8n's log:\n${n8n.log().slice(-4000)}`);
	});
	expect(execution.status).toBe('success');

	const rows = (await outputOf(execution.id, 'One row per call')).map((item) => item.json);
	expect(rows.map((row) => row.call_id)).toEqual([inProgress.id, placed.id]);
	expect(rows.map((row) => row.call_id)).not.toContain(history.id);
	expect(rows[0]).toMatchObject({
		outcome: 'agent_hangup',
		direction: 'outbound',
		duration_seconds: 180,
		recording_url: `https://recordings.example.com/${inProgress.id}.mp3`,
	});
	expect(rows[1].transcript).toBe(`Agent: Hello, this is call ${placed.id}\nCaller: Thanks, bye`);
	const [file] = await outputOf(execution.id, 'Spreadsheet of ended calls');
	expect(file.binary?.data).toMatchObject({ fileName: 'diga-ended-calls.xlsx', mimeType: expect.stringContaining('spreadsheetml') });

	// The next scheduled poll finds nothing new: no second execution.
	const polls = listRequests().length;
	await until('the next poll', () => listRequests().length > polls, 90_000);
	await sleep(3000);
	expect(await n8n.executions(WORKFLOW_ID)).toHaveLength(1);

	expect(proxy.requests.length).toBe(fake.requests.length);
	for (const request of proxy.requests) {
		expect({ request: `${request.method} ${request.path}`, violations: request.violations, status: request.status < 300 }).toEqual({
			request: `${request.method} ${request.path}`,
			violations: [],
			status: true,
		});
	}
}, 400_000);

/** The call IDs of the workflow's executions not in `before`, one per spreadsheet row; fails on an execution that did not succeed. */
async function rowsSince(before: Set<string>): Promise<string[]> {
	const rows: string[] = [];
	for (const execution of await n8n.executions(WORKFLOW_ID)) {
		if (before.has(execution.id)) continue;
		expect({ execution: execution.id, status: execution.status }).toEqual({ execution: execution.id, status: 'success' });
		rows.push(...(await outputOf(execution.id, 'One row per call')).map((item) => String(item.json.call_id)));
	}
	return rows;
}

/** Waits for a scheduled poll that Diga answered after this moment, then for n8n to start what it emitted. */
async function aPollLater(): Promise<void> {
	const mark = fake.requests.length;
	await until('a later poll', () => fake.requests.slice(mark).some(isWindowList) && answered >= fake.requests.length, 150_000);
	await sleep(5000);
}

const executionIds = async () => new Set((await n8n.executions(WORKFLOW_ID)).map((execution) => execution.id));

test('a poll that outlasts its interval (its list held by Diga past the next tick) starts the workflow once per call, and no poll fails', async () => {
	const before = await executionIds();
	const logMark = n8n.log().length;
	const calls = [store.create(), store.create(), store.create()].map((call) => store.end(call));
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	// Every attempt of the list is held (the transport retries one that outlasts its Timeout), until the
	// next tick of the schedule has started a poll: the trigger logs that it waits. Without the guard the
	// second poll's list is held too; after 100 s (more than the one-minute interval) both are answered.
	let heldSince = -1;
	hold = (request) => {
		if (!isWindowList(request)) return undefined;
		if (heldSince < 0) heldSince = Date.now();
		return released;
	};
	await until('a poll reaches Diga', () => heldSince >= 0, 90_000);
	await until('the next poll starts', () => n8n.log().slice(logMark).includes('the previous poll is still running') || Date.now() - heldSince > 100_000, 150_000);
	release();
	hold = undefined;
	await n8n.waitForExecutions(WORKFLOW_ID, before.size + 1, 120_000);
	await aPollLater();
	expect((await rowsSince(before)).sort()).toEqual(calls.map((call) => call.id).sort());
	expect(n8n.log().slice(logMark)).toContain('the previous poll is still running');
	expect(n8n.log().slice(logMark)).not.toMatch(/No bridge acquired|Diga Trigger.*(error|failed)/i);
}, 600_000);

test('n8n stopped and started again in the middle of calls: the one ended while it was down, the one in progress across the restart and the hour-long one each start the workflow once', async () => {
	const before = await executionIds();
	const hourLong = store.create({ status: 'in_progress' });
	store.tick(30 * MINUTE);
	const across = store.create({ status: 'in_progress' });
	await aPollLater();
	await n8n.stop();
	const whileDown = store.end(store.create({ type: 'inbound' }));
	store.tick(30 * MINUTE);
	n8n = await startN8n({ userFolder: folder.dir });
	stoppers.push(n8n.stop);
	await aPollLater();
	store.end(across);
	store.end(hourLong);
	await aPollLater();
	await aPollLater();
	expect((await rowsSince(before)).sort()).toEqual([whileDown.id, across.id, hourLong.id].sort());
}, 600_000);
