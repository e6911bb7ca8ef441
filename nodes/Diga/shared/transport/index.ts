import type { IDataObject } from 'n8n-workflow';

import { credentialOnce, type DigaContext, type DigaRequest } from './context';
import { pagingWording } from './errors';
import { DEFAULT_SETTINGS, type RequestSettings } from './limits';
import { gate } from './retry';
import { type Account, apiError, checkedBaseUrl, send } from './send';

export { credentialOnce, type Answer, type DigaContext, type DigaRequest, type Effect } from './context';
export { bounded, DEFAULT_SETTINGS, OPTION_LIMITS, settingsFrom, type RequestSettings } from './limits';
export { retryAfterMs, retryDelayMs } from './retry';
export { apiError, checkedBaseUrl, digaFailureOf, refusedBaseUrl, safeBaseUrl } from './send';
export { download, safeLink, type DownloadLimits, type Downloaded } from './download';

export interface Page<T> {
	data?: T[];
	has_more?: boolean;
	last_id?: string | null;
}

export interface DigaClient {
	request<T = IDataObject>(request: DigaRequest): Promise<T>;
	/**
	 * Walks Diga's cursor (`after=<last_id>` while `has_more`). With a limit it asks only for what is
	 * still missing, so it never fetches a page it will not use.
	 */
	requestAll<T = IDataObject>(request: DigaRequest, pageSize: number, limit?: number): Promise<T[]>;
}

/** What an operation prepared for one item: everything validated, only the requests left to send. */
export type Send = (diga: DigaClient) => Promise<IDataObject | IDataObject[]>;

/** More pages than any Diga project fills (1,000 pages: 100,000 phones or 1,000,000 calls). */
const MAX_PAGES = 1000;

async function readAccount(ctx: DigaContext): Promise<Account> {
	const data = await credentialOnce(ctx, 'digaApi');
	const { id, name } = ctx.getNode().credentials?.digaApi ?? {};
	return { credential: { id: id ?? '', name: name ?? '', type: 'digaApi', data }, baseUrl: checkedBaseUrl(ctx, data.baseUrl) };
}

/**
 * Diga's API for any n8n context with `helpers.httpRequestWithAuthentication` and `getNode`: the
 * node, its pickers, a polling trigger or a webhook. `settings` are plain values (timeout, retries,
 * concurrency), so each caller passes its own.
 */
export function digaClient(ctx: DigaContext, settings: RequestSettings = DEFAULT_SETTINGS): DigaClient {
	const inLine = gate(settings.concurrency);
	const pagingError = (request: DigaRequest, problem: string) => apiError(ctx, pagingWording(request.path, problem));
	const client: DigaClient = {
		request: async (request) => await send(ctx, await readAccount(ctx), request, settings, inLine),
		requestAll: async <T>(request: DigaRequest, pageSize: number, limit = Infinity) => {
			const results: T[] = [];
			const seen = new Set<string>();
			let after: string | undefined;
			do {
				if (seen.size >= MAX_PAGES) throw pagingError(request, `went on past ${MAX_PAGES} pages`);
				const qs: IDataObject = { ...request.qs, limit: Math.min(pageSize, limit - results.length) };
				if (after) qs.after = after;
				const page = await client.request<Page<T>>({ ...request, qs, answer: 'list' });
				// A page that ends at the cursor it was asked with has nothing after it (a mock's endless list).
				if (after !== undefined && page.last_id === after) break;
				const data = page.data ?? [];
				results.push(...data);
				after = undefined;
				if (page.has_more && data.length > 0) {
					if (!page.last_id) throw pagingError(request, 'says it has more pages but gives no cursor (last_id) to reach them');
					// A cursor seen before would walk the same pages for ever.
					if (seen.has(page.last_id)) throw pagingError(request, `came back to a page it had already given (cursor ${page.last_id})`);
					seen.add(page.last_id);
					after = page.last_id;
				}
			} while (after && results.length < limit);
			return results.slice(0, limit);
		},
	};
	return client;
}
