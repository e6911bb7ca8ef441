import type { IDataObject } from 'n8n-workflow';

/**
 * The bounds of the request options: the editor's fields show them and the router holds a run to
 * them, so the two can never disagree.
 */
export const OPTION_LIMITS = {
	concurrency: { default: 5, min: 1, max: 20 },
	maxRetries: { default: 3, min: 0, max: 10 },
	timeout: { default: 30_000, min: 1000, max: 600_000 },
	/** A downloaded file (a recording, a ZIP of recordings), in MB: an hour of call audio is tens of MB. */
	maxFileMb: { default: 256, min: 1, max: 4096 },
} as const;

export type LimitedOption = keyof typeof OPTION_LIMITS;

/** How the transport sends: plain values, so any n8n context (a trigger, a webhook) can pass its own. */
export interface RequestSettings {
	timeoutMs: number;
	maxRetries: number;
	/** Requests in flight at once, across every item and page of a run. */
	concurrency: number;
}

export const DEFAULT_SETTINGS: RequestSettings = {
	timeoutMs: OPTION_LIMITS.timeout.default,
	maxRetries: OPTION_LIMITS.maxRetries.default,
	concurrency: OPTION_LIMITS.concurrency.default,
};

/** An option as a whole number within its bounds; the default when it is not a number at all. */
export function bounded(name: LimitedOption, value: unknown): number {
	const { default: fallback, min, max } = OPTION_LIMITS[name];
	const number = Math.floor(Number(value ?? fallback));
	return Number.isFinite(number) ? Math.min(Math.max(number, min), max) : fallback;
}

/** The settings a node's Options collection asks for, each held to its bounds. */
export function settingsFrom(options: IDataObject): RequestSettings {
	return {
		timeoutMs: bounded('timeout', options.timeout),
		maxRetries: bounded('maxRetries', options.maxRetries),
		concurrency: bounded('concurrency', options.concurrency),
	};
}
