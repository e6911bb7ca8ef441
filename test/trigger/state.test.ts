/**
 * The trigger's bookkeeping without n8n: Diga's times, and a model-based property test that drives
 * random histories (calls created and ended, Diga's clock moving, polls, outages, n8n restarts that
 * lose what was not saved) through `pollCalls` against the living fake Diga, answered in-process.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { pollCalls } from '../../nodes/Diga/trigger/poll';
import type { CallSource } from '../../nodes/Diga/trigger/source';
import { digaTime, type CallRecord, type TriggerEvent } from '../../nodes/Diga/trigger/call';
import type { CallState } from '../../nodes/Diga/trigger/state';
import { CallStore, type Call } from '../support/fake-calls';

describe('digaTime', () => {
	test('reads offsets, and a time without one as UTC whatever the machine zone', () => {
		expect(digaTime('2026-07-22T10:00:00Z')).toBe(Date.UTC(2026, 6, 22, 10));
		expect(digaTime('2026-07-22T12:00:00+02:00')).toBe(Date.UTC(2026, 6, 22, 10));
		expect(digaTime('2026-07-22T10:00:00.123456')).toBe(Date.UTC(2026, 6, 22, 10, 0, 0, 123));
		expect(digaTime('not a date')).toBeUndefined();
		expect(digaTime(null)).toBeUndefined();
	});
});

class Outage extends Error {}

/** The fake's answers, in-process; `down` makes every request fail as an outage would. */
function sourceFor(store: CallStore, world: { down: boolean }, pageSize: number): CallSource {
	const get = (path: string, query: Record<string, string> = {}) => {
		if (world.down) throw new Outage('Diga is down');
		const reply = store.handle({ method: 'GET', path, query: new URLSearchParams(query), headers: {}, body: undefined });
		return reply.status && reply.status >= 400 ? undefined : (reply.body as IDataObject);
	};
	return {
		list: async (qs, max) => {
			const records: CallRecord[] = [];
			let after: string | undefined;
			do {
				const query = Object.fromEntries(Object.entries(qs).map(([key, value]) => [key, String(value)]));
				const page = get('/v1/call/', { ...query, limit: String(Math.min(pageSize, max - records.length)), ...(after ? { after } : {}) });
				records.push(...((page?.data ?? []) as CallRecord[]));
				after = page?.has_more ? (page.last_id as string) : undefined;
			} while (after && records.length < max);
			return records;
		},
		get: async (id) => get(`/v1/call/${id}`) as CallRecord | undefined,
		messages: async () => [],
		recordingUrl: async () => null,
	};
}

type Action =
	| { kind: 'create'; count: number; status: string }
	| { kind: 'late'; lagMs: number }
	| { kind: 'end'; pick: number }
	| { kind: 'tick'; ms: number }
	| { kind: 'poll' }
	| { kind: 'outage' }
	| { kind: 'restart' };

const action: fc.Arbitrary<Action> = fc.oneof(
	fc.record({ kind: fc.constant('create' as const), count: fc.integer({ min: 1, max: 10 }), status: fc.constantFrom('dialing', 'in_queue', 'in_progress', 'voicemail') }),
	// A call whose row shows up in the list a little after its created_date (within the look-back).
	fc.record({ kind: fc.constant('late' as const), lagMs: fc.integer({ min: 0, max: 4 * 60_000 }) }),
	fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }),
	fc.record({ kind: fc.constant('tick' as const), ms: fc.oneof(fc.integer({ min: 0, max: 90_000 }), fc.integer({ min: 0, max: 30 * 60_000 })) }),
	fc.constant({ kind: 'poll' as const }),
	fc.constant({ kind: 'outage' as const }),
	fc.constant({ kind: 'restart' as const }),
);

/** Runs a history; returns what was emitted and which calls had to be. */
async function play(event: TriggerEvent, before: Action[], after: Action[], pageSize: number, maxEvents: number) {
	const store = new CallStore();
	const world = { down: false };
	const source = sourceFor(store, world, pageSize);
	const key = JSON.stringify({ event });
	let memory: CallState | undefined;
	let saved: string | undefined;
	const emitted: string[] = [];
	const poll = async () => {
		try {
			const { outcome } = await pollCalls(source, memory, event, key, maxEvents);
			memory = outcome.state;
			if (outcome.calls.length > 0 || saved === undefined) saved = JSON.stringify(outcome.state);
			emitted.push(...outcome.calls.map((call) => call.id));
		} catch (error) {
			// Only the outages the history injects may fail a poll.
			expect(error).toBeInstanceOf(Outage);
		}
	};
	const apply = async (step: Action) => {
		const open = store.calls.filter((call) => call.status !== 'completed');
		if (step.kind === 'create') store.createMany(step.count, { status: step.status }).forEach((call, i) => (call.created_date = new Date(store.now + i).toISOString()));
		if (step.kind === 'late') store.create({ created_date: new Date(store.now - step.lagMs).toISOString() });
		if (step.kind === 'end' && open.length > 0) store.end(open[step.pick % open.length]);
		if (step.kind === 'tick') store.tick(step.ms);
		if (step.kind === 'poll') await poll();
		if (step.kind === 'outage') {
			world.down = true;
			await poll();
			world.down = false;
		}
		if (step.kind === 'restart') memory = saved === undefined ? undefined : (JSON.parse(saved) as CallState);
	};
	for (const step of before) await apply(step);
	await poll();
	const activationFailed = memory === undefined;
	const endedBefore = new Set(store.calls.filter((call) => call.status === 'completed').map((call) => call.id));
	const existedBefore = new Set(store.calls.map((call) => call.id));
	for (const step of after) await apply(step);
	// Let every call end, then poll until the trigger has caught up.
	for (const call of store.calls.filter((candidate) => candidate.status !== 'completed')) store.end(call as Call);
	for (let quiet = 0, polls = 0; quiet < 3 && polls < 1000; polls++) {
		store.tick(60_000);
		const before = emitted.length;
		await poll();
		quiet = emitted.length === before ? quiet + 1 : 0;
	}
	const due = store.calls
		.filter((call) => (event === 'newCall' ? !existedBefore.has(call.id) : !endedBefore.has(call.id)))
		.map((call) => call.id);
	return { emitted, due, activationFailed, state: memory };
}

describe.each<TriggerEvent>(['callEnded', 'newCall'])('%s over random histories', (event) => {
	test('every due call is emitted exactly once, and no other', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(action, { maxLength: 8 }), fc.array(action, { maxLength: 40 }), fc.constantFrom(7, 1000), fc.constantFrom(Infinity, 3), async (before, after, pageSize, maxEvents) => {
				const history = before.filter((step) => ['create', 'end', 'tick'].includes(step.kind));
				const { emitted, due, activationFailed } = await play(event, history, after, pageSize, maxEvents);
				expect(activationFailed).toBe(false);
				expect(new Set(emitted).size).toBe(emitted.length);
				expect([...emitted].sort()).toEqual([...due].sort());
			}),
			{ numRuns: 150 },
		);
	});
});
