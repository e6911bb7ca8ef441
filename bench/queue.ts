/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a benchmark that runs in Node, not code that n8n loads */
/**
 * `npm run bench:queue`: the package in n8n's queue mode beside one n8n process. Figures, not assertions.
 *
 * 1. The same SETTINGS.items Update Phone items, split into SPLIT executions started at once by SPLIT calls
 *    to a production webhook (test/queue/workflows.ts's updateMany, each call taking its slice), run by
 *    one `n8n start` in regular mode (SQLite) and by n8n in queue mode with 2 workers (Postgres, Redis,
 *    a webhook processor: test/support/queue.ts). Diga is the benches' fake in its own process
 *    (bench/fake.ts), answering SETTINGS.latencyMs after each request and counting the requests in
 *    flight at most. Wall time: from the first call sent to the last execution's stop as n8n stored it.
 *    Also: which worker ran how many executions.
 * 2. The Diga Agent Tool Trigger's round trip through the webhook processor beside n8n's Webhook node
 *    through the same processor (bench/real-n8n/agentTool.ts's measureRoundTrip).
 *
 * Writes bench/results/queue.json; scripts/performance-doc.ts turns it into docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sleep } from 'n8n-workflow';

import { TEST_API_KEY } from '../test/support/diga';
import { startFakeIntegrations } from '../test/support/fake-integrations';
import { ensureN8n, importIntoN8n, installPackage, N8N_VERSION, tempUserFolder } from '../test/support/n8n';
import { startN8n } from '../test/support/n8n-server';
import { startQueueCluster, type QueueCluster } from '../test/support/queue';
import { timesOf } from '../test/queue/stored';
import { UPDATE_MANY_ID, UPDATE_MANY_PATH, updateMany } from '../test/queue/workflows';
import { FakeProcess } from './fake';
import { CALLS, measureRoundTrip, type Latency } from './real-n8n/agentTool';
import { concurrencyOption, median, printTable, round, SETTINGS } from './support';

const RESULTS = path.join(__dirname, 'results', 'queue.json');
const SPLIT = 4;
const WORKERS = 2;
/** Each worker's `--concurrency`: n8n's default. */
const WORKER_CONCURRENCY = 10;
const CREDENTIAL_ID = 'bench-diga';

export interface SplitRun {
	/** Median wall time of the repeats (ms), and each repeat's. */
	wallMs: number;
	samples: number[];
	/** The most requests Diga had in flight at once, over all repeats. */
	peakInFlight: number;
	requests: number;
}

export interface QueueResults {
	date: string;
	environment: { n8n: string; cpus: number; loadAverage1m: number; repeats: number; latencyMs: number; items: number; split: number; workers: number; concurrency: number; workerConcurrency: number };
	regular: SplitRun;
	queue: SplitRun & { executionsByWorker: Record<string, number> };
	agentTool: { calls: number; trigger: Latency; webhook: Latency };
}

/** Starts SPLIT executions at once through `webhookBase` and waits until n8n stored them; returns the wall time. */
async function splitRun(webhookBase: string, fake: FakeProcess, stoppedSince: (since: number) => Promise<number[]>): Promise<{ wallMs: number; peakInFlight: number; requests: number }> {
	await fake.call('reset');
	const slice = Math.ceil(SETTINGS.items / SPLIT);
	const started = Date.now();
	const answers = await Promise.all(
		Array.from({ length: SPLIT }, async (_, index) => await fetch(`${webhookBase}webhook/${UPDATE_MANY_PATH}?from=${index * slice}&count=${slice}`, { method: 'POST' })),
	);
	const refused = answers.find((answer) => answer.status !== 200);
	if (refused) throw new Error(`the webhook answered ${refused.status}`);
	for (;;) {
		const stopped = await stoppedSince(started);
		if (stopped.length >= SPLIT) {
			const stats = await fake.call('stats');
			if (stats.requests !== SETTINGS.items) throw new Error(`Diga received ${stats.requests} requests, expected ${SETTINGS.items}`);
			return { wallMs: Math.max(...stopped) - started, peakInFlight: stats.peakInFlight, requests: stats.requests };
		}
		await sleep(100);
	}
}

async function repeat(run: () => Promise<{ wallMs: number; peakInFlight: number; requests: number }>): Promise<SplitRun> {
	await run(); // warm-up
	const runs = [];
	for (let i = 0; i < SETTINGS.repeats; i++) runs.push(await run());
	const samples = runs.map((each) => each.wallMs);
	return { wallMs: median(samples), samples, peakInFlight: Math.max(...runs.map((each) => each.peakInFlight)), requests: runs[0].requests };
}

