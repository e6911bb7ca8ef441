/**
 * The Diga Trigger in n8n's engine (n8n-core's PollTriggerExecutor and PollContext), against a Diga
 * whose calls are created and end while the test runs. n8n saves the static data after activation
 * and after a poll that emitted; `restart()` drops everything else, as a real restart does.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { byId } from '../support/diga';
import { AGENT_A, AGENT_B, CallStore, PHONE_A, PHONE_B, type Call } from '../support/fake-calls';
import { startFakeDiga, type FakeDiga, type FakeReply, type FakeRequest } from '../support/fake-diga';
import { TriggerHarness, type PollRun } from '../support/poll';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let fake: FakeDiga;
let store: CallStore;
/** A fault to inject: a reply for the requests it chooses, undefined for the others. */
let fault: ((request: FakeRequest) => FakeReply | undefined) | undefined;
/** Holds the requests it chooses until the promise it gives resolves; Diga answers as it is then. */
let hold: ((request: FakeRequest) => Promise<void> | undefined) | undefined;

beforeAll(
	async () =>
		(fake = await startFakeDiga(async (request) => {
			await hold?.(request);
			return fault?.(request) ?? store.handle(request);
		})),
);
afterAll(async () => await fake.stop());
beforeEach(() => {
	store = new CallStore();
	fault = undefined;
	hold = undefined;
	fake.requests.length = 0;
});

const ids = (run: PollRun) => (run.items ?? []).map((item) => item.id as string);
const idsOf = (calls: Call[]) => calls.map((call) => call.id);
const listRequests = () => fake.requests.filter((request) => request.path === '/v1/call/');

/** Activates a trigger and checks that activation itself emitted nothing and did not fail. */
async function activated(parameters: IDataObject): Promise<TriggerHarness> {
	const trigger = new TriggerHarness(parameters, fake);
	const run = await trigger.activate();
	expect(run.error).toBeUndefined();
	expect(run.items).toBeUndefined();
	return trigger;
}

/** `count` calls created `gapMs` apart from Diga's now on. */
function spread(count: number, gapMs: number, overrides: Partial<Call> = {}): Call[] {
	return store.createMany(count, overrides).map((call, index) => Object.assign(call, { created_date: new Date(store.now + index * gapMs).toISOString() }));
}

/** Polls once a minute (Diga's clock moves on too) and collects what every poll emitted. */
async function pollFor(trigger: TriggerHarness, polls: number, between: () => void = () => undefined, everyMs = MINUTE): Promise<string[]> {
	const emitted: string[] = [];
	for (let poll = 0; poll < polls; poll++) {
		between();
		store.tick(everyMs);
		const run = await trigger.poll();
		expect(run.error).toBeUndefined();
		emitted.push(...ids(run));
	}
	return emitted;
}

describe('activation starts from now', () => {
	test('calls from before activation, ended or not, never start a New Call workflow', async () => {
		store.createMany(3);
		store.end(store.create());
		const trigger = await activated({ event: 'newCall' });
		expect(await pollFor(trigger, 3)).toEqual([]);
		const fresh = store.create();
		expect(await pollFor(trigger, 2)).toEqual([fresh.id]);
	});

	test('Call Ended: a call that ended before activation is history; one in progress at activation is reported when it ends', async () => {
		const before = store.end(store.create());
		const inProgress = store.create({ status: 'in_progress' });
		store.tick(MINUTE);
		const trigger = await activated({ event: 'callEnded' });
		expect(await pollFor(trigger, 2)).toEqual([]);
		store.end(inProgress);
		const emitted = await pollFor(trigger, 3);
		expect(emitted).toEqual([inProgress.id]);
		expect(emitted).not.toContain(before.id);
	});

	test('a project without calls yet: the first call after activation is emitted', async () => {
		const trigger = await activated({ event: 'newCall' });
		const first = store.create();
		expect(await pollFor(trigger, 2)).toEqual([first.id]);
	});
});

