import { generateSecureToken } from 'n8n-workflow';

/** 32 random bytes as hex: what Diga sends back in the secret header with every tool call. */
export function newSecret(): string {
	return generateSecureToken();
}

/**
 * Compares in time that depends only on the expected secret's length, never on where the first
 * difference is, so the answer time gives away nothing about the secret.
 */
export function sameSecret(given: unknown, expected: string | undefined): boolean {
	if (typeof given !== 'string' || !expected) return false;
	let difference = given.length ^ expected.length;
	for (let index = 0; index < expected.length; index++) {
		difference |= (given.charCodeAt(index) || 0) ^ expected.charCodeAt(index);
	}
	return difference === 0;
}