const credentials = (fake: FakeProcess) => [{ id: CREDENTIAL_ID, name: CREDENTIAL_ID, type: 'digaApi', data: { apiKey: TEST_API_KEY, baseUrl: fake.url } }];

async function regularMode(fake: FakeProcess): Promise<SplitRun> {
	const folder = tempUserFolder('bench-regular');
	try {
		await installPackage(folder.dir, { build: false });
		await importIntoN8n(folder.dir, { credentials: credentials(fake), workflows: [updateMany(CREDENTIAL_ID)] });
		const n8n = await startN8n({ userFolder: folder.dir });
		try {
			await n8n.activate(UPDATE_MANY_ID);
			await sleep(2000);
			return await repeat(
				async () =>
					await splitRun(n8n.webhookUrl, fake, async (since) =>
						(await n8n.executions(UPDATE_MANY_ID)).filter((each) => each.stoppedAt && Date.parse(each.startedAt) >= since - 1000).map((each) => Date.parse(String(each.stoppedAt))),
					),
			);
		} finally {
			await n8n.stop();
		}
	} finally {
		folder.remove();
	}
}

/** Which worker's log says it ran each execution. */
function executionsByWorker(cluster: QueueCluster): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const [name, log] of cluster.logs()) {
		if (!name.startsWith('worker')) continue;
		counts[name] = (log.match(/Worker started execution \d+/g) ?? []).length;
	}
	return counts;
}

async function queueMode(fake: FakeProcess): Promise<QueueResults['queue'] & { agentTool: QueueResults['agentTool'] }> {
	const cluster = await startQueueCluster({ workers: WORKERS, credentials: credentials(fake), workflows: [updateMany(CREDENTIAL_ID)], concurrency: WORKER_CONCURRENCY, build: false });
	try {
		await cluster.main.activate(UPDATE_MANY_ID);
		await sleep(2000);
		const run = await repeat(
			async () =>
				await splitRun(`${cluster.webhook.baseUrl}/`, fake, async (since) =>
					timesOf(cluster.pg, UPDATE_MANY_ID)
						.filter((each) => each.startedAt >= since - 1000)
						.map((each) => each.stoppedAt),
				),
		);
		const byWorker = executionsByWorker(cluster);
		const tools = await startFakeIntegrations();
		try {
			const roundTrip = await measureRoundTrip(cluster.main, tools);
			return { ...run, executionsByWorker: byWorker, agentTool: { calls: CALLS, ...roundTrip } };
		} finally {
			await tools.stop();
		}
	} finally {
		await cluster.stop();
	}
}

async function main(): Promise<void> {
	await ensureN8n();
	const fake = await FakeProcess.start(SETTINGS.latencyMs);
	try {
		const build = tempUserFolder('bench-build');
		await installPackage(build.dir); // builds once; the instances install the packed tarball
		build.remove();
		const regular = await regularMode(fake);
		const { agentTool, ...queue } = await queueMode(fake);
		const results: QueueResults = {
			date: new Date().toISOString(),
			environment: {
				n8n: N8N_VERSION,
				cpus: os.cpus().length,
				loadAverage1m: round(os.loadavg()[0], 2),
				repeats: SETTINGS.repeats,
				latencyMs: SETTINGS.latencyMs,
				items: SETTINGS.items,
				split: SPLIT,
				workers: WORKERS,
				concurrency: (await concurrencyOption()).default,
				workerConcurrency: WORKER_CONCURRENCY,
			},
			regular,
			queue,
			agentTool,
		};
		mkdirSync(path.dirname(RESULTS), { recursive: true });
		writeFileSync(RESULTS, `${JSON.stringify(results, null, '\t')}\n`);
		printTable([
			['Measure', 'Result'],
			[`${SETTINGS.items} items in ${SPLIT} executions, one n8n (regular)`, `${regular.wallMs} ms, at most ${regular.peakInFlight} in flight`],
			[`${SETTINGS.items} items in ${SPLIT} executions, queue mode, ${WORKERS} workers`, `${queue.wallMs} ms, at most ${queue.peakInFlight} in flight`],
			['Executions by worker', JSON.stringify(queue.executionsByWorker)],
			['Agent tool round trip via webhook processor (p50 / p95)', `${agentTool.trigger.p50Ms} / ${agentTool.trigger.p95Ms} ms`],
			['Webhook node via webhook processor (p50 / p95)', `${agentTool.webhook.p50Ms} / ${agentTool.webhook.p95Ms} ms`],
		]);
		console.log(`Written to ${path.relative(process.cwd(), RESULTS)}`);
	} finally {
		fake.stop();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
