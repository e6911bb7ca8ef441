import type { IDataObject } from 'n8n-workflow';

/** What Diga said about a failed request, from either of its two error shapes. */
export interface DigaFailure {
	status: number;
	code?: string;
	message: string;
	/** A 404 for the path itself (the web framework's or a mock's own), not for a missing record. */
	routeMissing?: boolean;
}

function validationDetail(detail: unknown): string | undefined {
	if (typeof detail === 'string') return detail;
	if (!Array.isArray(detail)) return undefined;
	const parts = detail.map((entry: IDataObject | string) => {
		if (typeof entry === 'string') return entry;
		const msg = typeof entry?.msg === 'string' ? entry.msg : JSON.stringify(entry);
		const loc = Array.isArray(entry?.loc) ? entry.loc.filter((part) => part !== 'body').join('.') : '';
		return loc ? `${loc}: ${msg}` : msg;
	});
	return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Diga's messages are short; anything longer is cut here so an error stays readable. */
const MAX_MESSAGE_LENGTH = 1000;

function capped(text: string): string {
	return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : text;
}

/** A text answer as one line: an HTML page by its title or first heading, never as markup. */
function plainText(body: string): string | undefined {
	const text = body.trim();
	if (!/^<|<html|<body/i.test(text)) return text || undefined;
	const heading = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1];
	const line = heading?.replace(/\s+/g, ' ').trim();
	return line ? `an HTML page titled "${line}"` : 'an HTML page';
}

export function readFailure(status: number, body: unknown): DigaFailure {
	const data = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const code = typeof data.error_code === 'string' ? data.error_code : undefined;
	const message =
		(typeof data.message === 'string' && data.message) ||
		validationDetail(data.detail) ||
		(typeof body === 'string' ? plainText(body) : undefined) ||
		`HTTP ${status}`;
	const routeMissing = status === 404 && !code && (data.detail === 'Not Found' || /NO_PATH_MATCHED/.test(String(data.type)));
	return { status, code, message: capped(message), ...(routeMissing ? { routeMissing } : {}) };
}

/** What an error says: its message and how to fix it, as plain text. */
export interface Wording {
	message: string;
	description: string;
}

const CHECK_BASE_URL = 'Check the Base URL in the Diga API credential: https://api.diga.io for Diga itself.';

/** After a failure that Diga may have acted on, a create must not be blindly run again. */
export function uncertainty(creates: boolean, sentAndUnanswered: boolean): string {
	return creates && sentAndUnanswered
		? ' Diga may have acted on the request before it failed: check whether it took effect (the number imported, the call placed, the agent or version created, published or deleted: Get or Get Many) before running this item again.'
		: '';
}

export function attemptsNote(attempts: number): string {
	return attempts > 1 ? ` Gave up after ${attempts} attempts.` : '';
}

/** Diga's own failure; `askedWaitSeconds` when its Retry-After is longer than the Timeout allows. */
export function apiWording(failure: DigaFailure, route: string, creates: boolean, attempts: number, askedWaitSeconds?: number): Wording {
	const label = failure.code ? `${failure.status} ${failure.code}` : `${failure.status}`;
	const hint = askedWaitSeconds
		? `Diga asks to wait ${askedWaitSeconds} s before the next request, longer than the Timeout option allows. Run again later, or raise Timeout above that wait.`
		: hintFor(failure, route);
	return { message: `Diga answered ${label}: ${failure.message}`, description: hint + uncertainty(creates, failure.status >= 500) + attemptsNote(attempts) };
}

/** A 2xx that is not Diga's JSON: a dashboard, a captive portal or another service at the Base URL. */
export function notDigaWording(baseUrl: string, route: string, status: number, contentType: string | undefined, creates: boolean): Wording {
	const message = `${baseUrl} does not answer like Diga's API: ${route} returned ${status} ${contentType ? `with ${contentType.split(';')[0]}` : 'without'} where Diga sends JSON`;
	return { message, description: `${CHECK_BASE_URL} The answer was not used.${uncertainty(creates, true)}` };
}

/** Diga's API has no redirects; `target` is the host a redirect pointed at. */
export function redirectWording(baseUrl: string, status: number, target: string): Wording {
	return {
		message: `${baseUrl} answered ${status}, a redirect to ${target}: Diga's API does not redirect, so it was not followed`,
		description: `Neither the API key nor the request was sent to ${target}. ${CHECK_BASE_URL}`,
	};
}