describe('every call exactly once', () => {
	test('Call Ended: a call is reported once, on the first poll after it ends, never while it is open', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const call = store.create();
		expect(await pollFor(trigger, 2)).toEqual([]);
		store.end(call);
		expect(await pollFor(trigger, 1)).toEqual([call.id]);
		expect(await pollFor(trigger, 5)).toEqual([]);
	});

	test('a call that is created and ends between two polls is reported once by both events', async () => {
		const ended = await activated({ event: 'callEnded' });
		const created = await activated({ event: 'newCall' });
		const call = store.end(store.create());
		expect(await pollFor(ended, 3)).toEqual([call.id]);
		expect(await pollFor(created, 3)).toEqual([call.id]);
	});

	test('a call that ends three hours after it was created, among hundreds of others, is reported once', async () => {
		const trigger = await activated({ event: 'callEnded', options: { includeTranscript: true } });
		const long = store.create({ status: 'in_progress' });
		const others: Call[] = [];
		const emitted = await pollFor(
			trigger,
			36,
			() => {
				for (const call of others.splice(0)) store.end(call);
				others.push(...store.createMany(5));
			},
			5 * MINUTE,
		);
		store.end(long);
		emitted.push(...(await pollFor(trigger, 2)));
		expect(emitted.filter((id) => id === long.id)).toHaveLength(1);
		expect(new Set(emitted).size).toBe(emitted.length);
		// Every call that ended was reported, the long one included.
		const ended = store.calls.filter((call) => call.status === 'completed').map((call) => call.id);
		expect([...emitted].sort()).toEqual([...ended].sort());
		// Long out of the list's window, it was found by the lists by status, not read on its own.
		expect(fake.requests.some((request) => request.path === `/v1/call/${long.id}`)).toBe(false);
	});

	test('n8n restarts after a poll that emitted: nothing is emitted again', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const call = store.end(store.create());
		expect(await pollFor(trigger, 1)).toEqual([call.id]);
		trigger.restart();
		expect((await trigger.activate('init')).items).toBeUndefined();
		expect(await pollFor(trigger, 3)).toEqual([]);
	});

	test('n8n restarts after polls that emitted nothing (their state was never saved): an open call is still reported once', async () => {
		const trigger = await activated({ event: 'callEnded' });
		store.create();
		const open = store.create({ status: 'in_progress' });
		expect(await pollFor(trigger, 10)).toEqual([]);
		trigger.restart();
		store.tick(2 * HOUR);
		expect((await trigger.activate('init')).items).toBeUndefined();
		store.end(open);
		expect(await pollFor(trigger, 3)).toEqual([open.id]);
	});

	test('calls that come and go while n8n is down are reported after the restart', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const first = store.end(store.create());
		expect(await pollFor(trigger, 1)).toEqual([first.id]);
		trigger.restart();
		const whileDown = [store.end(store.create()), store.create()];
		store.tick(30 * MINUTE);
		store.end(whileDown[1]);
		const afterRestart = await trigger.activate('init');
		const emitted = [...ids(afterRestart), ...(await pollFor(trigger, 2))];
		expect(emitted.sort()).toEqual(idsOf(whileDown).sort());
	});
});

describe('pages and budgets', () => {
	test('2,500 new calls between two polls: pages of 1,000 walked with the cursor, each call once', async () => {
		const trigger = await activated({ event: 'newCall' });
		fake.requests.length = 0;
		const burst = spread(2500, 10);
		const emitted = await pollFor(trigger, 2);
		expect(emitted).toEqual(idsOf(burst));
		const pages = listRequests();
		expect(pages.every((request) => request.query.get('limit') === '1000')).toBe(true);
		expect(pages.filter((request) => request.query.has('after')).length).toBeGreaterThanOrEqual(2);
	});

	test('a backlog larger than one poll reads is caught up over the next polls, none lost or repeated', async () => {
		const trigger = await activated({ event: 'newCall' });
		const backlog = spread(12_000, 1000);
		store.tick(12_000 * 1000);
		const perPoll: number[] = [];
		const emitted: string[] = [];
		for (let poll = 0; poll < 6; poll++) {
			fake.requests.length = 0;
			const run = await trigger.poll();
			expect(run.error).toBeUndefined();
			emitted.push(...ids(run));
			perPoll.push(fake.requests.length);
		}
		expect(emitted).toEqual(idsOf(backlog));
		// Each poll asks a bounded number of pages, and the later polls are back to one.
		expect(Math.max(...perPoll)).toBeLessThan(10);
		expect(perPoll[perPoll.length - 1]).toBe(1);
	});

	test('with transcripts, a burst of ended calls is spread over several polls, each call once', async () => {
		const trigger = await activated({ event: 'callEnded', options: { includeTranscript: true } });
		const burst = spread(1200, 10).map((call) => store.end(call));
		const perPoll: number[] = [];
		const emitted: string[] = [];
		for (let poll = 0; poll < 4; poll++) {
			store.tick(MINUTE);
			const run = await trigger.poll();
			emitted.push(...ids(run));
			perPoll.push(run.items?.length ?? 0);
		}
		expect(emitted).toEqual(idsOf(burst));
		expect(Math.max(...perPoll)).toBeLessThan(burst.length);
	});
});

