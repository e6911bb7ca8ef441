import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { redactedNode } from '../helpers/secrets';
import { hintFor, readFailure, type DigaFailure } from './errors';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface DigaRequest {
	method: IHttpRequestMethods;
	/** Path exactly as the contract writes it, e.g. `/v1/phone/`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * The request creates something (an imported number, a call). It is retried only when Diga cannot
	 * have acted on it, so a retry never imports a number or places a call twice.
	 */
	createsResource?: boolean;
}

export interface RequestSettings {
	timeoutMs: number;
	maxRetries: number;
}

export const DEFAULT_SETTINGS: RequestSettings = { timeoutMs: 30_000, maxRetries: 3 };

const RETRY_ALWAYS_STATUS = new Set([429]);
const RETRY_IF_SAFE_STATUS = new Set([502, 503, 504]);
// Refused connections and failed name lookups never reach Diga, so even an Import may be sent again.
const RETRY_ALWAYS_NETWORK = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
const RETRY_IF_SAFE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was closed while sending',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
};
const MAX_DELAY_MS = 30_000;
const BASE_DELAY_MS = 500;

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Honours Retry-After (seconds or an HTTP date); otherwise exponential backoff with full jitter. */
export function retryDelayMs(attempt: number, retryAfter?: string, now = Date.now()): number {
	if (retryAfter) {
		const seconds = Number(retryAfter);
		const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), MAX_DELAY_MS);
	}
	return Math.round(Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
}

function networkCode(error: unknown): string | undefined {
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

function header(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function describeAttempts(attempts: number): string {
	return attempts > 1 ? ` Gave up after ${attempts} attempts.` : '';
}

/** After a failure that Diga may have acted on, a create must not be blindly run again. */
function describeUncertainty(request: DigaRequest, sentAndUnanswered: boolean): string {
	return request.createsResource && sentAndUnanswered
		? ' Diga may have acted on the request before it failed: check whether the number was imported or the call placed (Get Many) before running this item again.'
		: '';
}

function apiError(ctx: Context, request: DigaRequest, failure: DigaFailure, attempts: number): NodeApiError {
	const label = failure.code ? `${failure.status} ${failure.code}` : `${failure.status}`;
	return new NodeApiError(redactedNode(ctx.getNode()), { message: failure.message, status: failure.status, code: failure.code ?? null } as JsonObject, {
		message: `Diga answered ${label}: ${failure.message}`,
		description: hintFor(failure) + describeUncertainty(request, failure.status >= 500) + describeAttempts(attempts),
		httpCode: String(failure.status),
	});
}

/**
 * Builds a fresh error from the network error's code alone: the original carries the request
 * configuration, and with it the Authorization header. The code stays out of the error and its
 * message, or n8n would swap the message for its own generic text.
 */
function networkError(ctx: Context, request: DigaRequest, code: string, attempts: number, timeoutMs: number): NodeApiError {
	const timedOut = TIMEOUT_CODES.has(code);
	const message = timedOut
		? `Diga did not answer within ${timeoutMs} ms`
		: `Could not reach Diga: ${NETWORK_FAILURES[code] ?? 'the network request failed'}`;
	const hint = timedOut
		? 'Raise the Timeout option, or try again later.'
		: 'Check the Base URL in the Diga API credential and the network connection of this n8n instance.';
	const sent = !RETRY_ALWAYS_NETWORK.has(code) && code !== 'ENOTFOUND';
	return new NodeApiError(redactedNode(ctx.getNode()), { message } as JsonObject, {
		message,
		description: hint + describeUncertainty(request, sent) + describeAttempts(attempts),
	});
}

/** The credential of a run, read once, and the Base URL it names. */
interface Account {
	credential: ICredentialsDecrypted;
	baseUrl: string;
}

/** The one place the node talks HTTP: authentication, timeout, retries and error mapping. */
async function send<T>(ctx: Context, { credential, baseUrl }: Account, request: DigaRequest, settings: RequestSettings): Promise<T> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	for (let attempt = 1; ; attempt++) {
		let response: FullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'digaApi', options, {
				credentialsDecrypted: credential,
			})) as FullResponse;
		} catch (error) {
			const code = networkCode(error) ?? 'ERROR';
			const retryable = RETRY_ALWAYS_NETWORK.has(code) || (!request.createsResource && RETRY_IF_SAFE_NETWORK.has(code));
			if (!retryable || attempt > settings.maxRetries) {
				throw networkError(ctx, request, code, attempt, settings.timeoutMs);
			}
			await sleep(retryDelayMs(attempt));
			continue;
		}
		const status = response.statusCode;
		if (status >= 200 && status < 300) return response.body as T;
		const retryable = RETRY_ALWAYS_STATUS.has(status) || (!request.createsResource && RETRY_IF_SAFE_STATUS.has(status));
		if (!retryable || attempt > settings.maxRetries) {
			throw apiError(ctx, request, readFailure(status, response.body), attempt);
		}
		await sleep(retryDelayMs(attempt, header(response.headers, 'retry-after')));
	}
}

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

export function digaClient(ctx: Context, settings: RequestSettings = DEFAULT_SETTINGS): DigaClient {
	// Read once per run and handed to every request: otherwise n8n loads and decrypts the credential
	// again for each one (a database read per request in a real n8n).
	let account: Promise<Account> | undefined;
	const readAccount = async () =>
		await (account ??= ctx.getCredentials<ICredentialDataDecryptedObject>('digaApi').then((data): Account => {
			const { id, name } = ctx.getNode().credentials?.digaApi ?? {};
			return {
				credential: { id: id ?? '', name: name ?? '', type: 'digaApi', data },
				baseUrl: String(data.baseUrl || 'https://api.diga.io').replace(/\/+$/, ''),
			};
		}));
	const client: DigaClient = {
		request: async (request) => await send(ctx, await readAccount(), request, settings),
		requestAll: async <T>(request: DigaRequest, pageSize: number, limit = Infinity) => {
			const results: T[] = [];
			let after: string | undefined;
			do {
				const qs: IDataObject = { ...request.qs, limit: Math.min(pageSize, limit - results.length) };
				if (after) qs.after = after;
				const page = await client.request<Page<T>>({ ...request, qs });
				// A cursor that does not move would repeat the same page for ever: the walk ends there.
				if (after !== undefined && page.last_id === after) break;
				const data = page.data ?? [];
				results.push(...data);
				after = page.has_more && data.length > 0 && page.last_id ? page.last_id : undefined;
			} while (after && results.length < limit);
			return results.slice(0, limit);
		},
	};
	return client;
}
