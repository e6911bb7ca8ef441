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
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { SAFE_BASE_URL } from '../../../credentials/DigaApi.credentials';
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
	/**
	 * The shape of Diga's answer: a JSON object (the default), a list page (`{data: [...]}`), a plain
	 * array, or nothing (204). Any other 2xx did not come from Diga's API and is an error. `file`: the
	 * body's bytes as a Buffer, whatever they are (a ZIP); the caller checks them.
	 */
	answer?: Answer;
}

export type Answer = 'object' | 'list' | 'array' | 'empty' | 'file';

export interface RequestSettings {
	timeoutMs: number;
	maxRetries: number;
	/** Requests in flight at once, across every item and page of a run. */
	concurrency: number;
}

export const DEFAULT_SETTINGS: RequestSettings = { timeoutMs: 30_000, maxRetries: 3, concurrency: 5 };

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

function apiError(ctx: Context, request: DigaRequest, failure: DigaFailure, attempts: number, askedWaitSeconds?: number): NodeApiError {
	const label = failure.code ? `${failure.status} ${failure.code}` : `${failure.status}`;
	const hint = askedWaitSeconds
		? `Diga asks to wait ${askedWaitSeconds} s before the next request, longer than the Timeout option allows. Run again later, or raise Timeout above that wait.`
		: hintFor(failure, `${request.method} ${request.path}`);
	return new NodeApiError(ctx.getNode(), { message: failure.message, status: failure.status, code: failure.code ?? null } as JsonObject, {
		message: `Diga answered ${label}: ${failure.message}`,
		description: hint + describeUncertainty(request, failure.status >= 500) + describeAttempts(attempts),
		httpCode: String(failure.status),
	});
}

const CHECK_BASE_URL = 'Check the Base URL in the Diga API credential: https://api.diga.io for Diga itself.';

/** A 2xx that is not Diga's JSON: a dashboard, a captive portal or another service at the Base URL. */
function notDiga(ctx: Context, request: DigaRequest, baseUrl: string, status: number, contentType: string | undefined): NodeApiError {
	const message = `${baseUrl} does not answer like Diga's API: ${request.method} ${request.path} returned ${status} ${contentType ? `with ${contentType.split(';')[0]}` : 'without'} where Diga sends JSON`;
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: `${CHECK_BASE_URL} The answer was not used.${describeUncertainty(request, true)}`,
		httpCode: String(status),
	});
}

/** Diga's API has no redirects; one means the Base URL points elsewhere, and it is not followed. */
function redirected(ctx: Context, baseUrl: string, status: number, location: string | undefined): NodeApiError {
	let target = 'no location';
	try {
		target = location ? new URL(location, baseUrl).host : target;
	} catch {
		target = 'an unreadable location';
	}
	const message = `${baseUrl} answered ${status}, a redirect to ${target}: Diga's API does not redirect, so it was not followed`;
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: `Neither the API key nor the request was sent to ${target}. ${CHECK_BASE_URL}`,
		httpCode: String(status),
	});
}

/** The Base URL, refused unless it is https (or http on this machine, for test servers): the key travels with every request. */
export function checkedBaseUrl(ctx: Context, value: unknown): string {
	const text = String(value || 'https://api.diga.io').trim();
	if (new RegExp(SAFE_BASE_URL).test(text)) return text.replace(/\/+$/, '');
	const shown = text.replace(/\/\/[^/]*@/, '//***@');
	throw new NodeOperationError(ctx.getNode(), `The Base URL of the Diga API credential must start with https:// (it is "${shown}")`, {
		description:
			'Open the Diga API credential and set Base URL to https://api.diga.io, or to another https:// address without a user name or password in it. Plain http:// is accepted only for test servers on this machine (localhost, 127.x.x.x, [::1]), because the API key travels with every request. Nothing was sent.',
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
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: hint + describeUncertainty(request, sent) + describeAttempts(attempts),
	});
}

/** The credential of a run, read once, and the Base URL it names. */
interface Account {
	credential: ICredentialsDecrypted;
	baseUrl: string;
}

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const ANSWER_CHECKS: Record<Answer, (body: unknown) => boolean> = {
	object: isObject,
	list: (body) => isObject(body) && Array.isArray(body.data),
	array: Array.isArray,
	empty: (body) => body === undefined || body === null || body === '' || isObject(body),
	file: (body) => body instanceof Buffer,
};

/** A failed file request's body as JSON when it is JSON, so Diga's error message still comes through. */
function parsedBody(body: unknown): unknown {
	if (!(body instanceof Buffer)) return body;
	try {
		return JSON.parse(body.toString('utf8')) as unknown;
	} catch {
		return body.toString('utf8');
	}
}

