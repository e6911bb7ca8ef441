import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { digaClient, type RequestSettings } from '../shared/transport';
import type { CallRecord } from './call';

/** Diga's calls as the trigger reads them, through the Diga node's transport (retries, errors, paging). */
export interface CallSource {
	/** The calls matching the trigger's filters and `qs`, up to `max`, in pages of `pageSize`. */
	list(qs: IDataObject, max: number): Promise<CallRecord[]>;
	/** One call; undefined when Diga no longer has it. */
	get(id: string): Promise<CallRecord | undefined>;
	/** The call's transcript, oldest message first; empty when it has none. */
	messages(id: string): Promise<IDataObject[]>;
	recordingUrl(id: string): Promise<string | null>;
}

const MESSAGE_PAGE_SIZE = 1000;

const notFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

/** The transport's errors are NodeApiErrors already; only Diga's 404 becomes an answer. */
async function unless404<T>(request: Promise<T>, fallback: T): Promise<T> {
	return await request.catch((error: unknown) => {
		if (notFound(error)) return fallback;
		throw error;
	});
}

/** `filters`: the query every list request carries (agent, phone, direction). */
export function callSource(ctx: IPollFunctions, filters: IDataObject, settings: RequestSettings, pageSize: number): CallSource {
	const diga = digaClient(ctx, settings);
	return {
		list: async (qs, max) => await diga.requestAll<CallRecord>({ method: 'GET', path: '/v1/call/', qs: { ...filters, ...qs } }, pageSize, max),
		get: async (id) => await unless404(diga.request<CallRecord>({ method: 'GET', path: `/v1/call/${id}` }), undefined),
		messages: async (id) =>
			await unless404(diga.requestAll({ method: 'GET', path: `/v1/call/${id}/message`, qs: { order: 'asc' } }, MESSAGE_PAGE_SIZE), []),
		recordingUrl: async (id) => {
			const answer = await unless404(diga.request<IDataObject>({ method: 'GET', path: `/v1/recording/${id}` }), {});
			return typeof answer.recording_url === 'string' ? answer.recording_url : null;
		},
	};
}
