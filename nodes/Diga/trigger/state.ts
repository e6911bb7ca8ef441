import { digaTime, isEnded, type CallRecord, type TriggerEvent } from './call';

/*
 * What the trigger remembers between polls, and how one poll's reading of Diga turns into events.
 * Plain data and plain functions: no n8n, no requests, so every rule is tested without a server.
 *
 * Diga's list of calls can be filtered by creation time and status but not by when a call changed,
 * and its records carry `created_date` but no "updated" stamp. So:
 * - New calls come from a watermark on `created_date`, Diga's own clock (never n8n's, so clock skew
 *   between the two does not matter). Each poll reads the calls created since `floor` (the watermark
 *   minus a look-back that catches calls whose row became visible a little late) and `recent` holds
 *   the IDs already seen from `floor` on, so re-read calls are recognised.
 * - A call ends long after it was created, so Call Ended also keeps `open`: the calls seen in a state
 *   other than ended (an unknown status counts as open). Calls in the read window are decided from
 *   the list; older ones from lists by status (the poll finds which of them left Diga's open
 *   statuses and reads those as completed), so any number of them costs a few requests.
 * - A poll may stop early (a cap on events, a page budget, a time budget): the calls it did not get
 *   to are "pending", and `floor` never rises past the first of them, so the next poll reads them
 *   again. No cap can skip a call that is still to be emitted.
 * - Emitting is all or nothing per call, in order: `advance` with `maxEvents = n` gives exactly the
 *   first n calls of the same reading, so a poll that built only n items stores the state for n.
 * Every part is bounded: `recent` by the look-back (and a cap that raises `floor`, never past a
 * pending call), `open` by the calls in progress at once (and a cap, past which the oldest are no
 * longer watched, with a warning).
 */

export const LIMITS = {
	/** The largest page Diga serves for calls. */
	pageSize: 1000,
	/** Pages of calls not seen before read per poll; a larger backlog is caught up over the next polls. */
	pageBudget: 5,
	/** Old open calls that left the open statuses but are not listed as completed, re-read one by one per poll. */
	checkBudget: 25,
	/** Calls emitted per poll when each costs requests of its own (transcript, recording). */
	maxCostlyEvents: 500,
	/** Time a poll spends on transcripts and recordings before it leaves the other calls to the next poll. */
	itemBudgetMs: 30_000,
	lookBackMs: 5 * 60_000,
	maxRecent: 1000,
	maxOpen: 500,
	/** A call still not ended this long after it was created is no longer watched. */
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

export interface PollOutcome {
	state: CallState;
	/** The calls to emit, in the order they were found. */
	calls: CallRecord[];
	/** Open calls no longer watched (too many, or open too long): their end will not be emitted. */
	dropped: string[];
}

/**
 * The state at activation: `newest` are the newest calls (newest first, a page), `open` the calls Diga lists
 * in an open status. No event for any of them, but the open ones are watched (Call Ended), so a call
 * in progress at activation is reported when it ends, however many calls came after it.
 */
export function baseline(key: string, event: TriggerEvent, newest: CallRecord[], open: CallRecord[] = []): PollOutcome {
	const times = newest.map((call) => createdOf(call, 0));
	const watermark = times.length > 0 ? Math.max(...times) : null;
	// A full page may stop inside a group of calls sharing its oldest time: those are history too.
	const floor = newest.length >= LIMITS.pageSize ? Math.min(...times) + 1 : null;
	const state: CallState = { version: 1, key, floor, watermark, recent: {}, open: [] };
	newest.forEach((call, index) => (state.recent[call.id] = times[index]));
	if (event === 'callEnded') {
		const watched = new Map<string, number>();
		for (const call of [...newest, ...open]) if (!isEnded(call)) watched.set(call.id, createdOf(call, watermark ?? 0));
		for (const [id, created] of watched) state.recent[id] = created;
		state.open = [...watched];
	}
	return settle(state, []);
}

/** Open calls created before the read window: the list from `floor` does not show them. */
export function oldOpen(state: CallState): Array<[string, number]> {
	const floor = state.floor;
	return floor === null ? [] : state.open.filter(([, created]) => created < floor);
}

export interface Reading {
	/** The calls the list gave from `floor` on, oldest first. */
	listed: CallRecord[];
	/** Whether the list has more calls than `listed` (the poll stopped at its page budget). */
	more?: boolean;
	/** Old open calls read again: the record, or undefined when Diga no longer has the call. */
	checked?: Map<string, CallRecord | undefined>;
}

/**
 * Applies one poll's reading. Ended old open calls come first, then the list in order; past
 * `maxEvents`, the rest is pending and read again by the next poll.
 */
export function advance(previous: CallState, event: TriggerEvent, reading: Reading, maxEvents = Infinity): PollOutcome {
	const floor = previous.floor;
	const recent = { ...previous.recent };
	const open = new Map(previous.open);
	const calls: CallRecord[] = [];
	for (const [id, call] of reading.checked ?? []) {
		const created = open.get(id);
		if (created === undefined || (call && isEnded(call) && calls.length >= maxEvents)) continue;
		open.delete(id);
		if (call && isEnded(call)) calls.push(call);
		// Re-read calls still open go to the back of the line, so every one gets its turn.
		else if (call) open.set(id, created);
	}
	let watermark = previous.watermark;
	let pending: number | undefined;
	for (const call of reading.listed) {
		const created = createdOf(call, watermark ?? 0);
		if (calls.length >= maxEvents) {
			pending = created;
			break;
		}
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
	const last = reading.listed[reading.listed.length - 1];
	if (pending === undefined && reading.more && last) pending = createdOf(last, watermark ?? 0);
	return settle({ ...previous, recent, watermark, open: [...open] }, calls, pending);
}

/**
 * Moves `floor` up to the look-back and within the cap on `recent` (never past `pending`, the first
 * call still to be read), forgets what falls below it, and bounds `open`.
 */
function settle(state: CallState, calls: CallRecord[], pending = Infinity): PollOutcome {
	const { watermark } = state;
	if (watermark === null) return { state, calls, dropped: [] };
	let floor = Math.max(state.floor ?? -Infinity, watermark - LIMITS.lookBackMs);
	const newestFirst = Object.entries(state.recent).sort((a, b) => b[1] - a[1]);
	if (newestFirst.length > LIMITS.maxRecent) floor = Math.max(floor, Math.min(newestFirst[LIMITS.maxRecent][1] + 1, pending));
	const recent = Object.fromEntries(newestFirst.filter(([, created]) => created >= floor));
	const tooOld = watermark - LIMITS.maxOpenAgeMs;
	const young = state.open.filter(([, created]) => created >= tooOld);
	const kept = [...young].sort((a, b) => b[1] - a[1]).slice(0, LIMITS.maxOpen);
	const keptIds = new Set(kept.map(([id]) => id));
	const dropped = state.open.filter(([id]) => !keptIds.has(id)).map(([id]) => id);
	return { state: { ...state, floor, recent, open: young.filter(([id]) => keptIds.has(id)) }, calls, dropped };
}
