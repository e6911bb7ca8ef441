import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { OPEN_STATUSES, type CallRecord, type TriggerEvent } from './call';
import type { CallSource } from './source';
import { advance, baseline, isCallState, LIMITS, oldOpen, type CallState, type PollOutcome } from './state';

/** Diga may compare creation dates strictly: ask from a second earlier; `advance` drops what is older than `floor`. */
const SLACK_MS = 1000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Open statuses that Diga's April 2026 API does not have: there, a list by one of them is refused
 * (422, an unknown status value), which means no call can be in it.
 */
const NEWER_STATUSES = new Set(['in_queue']);

function refusedAsUnknown(error: unknown): CallRecord[] {
	if (error instanceof NodeApiError && error.httpCode === '422') return [];
	throw error;
}

/** One poll's plan: what to emit, and the same reading cut to its first `n` events. */
export interface PollPlan {
	outcome: PollOutcome;
	firstEvents(n: number): PollOutcome;
}

/** Calls Diga lists in an open status, created between `from` and `to` (ms; either may be absent). */
async function listOpen(source: CallSource, from?: number, to?: number): Promise<CallRecord[]> {
	const range: IDataObject = {};
	if (from !== undefined) range.start_created_date = iso(from - SLACK_MS);
	if (to !== undefined) range.end_created_date = iso(to + SLACK_MS);
	const open: CallRecord[] = [];
	for (const status of OPEN_STATUSES) {
		const listed = source.list({ order: 'asc', status, ...range }, LIMITS.pageSize * LIMITS.pageBudget);
		open.push(...(NEWER_STATUSES.has(status) ? await listed.catch(refusedAsUnknown) : await listed));
	}
	return open;
}

/**
 * The watched calls older than the read window that ended: those that left Diga's open statuses are
 * read from the list of completed calls of their creation range; any not there (deleted, or a final
 * status other than `completed`) one by one, a bounded number per poll, in turn.
 */
async function recheckOld(source: CallSource, state: CallState): Promise<Map<string, CallRecord | undefined>> {
	const checked = new Map<string, CallRecord | undefined>();
	const old = oldOpen(state);
	if (old.length === 0) return checked;
	const times = old.map(([, created]) => created);
	const stillOpen = new Set((await listOpen(source, Math.min(...times), Math.max(...times))).map((call) => call.id));
	const left = old.filter(([id]) => !stillOpen.has(id));
	if (left.length === 0) return checked;
	const leftTimes = left.map(([, created]) => created);
	const range = { start_created_date: iso(Math.min(...leftTimes) - SLACK_MS), end_created_date: iso(Math.max(...leftTimes) + SLACK_MS) };
	const completed = new Map((await source.list({ order: 'asc', status: 'completed', ...range }, LIMITS.pageSize * LIMITS.pageBudget)).map((call) => [call.id, call]));
	let reads = 0;
	for (const [id] of left) {
		if (completed.has(id)) checked.set(id, completed.get(id));
		else if (reads++ < LIMITS.checkBudget) checked.set(id, await source.get(id));
	}
	return checked;
}

/**
 * One scheduled poll: the calls created since `floor` (pages of calls not seen before, within a
 * budget) and, for Call Ended, the old open calls that ended; at most `maxEvents` events. With no
 * state (first activation, or another event or filters), it only takes note of where "now" is.
 */
export async function pollCalls(source: CallSource, stored: unknown, event: TriggerEvent, key: string, maxEvents = Infinity): Promise<PollPlan> {
	if (!isCallState(stored, key)) {
		const newest = await source.list({ order: 'desc' }, LIMITS.pageSize);
		const outcome = baseline(key, event, newest, event === 'callEnded' ? await listOpen(source) : []);
		return { outcome, firstEvents: () => outcome };
	}
	const qs: IDataObject = { order: 'asc' };
	if (stored.floor !== null) qs.start_created_date = iso(stored.floor - SLACK_MS);
	// The calls seen since `floor` come again first; the budget is for the ones after them.
	const max = Object.keys(stored.recent).length + LIMITS.pageSize * LIMITS.pageBudget;
	const listed = await source.list(qs, max);
	const reading = { listed, more: listed.length >= max, checked: event === 'callEnded' ? await recheckOld(source, stored) : undefined };
	return { outcome: advance(stored, event, reading, maxEvents), firstEvents: (n) => advance(stored, event, reading, Math.min(n, maxEvents)) };
}

/** Fetch Test Event: the latest call the trigger would have emitted, so its fields can be mapped. */
export async function latestCall(source: CallSource, event: TriggerEvent): Promise<CallRecord | undefined> {
	const [call] = await source.list(event === 'callEnded' ? { order: 'desc', status: 'completed' } : { order: 'desc' }, 1);
	return call;
}