describe('outages', () => {
	test('Diga down for a few polls (503 after the retries): nothing lost, nothing repeated once it is back', async () => {
		const trigger = await activated({ event: 'callEnded', options: { maxRetries: 0 } });
		const calls = [store.end(store.create()), store.create()];
		fault = () => ({ status: 503, body: { status: 'error', error_code: 'SERVICE_UNAVAILABLE', message: 'Down for maintenance' } });
		for (let poll = 0; poll < 3; poll++) {
			store.tick(MINUTE);
			const run = await trigger.poll();
			expect(run.error?.message).toContain('Down for maintenance');
		}
		store.end(calls[1]);
		fault = undefined;
		expect((await pollFor(trigger, 3)).sort()).toEqual(idsOf(calls).sort());
	});

	test('a failure on the second page leaves the state as it was: the next poll emits the whole set once', async () => {
		const trigger = await activated({ event: 'newCall', options: { maxRetries: 0 } });
		const burst = spread(1200, 10);
		fault = (request) => (request.query.has('after') ? { status: 502, body: { status: 'error', message: 'Bad gateway' } } : undefined);
		store.tick(MINUTE);
		expect((await trigger.poll()).error?.message).toContain('Bad gateway');
		fault = undefined;
		expect(await pollFor(trigger, 2)).toEqual(idsOf(burst));
	});

	test('a transcript and a recording Diga keeps refusing for one call: the other calls are emitted whole, that one once with the parts null and why', async () => {
		const trigger = await activated({ event: 'callEnded', options: { maxRetries: 0, includeTranscript: true, includeRecordingUrl: true } });
		const calls = spread(5, 10).map((call) => store.end(call));
		const bad = calls[2].id;
		fault = (request) => (request.path.includes(bad) ? { status: 500, body: { status: 'error', message: 'Boom' } } : undefined);
		const emitted: IDataObject[] = [];
		for (let poll = 0; poll < 4; poll++) {
			store.tick(MINUTE);
			const run = await trigger.poll();
			expect(run.error).toBeUndefined();
			emitted.push(...(run.items ?? []));
		}
		expect(emitted.map((item) => item.id)).toEqual(idsOf(calls));
		for (const item of emitted.filter((each) => each.id !== bad)) {
			expect(item.messages).toHaveLength(2);
			expect(item.recording_url).toBe(`https://recordings.example.com/${String(item.id)}.mp3`);
		}
		const failed = emitted.find((item) => item.id === bad);
		expect(failed).toMatchObject({ messages: null, recording_url: null, messages_error: expect.stringContaining('Boom'), recording_url_error: expect.stringContaining('Boom') });
		expect(trigger.warnings.filter((warning) => warning.includes(bad))).toHaveLength(2);
	});

	test('a transcript request that gets no answer (connection reset) fails the poll before anything is emitted; the next poll emits every call once', async () => {
		const trigger = await activated({ event: 'callEnded', options: { maxRetries: 0, includeTranscript: true } });
		const calls = spread(30, 10).map((call) => store.end(call));
		let reads = 0;
		fault = (request) => (request.path.endsWith('/message') && reads++ === 20 ? { reset: true } : undefined);
		store.tick(MINUTE);
		const failed = await trigger.poll();
		expect(failed.error).toBeDefined();
		expect(failed.items).toBeUndefined();
		const emitted = await pollFor(trigger, 2);
		expect(emitted).toEqual(idsOf(calls));
	});

	test('a rate limit (429 with Retry-After) is waited out within the poll', async () => {
		const trigger = await activated({ event: 'newCall' });
		const call = store.create();
		let limited = 0;
		fault = () => (limited++ === 0 ? { status: 429, headers: { 'retry-after': '0' }, body: { status: 'error', message: 'Slow down' } } : undefined);
		expect(await pollFor(trigger, 1)).toEqual([call.id]);
		expect(limited).toBeGreaterThan(1);
	});

	test('a watched call deleted in Diga (404) is forgotten without failing the poll', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const gone = store.create();
		expect(await pollFor(trigger, 10)).toEqual([]);
		store.calls = store.calls.filter((call) => call !== gone);
		expect(await pollFor(trigger, 2)).toEqual([]);
		expect(JSON.stringify(trigger.savedState() ?? {})).not.toContain(gone.id);
	});
});

