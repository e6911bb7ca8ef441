/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a benchmark that runs in Node, not code that n8n loads */
/**
 * The benches' fake of Diga (test/support/fake-diga.ts) in a process of its own, so the CPU time a
 * bench measures is n8n's and the node's only: every answer leaves a fixed latency after its request
 * arrived. It answers Update Phone (PATCH) and pages through PHONES phones for Get Many, and counts
 * requests and the peak in flight, read and reset by its parent over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

import type { IDataObject } from 'n8n-workflow';

import { phoneIdAt } from '../test/support/diga';
import { phoneRegister, startFakeDiga, type FakeReply } from '../test/support/fake-diga';

/** How many phones Get Many finds, and the most one page holds. */
export const PHONES = 2500;
export const PHONE_PAGE_MAX = 100;

export interface FakeStats {
	requests: number;
	peakInFlight: number;
}

/**
 * Waits until `deadline` (performance.now() time). A timer alone fires up to a millisecond late, and
 * that slack would be billed to the client: the timer stops short and the last stretch is spun.
 */
async function waitUntil(deadline: number): Promise<void> {
	const early = deadline - performance.now() - 2;
	if (early > 0) await sleep(early);
	while (performance.now() < deadline) await nextTurn();
}

async function serveFake(latencyMs: number): Promise<void> {
	if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`the fake needs a latency in ms, got ${latencyMs}`);
	let stats: FakeStats = { requests: 0, peakInFlight: 0 };
	let inFlight = 0;
	const fake = await startFakeDiga(async (request): Promise<FakeReply> => {
		const arrived = performance.now();
		stats.requests++;
		stats.peakInFlight = Math.max(stats.peakInFlight, ++inFlight);
		await waitUntil(arrived + latencyMs);
		inFlight--;
		if (request.method === 'PATCH') return { status: 200, body: phoneRegister(request.path.split('/').pop() ?? '', request.body as IDataObject) };
		if (request.method === 'GET' && request.path === '/v1/phone/') {
			const after = request.query.get('after');
			const start = after ? Number(after.slice(-12)) + 1 : 0;
			const end = Math.min(start + Math.min(Number(request.query.get('limit') ?? 20), PHONE_PAGE_MAX), PHONES);
			const data = Array.from({ length: end - start }, (_, i) => phoneRegister(phoneIdAt(start + i), { nickname: `Line ${start + i}` }));
			return { status: 200, body: { data, has_more: end < PHONES, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null } };
		}
		return { status: 404, body: { status: 'error', error_code: 'NOT_FOUND', message: 'Not found' } };
	});
	process.on('message', (message: { id: number; command: 'stats' | 'reset' }) => {
		if (message.command === 'reset') {
			stats = { requests: 0, peakInFlight: 0 };
			fake.requests.length = 0;
		}
		process.send?.({ id: message.id, stats, url: fake.url });
	});
	process.send?.({ id: 0, url: fake.url });
}

/** The parent's handle on the fake's process. */
export class FakeProcess {
	private next = 1;
	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {}

	static async start(latencyMs: number): Promise<FakeProcess> {
		// fork() passes this process's execArgv on, so the child runs under tsx as this one does.
		const child = fork(__filename, [String(latencyMs)]);
		const url = await new Promise<string>((resolve, reject) => {
			child.once('message', (message: { url: string }) => resolve(message.url));
			child.once('exit', (code) => reject(new Error(`the fake of Diga exited (${code}) before it listened`)));
		});
		return new FakeProcess(child, url);
	}

	async call(command: 'stats' | 'reset'): Promise<FakeStats> {
		const id = this.next++;
		return await new Promise((resolve) => {
			const listen = (message: { id: number; stats: FakeStats }) => {
				if (message.id !== id) return;
				this.child.off('message', listen);
				resolve(message.stats);
			};
			this.child.on('message', listen);
			this.child.send({ id, command });
		});
	}

	stop(): void {
		this.child.kill();
	}
}

if (require.main === module) {
	serveFake(Number(process.argv[2])).catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
