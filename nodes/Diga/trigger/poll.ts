import type { IDataObject } from 'n8n-workflow';

import type { CallRecord, TriggerEvent } from './call';
import type { CallSource } from './source';
import { advance, baseline, dueForCheck, isCallState, LIMITS, type PollOutcome } from './state';

/** Diga may compare `start_created_date` strictly: ask from a second earlier; `advance` drops what is older than `floor`. */
const SLACK_MS = 1000;

/**
 * One scheduled poll: at most `pageBudget` pages of the list plus `checkBudget` single reads, and
 * `maxEvents` calls emitted. With no state (first activation, or another event or filters), it only
 * takes note of where "now" is.
 */
export async function pollCalls(source: CallSource, stored: unknown, event: TriggerEvent, key: string, maxEvents = Infinity): Promise<PollOutcome> {
	if (!isCallState(stored, key)) {
		return baseline(key, event, await source.list({ order: 'desc' }, LIMITS.pageSize));
	}
	const qs: IDataObject = { order: 'asc' };
	if (stored.floor !== null) qs.start_created_date = new Date(stored.floor - SLACK_MS).toISOString();
	const listed = await source.list(qs, LIMITS.pageSize * LIMITS.pageBudget);
	const checked = new Map<string, CallRecord | undefined>();
	for (const id of dueForCheck(stored)) checked.set(id, await source.get(id));
	return advance(stored, event, listed, checked, maxEvents);
}

/** Fetch Test Event: the latest call the trigger would have emitted, so its fields can be mapped. */
export async function latestCall(source: CallSource, event: TriggerEvent): Promise<CallRecord | undefined> {
	const [call] = await source.list(event === 'callEnded' ? { order: 'desc', status: 'completed' } : { order: 'desc' }, 1);
	return call;
}
