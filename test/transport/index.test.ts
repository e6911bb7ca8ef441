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
