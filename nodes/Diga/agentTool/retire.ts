import { sleep } from 'n8n-workflow';

import type { Registration } from './registration';

/**
 * n8n 2.41 takes a changed trigger down (`delete`, with the old fields) before it puts the new version
 * up (`create`), and calls `delete` after a failed `create` before it tries again (1, 2, 4, 8 s later).
 * Removing the tool at once would give it new IDs on every edit, and a published agent version keeps
 * only the IDs it was published with. So `delete` retires a registration: it is removed this long after,
 * unless a `create` of the same trigger takes it back first.
 */
export const RETIRE_GRACE_MS = 20_000;

interface Retiring {
	registration: Registration;
	cancel: AbortController;
}

const retiring = new Map<string, Retiring>();

/** Removes `registration` after the grace period unless `reclaim(key)` comes first; `failed` hears why a removal failed. */
export function retire(key: string, registration: Registration, remove: () => Promise<void>, failed: (error: unknown) => void): void {
	retiring.get(key)?.cancel.abort();
	const entry: Retiring = { registration, cancel: new AbortController() };
	retiring.set(key, entry);
	void sleep(RETIRE_GRACE_MS, entry.cancel.signal).then(
		async () => {
			if (retiring.get(key) !== entry) return;
			retiring.delete(key);
			await remove().catch(failed);
		},
		// Aborted: a create took the registration back.
		() => undefined,
	);
}

/** The registration `key` retired and not yet removed, taken back so nothing removes it. */
export function reclaim(key: string): Registration | undefined {
	const entry = retiring.get(key);
	if (!entry) return undefined;
	entry.cancel.abort();
	retiring.delete(key);
	return entry.registration;
}
