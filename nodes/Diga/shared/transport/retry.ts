/** When a failed request is sent again, and how long to wait first. */

export const RETRY_ALWAYS_STATUS = new Set([429]);
export const RETRY_IF_SAFE_STATUS = new Set([502, 503, 504]);
// Refused connections and failed name lookups never reach Diga, so even an Import may be sent again.
export const RETRY_ALWAYS_NETWORK = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
export const RETRY_IF_SAFE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);
const MAX_DELAY_MS = 30_000;
const BASE_DELAY_MS = 500;

/** The wait a Retry-After header asks for (seconds or an HTTP date); undefined when absent, unreadable or negative. */
export function retryAfterMs(retryAfter: string | undefined, now = Date.now()): number | undefined {
	const value = retryAfter?.trim();
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(date - now, 0) : undefined;
}

/** Honours Retry-After; otherwise exponential backoff with full jitter. */
export function retryDelayMs(attempt: number, retryAfter?: string, now = Date.now()): number {
	return retryAfterMs(retryAfter, now) ?? Math.round(Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
}

/** The network error code (`ECONNRESET`...) anywhere in an error's cause chain. */
export function networkCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		if (typeof current.message === 'string' && /timeout of \d+ms exceeded/.test(current.message)) return 'ETIMEDOUT';
		current = current.cause as typeof current;
	}
	return undefined;
}

/** At most `limit` callers inside at once; the others wait in line. */
export function gate(limit: number) {
	let inside = 0;
	const queue: Array<() => void> = [];
	return async <T>(task: () => Promise<T>): Promise<T> => {
		if (inside >= limit) await new Promise<void>((resolve) => queue.push(resolve));
		else inside++;
		try {
			return await task();
		} finally {
			const next = queue.shift();
			if (next) next();
			else inside--;
		}
	};
}

export type Gate = ReturnType<typeof gate>;
