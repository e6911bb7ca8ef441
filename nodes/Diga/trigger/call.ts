import type { IDataObject } from 'n8n-workflow';

export { isEnded } from '../shared/calls';

/* What a call and its events are to the trigger, however the calls are found (polled today). */

export type TriggerEvent = 'callEnded' | 'newCall';

export type CallRecord = IDataObject & { id: string };

/** The statuses of a call still going on in Diga's current contract (its CallStatus, but `completed`). */
export const OPEN_STATUSES = ['dialing', 'in_queue', 'in_progress'];

/** Diga's date-times, as ms. A time without a zone is read as UTC, the same on every n8n server. */
export function digaTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value.trim()) ? value.trim() : `${value.trim()}Z`;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? ms : undefined;
}
