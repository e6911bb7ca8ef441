/** send.ts honours Diga's Retry-After, within the Timeout option. */
import { PHONE_ID, runAgainst, updateNickname } from '../../support/diga';
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