/** At most `limit` callers inside at once; the others wait in line. */
function gate(limit: number) {
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

type Gate = ReturnType<typeof gate>;

/** The one place the node talks HTTP: authentication, timeout, retries and error mapping. */
async function send<T>(ctx: Context, account: Account, request: DigaRequest, settings: RequestSettings, inLine: Gate): Promise<T> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${account.baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Diga's API never redirects: following one would hand the key and the body to another host.
		disableFollowRedirect: true,
		...(request.answer === 'file' ? { json: false, encoding: 'arraybuffer', headers: { accept: 'application/zip, application/octet-stream, application/json' } } : {}),
	};
	// An attempt failed in a way Diga may have acted on (a gateway error, a reset, a timeout).
	let mayHaveActed = false;
	for (let attempt = 1; ; attempt++) {
		let response: FullResponse;
		try {
			response = await inLine(
				async () =>
					(await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'digaApi', options, {
						credentialsDecrypted: account.credential,
					})) as FullResponse,
			);
		} catch (error) {
			const code = networkCode(error) ?? 'ERROR';
			const retryable = RETRY_ALWAYS_NETWORK.has(code) || (!request.createsResource && RETRY_IF_SAFE_NETWORK.has(code));
			if (!retryable || attempt > settings.maxRetries) {
				throw networkError(ctx, request, code, attempt, settings.timeoutMs);
			}
			mayHaveActed ||= RETRY_IF_SAFE_NETWORK.has(code);
			await sleep(retryDelayMs(attempt));
			continue;
		}
		const status = response.statusCode;
		if (status >= 200 && status < 300) {
			if (ANSWER_CHECKS[request.answer ?? 'object'](response.body)) return response.body as T;
			throw notDiga(ctx, request, account.baseUrl, status, header(response.headers, 'content-type'));
		}
		if (status >= 300 && status < 400) throw redirected(ctx, account.baseUrl, status, header(response.headers, 'location'));
		// The earlier attempt deleted it; this one finds it gone.
		if (status === 404 && request.method === 'DELETE' && mayHaveActed) return undefined as T;
		const retryable = RETRY_ALWAYS_STATUS.has(status) || (!request.createsResource && RETRY_IF_SAFE_STATUS.has(status));
		if (!retryable || attempt > settings.maxRetries) {
			throw apiError(ctx, request, readFailure(status, parsedBody(response.body)), attempt);
		}
		const asked = retryAfterMs(header(response.headers, 'retry-after'));
		if (asked !== undefined && asked > settings.timeoutMs) {
			throw apiError(ctx, request, readFailure(status, parsedBody(response.body)), attempt, Math.ceil(asked / 1000));
		}
		mayHaveActed ||= RETRY_IF_SAFE_STATUS.has(status);
		await sleep(asked ?? retryDelayMs(attempt));
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

/**
 * What an operation does in Diga. `creates` acts in the real world (a number imported, a call placed)
 * and `changes` alters what exists; both are reported when a run stops. Without it, it only reads.
 */
export type Effect = 'creates' | 'changes';

/** What an operation prepared for one item: everything validated, only the requests left to send. */
export type Send = (diga: DigaClient) => Promise<IDataObject | IDataObject[]>;

/** More pages than any Diga project fills (1,000 pages: 100,000 phones or 1,000,000 calls). */
export const MAX_PAGES = 1000;

function pagingError(ctx: Context, request: DigaRequest, problem: string): NodeApiError {
	const message = `Diga's list ${request.path} ${problem}`;
	return new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: 'The walk through the pages was stopped and nothing was output. Use a Limit or Filters to read fewer records, and if it happens again, tell Diga support.',
	});
}

export function digaClient(ctx: Context, settings: RequestSettings = DEFAULT_SETTINGS): DigaClient {
	// Read once per run and handed to every request: otherwise n8n loads and decrypts the credential
	// again for each one (a database read per request in a real n8n).
	let account: Promise<Account> | undefined;
	const readAccount = async () =>
		await (account ??= ctx.getCredentials<ICredentialDataDecryptedObject>('digaApi').then((data): Account => {
			const { id, name } = ctx.getNode().credentials?.digaApi ?? {};
			return {
				credential: { id: id ?? '', name: name ?? '', type: 'digaApi', data },
				baseUrl: checkedBaseUrl(ctx, data.baseUrl),
			};
		}));
	const inLine = gate(settings.concurrency);
	const client: DigaClient = {
		request: async (request) => await send(ctx, await readAccount(), request, settings, inLine),
		requestAll: async <T>(request: DigaRequest, pageSize: number, limit = Infinity) => {
			const results: T[] = [];
			const seen = new Set<string>();
			let after: string | undefined;
			do {
				if (seen.size >= MAX_PAGES) throw pagingError(ctx, request, `went on past ${MAX_PAGES} pages`);
				const qs: IDataObject = { ...request.qs, limit: Math.min(pageSize, limit - results.length) };
				if (after) qs.after = after;
				const page = await client.request<Page<T>>({ ...request, qs, answer: 'list' });
				// A page that ends at the cursor it was asked with has nothing after it (a mock's endless list).
				if (after !== undefined && page.last_id === after) break;
				const data = page.data ?? [];
				results.push(...data);
				after = undefined;
				if (page.has_more && data.length > 0) {
					if (!page.last_id) throw pagingError(ctx, request, 'says it has more pages but gives no cursor (last_id) to reach them');
					// A cursor seen before would walk the same pages for ever.
					if (seen.has(page.last_id)) throw pagingError(ctx, request, `came back to a page it had already given (cursor ${page.last_id})`);
					seen.add(page.last_id);
					after = page.last_id;
				}
			} while (after && results.length < limit);
			return results.slice(0, limit);
		},
	};
	return client;
}
