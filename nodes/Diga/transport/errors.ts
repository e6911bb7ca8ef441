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
export const MAX_MESSAGE_LENGTH = 1000;

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

const HINTS_BY_CODE: Record<string, string> = {
	INVALID_API_KEY: 'Open the Diga API credential and paste a current API key from the Diga dashboard (Settings > Project > API Keys).',
	PHONE_NUMBER_NOT_FOUND: 'Pick the phone from the list, or check that the ID belongs to the project of this API key.',
	SIP_CONFIG_NOT_SET: 'This number has no SIP configuration. Only imported numbers have one; import the number with outbound settings first.',
	NON_SPANISH_PHONE_NUMBER: 'Diga places calls to Spanish numbers only (+34). Check the To Number.',
};

/** How to fix a failure, said the way a person acts on it; `route` names the request (`PATCH /v1/phone/...`). */
export function hintFor(failure: DigaFailure, route?: string): string {
	if (failure.code && Object.hasOwn(HINTS_BY_CODE, failure.code)) return HINTS_BY_CODE[failure.code];
	if (failure.routeMissing) {
		return `The API at this Base URL has no endpoint ${route ?? 'for this operation'}, so nothing was changed. Update SIP Config needs Diga's API of July 2026 or later; check the Base URL in the Diga API credential.`;
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
