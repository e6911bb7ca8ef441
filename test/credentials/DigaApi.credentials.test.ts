import type { ICredentialTestRequest, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DigaApi } from '../../credentials/DigaApi.credentials';
import { TEST_API_KEY } from '../support/diga';
import { startFakeDiga, type FakeDiga } from '../support/fake-diga';
import { describeEachContract } from '../support/prism';

/**
 * What n8n's "Test" button does with the credential's declaration: resolve the test request's
 * expressions with the credential data, apply the generic authenticate block, send, then match
 * the rules against the status.
 */
async function testCredential(credential: ICredentialType, data: { apiKey: string; baseUrl: string }) {
	const workflow = new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never });
	const node = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const resolve = (value: unknown) => workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: data }, undefined, value as string);
	const { request, rules } = credential.test as ICredentialTestRequest;
	const auth = credential.authenticate as { properties: { headers: Record<string, string> } };
	const options = request as IHttpRequestOptions;
	const url = new URL(`${String(resolve(options.baseURL))}${options.url}`);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	const headers = Object.fromEntries(Object.entries(auth.properties.headers).map(([key, value]) => [key, String(resolve(value))]));
	const response = await fetch(url, { headers });
	const rule = rules?.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === response.status);
	return { status: response.status, message: rule && 'message' in rule.properties ? rule.properties.message : undefined };
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
