/**
 * The faults a gateway in front of Diga produces (429 with Retry-After, 502/503/504 bursts, dropped
 * connections, answers slower than the Timeout option), injected by the loopback fake while the node
 * runs in n8n's engine. Every item must end exactly once, in input order and paired with its input,
 * as a result or as an error item; a request that may have created something is never sent twice.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runAgainst } from './support/diga';
import { phoneRegister, startFakeDiga, type FakeDiga, type FakeReply, type FakeRequest } from './support/fake-diga';

/** Far above what a loopback answer takes even on a loaded machine; only a SLOW reply ever reaches it. */
const TIMEOUT_MS = 3000;
/** An answer that never comes, so the Timeout option is what ends the request, whatever the load. */
const SLOW: FakeReply = { hang: true };
const RESET: FakeReply = { reset: true };
const status = (code: number, retryAfter?: string): FakeReply => ({
	status: code,
	body: { status: 'error', error_code: 'GATEWAY', message: `Gateway said ${code}` },
	headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
});

const phoneIds = (count: number) => Array.from({ length: count }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const phoneNumbers = (count: number) => Array.from({ length: count }, (_, i) => `+3491000${String(i).padStart(4, '0')}`);

const updatePhones = (options: IDataObject) => ({
	resource: 'phone',
	operation: 'update',
	phoneId: { __rl: true, mode: 'id', value: '={{ $json.key }}' },
	updateFields: { nickname: 'Front desk' },
	options: { timeout: TIMEOUT_MS, ...options },
});

const importPhones = (options: IDataObject) => ({
	resource: 'phone',
	operation: 'import',
	phoneNumber: '={{ $json.key }}',
	options: { timeout: TIMEOUT_MS, ...options },
});

const makeCalls = (options: IDataObject) => ({
	resource: 'call',
	operation: 'make',
	phoneId: { __rl: true, mode: 'number', value: '+34912345678' },
	toNumber: '={{ $json.key }}',
	options: { timeout: TIMEOUT_MS, ...options },
});

/** Which item a request belongs to: the phone ID of an Update, the number of an Import, the callee of a call. */
function keyOf(request: FakeRequest): string {
	const body = request.body as IDataObject;
	if (request.path === '/v1/call/') return String(body.to_number);
	return request.method === 'POST' ? String(body.phone_number) : (request.path.split('/').pop() ?? '');
}

function successBody(request: FakeRequest, key: string): unknown {
	if (request.path === '/v1/call/') return { id: `call-to-${key}`, to_number: key, status: 'queued' };
	return request.method === 'POST' ? phoneRegister(`id-of-${key}`, { number: key }) : phoneRegister(key);
}

/** One request and the fake's reply to it. */
interface Seen {
	key: string;
	at: number;
	reply: FakeReply;
}

/**
 * Answers each item's n-th request with the n-th reply of its script (success once the script runs
 * out), or lets `decide` answer from the order of arrival; records every request per item.
 */
function scripted(fake: FakeDiga, scripts: Record<string, FakeReply[]>, decide?: (arrival: number) => FakeReply | undefined): Seen[] {
	const seen: Seen[] = [];
	fake.requests.length = 0;
	fake.handler = (request) => {
		const key = keyOf(request);
		const attempt = seen.filter((entry) => entry.key === key).length;
		const success: FakeReply = { status: 200, body: successBody(request, key) };
		const reply = decide?.(seen.length + 1) ?? scripts[key]?.[attempt] ?? success;
		const sent = { ...reply, body: reply.body ?? (reply.status === 200 ? success.body : undefined) };
		seen.push({ key, at: Date.now(), reply: sent });
		return sent;
	};
	return seen;
}

const succeeded = (entry: Seen) => entry.reply.status === 200 && !entry.reply.delayMs && !entry.reply.reset && !entry.reply.hang;

/**
 * Every input item has exactly one output item at its own position, paired with it: its result when
 * the item's last request succeeded (and no request after it was sent), otherwise an error item.
 */
function expectEveryItemOnce(output: INodeExecutionData[] | undefined, keys: string[], seen: Seen[], field: 'id' | 'number' | 'to_number'): void {
	expect(output).toHaveLength(keys.length);
	keys.forEach((key, index) => {
		const item = output?.[index];
		const requests = seen.filter((entry) => entry.key === key);
		expect(item?.pairedItem).toEqual({ item: index });
		expect(requests.length).toBeGreaterThan(0);
		expect(requests.filter(succeeded).length).toBeLessThanOrEqual(1);
		if (succeeded(requests[requests.length - 1])) {
			expect(item?.json[field]).toBe(key);
			expect(item?.json.error).toBeUndefined();
		} else {
			expect(requests.some(succeeded)).toBe(false);
			expect(item?.json.error).toEqual(expect.any(String));
			expect(item?.json.details).toEqual(expect.any(String));
		}
	});
	expect(seen.every((entry) => keys.includes(entry.key))).toBe(true);
}

const requestsPerKey = (seen: Seen[], keys: string[]) => keys.map((key) => seen.filter((entry) => entry.key === key).length);
const gapMs = (seen: Seen[], key: string) => {
	const [first, second] = seen.filter((entry) => entry.key === key);
	return second.at - first.at;
};

let fake: FakeDiga;
beforeAll(async () => (fake = await startFakeDiga()));
afterAll(async () => await fake.stop());

describe('Update Phone (PATCH: safe to send again)', () => {
	test('every transient fault is retried until Diga answers; the output keeps order and pairing', async () => {
		const keys = phoneIds(9);
		const scripts = {
			[keys[0]]: [status(429, '0')],
			[keys[1]]: [status(429, '1')],
			[keys[2]]: [status(503), status(503)],
			[keys[3]]: [RESET],
			[keys[4]]: [SLOW],
			[keys[5]]: [status(502), status(504)],
			[keys[7]]: [status(404)],
			[keys[8]]: [status(503, '0'), RESET, status(429, '0')],
		};
		const seen = scripted(fake, scripts);
		const { output, error } = await runAgainst(fake, updatePhones({ maxRetries: 3, concurrency: 4 }), {
			items: keys.map((key) => ({ key })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expectEveryItemOnce(output, keys, seen, 'id');
		expect(requestsPerKey(seen, keys)).toEqual([2, 2, 3, 2, 2, 3, 1, 1, 4]);
		expect(output?.map((item) => item.json.error === undefined)).toEqual([true, true, true, true, true, true, true, false, true]);
		expect(output?.[7].json.error).toMatch(/404/);
		expect(gapMs(seen, keys[1])).toBeGreaterThanOrEqual(950);
	});

	// Fails while the transport hands the network code to NodeApiError, which then swaps the message for
	// n8n's generic "The connection was aborted, perhaps the server is offline". Make it a plain `test`
	// once the transport keeps its own message.
	test('a timeout is named as one in the error message', async () => {
		const [key] = phoneIds(1);
		scripted(fake, { [key]: [SLOW] });
		const { output } = await runAgainst(fake, updatePhones({ maxRetries: 0 }), { items: [{ key }], continueOnFail: true });
		expect(output?.[0].json.error).toMatch(new RegExp(`did not answer within ${TIMEOUT_MS} ms`));
	});

	test('recovered faults do not fail the node without Continue on Fail', async () => {
		const keys = phoneIds(6);
		const seen = scripted(fake, Object.fromEntries(keys.map((key, i) => [key, [i % 2 ? status(503, '0') : status(429, '0'), RESET]])));
		const { output, error } = await runAgainst(fake, updatePhones({ maxRetries: 2, concurrency: 3 }), { items: keys.map((key) => ({ key })) });
		expect(error).toBeUndefined();
		expectEveryItemOnce(output, keys, seen, 'id');
		expect(output?.every((item) => item.json.error === undefined)).toBe(true);
	});

	test('gives up after Max Retries + 1 attempts and says how many were made', async () => {
		const keys = phoneIds(5);
		const always = (reply: FakeReply) => Array(10).fill(reply);
		const seen = scripted(fake, {
			[keys[0]]: always(status(503)),
			[keys[1]]: always(RESET),
			[keys[2]]: always(SLOW),
			[keys[3]]: always(status(429, '0')),
		});
		const { output } = await runAgainst(fake, updatePhones({ maxRetries: 2, concurrency: 5 }), {
			items: keys.map((key) => ({ key })),
			continueOnFail: true,
		});
		expectEveryItemOnce(output, keys, seen, 'id');
		expect(requestsPerKey(seen, keys)).toEqual([3, 3, 3, 3, 1]);
		for (const item of output?.slice(0, 4) ?? []) expect(item.json.details).toMatch(/Gave up after 3 attempts\./);
		expect(output?.[0].json.error).toMatch(/503/);
		expect(output?.[2].json.details).toMatch(/Timeout option/);
		expect(output?.[3].json.error).toMatch(/429/);
		expect(output?.[4].json.id).toBe(keys[4]);
	});

	test('a 503 burst over 40 items at concurrency 8: all land, each exactly once', async () => {
		const keys = phoneIds(40);
		// The first 12 requests, whichever items they carry, meet the burst.
		const seen = scripted(fake, {}, (arrival) => (arrival <= 12 ? status(503) : undefined));
		const { output, error } = await runAgainst(fake, updatePhones({ maxRetries: 8, concurrency: 8 }), {
			items: keys.map((key) => ({ key })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expectEveryItemOnce(output, keys, seen, 'id');
		expect(output?.every((item) => item.json.error === undefined)).toBe(true);
		expect(seen.filter((entry) => entry.reply.status === 503)).toHaveLength(12);
	});
});

describe('Import Phone (POST: may create a number)', () => {
	test('sent again only after 429; never after 502, 503, 504, a reset or a timeout, when Diga may have imported it', async () => {
		const keys = phoneNumbers(8);
		const seen = scripted(fake, {
			[keys[0]]: [status(503, '0')],
			[keys[1]]: [status(502)],
			[keys[2]]: [status(504)],
			[keys[3]]: [RESET],
			[keys[4]]: [SLOW],
			[keys[5]]: [status(429, '0')],
			[keys[6]]: [status(429, '1')],
		});
		const { output, error } = await runAgainst(fake, importPhones({ maxRetries: 3, concurrency: 4 }), {
			items: keys.map((key) => ({ key })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expectEveryItemOnce(output, keys, seen, 'number');
		expect(requestsPerKey(seen, keys)).toEqual([1, 1, 1, 1, 1, 2, 2, 1]);
		expect(output?.map((item) => item.json.error === undefined)).toEqual([false, false, false, false, false, true, true, true]);
		expect(output?.[0].json.error).toMatch(/503/);
		expect(output?.[4].json.details).toMatch(/Timeout option/);
		for (const item of output?.slice(0, 5) ?? []) expect(item.json.details).not.toMatch(/Gave up/);
		expect(gapMs(seen, keys[6])).toBeGreaterThanOrEqual(950);
	});

	test('a burst of 503s then 429s: 503-answered imports fail once, 429-answered ones are sent again', async () => {
		const keys = phoneNumbers(20);
		const seen = scripted(fake, {}, (arrival) => {
			if (arrival <= 7) return status(503);
			if (arrival <= 12) return status(429, '0');
			return undefined;
		});
		const { output, error } = await runAgainst(fake, importPhones({ maxRetries: 3, concurrency: 5 }), {
			items: keys.map((key) => ({ key })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expectEveryItemOnce(output, keys, seen, 'number');
		keys.forEach((key, index) => {
			const replies = seen.filter((entry) => entry.key === key).map((entry) => entry.reply.status);
			if (replies[0] === 503) {
				expect(replies).toEqual([503]);
				expect(output?.[index].json.error).toMatch(/503/);
			} else {
				expect(replies[replies.length - 1]).toBe(200);
				expect(replies.slice(0, -1).every((code) => code === 429)).toBe(true);
			}
		});
		expect(output?.filter((item) => item.json.error !== undefined)).toHaveLength(7);
	});

	test('sent again after a refused connection, which Diga never received, and says how often it tried', async () => {
		const { output } = await runAgainst({ url: 'http://127.0.0.1:9' }, importPhones({ maxRetries: 2 }), {
			items: [{ key: '+34910000000' }],
			continueOnFail: true,
		});
		expect(output).toHaveLength(1);
		expect(output?.[0].pairedItem).toEqual({ item: 0 });
		expect(output?.[0].json.error).toMatch(/refused/);
		expect(output?.[0].json.details).toMatch(/Gave up after 3 attempts\./);
	});
});

describe('Make Call (POST: may place a call)', () => {
	test('sent again only after 429; a call Diga may have placed is never placed twice', async () => {
		const keys = Array.from({ length: 6 }, (_, i) => `+3461200000${i}`);
		const seen = scripted(fake, {
			[keys[0]]: [status(503)],
			[keys[1]]: [RESET],
			[keys[2]]: [SLOW],
			[keys[3]]: [status(429, '0')],
			[keys[5]]: [status(504)],
		});
		const { output, error } = await runAgainst(fake, makeCalls({ maxRetries: 3, concurrency: 3 }), {
			items: keys.map((key) => ({ key })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expectEveryItemOnce(output, keys, seen, 'to_number');
		expect(requestsPerKey(seen, keys)).toEqual([1, 1, 1, 2, 1, 1]);
		expect(output?.map((item) => item.json.error === undefined)).toEqual([false, false, false, true, true, false]);
	});
});