export function unsafeBaseUrlWording(shown: string): Wording {
	return {
		message: `The Base URL of the Diga API credential must start with https:// (it is "${shown}")`,
		description:
			'Open the Diga API credential and set Base URL to https://api.diga.io, or to another https:// address without a user name or password in it. Plain http:// is accepted only for test servers on this machine (localhost, 127.x.x.x, [::1]), because the API key travels with every request. Nothing was sent.',
	};
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was closed while sending',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
};

/** A network failure, from its code alone; `sent` when the request may have reached Diga. */
export function networkWording(code: string, timedOut: boolean, timeoutMs: number, note: string): Wording {
	return timedOut
		? { message: `Diga did not answer within ${timeoutMs} ms`, description: `Raise the Timeout option, or try again later.${note}` }
		: {
				message: `Could not reach Diga: ${NETWORK_FAILURES[code] ?? 'the network request failed'}`,
				description: `Check the Base URL in the Diga API credential and the network connection of this n8n instance.${note}`,
			};
}

/**
 * A failure without a network code: n8n itself stopped the request (its expression engine, its egress
 * rules, a credential it could not render). Its own message says what happened; a network wording
 * would send the user looking at the connection.
 */
export function unsentWording(reason: string, note: string): Wording {
	return {
		message: `The request to Diga failed inside n8n: ${capped(reason.trim() || 'no reason given')}`,
		description: `This is not a network failure: n8n stopped the request with the message above. Run the item again; if it keeps failing, check n8n's log.${note}`,
	};
}

export function pagingWording(path: string, problem: string): Wording {
	return {
		message: `Diga's list ${path} ${problem}`,
		description: 'The walk through the pages was stopped and nothing was output. Use a Limit or Filters to read fewer records, and if it happens again, tell Diga support.',
	};
}

const HINTS_BY_CODE: Record<string, string> = {
	INVALID_API_KEY: 'Open the Diga API credential and paste a current API key from the Diga dashboard (Settings > Project > API Keys).',
	PHONE_NUMBER_NOT_FOUND: 'Pick the phone from the list, or check that the ID belongs to the project of this API key.',
	SIP_CONFIG_NOT_SET: 'This number has no SIP configuration. Only imported numbers have one; import the number with outbound settings first.',
	NON_SPANISH_PHONE_NUMBER: 'Diga places calls to Spanish numbers only (+34). Check the To Number.',
};

/** The endpoints Diga's API of April 2026 lacks, and the operations that use them. */
const SINCE_JULY_2026: Array<[RegExp, string]> = [
	[/\/sip-config$/, 'Update SIP Config'],
	[/^\S+ \/v1\/agent\/template/, 'Create Agent From Template (and its template picker)'],
	[/^GET \/v1\/voice\/$/, 'Get Many Voices (and the voice picker)'],
];

/** How to fix a failure, said the way a person acts on it; `route` names the request (`PATCH /v1/phone/...`). */
export function hintFor(failure: DigaFailure, route?: string): string {
	if (failure.code && Object.hasOwn(HINTS_BY_CODE, failure.code)) return HINTS_BY_CODE[failure.code];
	if (failure.routeMissing) {
		const needs = SINCE_JULY_2026.find(([path]) => path.test(route ?? ''))?.[1] ?? 'This operation';
		return `The API at this Base URL has no endpoint ${route ?? 'for this operation'}, so nothing was changed. ${needs} needs Diga's API of July 2026 or later; check the Base URL in the Diga API credential.`;
	}
	switch (failure.status) {
		case 400:
			return 'Diga refused a value in the request. Check the fields named in the message.';
		case 401:
			return HINTS_BY_CODE.INVALID_API_KEY;
		case 403:
			return 'The API key is valid but lacks permission for this resource. In the Diga dashboard give the key write access (read access for Get operations) to the resource, or use another key.';
		case 404:
			return 'Nothing with this ID exists in the project of this API key. Pick it from the list, or check the ID.';
		case 409:
			return 'The request conflicts with the current state in Diga, for example the agent version is already published on another phone. Choose another version, or first unassign it from the other phone.';
		case 412:
			return HINTS_BY_CODE.SIP_CONFIG_NOT_SET;
		case 422:
			return 'Diga rejected the request data. Correct the field named in the message.';
		case 429:
			return 'Diga is limiting the request rate. Lower the Concurrency option or raise Max Retries, then run again.';
		default:
			return failure.status >= 500
				? 'Diga could not handle the request just now. Try again later; if it keeps failing, contact Diga support with the message above.'
				: 'Check the request fields and try again.';
	}
}
