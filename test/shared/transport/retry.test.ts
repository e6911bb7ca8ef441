import { sleep } from 'n8n-workflow';

import { retryDelayMs } from '../../../nodes/Diga/shared/transport/retry';
import { runAgainst } from '../../support/diga';
import { startFakeDiga } from '../../support/fake-diga';

const NOW = Date.parse('2026-07-22T10:00:00Z');
const SAMPLES = 2000;

function samples(attempt: number, retryAfter?: string): number[] {
	return Array.from({ length: SAMPLES }, () => retryDelayMs(attempt, retryAfter, NOW));
}

afterEach(() => {
	jest.restoreAllMocks();
});

describe('retryDelayMs with Retry-After', () => {
	test.each([
		['0', 0],
		['1', 1000],
		['5', 5000],
		['1.5', 1500],
		['30', 30_000],
		['31', 31_000],
		['3600', 3_600_000],
	])('waits the %s seconds it is told (%i ms), uncut: the caller decides whether that is too long', (retryAfter, expected) => {
		expect(new Set(samples(3, retryAfter))).toEqual(new Set([expected]));
	});

	test.each([
		['Wed, 22 Jul 2026 10:00:07 GMT', 7000],
		['Wed, 22 Jul 2026 10:00:30 GMT', 30_000],
		['Wed, 22 Jul 2026 10:05:00 GMT', 300_000],
		['Wed, 22 Jul 2026 10:00:00 GMT', 0],
		['Wed, 22 Jul 2026 09:59:00 GMT', 0],
	])('waits until the HTTP date %s, counted from now (%i ms)', (retryAfter, expected) => {
		expect(retryDelayMs(1, retryAfter, NOW)).toBe(expected);
	});

	test('counts an HTTP date from the given now, not from the clock', () => {
		const date = 'Wed, 22 Jul 2026 10:00:10 GMT';
		expect(retryDelayMs(1, date, NOW)).toBe(10_000);
		expect(retryDelayMs(1, date, NOW + 4000)).toBe(6000);
	});

	test.each(['soon', 'Wed, 32 Jul 2026 25:00:00 GMT', '-5', '-0.5', '', '   '])('falls back to backoff for an unreadable, negative or empty Retry-After %j', (retryAfter) => {
		const delays = samples(2, retryAfter);
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...delays)).toBeLessThanOrEqual(2000);
		// Backoff with jitter, not one fixed wait (a negative value once meant "retry at once").
		expect(new Set(delays).size).toBeGreaterThan(100);
	});
});

describe('retryDelayMs without Retry-After', () => {
	test.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 100])('stays within [0, min(30 s, 500 ms * 2^%i)]', (attempt) => {
		const ceiling = Math.min(30_000, 500 * 2 ** attempt);
		const delays = samples(attempt);
		expect(delays.every(Number.isInteger)).toBe(true);
		expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
	});

	test('spreads retries over the whole window (full jitter)', () => {
		const delays = samples(3);
		expect(Math.min(...delays)).toBeLessThan(400);
		expect(Math.max(...delays)).toBeGreaterThan(3600);
		expect(new Set(delays).size).toBeGreaterThan(100);
	});

	test('reaches both ends of the window', () => {
		jest.spyOn(Math, 'random').mockReturnValue(0);
		expect(retryDelayMs(4, undefined, NOW)).toBe(0);
		jest.spyOn(Math, 'random').mockReturnValue(0.9999999);
		expect(retryDelayMs(4, undefined, NOW)).toBe(8000);
		expect(retryDelayMs(30, undefined, NOW)).toBe(30_000);
	});

	test('treats an empty Retry-After as absent', () => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
		expect(retryDelayMs(2, '', NOW)).toBe(1000);
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
