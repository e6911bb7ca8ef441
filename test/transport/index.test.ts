import { sleep } from 'n8n-workflow';

import { PHONE_ID, runAgainst, TEST_API_KEY } from '../support/diga';
import { phoneRegister, startFakeDiga, type FakeDiga, type FakeHandler } from '../support/fake-diga';

const updateNickname = (options: object = {}) => ({
	resource: 'phone',
	operation: 'update',
	phoneId: { __rl: true, mode: 'id', value: PHONE_ID },
	updateFields: { nickname: 'Front desk' },
	options: { maxRetries: 0, ...options },
});

const ids = ['aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'];
const updateEachItem = { ...updateNickname(), phoneId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } };
const secondPhoneMissing: FakeHandler = (request) =>
	request.path.endsWith(ids[1])
		? { status: 404, body: { status: 'error', error_code: 'PHONE_NUMBER_NOT_FOUND', message: 'Phone number not found' } }
		: { status: 200, body: phoneRegister(request.path.split('/').pop() ?? '') };

describe('API failures become NodeApiErrors carrying Diga’s message', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test.each([
		[401, { status: 'error', error_code: 'INVALID_API_KEY', message: 'Invalid API key' }, /401 INVALID_API_KEY: Invalid API key/, /API key/],
		[403, { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions' }, /403 INTERNAL_SERVER_ERROR: Missing required permissions/, /lacks permission/],
		[404, { status: 'error', error_code: 'PHONE_NUMBER_NOT_FOUND', message: 'Phone number not found' }, /404 PHONE_NUMBER_NOT_FOUND: Phone number not found/, /Pick the phone from the list/],
		[409, { status: 'error', error_code: 'VERSION_ALREADY_PUBLISHED', message: 'Version already published on another phone' }, /409 VERSION_ALREADY_PUBLISHED: Version already published/, /already published on another phone/],
		[412, { status: 'error', error_code: 'SIP_CONFIG_NOT_SET', message: 'SIP config not set' }, /412 SIP_CONFIG_NOT_SET/, /no SIP configuration/],
		[422, { detail: [{ loc: ['body', 'nickname'], msg: 'String should have at most 64 characters', type: 'string_too_long' }] }, /422: nickname: String should have at most 64 characters/, /Correct the field/],
		[500, { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred' }, /500 INTERNAL_SERVER_ERROR: An internal server error occurred/, /Try again later/],
	])('%i', async (status, body, message, hint) => {
		fake.handler = () => ({ status, body });
		const { error, output } = await runAgainst(fake, updateNickname());
		expect(output).toBeUndefined();
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(hint);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.context?.itemIndex).toBe(0);
		expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
		expect(fake.requests).toHaveLength(1);
	});

	test('continue on fail: one error item per failed item, the others go on, in order', async () => {
		fake.handler = secondPhoneMissing;
		const { output, error } = await runAgainst(
			fake,
			updateEachItem,
			{ items: ids.map((id) => ({ id })), continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output?.[0].json.id).toBe(ids[0]);
		expect(output?.[1].json.error).toMatch(/404 PHONE_NUMBER_NOT_FOUND: Phone number not found/);
		expect(output?.[2].json.id).toBe(ids[2]);
	});

	test('continue using error output: failed items leave on the error output, paired', async () => {
		fake.handler = secondPhoneMissing;
		const { output, errorItems } = await runAgainst(
			fake,
			updateEachItem,
			{ items: ids.map((id) => ({ id })), errorOutput: true },
		);
		expect(output?.map((item) => item.json.id)).toEqual([ids[0], ids[2]]);
		expect(errorItems?.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorItems?.[0].json.error).toMatch(/404 PHONE_NUMBER_NOT_FOUND/);
	});

	test('the credential is read once per run and its key sent with every request', async () => {
		fake.handler = (request) => ({ status: 200, body: phoneRegister(request.path.split('/').pop() ?? '') });
		const { output, credentialReads } = await runAgainst(fake, updateEachItem, { items: ids.map((id) => ({ id })) });
		expect(output?.map((item) => item.json.id)).toEqual(ids);
		expect(credentialReads).toBe(1);
		expect(fake.requests.map((request) => request.headers.authorization)).toEqual(ids.map(() => `Bearer ${TEST_API_KEY}`));
	});

	test('after Diga refuses the API key, the remaining items fail without a request', async () => {
		fake.handler = () => ({ status: 401, body: { status: 'error', error_code: 'INVALID_API_KEY', message: 'Invalid API key' } });
		const { output } = await runAgainst(
			fake,
			{ ...updateEachItem, options: { maxRetries: 0, concurrency: 1 } },
			{ items: ids.map((id) => ({ id })), continueOnFail: true },
		);
		expect(fake.requests).toHaveLength(1);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of output ?? []) expect(item.json.error).toMatch(/401 INVALID_API_KEY: Invalid API key/);
		expect(output?.[0].json.details).not.toMatch(/Not sent/);
		expect(output?.slice(1).map((item) => item.json.details)).toEqual([expect.stringMatching(/Not sent/), expect.stringMatching(/Not sent/)]);
	});

	test('a connection refused names the Base URL to check', async () => {
		const { error } = await runAgainst({ url: 'http://127.0.0.1:9' }, updateNickname());
		expect(error?.message).toMatch(/ECONNREFUSED|refused/);
		expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
	});
});

describe('the key goes to Diga and nowhere else', () => {
	let diga: FakeDiga;
	let elsewhere: FakeDiga;
	beforeAll(async () => {
		diga = await startFakeDiga();
		elsewhere = await startFakeDiga((request) => ({ status: request.method === 'GET' ? 200 : 201, body: { id: 'elsewhere', data: [] } }));
	});
	afterAll(async () => {
		await diga.stop();
		await elsewhere.stop();
	});
	beforeEach(() => {
		diga.requests.length = 0;
		elsewhere.requests.length = 0;
	});

	const importWithTrunk = {
		resource: 'phone',
		operation: 'import',
		phoneNumber: '+34912345678',
		options: { maxRetries: 0 },
	};
	const makeCall = { resource: 'call', operation: 'make', phoneId: { __rl: true, mode: 'id', value: PHONE_ID }, toNumber: '+34612345678', options: { maxRetries: 0 } };

	test.each([
		[302, 'a GET with the bearer key', updateNickname()],
		[307, 'an Import with its body', importWithTrunk],
		[301, 'a Make Call that a client would turn into a GET', makeCall],
		[308, 'a Get Many', { resource: 'phone', operation: 'getAll', limit: 5, options: { maxRetries: 3 } }],
	])('a %i redirect is an error naming both hosts, never followed (%s)', async (status, _what, parameters) => {
		diga.handler = () => ({ status, headers: { location: `${elsewhere.url}/v1/somewhere` } });
		const { output, error } = await runAgainst(diga, parameters);
		expect(output).toBeUndefined();
		expect(error?.message).toContain(`${diga.url} answered ${status}, a redirect to ${new URL(elsewhere.url).host}`);
		expect(error?.description).toMatch(/Neither the API key nor the request was sent/);
		expect(diga.requests).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
	});

	test.each([
		['http://example.com', 'http://example.com'],
		['http://10.0.0.5:8080/', 'http://10.0.0.5:8080/'],
		['ftp://api.diga.io', 'ftp://api.diga.io'],
		['https://user:secret@api.diga.io', 'https://***@api.diga.io'],
		['api.diga.io', 'api.diga.io'],
	])('the Base URL %j is refused before any request, with a clear message', async (baseUrl, shown) => {
		const { output, error } = await runAgainst({ url: baseUrl }, updateNickname());
		expect(output).toBeUndefined();
		expect(error?.message).toBe(`The Base URL of the Diga API credential must start with https:// (it is "${shown}")`);
		expect(error?.description).toMatch(/Nothing was sent/);
		expect(JSON.stringify(error)).not.toContain('secret');
	});

	test('http to [::1] is let through to the connection (nothing listens there in this test)', async () => {
		const { error } = await runAgainst({ url: 'http://[::1]:9' }, updateNickname());
		expect(error?.message).toBe('Could not reach Diga: the connection was refused');
	});

	test.each(['http://localhost:PORT', 'http://127.0.0.1:PORT/'])('a test server on this machine may use http: %s', async (template) => {
		const port = new URL(diga.url).port;
		diga.handler = (request) => ({ status: 200, body: phoneRegister(request.path.split('/').pop() ?? '') });
		const { output, error } = await runAgainst({ url: template.replace('PORT', port) }, updateNickname());
		expect(error).toBeUndefined();
		expect(output?.[0].json.id).toBe(PHONE_ID);
	});
});

describe("only Diga's own answers count as success", () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	const portal = { status: 200, text: '<!DOCTYPE html><html><head><title>Welcome</title></head><body>Sign in</body></html>', headers: { 'content-type': 'text/html; charset=utf-8' } };

	test.each([
		['Release', { resource: 'phone', operation: 'release', phoneId: { __rl: true, mode: 'id', value: PHONE_ID } }],
		['Make Call', { resource: 'call', operation: 'make', phoneId: { __rl: true, mode: 'id', value: PHONE_ID }, toNumber: '+34612345678' }],
		['Import', { resource: 'phone', operation: 'import', phoneNumber: '+34912345678' }],
		['Get Many', { resource: 'phone', operation: 'getAll', returnAll: true }],
		['Get', { resource: 'phone', operation: 'get', phoneId: { __rl: true, mode: 'id', value: PHONE_ID } }],
	])('%s: a 200 text/html answer is an error that says the Base URL is not Diga', async (_operation, parameters) => {
		fake.handler = () => portal;
		const { output, error } = await runAgainst(fake, { ...parameters, options: { maxRetries: 0 } });
		expect(output).toBeUndefined();
		expect(error?.message).toMatch(new RegExp(`^${fake.url} does not answer like Diga's API: \\w+ /v1/\\S+ returned 200 with text/html`));
		expect(error?.description).toMatch(/Check the Base URL/);
		expect(error?.message).not.toContain('<');
	});

	test.each([
		['a list without data', { has_more: false }],
		['an array where a page belongs', [{ id: PHONE_ID }]],
		['plain text', 'ok'],
	])('Get Many: %s is not a page of Diga', async (_what, body) => {
		fake.handler = () => ({ status: 200, body });
		const { error } = await runAgainst(fake, { resource: 'phone', operation: 'getAll', limit: 5 });
		expect(error?.message).toMatch(/does not answer like Diga's API/);
	});

	test('Release: 204 with no body, and 200 with a JSON object, are both Diga', async () => {
		for (const reply of [{ status: 204 }, { status: 200, body: { ok: true } }]) {
			fake.handler = () => reply;
			const { output, error } = await runAgainst(fake, { resource: 'phone', operation: 'release', phoneId: { __rl: true, mode: 'id', value: PHONE_ID } });
			expect(error).toBeUndefined();
			expect(output?.map((item) => item.json)).toEqual([{ deleted: true, id: PHONE_ID }]);
		}
	});
});

describe('Release after an ambiguous failure', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));
	const release = { resource: 'phone', operation: 'release', phoneId: { __rl: true, mode: 'id', value: PHONE_ID }, options: { maxRetries: 2 } };
	const gone = { status: 404, body: { status: 'error', error_code: 'PHONE_NUMBER_NOT_FOUND', message: 'Phone number not found' } };

	test.each([
		['502', { status: 502, body: { status: 'error', message: 'Bad gateway' } }],
		['503', { status: 503 }],
		['a reset connection', { reset: true }],
	])('a 404 on the retry after %s means the first DELETE went through', async (_what, first) => {
		fake.handler = (_request, seen) => (seen === 1 ? first : gone);
		const { output, error } = await runAgainst(fake, release);
		expect(error).toBeUndefined();
		expect(fake.requests).toHaveLength(2);
		expect(output?.map((item) => item.json)).toEqual([{ deleted: true, id: PHONE_ID }]);
	});

	test('a 404 at the first attempt, or after a 429 that Diga did not act on, stays an error', async () => {
		fake.handler = () => gone;
		expect((await runAgainst(fake, release)).error?.message).toMatch(/404 PHONE_NUMBER_NOT_FOUND/);
		fake.requests.length = 0;
		fake.handler = (_request, seen) => (seen === 1 ? { status: 429, headers: { 'retry-after': '0' } } : gone);
		expect((await runAgainst(fake, release)).error?.message).toMatch(/404 PHONE_NUMBER_NOT_FOUND/);
	});
});

