import { PHONE_ID, runAgainst, TEST_API_KEY, updateNickname } from '../../support/diga';
import { phoneRegister, startFakeDiga, type FakeDiga, type FakeHandler } from '../../support/fake-diga';

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
