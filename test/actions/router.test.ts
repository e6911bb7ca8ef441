import { sleep } from 'n8n-workflow';

import { byId, runAgainst } from '../support/diga';
import { phoneRegister, startFakeDiga, type FakeDiga, type FakeRequest } from '../support/fake-diga';

const FROM_PHONE = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const callId = (item: number) => `6f1e0000-0000-4000-8000-${String(item).padStart(12, '0')}`;
const phoneId = (item: number) => `aaaaaaaa-0000-4000-8000-${String(item).padStart(12, '0')}`;
/** The item a Make Call request came from: its To Number ends with the item index. */
const itemOf = (request: FakeRequest) => Number(String((request.body as { to_number: string }).to_number).slice(-2));
const callItems = (count: number) => Array.from({ length: count }, (_, item) => ({ to: `+346123456${String(item).padStart(2, '0')}` }));

const makeCalls = (concurrency = 5) => ({
	resource: 'call',
	operation: 'make',
	phoneId: byId(FROM_PHONE),
	toNumber: '={{ $json.to }}',
	options: { concurrency, maxRetries: 0 },
});

const refused = { status: 400, body: { status: 'error', error_code: 'NON_SPANISH_PHONE_NUMBER', message: 'Only Spanish numbers' } };
const placed = (item: number) => ({ status: 201, body: { id: callId(item), status: 'dialing', type: 'outbound' } });

