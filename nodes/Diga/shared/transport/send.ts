import type { ICredentialsDecrypted, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { SAFE_BASE_URL } from '../../../../credentials/DigaApi.credentials';
import type { Answer, DigaContext, DigaRequest } from './context';
import { apiWording, attemptsNote, networkWording, notDigaWording, readFailure, redirectWording, uncertainty, unsafeBaseUrlWording, unsentWording, type Wording } from './errors';
import type { RequestSettings } from './limits';
import { type Gate, networkCode, RETRY_ALWAYS_NETWORK, RETRY_ALWAYS_STATUS, RETRY_IF_SAFE_NETWORK, RETRY_IF_SAFE_STATUS, retryAfterMs, retryDelayMs } from './retry';

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** The credential of a run, read once, and the Base URL it names. */
export interface Account {
	credential: ICredentialsDecrypted;
	baseUrl: string;
}

/** A NodeApiError built from wording alone, never from a request error (which carries the key). */
export function apiError(ctx: DigaContext, { message, description }: Wording, status?: number, response?: JsonObject): NodeApiError {
	return new NodeApiError(ctx.getNode(), response ?? ({ message } as JsonObject), {
		message,
		description,
		...(status === undefined ? {} : { httpCode: String(status) }),
	});
}

/** Diga's status and error code behind an error the transport raised; undefined for any other error. */
export function digaFailureOf(error: unknown): { status: number; code?: string } | undefined {
	if (!(error instanceof NodeApiError) || !error.httpCode) return undefined;
	const code = (error.errorResponse as { code?: unknown } | undefined)?.code;
	return { status: Number(error.httpCode), ...(typeof code === 'string' ? { code } : {}) };
}

function header(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function redirectTarget(baseUrl: string, location: string | undefined): string {
	try {
		return location ? new URL(location, baseUrl).host : 'no location';
	} catch {
		return 'an unreadable location';
	}
}

/** The Base URL without its trailing slashes; undefined unless it is https (or http on this machine, for test servers). */
export function safeBaseUrl(value: unknown): string | undefined {
	const text = String(value || 'https://api.diga.io').trim();
	return new RegExp(SAFE_BASE_URL).test(text) ? text.replace(/\/+$/, '') : undefined;
}

/** Why a Base URL is refused, with any user name and password in it masked. */
export function refusedBaseUrl(value: unknown): Wording {
	return unsafeBaseUrlWording(String(value).trim().replace(/\/\/[^/]*@/, '//***@'));
}

/** The Base URL, refused unless it is safe: the key travels with every request. */
export function checkedBaseUrl(ctx: DigaContext, value: unknown): string {
	const url = safeBaseUrl(value);
	if (url) return url;
	const { message, description } = refusedBaseUrl(value);
	throw new NodeOperationError(ctx.getNode(), message, { description });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
	const text = body.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** The message of an error that has no network code, however n8n wrapped it. */
function messageOf(error: unknown): string {
	const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
	return typeof message === 'string' && message ? message : typeof cause?.message === 'string' ? cause.message : '';
}

/** A message with the API key cut out, should an error ever quote the request it failed on. */
function withoutKey(text: string, account: Account): string {
	const key = account.credential.data?.apiKey;
	return typeof key === 'string' && key.length > 0 ? text.split(key).join('***') : text;
}

/** The one place the node talks HTTP: authentication, timeout, retries and error mapping. */
export async function send<T>(ctx: DigaContext, account: Account, request: DigaRequest, settings: RequestSettings, inLine: Gate): Promise<T> {
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
		...(request.contentType ? { headers: { 'content-type': request.contentType } } : {}),
		...(request.answer === 'file' ? { json: false, encoding: 'arraybuffer', headers: { accept: 'application/zip, application/octet-stream, application/json' } } : {}),
	};
	const creates = request.once === true;
	const route = `${request.method} ${request.path}`;
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
			const found = networkCode(error);
			const code = found ?? 'ERROR';
			const retryable = RETRY_ALWAYS_NETWORK.has(code) || (!creates && RETRY_IF_SAFE_NETWORK.has(code));
			if (!retryable || attempt > settings.maxRetries) {
				// From the code alone: the original error carries the request configuration, and with it
				// the Authorization header. The code stays out, or n8n would swap the message for its own.
				const sent = !RETRY_ALWAYS_NETWORK.has(code) && code !== 'ENOTFOUND';
				const note = uncertainty(creates, sent) + attemptsNote(attempt);
				if (!found) throw apiError(ctx, unsentWording(withoutKey(messageOf(error), account), note));
				throw apiError(ctx, networkWording(code, TIMEOUT_CODES.has(code), settings.timeoutMs, note));
			}
			mayHaveActed ||= RETRY_IF_SAFE_NETWORK.has(code);
			await sleep(retryDelayMs(attempt));
			continue;
		}
		const status = response.statusCode;
		if (status >= 200 && status < 300) {
			if (ANSWER_CHECKS[request.answer ?? 'object'](response.body)) return response.body as T;
			throw apiError(ctx, notDigaWording(account.baseUrl, route, status, header(response.headers, 'content-type'), creates), status);
		}
		if (status >= 300 && status < 400) {
			throw apiError(ctx, redirectWording(account.baseUrl, status, redirectTarget(account.baseUrl, header(response.headers, 'location'))), status);
		}
		// The earlier attempt deleted it; this one finds it gone.
		if (status === 404 && request.method === 'DELETE' && mayHaveActed) return undefined as T;
		const failure = readFailure(status, parsedBody(response.body));
		const diga = { message: failure.message, status: failure.status, code: failure.code ?? null } as JsonObject;
		const retryable = RETRY_ALWAYS_STATUS.has(status) || (!creates && RETRY_IF_SAFE_STATUS.has(status));
		if (!retryable || attempt > settings.maxRetries) throw apiError(ctx, apiWording(failure, route, creates, attempt), status, diga);
		const asked = retryAfterMs(header(response.headers, 'retry-after'));
		if (asked !== undefined && asked > settings.timeoutMs) {
			throw apiError(ctx, apiWording(failure, route, creates, attempt, Math.ceil(asked / 1000)), status, diga);
		}
		mayHaveActed ||= RETRY_IF_SAFE_STATUS.has(status);
		await sleep(asked ?? retryDelayMs(attempt));
	}
}