describe('Retry-After', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('a wait longer than the Timeout option is not cut short: the item fails at once and says how long Diga asked', async () => {
		fake.handler = () => ({ status: 429, headers: { 'retry-after': '120' }, body: { status: 'error', message: 'Slow down' } });
		const started = Date.now();
		const { error } = await runAgainst(fake, updateNickname({ maxRetries: 3, timeout: 5000 }));
		expect(Date.now() - started).toBeLessThan(4000);
		expect(fake.requests).toHaveLength(1);
		expect(error?.message).toMatch(/429: Slow down/);
		expect(error?.description).toMatch(/Diga asks to wait 120 s before the next request, longer than the Timeout option allows/);
	});

	test('a wait within the Timeout is honoured in full, beyond the 30 s backoff cap if Timeout allows', async () => {
		fake.handler = (_request, seen) => (seen === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, body: phoneRegister(PHONE_ID) });
		const started = Date.now();
		const { output } = await runAgainst(fake, updateNickname({ maxRetries: 1, timeout: 2000 }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(output?.[0].json.id).toBe(PHONE_ID);
	});
});

describe('paging ends with an error instead of looping', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));
	const getAll = { resource: 'phone', operation: 'getAll', returnAll: true, options: { maxRetries: 0 } };
	const page = (id: string, lastId: string | null, hasMore = true) => ({ status: 200, body: { data: [phoneRegister(id)], has_more: hasMore, last_id: lastId } });

	test('cursors A, B, A: the walk stops at the cursor seen before', async () => {
		const cursors = [ids[0], ids[1], ids[0], ids[1]];
		fake.handler = (_request, seen) => page(ids[(seen - 1) % 3], cursors[(seen - 1) % 4]);
		const { output, error } = await runAgainst(fake, getAll);
		expect(output).toBeUndefined();
		expect(fake.requests).toHaveLength(3);
		expect(error?.message).toBe(`Diga's list /v1/phone/ came back to a page it had already given (cursor ${ids[0]})`);
	});

	test('has_more with no last_id is an error, not a silent stop', async () => {
		fake.handler = () => page(ids[0], null);
		const { error } = await runAgainst(fake, getAll);
		expect(error?.message).toMatch(/says it has more pages but gives no cursor/);
	});

	test('a list that never ends stops at the page cap', async () => {
		fake.handler = (_request, seen) => page(ids[0], `00000000-0000-4000-8000-${String(seen).padStart(12, '0')}`);
		const { error } = await runAgainst(fake, getAll);
		expect(error?.message).toMatch(/went on past 1000 pages/);
		expect(fake.requests).toHaveLength(1000);
	});
});

describe('requests in flight stay within Concurrency', () => {
	test('Agent Get Many falling back to /v1/agent/ for 150 agents keeps at most Concurrency versions requests open', async () => {
		let open = 0;
		let most = 0;
		const agentIds = Array.from({ length: 150 }, (_, n) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
		const fake = await startFakeDiga(async (request) => {
			if (request.path.includes('versions-dropdown')) return { status: 403, body: { status: 'error', message: 'Forbidden' } };
			if (request.path === '/v1/agent/') return { status: 200, body: { data: agentIds.map((agent_id) => ({ agent_id, name: agent_id })), has_more: false } };
			most = Math.max(most, ++open);
			await sleep(5);
			open--;
			return { status: 200, body: { data: [{ version_id: request.path.split('/')[3], is_published: true }], has_more: false } };
		});
		try {
			const { output, error } = await runAgainst(fake, { resource: 'agent', operation: 'getAll', returnAll: true, options: { concurrency: 4 } });
			expect(error).toBeUndefined();
			expect(output).toHaveLength(150);
			expect(most).toBe(4);
		} finally {
			await fake.stop();
		}
	});
});