describe('bounded state', () => {
	test('the saved state does not grow with the number of calls ever seen', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const sizes: number[] = [];
		let previous: Call[] = [];
		for (let minute = 0; minute < 60; minute++) {
			for (const call of previous) store.end(call);
			previous = store.createMany(40);
			// Emitting polls are saved; measure what n8n stores.
			await pollFor(trigger, 1);
			sizes.push(JSON.stringify(trigger.saved).length);
		}
		expect(store.calls.length).toBe(2400);
		expect(Math.max(...sizes.slice(30))).toBeLessThanOrEqual(Math.max(...sizes.slice(10, 20)) * 1.05);
		const saved = JSON.stringify(trigger.saved);
		expect(store.calls.slice(0, 1000).some((call) => saved.includes(call.id))).toBe(false);
	});

	test('more calls open at once than the trigger watches: it says so in the log, stays bounded, and the newest still end once', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const many = spread(2000, 10, { status: 'in_progress' });
		await pollFor(trigger, 1);
		store.tick(HOUR);
		await pollFor(trigger, 2);
		const state = trigger.savedState() as { open: unknown[] } | undefined;
		expect(state === undefined || state.open.length < many.length).toBe(true);
		expect(trigger.warnings).toEqual([expect.stringMatching(/stopped watching \d+ open call/)]);
		const newest = many[many.length - 1];
		store.end(newest);
		expect(await pollFor(trigger, 2)).toEqual([newest.id]);
	});
});

/** Resolves once `condition` holds, looking again every few ms (no deadline: Jest's timeout is the bound). */
async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await sleep(5);
}

/**
 * Two polls overlapping as n8n 2.41 lets them: the first poll's list request is held in Diga until
 * the second poll has either finished or said it waits; the first then completes.
 */
async function overlapping(trigger: TriggerHarness): Promise<PollRun[]> {
	let release: () => void = () => undefined;
	const released = new Promise<void>((resolve) => (release = resolve));
	let held = false;
	hold = (request) => {
		if (held || request.path !== '/v1/call/') return undefined;
		held = true;
		return released;
	};
	store.tick(MINUTE);
	const first = trigger.poll();
	await until(() => held);
	let secondDone = false;
	const second = trigger.poll().finally(() => (secondDone = true));
	await until(() => secondDone || trigger.warnings.some((warning) => warning.includes('still running')));
	release();
	return await Promise.all([first, second]);
}

