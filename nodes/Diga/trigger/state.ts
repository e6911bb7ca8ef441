import { digaTime, isEnded, type CallRecord, type TriggerEvent } from './call';

/*
 * What the trigger remembers between polls, and how one poll's reading of Diga turns into events.
 * Plain data and plain functions: no n8n, no requests, so every rule is tested without a server.
 *
 * Diga's list of calls can be filtered by creation time but not by when a call changed, and its
 * records carry `created_date` but no "updated" stamp. So:
 * - New calls come from a watermark on `created_date`, Diga's own clock (never n8n's, so clock skew
 *   between the two does not matter). Each poll reads the calls created since `floor` (the watermark
 *   minus a look-back that catches calls whose row became visible a little late) and `recent` holds
 *   the IDs already seen from `floor` on, so re-read calls are recognised.
 * - A call ends long after it was created, so Call Ended also keeps `open`: the calls seen in a state
 *   other than `completed` (an unknown status counts as open). Calls in the read window are decided
 *   from the list; older ones are re-read one by one, a bounded number per poll, in turn.
 * Every part is bounded: `recent` by the look-back (and a cap that raises `floor`), `open` by the calls
 * in progress at once (and a cap, past which the oldest are no longer watched, with a warning).
 */

export const LIMITS = {
	/** The largest page Diga serves for calls. */
	pageSize: 1000,
	/** Pages read per poll; a backlog larger than this is caught up over the next polls. */
	pageBudget: 5,
	/** Open calls older than the read window, re-read one by one per poll. */
	checkBudget: 25,
	/** Calls emitted per poll when each costs requests of its own (transcript, recording). */
	maxCostlyEvents: 500,
	lookBackMs: 5 * 60_000,
	/** Below pageBudget x pageSize, so a poll always gets past the calls it re-reads. */
	maxRecent: 1000,
	maxOpen: 500,
	/** A call still not completed this long after it was created is no longer watched. */
	maxOpenAgeMs: 24 * 60 * 60_000,
};

export interface CallState {
	version: 1;
	/** The event and filters this state was built for; another key starts afresh from "now". */
	key: string;
	/** Calls created before this instant (ms, Diga's clock) are settled; null: no call seen yet. */
	floor: number | null;
	/** The newest `created_date` seen (ms, Diga's clock). */
	watermark: number | null;
	/** Every call seen that was created at or after `floor`: ID -> created (ms). */
	recent: Record<string, number>;
	/** Call Ended only: calls seen open, [ID, created (ms)], the next to re-read first. */
	open: Array<[string, number]>;
}

export function isCallState(value: unknown, key: string): value is CallState {
	const state = value as CallState | undefined;
	return !!state && state.version === 1 && state.key === key && typeof state.recent === 'object' && Array.isArray(state.open);
}

/** A record's creation time; one Diga sent without a readable one is placed at `fallback`. */
const createdOf = (call: CallRecord, fallback: number): number => digaTime(call.created_date) ?? fallback;

/**
 * The state at activation, from the newest calls (newest first): no event for them, but the ones
 * still open are watched, so Call Ended reports a call that was in progress at activation when it ends.
 */
export function baseline(key: string, event: TriggerEvent, newest: CallRecord[]): PollOutcome {
	const times = newest.map((call) => createdOf(call, 0));
	const watermark = times.length > 0 ? Math.max(...times) : null;
	const state: CallState = { version: 1, key, floor: null, watermark, recent: {}, open: [] };
	newest.forEach((call, index) => {
		state.recent[call.id] = times[index];
		if (event === 'callEnded' && !isEnded(call)) state.open.push([call.id, times[index]]);
	});
	return settle(state, []);
}

export interface PollOutcome {
	state: CallState;
	/** The calls to emit, in the order they were found. */
	calls: CallRecord[];
	/** Open calls no longer watched (too many, or open too long): their end will not be emitted. */
	dropped: string[];
}

/** The calls that the list cannot decide this poll: open ones created before the read window. */
export function dueForCheck(state: CallState): string[] {
	const floor = state.floor;
	return state.open
		.filter(([, created]) => floor !== null && created < floor)
		.slice(0, LIMITS.checkBudget)
		.map(([id]) => id);
}

/**
 * Applies one poll: `listed` are the calls the list gave from `floor` on (oldest first), `checked`
 * the re-read open calls (undefined: Diga no longer has it). Past `maxEvents`, the rest of the list
 * is left for the next poll, which reads it again from the watermark reached here.
 */
export function advance(
	previous: CallState,
	event: TriggerEvent,
	listed: CallRecord[],
	checked: Map<string, CallRecord | undefined>,
	maxEvents = Infinity,
): PollOutcome {
	const floor = previous.floor;
	const recent = { ...previous.recent };
	const open = new Map(previous.open);
	const calls: CallRecord[] = [];
	let watermark = previous.watermark;
	for (const call of listed) {
		if (calls.length >= maxEvents) break;
		const created = createdOf(call, watermark ?? 0);
		if (floor !== null && created < floor) continue;
		const seen = call.id in recent;
		recent[call.id] = created;
		watermark = Math.max(watermark ?? created, created);
		if (event === 'newCall') {
			if (!seen) calls.push(call);
		} else if (isEnded(call)) {
			if (!seen || open.has(call.id)) calls.push(call);
			open.delete(call.id);
		} else if (!seen) {
			open.set(call.id, created);
		}
	}
	// Re-read calls go to the back of the line, so every open call gets its turn.
	for (const [id, call] of checked) {
		const created = open.get(id);
		if (created === undefined) continue;
		open.delete(id);
		if (call && isEnded(call)) calls.push(call);
		else if (call) open.set(id, created);
	}
	return settle({ ...previous, recent, watermark, open: [...open] }, calls);
}

/** Moves `floor` up to the look-back and within the caps, and forgets what falls below it. */
function settle(state: CallState, calls: CallRecord[]): PollOutcome {
	const { watermark } = state;
	if (watermark === null) return { state, calls, dropped: [] };
	let floor = Math.max(state.floor ?? -Infinity, watermark - LIMITS.lookBackMs);
	const newestFirst = Object.entries(state.recent).sort((a, b) => b[1] - a[1]);
	if (newestFirst.length > LIMITS.maxRecent) floor = Math.max(floor, newestFirst[LIMITS.maxRecent][1] + 1);
	const recent = Object.fromEntries(newestFirst.filter(([, created]) => created >= floor));
	const tooOld = watermark - LIMITS.maxOpenAgeMs;
	const young = state.open.filter(([, created]) => created >= tooOld);
	const kept = [...young].sort((a, b) => b[1] - a[1]).slice(0, LIMITS.maxOpen);
	const keptIds = new Set(kept.map(([id]) => id));
	const dropped = state.open.filter(([id]) => !keptIds.has(id)).map(([id]) => id);
	return { state: { ...state, floor, recent, open: young.filter(([id]) => keptIds.has(id)) }, calls, dropped };
}
