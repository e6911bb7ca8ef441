/**
 * The Diga Trigger in n8n's engine (n8n-core's PollTriggerExecutor and PollContext), against a Diga
 * whose calls are created and end while the test runs. n8n saves the static data after activation
 * and after a poll that emitted; `restart()` drops everything else, as a real restart does.
 */
import type { IDataObject } from 'n8n-workflow';

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

beforeAll(async () => (fake = await startFakeDiga((request) => fault?.(request) ?? store.handle(request))));
afterAll(async () => await fake.stop());
beforeEach(() => {
	store = new CallStore();
	fault = undefined;
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
		// Long out of the list's window, it was re-read on its own.
		expect(fake.requests.some((request) => request.path === `/v1/call/${long.id}`)).toBe(true);
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

	test('a transcript that cannot be read fails the poll before anything is emitted; the next poll emits every call once', async () => {
		const trigger = await activated({ event: 'callEnded', options: { maxRetries: 0, includeTranscript: true } });
		const calls = spread(30, 10).map((call) => store.end(call));
		let reads = 0;
		fault = (request) => (request.path.endsWith('/message') && reads++ === 20 ? { status: 500, body: { status: 'error', message: 'Boom' } } : undefined);
		store.tick(MINUTE);
		const failed = await trigger.poll();
		expect(failed.error?.message).toContain('Boom');
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