describe('a run that stops (On Error: Stop Workflow) says what Diga already did', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('10 calls, the first refused after 100 ms: at most Concurrency sent, the placed ones listed with their IDs', async () => {
		fake.handler = (request) => (itemOf(request) === 0 ? { ...refused, delayMs: 100 } : placed(itemOf(request)));
		const { output, error } = await runAgainst(fake, makeCalls(5), { items: callItems(10) });
		expect(output).toBeUndefined();
		expect(error?.message).toMatch(/400 NON_SPANISH_PHONE_NUMBER/);
		expect(error?.context?.itemIndex).toBe(0);
		// Items 1-4 ran beside item 0; item 5 would be 5 places ahead of it, so it never started.
		expect(fake.requests.map(itemOf).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
		expect(error?.description).toContain(
			`Already done before the stop: item 1 (call ${callId(1)}), item 2 (call ${callId(2)}), item 3 (call ${callId(3)}), item 4 (call ${callId(4)}).`,
		);
		expect(error?.description).toContain('Not sent: items 5-9.');
		expect(error?.description).toMatch(/Continue \(using error output\)/);
	});

	test('creates run in a window: while item 0 is pending, no item Concurrency places ahead of it starts', async () => {
		let itemZeroAnsweredAt = Infinity;
		const arrivals: Array<{ item: number; at: number }> = [];
		fake.handler = async (request) => {
			const item = itemOf(request);
			arrivals.push({ item, at: Date.now() });
			if (item === 0) {
				await sleep(300);
				itemZeroAnsweredAt = Date.now();
			}
			return placed(item);
		};
		const { output, error } = await runAgainst(fake, makeCalls(3), { items: callItems(8) });
		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json.id)).toEqual(callItems(8).map((_, item) => callId(item)));
		expect(arrivals.filter((arrival) => arrival.at < itemZeroAnsweredAt).map((arrival) => arrival.item).sort()).toEqual([0, 1, 2]);
	});

	test('with Continue (using error output) there is no window: the other items go on while item 0 is pending', async () => {
		// Item 0 is answered only once the 9 others have arrived; were they held back behind it, the
		// safety wait would run out first and fewer than 9 would be counted.
		const SAFETY_WAIT_MS = 15_000;
		let others = 0;
		let othersWhileItemZeroPending = 0;
		fake.handler = async (request) => {
			const item = itemOf(request);
			if (item !== 0) {
				others++;
				return placed(item);
			}
			for (let waited = 0; others < 9 && waited < SAFETY_WAIT_MS; waited += 20) await sleep(20);
			othersWhileItemZeroPending = others;
			return refused;
		};
		const { output, errorItems } = await runAgainst(fake, makeCalls(3), { items: callItems(10), errorOutput: true });
		expect(othersWhileItemZeroPending).toBe(9);
		expect(output?.map((item) => item.json.id)).toEqual(callItems(10).slice(1).map((_, item) => callId(item + 1)));
		expect(errorItems?.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	test('no request starts after a failure has been seen; changes done meanwhile are listed', async () => {
		const ids = [0, 1, 2, 3, 4, 5].map(phoneId);
		fake.handler = (request) => {
			const id = request.path.split('/').pop() ?? '';
			if (id === ids[1]) return { status: 409, body: { status: 'error', error_code: 'VERSION_ALREADY_PUBLISHED', message: 'Already published' } };
			return { status: 200, body: phoneRegister(id), delayMs: id === ids[0] ? 150 : 0 };
		};
		const { error } = await runAgainst(
			fake,
			{ resource: 'phone', operation: 'update', phoneId: byId('={{ $json.id }}'), updateFields: { nickname: 'Front desk' }, options: { concurrency: 2, maxRetries: 0 } },
			{ items: ids.map((id) => ({ id })) },
		);
		expect(error?.message).toMatch(/409 VERSION_ALREADY_PUBLISHED/);
		// Item 0 was in flight when item 1 failed; nothing else was sent after that.
		expect(fake.requests.map((request) => request.path.split('/').pop())).toEqual([ids[0], ids[1]]);
		expect(error?.description).toContain(`Already done before the stop: item 0 (phone ${ids[0]}).`);
		expect(error?.description).toContain('Not sent: items 2-5.');
	});

	test('a failing read stops without a report: it changed nothing', async () => {
		fake.handler = () => ({ status: 404, body: { status: 'error', error_code: 'PHONE_NUMBER_NOT_FOUND', message: 'Phone number not found' } });
		const { error } = await runAgainst(fake, { resource: 'phone', operation: 'get', phoneId: byId(phoneId(0)), options: { maxRetries: 0 } });
		expect(error?.message).toMatch(/404 PHONE_NUMBER_NOT_FOUND/);
		expect(error?.description).not.toMatch(/Already done|Not sent|Nothing was done/);
	});

	test('a stop before anything went through says so', async () => {
		fake.handler = () => refused;
		const { error } = await runAgainst(fake, makeCalls(1), { items: callItems(3) });
		expect(fake.requests).toHaveLength(1);
		expect(error?.description).toContain('Nothing was done in Diga before the stop. Not sent: items 1-2.');
	});
});

describe('as an AI agent tool, the error message itself carries the fix (a model reads only the message)', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('a refused input: the field, the problem and what a valid value looks like, no item number', async () => {
		const importPhone = { resource: 'phone', operation: 'import', phoneNumber: '+34 600 000 000' };
		const asTool = await runAgainst(fake, importPhone, { asTool: true });
		expect(asTool.error?.message).toBe(
			'Phone Number: "+34 600 000 000" is neither an E.164 number nor a SIP user identifier. Use E.164: a plus sign, the country code and the number, no spaces (e.g. +34912345678), or a SIP user identifier (e.g. alice@sip.example.com).',
		);
		const inWorkflow = await runAgainst(fake, importPhone);
		expect(inWorkflow.error?.message).toBe('Phone Number (item 0): "+34 600 000 000" is neither an E.164 number nor a SIP user identifier');
		expect(fake.requests).toEqual([]);
	});

	test("Diga's refusal: its hint joins the message", async () => {
		fake.handler = () => refused;
		const { error } = await runAgainst(fake, { ...makeCalls(1), toNumber: '+34612345678', options: { maxRetries: 0 } }, { asTool: true });
		expect(error?.message).toMatch(/400 NON_SPANISH_PHONE_NUMBER/);
		expect(error?.description).toBeTruthy();
		expect(error?.message).toContain(String(error?.description));
	});
});
