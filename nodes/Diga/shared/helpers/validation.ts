/**
 * Plain validators for user input. They know nothing of n8n: each throws an InputError that names
 * the parameter (by its display name) and says how to fix the value; the router adds the node and
 * the item index when it turns it into a NodeOperationError.
 */
import { InputError } from './errors';

export { InputError };

const E164 = /^\+[1-9]\d{6,14}$/;
const SIP_USER = /^[A-Za-z0-9._~!$&'*+=%-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const UUID_BODY = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const UUID = new RegExp(`^${UUID_BODY}$`);
/** The By ID fields' check in the editor: the same UUID, a trailing space allowed (it is trimmed). */
export const UUID_PATTERN = `^${UUID_BODY}\\s*$`;

export const MEDIA_ENCRYPTION = ['disable', 'allow', 'require'] as const;
export type MediaEncryption = (typeof MEDIA_ENCRYPTION)[number];

export function show(value: unknown): string {
	const shown = typeof value === 'string' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
	return shown === undefined ? 'nothing' : `"${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}"`;
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

export function mediaEncryption(value: unknown, parameter: string): MediaEncryption {
	if ((MEDIA_ENCRYPTION as readonly unknown[]).includes(value)) return value as MediaEncryption;
	throw new InputError(parameter, `${show(value)} is not a media encryption setting`, `Use one of: ${MEDIA_ENCRYPTION.join(', ')}.`);
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
