import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeCredentialTestResult, INodeType } from 'n8n-workflow';

import { DigaApi, SAFE_BASE_URL } from '../../credentials/DigaApi.credentials';
import { TEST_API_KEY } from '../support/diga';
import { loadPackage, trunkFields } from '../support/engine';
import { startFakeDiga, type FakeDiga } from '../support/fake-diga';
import { describeEachContract } from '../support/prism';

const NODES = ['diga', 'digaTrigger', 'digaAgentToolTrigger'];

/**
 * What n8n's "Test" button does with the Diga API credential: it finds a node that names the
 * credential with `testedBy` and calls that method of the node with n8n-core's own credential-test
 * context (its `helpers.request` is n8n's), as n8n's credentials tester does. Each node may be asked.
 */
async function testCredential(data: ICredentialDataDecryptedObject, nodeName = 'diga'): Promise<INodeCredentialTestResult> {
	const loader = await loadPackage();
	const node = loader.getNode(nodeName).type as INodeType;
	const entry = node.description.credentials?.find((credential) => credential.name === 'digaApi');
	const method = node.methods?.credentialTest?.[String(entry?.testedBy)];
	if (!method) throw new Error(`${nodeName} has no test for the Diga API credential`);
	return await method.call(new CredentialTestContext({} as never), { id: '1', name: 'Diga account', type: 'digaApi', data });
}

describe('the Test of the Diga API credential', () => {
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
		fake.handler = () => ({ status: 200, body: { data: [], has_more: false, last_id: null } });
	});

	test.each(NODES)('every node that uses the credential names the same test (%s): n8n may ask any of them', async (nodeName) => {
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: fake.url }, nodeName);
		expect(result).toEqual({ status: 'OK', message: 'Diga accepted the API key.' });
		expect(fake.requests.map((request) => [request.method, request.path, request.query.toString(), request.headers.authorization])).toEqual([
			['GET', '/v1/phone/', 'limit=1', `Bearer ${TEST_API_KEY}`],
		]);
	});

	test.each([
		[401, /^Invalid API key/],
		[403, /lacks phone permission/],
		[500, /^Diga answered 500: refused/],
	])('%i says why, without the key', async (status, message) => {
		fake.handler = () => ({ status, body: { status: 'error', error_code: 'X', message: 'refused' } });
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: fake.url });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(message) });
		expect(result.message).not.toContain(TEST_API_KEY);
	});

	test.each(['http://api.diga.io', 'http://10.0.0.5:8080', 'https://user:pass@api.diga.io', 'ftp://api.diga.io'])(
		'an unsafe Base URL %j: the Test says it must start with https://, and sends nothing',
		async (baseUrl) => {
			const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^The Base URL of the Diga API credential must start with https:\/\//);
			expect(result.message).not.toContain('pass@');
			expect(fake.requests).toHaveLength(0);
		},
	);

	test.each(['https://api.diga.io', 'https://sandbox.diga.io/', 'http://localhost:4010', 'http://127.0.0.1:4010/', 'http://[::1]:4010'])(
		'%j is safe: the form shows no warning',
		(baseUrl) => {
			expect(new RegExp(SAFE_BASE_URL).test(baseUrl)).toBe(true);
		},
	);

	test('the https warning shows exactly when the Base URL is unsafe', () => {
		const notice = new DigaApi().properties.find((property) => property.name === 'baseUrlNotice');
		const hideWhen = (notice?.displayOptions?.hide?.baseUrl as Array<{ _cnd: { regex: string } }>)[0]._cnd.regex;
		expect(hideWhen).toBe(SAFE_BASE_URL);
		for (const unsafe of ['http://api.diga.io', 'https://a:b@api.diga.io', 'api.diga.io']) expect(new RegExp(hideWhen).test(unsafe)).toBe(false);
	});

	test('a redirect fails the test with a message, and is not followed', async () => {
		fake.handler = () => ({ status: 302, headers: { location: `${elsewhere.url}/v1/phone/` } });
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: fake.url });
		expect(result.message).toMatch(/redirects elsewhere/);
		expect(elsewhere.requests).toHaveLength(0);
	});

	test.each([
		['an HTML page', { status: 200, text: '<html><title>Router login</title></html>', headers: { 'content-type': 'text/html' } }],
		['a JSON object that is not a page of phones', { status: 200, body: { ok: true } }],
	])('a 200 with %s fails the test: it is not Diga', async (_what, reply) => {
		fake.handler = () => reply;
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: fake.url });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/not like Diga's API/) });
	});

	test('an unreachable Base URL says so', async () => {
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: 'http://127.0.0.1:1' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Could not reach Diga: the connection was refused/) });
	});

	describe('with SIP trunk fields', () => {
		test('a well-formed trunk passes, is sent nowhere, and the result says the trunk itself is reached only by a call', async () => {
			const trunk = { terminationUri: 'sip:mytrunk.pstn.twilio.com:5060', username: 'acme', password: 'Tr-canary-pw' };
			const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: fake.url, ...trunkFields(trunk) });
			expect(result).toEqual({ status: 'OK', message: expect.stringMatching(/accepted the API key\. .*only when it places a call/) });
			expect(JSON.stringify(fake.requests)).not.toMatch(/Tr-canary-pw|mytrunk|acme/);
		});

		test.each([
			[{ username: 'acme' }, /SIP Trunk Termination URI: is empty/],
			[{ terminationUri: '2001:db8::10' }, /\[2001:db8::10\]:5060/],
			[{ terminationUri: 'trunk.example.com/path' }, /is not a host name/],
		])('refuses %j before any request, saying how to fix it', async (trunk, message) => {
			const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: fake.url, ...trunkFields(trunk) });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(message) });
			expect(fake.requests).toHaveLength(0);
		});

		test('never shows the password it finds in the termination URI', async () => {
			const trunk = { terminationUri: 'sip:acme:Tr-canary-pw@trunk.example.com', password: 'Tr-canary-pw' };
			const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: fake.url, ...trunkFields(trunk) });
			expect(result.status).toBe('Error');
			expect(result.message).toContain('"sip:acme:***@trunk.example.com" carries a user name and password');
			expect(result.message).not.toContain('Tr-canary-pw');
		});
	});
});

describeEachContract('credential test against Diga contracts', (server) => {
	test('a key Diga accepts passes, with the bearer header on GET /v1/phone/?limit=1', async () => {
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: `${server().url}/` });
		expect(result.status).toBe('OK');
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
