/**
 * Plain validators for user input. They know nothing of n8n: each throws an InputError that names
 * the parameter (by its display name) and says how to fix the value; the router adds the node and
 * the item index when it turns it into a NodeOperationError.
 */
export class InputError extends Error {
	constructor(
		readonly parameter: string,
		readonly problem: string,
		readonly hint: string,
	) {
		super(`${parameter}: ${problem}`);
		this.name = 'InputError';
	}
}

const E164 = /^\+[1-9]\d{6,14}$/;
const SIP_USER = /^[A-Za-z0-9._~!$&'*+=%-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const MEDIA_ENCRYPTION = ['disable', 'allow', 'require'] as const;
export type MediaEncryption = (typeof MEDIA_ENCRYPTION)[number];

function show(value: unknown): string {
	const text = typeof value === 'string' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
	return text === undefined ? 'nothing' : `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/** Turns a parameter value into trimmed text; numbers from expressions are accepted as text. */
export function text(value: unknown, parameter: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new InputError(parameter, `expected text but got ${show(value)}`, `Enter ${parameter} as text.`);
}

export function requiredText(value: unknown, parameter: string, hint: string): string {
	const result = text(value, parameter);
	if (result === '') throw new InputError(parameter, 'is empty', hint);
	return result;
}

export function phoneNumber(value: unknown, parameter = 'Phone Number'): string {
	const hint =
		'Use E.164: a plus sign, the country code and the number, no spaces (e.g. +34912345678), or a SIP user identifier (e.g. alice@sip.example.com).';
	const number = requiredText(value, parameter, hint);
	if (E164.test(number) || SIP_USER.test(number)) return number;
	throw new InputError(parameter, `${show(number)} is neither an E.164 number nor a SIP user identifier`, hint);
}

export function e164(value: unknown, parameter: string): string {
	const hint = 'Use E.164: a plus sign, the country code and the number, no spaces (e.g. +34912345678).';
	const number = requiredText(value, parameter, hint);
	if (E164.test(number)) return number;
	throw new InputError(parameter, `${show(number)} is not an E.164 phone number`, hint);
}

export function uuid(value: unknown, parameter: string, hint: string): string {
	const id = requiredText(value, parameter, hint);
	if (UUID.test(id)) return id.toLowerCase();
	throw new InputError(parameter, `${show(id)} is not a valid ID (a UUID such as 3c90c3cc-0d44-4b50-8888-8dd25736052a)`, hint);
}

function isIPv4(value: string): boolean {
	const parts = value.split('.');
	return parts.length === 4 && parts.every((part) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(part));
}

function isIPv6(value: string): boolean {
	let address = value;
	let groupsNeeded = 8;
	const lastColon = address.lastIndexOf(':');
	if (address.includes('.')) {
		if (!isIPv4(address.slice(lastColon + 1))) return false;
		address = `${address.slice(0, lastColon + 1)}0`;
		groupsNeeded = 7;
	}
	const halves = address.split('::');
	if (halves.length > 2) return false;
	const group = /^[0-9A-Fa-f]{1,4}$/;
	const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
	if (!groups.every((list) => list.every((g) => group.test(g)))) return false;
	const count = groups[0].length + (groups[1]?.length ?? 0);
	return halves.length === 2 ? count < groupsNeeded : count === groupsNeeded;
}

/** An IPv4 or IPv6 address, or a CIDR block of either. */
export function isIpOrCidr(value: string): boolean {
	const [address, prefix, extra] = value.split('/');
	if (extra !== undefined) return false;
	const v4 = isIPv4(address);
	if (!v4 && !isIPv6(address)) return false;
	if (prefix === undefined) return true;
	return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

/** Accepts a comma- or newline-separated list, or an array from an expression. */
export function allowedAddresses(value: unknown, parameter = 'Allowed Addresses'): string[] {
	const entries = Array.isArray(value) ? value : text(value, parameter).split(/[,\n]/);
	const addresses = entries.map((entry) => text(entry, parameter)).filter((entry) => entry !== '');
	for (const address of addresses) {
		if (!isIpOrCidr(address)) {
			throw new InputError(
				parameter,
				`${show(address)} is not an IP address or CIDR block`,
				'List IPv4 or IPv6 addresses or CIDR blocks, separated by commas (e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32).',
			);
		}
	}
	return addresses;
}

/** The value as typed, with the password of a `user:password@` part masked: refused values are echoed. */
function maskPassword(value: string): string {
	const scheme = /^sips?:/i.exec(value)?.[0] ?? '';
	const rest = value.slice(scheme.length);
	const at = rest.lastIndexOf('@');
	const colon = rest.indexOf(':');
	return colon === -1 || colon > at ? value : `${scheme}${rest.slice(0, colon)}:***${rest.slice(at)}`;
}

/**
 * Diga wants the host (and optional port) where SIP INVITEs go, without the scheme. People paste
 * `sip:` URIs from their carrier's portal, so the scheme is removed; anything else is refused rather
 * than passed on to fail later on a live call.
 */
export function terminationUri(value: unknown, parameter = 'Termination URI'): string {
	const hint = 'Enter the host name or IP address of your SIP trunk, optionally with a port, and nothing else (e.g. mytrunk.pstn.twilio.com or 203.0.113.10:5060).';
	const typed = requiredText(value, parameter, hint);
	const uri = typed.replace(/^sips?:/i, '');
	if (uri.includes('@')) {
		const shown = maskPassword(typed);
		throw new InputError(
			parameter,
			`${show(shown)} carries a user name${shown === typed ? '' : ' and password'}`,
			"Enter the user name and password in the credential's Username and Password fields, and only the host here, optionally with a port (e.g. mytrunk.pstn.twilio.com:5060).",
		);
	}
	if (isIPv6(uri)) {
		throw new InputError(
			parameter,
			`${show(uri)} is an IPv6 address without square brackets`,
			`Put an IPv6 address in square brackets, with the port after them: [${uri}]:5060, or [${uri}] for the default port.`,
		);
	}
	const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(uri);
	const host = match?.[1] ?? '';
	const hostOk = host.startsWith('[') ? isIPv6(host.slice(1, -1)) : isIPv4(host) || (HOSTNAME.test(host) && !/^[\d.]+$/.test(host));
	const port = match?.[2] === undefined ? 1 : Number(match[2]);
	if (hostOk && port >= 1 && port <= 65535) return uri;
	throw new InputError(parameter, `${show(uri)} is not a host name or IP address with an optional port`, hint);
}

export function mediaEncryption(value: unknown, parameter: string): MediaEncryption {
	if ((MEDIA_ENCRYPTION as readonly unknown[]).includes(value)) return value as MediaEncryption;
	throw new InputError(parameter, `${show(value)} is not a media encryption setting`, `Use one of: ${MEDIA_ENCRYPTION.join(', ')}.`);
}

/** A date from a date field or an expression, as the ISO 8601 timestamp Diga's filters take. */
/** How far `timeZone`'s clock is ahead of UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
		.formatToParts(new Date(utcMs))
		.reduce<Record<string, number>>((all, part) => ({ ...all, [part.type]: Number(part.value) }), {});
	const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return wall - (utcMs - (utcMs % 1000));
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * A moment in ISO 8601 UTC. A date or time written without an offset (as n8n's date picker gives it)
 * is read on the workflow's clock, `timeZone`, as n8n's own nodes do, not on the n8n server's.
 */
export function dateTime(value: unknown, parameter: string, timeZone: string): string {
	const hint = `Pick a date, or give one in ISO 8601 (e.g. 2026-01-31T18:00:00Z); without an offset it is read in the workflow's time zone (${timeZone}).`;
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	const input = requiredText(value, parameter, hint);
	const local = LOCAL_DATE_TIME.exec(input);
	let ms: number;
	if (local) {
		const [, year, month, day, hour = '0', minute = '0', second = '0', milli = '0'] = local;
		const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, +milli.padEnd(3, '0'));
		const fields = new Date(wall);
		const real = fields.getUTCMonth() + 1 === +month && fields.getUTCDate() === +day && fields.getUTCHours() === +hour && +minute < 60 && +second < 60;
		if (!real) throw new InputError(parameter, `${show(value)} is not a date`, hint);
		// The offset at the wall time, then again at the moment found: right on both sides of a DST change.
		ms = wall - zoneOffsetMs(wall, timeZone);
		ms = wall - zoneOffsetMs(ms, timeZone);
	} else {
		ms = new Date(input).getTime();
	}
	if (Number.isNaN(ms)) throw new InputError(parameter, `${show(value)} is not a date`, hint);
	return new Date(ms).toISOString();
}

/** A switch as n8n users write it: a boolean, or "true" / "false" from an expression. */
export function flag(value: unknown, parameter: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === undefined || value === null || value === '') return false;
	const word = String(value).trim().toLowerCase();
	if (word === 'true') return true;
	if (word === 'false') return false;
	throw new InputError(parameter, `${show(value)} is neither true nor false`, `Switch ${parameter} on or off, or make its expression return true or false.`);
}

/** A whole number of at least `min`, also when an expression gives it as text. */
export function wholeNumber(value: unknown, parameter: string, min: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
		throw new InputError(parameter, `${show(value)} is not a whole number of ${min} or more`, `Give ${parameter} as a whole number of ${min} or more, e.g. 50.`);
	}
	return number;
}

/**
 * A secret as typed: not trimmed (a password may start or end with a space), and never shown in a
 * message, so a wrong value from an expression cannot leak it.
 */
export function secret(value: unknown, parameter: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new InputError(parameter, 'is not text', `Enter the ${parameter} as text; if it comes from an expression, make the expression return a string.`);
}