describe('whatever n8n does around it', () => {
	test.each([
		['legacy expression engine', false],
		["n8n's default expression engine (isolate)", true],
	])('a poll that outlasts its interval overlaps the next one (%s): each call once, both polls succeed', async (_engine, isolate) => {
		const trigger = new TriggerHarness({ event: 'callEnded', options: { includeTranscript: true } }, fake);
		trigger.expressionIsolate = isolate;
		expect((await trigger.activate()).error).toBeUndefined();
		const calls = spread(3, 10).map((call) => store.end(call));
		const runs = await overlapping(trigger);
		expect(runs.map((run) => run.error?.message)).toEqual([undefined, undefined]);
		const emitted = runs.flatMap((run) => run.items ?? []);
		expect(emitted.map((item) => item.id).sort()).toEqual(idsOf(calls).sort());
		for (const item of emitted) expect(item.messages).toHaveLength(2);
		expect(await pollFor(trigger, 2)).toEqual([]);
	});

	test('an overlapping poll whose held poll then fails: nothing lost, the next poll emits each call once', async () => {
		const trigger = await activated({ event: 'newCall', options: { maxRetries: 0 } });
		const calls = spread(3, 10);
		let failHeld = true;
		fault = (request) => (failHeld && request.path === '/v1/call/' ? ((failHeld = false), { status: 500, body: { status: 'error', message: 'Boom' } }) : undefined);
		const runs = await overlapping(trigger);
		expect(runs[0].error?.message).toContain('Boom');
		expect(runs[1]).toEqual({});
		expect(await pollFor(trigger, 2)).toEqual(idsOf(calls));
	});

	test('many long calls: 300 open calls older than the read window end at once, all reported on the next poll with a few list requests', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const long = spread(300, 10, { status: 'in_progress' });
		// Newer calls move the read window on, past the long ones.
		expect(await pollFor(trigger, 3, () => store.create(), 10 * MINUTE)).toEqual([]);
		for (const call of long) store.end(call);
		fake.requests.length = 0;
		expect((await pollFor(trigger, 1)).sort()).toEqual(idsOf(long).sort());
		expect(fake.requests.filter((request) => request.path !== '/v1/call/')).toEqual([]);
		expect(fake.requests.length).toBeLessThanOrEqual(5);
	});

	test('same timestamp: 1,600 calls created in one instant, ended, with Include Transcript: all emitted, each once', async () => {
		const trigger = await activated({ event: 'callEnded', options: { includeTranscript: true } });
		const campaign = store.createMany(1600).map((call) => store.end(call));
		const emitted = await pollFor(trigger, 6);
		expect(emitted.length).toBe(campaign.length);
		expect([...emitted].sort()).toEqual(idsOf(campaign).sort());
	});

	test('calls in progress at activation are found by status: one older than the newest 1,000 calls is reported when it ends', async () => {
		const old = store.create({ status: 'in_progress' });
		store.tick(MINUTE);
		store.createMany(1200).forEach((call) => store.end(call));
		const trigger = await activated({ event: 'callEnded' });
		expect(await pollFor(trigger, 2)).toEqual([]);
		store.end(old);
		expect(await pollFor(trigger, 2)).toEqual([old.id]);
	});

	test("on Diga's April 2026 API, which refuses the status in_queue (422), calls in progress are still found by the statuses it has", async () => {
		fault = (request) =>
			request.path === '/v1/call/' && request.query.get('status') === 'in_queue'
				? { status: 422, body: { detail: [{ loc: ['query', 'status'], msg: 'Input should be a valid status', type: 'enum' }] } }
				: undefined;
		const old = store.create({ status: 'in_progress' });
		store.tick(MINUTE);
		store.createMany(1200).forEach((call) => store.end(call));
		const trigger = await activated({ event: 'callEnded' });
		store.tick(2 * HOUR);
		expect(await pollFor(trigger, 2)).toEqual([]);
		store.end(old);
		expect(await pollFor(trigger, 2)).toEqual([old.id]);
		expect(listRequests().some((request) => request.query.get('status') === 'in_queue')).toBe(true);
	});

	test('a poll repeated for the same window (as the durable scheduler may run it) emits nothing new', async () => {
		const trigger = await activated({ event: 'callEnded' });
		const open = store.create({ status: 'in_progress' });
		const ended = store.end(store.create());
		store.tick(MINUTE);
		expect(ids(await trigger.poll())).toEqual([ended.id]);
		expect(ids(await trigger.poll())).toEqual([]);
		store.end(open);
		expect(ids(await trigger.poll())).toEqual([open.id]);
		expect(ids(await trigger.poll())).toEqual([]);
	});

	test('a poll whose transcripts take longer than its time for them emits what it has, says the rest is deferred, and the next polls emit the rest once', async () => {
		const trigger = await activated({ event: 'callEnded', options: { includeTranscript: true } });
		const calls = spread(10, 10).map((call) => store.end(call));
		// n8n's clock moves 10 s with each transcript Diga serves.
		let clock = Date.now();
		const now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
		fault = (request) => {
			if (request.path.endsWith('/message')) clock += 10_000;
			return undefined;
		};
		try {
			const perPoll: number[] = [];
			const emitted: string[] = [];
			for (let poll = 0; poll < 4; poll++) {
				store.tick(MINUTE);
				const run = await trigger.poll();
				expect(run.error).toBeUndefined();
				perPoll.push(run.items?.length ?? 0);
				emitted.push(...ids(run));
			}
			expect(emitted).toEqual(idsOf(calls));
			expect(perPoll[0]).toBeLessThan(calls.length);
			expect(trigger.warnings).toContainEqual(expect.stringMatching(/emitted \d+ of 10 calls .* the next poll emits the others/));
		} finally {
			now.mockRestore();
		}
	});
});

