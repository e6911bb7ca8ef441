import type { ICredentialTestRequest, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DigaApi, SAFE_BASE_URL, UNSAFE_BASE_URL } from '../../credentials/DigaApi.credentials';
import { TEST_API_KEY } from '../support/diga';
import { startFakeDiga, type FakeDiga } from '../support/fake-diga';
import { describeEachContract } from '../support/prism';

/**
 * What n8n's "Test" button does with the credential's declaration: resolve the test request's
 * expressions with the credential data, apply the generic authenticate block, send (following no
 * redirect when the request says so), then match the status rules on a failure and the body rules
 * on a success, as n8n's credentials tester does.
 */
async function testCredential(credential: ICredentialType, data: { apiKey: string; baseUrl: string }) {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never });
	const node = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const resolve = (value: unknown) => workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: data }, undefined, value as string);
	const { request, rules = [] } = credential.test as ICredentialTestRequest;
	const auth = credential.authenticate as { properties: { headers: Record<string, string> } };
	const options = request as IHttpRequestOptions;
	const url = new URL(`${String(resolve(options.baseURL))}${options.url}`);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	if (url.hostname.endsWith('.invalid')) return { url, message: 'ENOTFOUND' };
	const headers = Object.fromEntries(Object.entries(auth.properties.headers).map(([key, value]) => [key, String(resolve(value))]));
	const response = await fetch(url, { headers, redirect: options.disableFollowRedirect ? 'manual' : 'follow' });
	const text = await response.text();
	let json: Record<string, unknown> = {};
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		json = {};
	}
	const all = rules as Array<{ type: string; properties: { value?: unknown; key?: string; message: string } }>;
	const rule = response.ok
		? all.find((candidate) => candidate.type === 'responseSuccessBody' && json[candidate.properties.key ?? ''] === candidate.properties.value)
		: all.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === response.status);
	return { url, status: response.status, message: rule?.properties.message ?? (response.ok ? undefined : `Received HTTP status code: ${response.status}`) };
}

describeEachContract('credential test against Diga contracts', (server) => {

	test('a key Diga accepts passes, with the bearer header on GET /v1/phone/?limit=1', async () => {
		const result = await testCredential(new DigaApi(), { apiKey: TEST_API_KEY, baseUrl: `${server().url}/` });
		expect(result.status).toBe(200);
		const [request] = server().requests;
		expect([request.method, request.path, request.query.get('limit'), request.headers.authorization, request.violations]).toEqual([
			'GET',
			'/v1/phone/',
			'1',
			`Bearer ${TEST_API_KEY}`,
			[],
		]);
	});
});

describe('credential test rules', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());

	test.each([
		[401, /Invalid API key/],
		[403, /lacks phone permission/],
	])('%i says why', async (status, message) => {
		fake.handler = () => ({ status, body: { status: 'error', error_code: 'X', message: 'refused' } });
		const result = await testCredential(new DigaApi(), { apiKey: TEST_API_KEY, baseUrl: fake.url });
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain(TEST_API_KEY);
	});
});

describe('the credential keeps the key on https and on Diga', () => {
	let fake: FakeDiga;
	let elsewhere: FakeDiga;
	beforeAll(async () => {
		fake = await startFakeDiga();
		elsewhere = await startFakeDiga(() => ({ status: 200, body: { data: [], has_more: false } }));
	});
	afterAll(async () => {
		await fake.stop();
		await elsewhere.stop();
	});
	beforeEach(() => {
		fake.requests.length = 0;
		elsewhere.requests.length = 0;
	});

	test.each(['http://api.diga.io', 'http://10.0.0.5:8080', 'https://user:pass@api.diga.io', 'ftp://api.diga.io'])(
		'an unsafe Base URL %j is tested against a host that never resolves: the key goes nowhere',
		async (baseUrl) => {
			const result = await testCredential(new DigaApi(), { apiKey: TEST_API_KEY, baseUrl });
			expect(result.url.origin).toBe(UNSAFE_BASE_URL);
		},
	);

	test.each(['https://api.diga.io', 'https://sandbox.diga.io/', 'http://localhost:4010', 'http://127.0.0.1:4010/', 'http://[::1]:4010'])(
		'%j is safe: the form shows no warning and the test goes there',
		(baseUrl) => {
			expect(new RegExp(SAFE_BASE_URL).test(baseUrl)).toBe(true);
		},
	);

	test('the https warning shows exactly when the Base URL is unsafe', () => {
		const notice = new DigaApi().properties.find((property) => property.type === 'notice');
		const hideWhen = (notice?.displayOptions?.hide?.baseUrl as Array<{ _cnd: { regex: string } }>)[0]._cnd.regex;
		expect(hideWhen).toBe(SAFE_BASE_URL);
		for (const unsafe of ['http://api.diga.io', 'https://a:b@api.diga.io', 'api.diga.io']) expect(new RegExp(hideWhen).test(unsafe)).toBe(false);
	});

	test('a redirect fails the test with a message, and is not followed', async () => {
		fake.handler = () => ({ status: 302, headers: { location: `${elsewhere.url}/v1/phone/` } });
		const result = await testCredential(new DigaApi(), { apiKey: TEST_API_KEY, baseUrl: fake.url });
		expect(result.message).toMatch(/redirects elsewhere/);
		expect(elsewhere.requests).toHaveLength(0);
	});

	test.each([
		['an HTML page', { status: 200, text: '<html><title>Router login</title></html>', headers: { 'content-type': 'text/html' } }],
		['a JSON object that is not a page of phones', { status: 200, body: { ok: true } }],
	])('a 200 with %s fails the test: it is not Diga', async (_what, reply) => {
		fake.handler = () => reply;
		const result = await testCredential(new DigaApi(), { apiKey: TEST_API_KEY, baseUrl: fake.url });
		expect(result.message).toMatch(/not like Diga's API/);
	});

	test('a page of phones passes', async () => {
		fake.handler = () => ({ status: 200, body: { data: [], has_more: false, last_id: null } });
		expect((await testCredential(new DigaApi(), { apiKey: TEST_API_KEY, baseUrl: fake.url })).message).toBeUndefined();
	});
});

