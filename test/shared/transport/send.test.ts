/** send.ts honours Diga's Retry-After, within the Timeout option. */
import { PHONE_ID, runAgainst, TEST_API_KEY, updateNickname } from '../../support/diga';
import { TestCredentialsHelper } from '../../support/engine';
import { phoneRegister, startFakeDiga, type FakeDiga } from '../../support/fake-diga';

describe('Retry-After', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('a wait longer than the Timeout option is not cut short: the item fails at once and says how long Diga asked', async () => {
		// Timeout 300 s: a node that waited out the Timeout instead of failing at once would outlast Jest's
		// 60 s test timeout, so no clock is read here and a loaded machine cannot break the check.
		fake.handler = () => ({ status: 429, headers: { 'retry-after': '1200' }, body: { status: 'error', message: 'Slow down' } });
		const { error } = await runAgainst(fake, updateNickname({ maxRetries: 3, timeout: 300_000 }));
		expect(fake.requests).toHaveLength(1);
		expect(error?.message).toMatch(/429: Slow down/);
		expect(error?.description).toMatch(/Diga asks to wait 1200 s before the next request, longer than the Timeout option allows/);
	});

	test('a wait within the Timeout is honoured in full, beyond the 30 s backoff cap if Timeout allows', async () => {
		fake.handler = (_request, seen) => (seen === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, body: phoneRegister(PHONE_ID) });
		const started = Date.now();
		const { output } = await runAgainst(fake, updateNickname({ maxRetries: 1, timeout: 2000 }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(output?.[0].json.id).toBe(PHONE_ID);
	});
});

describe('failures that are not the network’s', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga(() => ({ body: phoneRegister(PHONE_ID) }))));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('an error n8n raises before sending (its expression engine, no network code) keeps its own message', async () => {
		// What n8n 2.41's expression engine throws when a poll renders the credential's header with an isolate it released.
		const authenticate = jest.spyOn(TestCredentialsHelper.prototype, 'authenticate').mockRejectedValueOnce(new Error('No bridge acquired for this context'));
		try {
			const { error } = await runAgainst(fake, updateNickname({ maxRetries: 3 }));
			expect(error?.message).toBe('The request to Diga failed inside n8n: No bridge acquired for this context');
			expect(error?.message).not.toMatch(/Could not reach Diga/);
			expect(error?.description).toMatch(/not a network failure/);
			// Not a network failure, so not retried either.
			expect(authenticate).toHaveBeenCalledTimes(1);
			expect(fake.requests).toHaveLength(0);
		} finally {
			authenticate.mockRestore();
		}
	});

	test('such a message never carries the API key', async () => {
		const authenticate = jest
			.spyOn(TestCredentialsHelper.prototype, 'authenticate')
			.mockRejectedValueOnce(new Error(`Cannot render header "Authorization: Bearer ${TEST_API_KEY}"`));
		try {
			const { error } = await runAgainst(fake, updateNickname());
			expect(error?.message).toContain('Cannot render header');
			expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
		} finally {
			authenticate.mockRestore();
		}
	});

	test('a refused connection is still named as one', async () => {
		const { error } = await runAgainst({ url: 'http://127.0.0.1:9' }, updateNickname({ maxRetries: 0 }));
		expect(error?.message).toBe('Could not reach Diga: the connection was refused');
	});
});