describe('Fetch Test Event (manual)', () => {
	test('Call Ended shows the latest completed call, not a newer open one, and leaves no state behind', async () => {
		store.end(store.create());
		store.tick(MINUTE);
		const latest = store.end(store.create());
		store.tick(MINUTE);
		store.create();
		const trigger = new TriggerHarness({ event: 'callEnded' }, fake);
		const run = await trigger.manual();
		expect(ids(run)).toEqual([latest.id]);
		expect(trigger.saved).toEqual({});
	});

	test('New Call shows the latest call, with transcript and recording URL when asked', async () => {
		store.create();
		store.tick(MINUTE);
		const latest = store.end(store.create());
		const run = await new TriggerHarness({ event: 'newCall', options: { includeTranscript: true, includeRecordingUrl: true } }, fake).manual();
		expect(ids(run)).toEqual([latest.id]);
		expect(run.items?.[0].recording_url).toBe(`https://recordings.example.com/${latest.id}.mp3`);
		expect(run.items?.[0].messages).toEqual([expect.objectContaining({ role: 'assistant' }), expect.objectContaining({ role: 'user' })]);
	});

	test('no matching call yet: a clear error that says what to do', async () => {
		store.create();
		const run = await new TriggerHarness({ event: 'callEnded' }, fake).manual();
		expect(run.error?.message).toMatch(/No call matches/);
		expect(run.error?.description).toMatch(/Make or receive a call/);
	});
});

describe('filters and options', () => {
	test('agent, phone and direction go to Diga as its filters, and only matching calls start the workflow', async () => {
		const trigger = await activated({
			event: 'newCall',
			filters: { agentId: byId(AGENT_B), phoneId: byId(PHONE_B), direction: 'inbound' },
		});
		const match = store.create({ agent_id: AGENT_B, phone_register_id: PHONE_B, type: 'inbound' });
		store.create({ agent_id: AGENT_A, phone_register_id: PHONE_B, type: 'inbound' });
		store.create({ agent_id: AGENT_B, phone_register_id: PHONE_A, type: 'inbound' });
		store.create({ agent_id: AGENT_B, phone_register_id: PHONE_B, type: 'outbound' });
		expect(await pollFor(trigger, 2)).toEqual([match.id]);
		for (const request of listRequests()) {
			expect(Object.fromEntries(['agent_id', 'phone_id', 'type'].map((name) => [name, request.query.get(name)]))).toEqual({
				agent_id: AGENT_B,
				phone_id: PHONE_B,
				type: 'inbound',
			});
		}
	});

	test('changing the event or the filters starts again from now instead of replaying', async () => {
		const trigger = await activated({ event: 'newCall' });
		store.createMany(5);
		trigger.restart();
		trigger.parameters = { event: 'newCall', filters: { direction: 'outbound' } };
		expect((await trigger.activate('update')).items).toBeUndefined();
		expect(await pollFor(trigger, 2)).toEqual([]);
	});

	test('a wrong agent ID fails activation with the parameter named, before any request', async () => {
		const trigger = new TriggerHarness({ event: 'newCall', filters: { agentId: byId('not-a-uuid') } }, fake);
		const run = await trigger.activate();
		expect(run.error?.message).toMatch(/^Agent: /);
		expect(fake.requests).toHaveLength(0);
	});

	test('Simplify off gives the record as Diga sends it; an unknown status counts as open', async () => {
		const trigger = await activated({ event: 'callEnded', simplify: false, options: { includeRecordingUrl: true } });
		const call = store.create({ status: 'ringing_again' });
		expect(await pollFor(trigger, 2)).toEqual([]);
		store.end(call);
		store.tick(MINUTE);
		const run = await trigger.poll();
		expect(run.items).toEqual([{ ...call, recording_url: `https://recordings.example.com/${call.id}.mp3` }]);
	});

	test("a final status of Diga's April 2026 API (no_answer) ends a call too", async () => {
		const trigger = await activated({ event: 'callEnded' });
		const call = store.create();
		expect(await pollFor(trigger, 1)).toEqual([]);
		call.status = 'no_answer';
		expect(await pollFor(trigger, 2)).toEqual([call.id]);
	});

	test("Diga's clock far from n8n's changes nothing: the window follows Diga's own timestamps", async () => {
		store.now = Date.parse('2031-05-01T12:00:00Z');
		const trigger = await activated({ event: 'callEnded' });
		const call = store.end(store.create());
		expect(await pollFor(trigger, 2)).toEqual([call.id]);
		const since = listRequests()
			.map((request) => request.query.get('start_created_date'))
			.filter((value): value is string => value !== null);
		expect(since.length).toBeGreaterThan(0);
		for (const value of since) expect(Date.parse(value)).toBeGreaterThan(Date.parse('2031-05-01T11:00:00Z'));
	});
});
