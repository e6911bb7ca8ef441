/**
 * What every suite says to "Diga" (unit and engine tests, the end-to-end and editor suites, the bench):
 * the test keys and IDs, and the usual way to run the node against a server. Importing it loads no
 * n8n engine; runAgainst does, on its first call.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunOptions, RunResult } from './engine';
import type { RecordingProxy } from './prism';

/** Recognisable, so a test can prove it never leaks. Not a real key. */
export const TEST_API_KEY = `sk-${'c0ffee42'.repeat(8)}`;
/** A key the fakes of Diga refuse with 401 INVALID_API_KEY, as Diga does. Not a real key. */
export const WRONG_API_KEY = `sk-${'0badc0de'.repeat(8)}`;
export const PHONE_ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
export const OTHER_PHONE_ID = '6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b';
export const VERSION_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const OTHER_VERSION_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const AGENT_ID = 'c2005220-8875-4862-b489-6532b564fa4c';
export const OTHER_AGENT_VERSION_ID = '2d6f8a1c-5e7b-4c9d-8f0a-3b5c7d9e1f2a';
export const CALL_ID = '9b31df32-1154-4639-a221-26182770bd4d';
/** The `index`-th of many distinct phone IDs, for runs over many items (the bench). */
export const phoneIdAt = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** Update Phone renaming PHONE_ID, without retries unless `options` asks for them. */
export const updateNickname = (options: object = {}) => ({
	resource: 'phone',
	operation: 'update',
	phoneId: { __rl: true, mode: 'id', value: PHONE_ID },
	updateFields: { nickname: 'Front desk' },
	options: { maxRetries: 0, ...options },
});

/** Runs the Diga node against `server` with the test key. */
export async function runAgainst(
	server: { url: string },
	parameters: IDataObject,
	options: Omit<RunOptions, 'parameters' | 'credentials'> = {},
): Promise<RunResult> {
	const { runDiga } = await import('./engine');
	return await runDiga({ ...options, parameters, credentials: { apiKey: TEST_API_KEY, baseUrl: server.url } });
}

/** The requests `server` saw, with the assertions every contract test makes on them. */
export function expectContractClean(server: Pick<RecordingProxy, 'requests'>): void {
	expect(server.requests.length).toBeGreaterThan(0);
	for (const request of server.requests) {
		expect({ path: `${request.method} ${request.path}`, violations: request.violations }).toEqual({
			path: `${request.method} ${request.path}`,
			violations: [],
		});
		expect(request.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expect(request.status).toBeLessThan(300);
	}
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** GETs a path from the server with the test key, as an independent reading of what it serves. */
export async function fetchJson<T = unknown>(server: { url: string }, path: string): Promise<T> {
	const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
	return (await response.json()) as T;
}

/** Matches the InputError a validator throws: the field it names, and a hint that is not empty. */
export function rejectedAs(parameter: string) {
	return expect.objectContaining({ name: 'InputError', parameter, hint: expect.stringMatching(/\S/) });
}
