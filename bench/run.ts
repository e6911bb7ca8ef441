/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a benchmark that runs in Node, not code that n8n loads */
/**
 * `npm run bench`: figures, not assertions. Every leg runs the built package in n8n's own engine
 * (test/support/engine.ts, the harness the tests use) against the loopback fake of Diga
 * (bench/fake.ts) answering a fixed latency after each request arrives. The fake runs in a
 * child process, so the CPU time measured here is n8n's and the node's only. Two floors put the
 * figures in context: Node's own http client (what this machine can do at all) and n8n's request
 * helper on its own (what any node that sends through n8n's helpers, as community nodes must, can
 * do). Prints a table and writes it as JSON to bench/results/latest.json (and a dated copy beside it).
 *
 * Run: `npm run build && npx tsx bench/run.ts`.
 */
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';

import type { ICredentialType, IDataObject, INodeExecutionData, IVersionedNodeType } from 'n8n-workflow';

import { TEST_API_KEY, phoneIdAt } from '../test/support/diga';
import { loadPackage, ROOT, runDiga, TestCredentialsHelper, type OtherNode } from '../test/support/engine';
import { FakeProcess, PHONE_PAGE_MAX, PHONES, type FakeStats } from './fake';
import { concurrencyOption, digaUpdate, httpRequestUpdate, idealMs, interleave, median, printTable, round, SETTINGS } from './support';

const ITEMS = SETTINGS.items;
const LATENCY_MS = SETTINGS.latencyMs;
const REPEATS = SETTINGS.repeats;
const WARM_UP_ITEMS = 200;
const LOAD_SAMPLES = 5;
const RESULTS = path.join(ROOT, 'bench', 'results');

// ---------------------------------------------------------------------------------------------
// Measuring a run.

interface Sample {
	wallMs: number;
	cpuMs: number;
	stats: FakeStats;
}

interface Measured {
	wallMs: number;
	minWallMs: number;
	cpuMsPerItem: number;
	requests: number;
	peakInFlight: number;
	samples: number[];
}

type Leg = (count: number) => Promise<INodeExecutionData[] | undefined>;

/** One run of `count` items: wall time, this process's CPU time, and what the fake saw. */
async function sample(fake: FakeProcess, label: string, leg: Leg, count = ITEMS): Promise<Sample> {
	await fake.call('reset');
	const cpu = process.cpuUsage();
	const started = performance.now();
	const output = await leg(count);
	const wallMs = performance.now() - started;
	const used = process.cpuUsage(cpu);
	const stats = await fake.call('stats');
	const failed = output?.filter((item) => item.json.error !== undefined).length ?? count;
	if (output?.length !== count || failed > 0 || stats.requests !== count) {
		throw new Error(`${label}: ${output?.length ?? 0} items out, ${failed} failed, ${stats.requests} requests (expected ${count})`);
	}
	return { wallMs, cpuMs: (used.user + used.system) / 1000, stats };
}

/** The run with the median wall time, with its CPU time; the peak in flight over all runs. */
function summarize(samples: Sample[], count = ITEMS): Measured {
	const middle = samples.find((entry) => entry.wallMs === median(samples.map((each) => each.wallMs))) ?? samples[0];
	return {
		wallMs: round(middle.wallMs),
		minWallMs: round(Math.min(...samples.map((entry) => entry.wallMs))),
		cpuMsPerItem: round(middle.cpuMs / count, 3),
		requests: middle.stats.requests,
		peakInFlight: Math.max(...samples.map((entry) => entry.stats.peakInFlight)),
		samples: samples.map((entry) => round(entry.wallMs)),
	};
}

/** Every leg warmed up on a few items, then all of them interleaved REPEATS times (see `interleave`). */
async function measureAll<Name extends string>(fake: FakeProcess, legs: Record<Name, Leg>): Promise<Record<Name, Measured>> {
	const names = Object.keys(legs) as Name[];
	const byName = <T>(run: (name: Name) => Promise<T>) => Object.fromEntries(names.map((name) => [name, async () => await run(name)])) as Record<Name, () => Promise<T>>;
	const samples = await interleave(
		byName(async (name) => await sample(fake, name, legs[name])),
		{ repeats: REPEATS, warmUp: byName(async (name) => await legs[name](WARM_UP_ITEMS)) },
	);
	return Object.fromEntries(names.map((name) => [name, summarize(samples[name])])) as Record<Name, Measured>;
}

/** `count` PATCHes like the Diga node's Update, `concurrency` at a time, in order of index. */
async function patchEach(count: number, concurrency: number, patch: (index: number) => Promise<IDataObject>): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = { json: await patch(index) };
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return results;
}

const PATCH_BODY = JSON.stringify({ nickname: 'Front desk' });

/**
 * The machine's floor: Node's own http client, without n8n, a new connection per request as n8n
 * makes them.
 */
async function bareClient(baseUrl: string, count: number, concurrency: number): Promise<INodeExecutionData[]> {
	const agent = new http.Agent({ keepAlive: false });
	return await patchEach(count, concurrency, async (index) => {
		return await new Promise((resolve, reject) => {
			const request = http.request(
				`${baseUrl}/v1/phone/${phoneIdAt(index)}`,
				{ method: 'PATCH', agent, headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' } },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject));
				},
			);
			request.on('error', reject);
			request.end(PATCH_BODY);
		});
	});
}

/**
 * The floor for any node that sends through n8n's helpers: n8n's own request client (the code behind
 * `helpers.httpRequest`), without the engine, a node or a credential.
 */
async function n8nRequestHelper(baseUrl: string, count: number, concurrency: number): Promise<INodeExecutionData[]> {
	const client = Container.get(OutboundHttp).requests();
	return await patchEach(count, concurrency, async (index) => {
		return (await client.request({
			method: 'PATCH',
			url: `${baseUrl}/v1/phone/${phoneIdAt(index)}`,
			headers: { Authorization: `Bearer ${TEST_API_KEY}` },
			body: { nickname: 'Front desk' },
			json: true,
			timeout: 30_000,
		})) as IDataObject;
	});
}

const updateItems = (count: number) => Array.from({ length: count }, (_, index) => ({ id: phoneIdAt(index) }));

async function runDigaUpdate(baseUrl: string, count: number, concurrency: number) {
	const { output, error } = await runDiga({
		parameters: digaUpdate('id', concurrency),
		items: updateItems(count),
		credentials: { apiKey: TEST_API_KEY, baseUrl },
	});
	if (error) throw new Error(`Diga node failed: ${error.message}`);
	return output;
}

// ---------------------------------------------------------------------------------------------
// n8n's HTTP Request node, run by the same harness in the Diga node's place.

async function httpRequestNode(): Promise<OtherNode> {
	const { HttpRequest } = (await import('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js')) as {
		HttpRequest: new () => IVersionedNodeType;
	};
	const { HttpBearerAuth } = (await import('n8n-nodes-base/dist/credentials/HttpBearerAuth.credentials.js')) as {
		HttpBearerAuth: new () => ICredentialType;
	};
	const type = new HttpRequest();
	return {
		typeName: 'n8n-nodes-base.httpRequest',
		type,
		typeVersion: type.description.defaultVersion ?? type.currentVersion,
		credentials: { httpBearerAuth: { id: '1', name: 'Bearer' } },
		// The same bearer key through n8n's generic credential, so both nodes pay for authentication alike.
		credentialsHelper: new TestCredentialsHelper(new HttpBearerAuth(), { token: TEST_API_KEY }),
	};
}

/** The same PATCH, body and bearer header as the Diga node's Update, with n8n's batching option. */
async function runHttpRequestNode(node: OtherNode, baseUrl: string, count: number, batchSize: number, batchInterval: number) {
	const { output, error } = await runDiga({
		node,
		parameters: httpRequestUpdate(baseUrl, 'id', batchSize, batchInterval),
		items: updateItems(count),
		credentials: { apiKey: TEST_API_KEY, baseUrl },
	});
	if (error) throw new Error(`HTTP Request node failed: ${error.message}`);
	return output;
}

// ---------------------------------------------------------------------------------------------
// Get Many Phones with Return All, in a fresh process so its peak memory is its own.

interface ReturnAllFigures {
	phonesReturned: number;
	requests: number;
	peakRssMb: number;
	baselineRssMb: number;
	wallMs: number;
}

async function returnAllChild(baseUrl: string): Promise<void> {
	const mb = (bytes: number) => round(bytes / 2 ** 20);
	await loadPackage();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const started = performance.now();
	const { output, error } = await runDiga({
		parameters: { resource: 'phone', operation: 'getAll', returnAll: true },
		credentials: { apiKey: TEST_API_KEY, baseUrl },
	});
	const wallMs = performance.now() - started;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	process.send?.({ phonesReturned: output?.length ?? 0, error: error?.message, peakRssMb: mb(peak), baselineRssMb: mb(baseline), wallMs: round(wallMs) });
}

async function measureReturnAll(fake: FakeProcess): Promise<ReturnAllFigures> {
	await fake.call('reset');
	const child = fork(__filename, ['--return-all', fake.url]);
	const result = await new Promise<ReturnAllFigures & { error?: string }>((resolve) => child.once('message', resolve));
	child.kill();
	if (result.error) throw new Error(`Get Many Phones failed: ${result.error}`);
	return { ...result, requests: (await fake.call('stats')).requests };
}

// ---------------------------------------------------------------------------------------------
// The package as users get it.

function measurePackage(): { tarballBytes: number; unpackedBytes: number; files: number; loadMs: number; loadMsWithWorkflowLib: number } {
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
	const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
	// In n8n, n8n-workflow is loaded long before any community node: `loadMs` leaves it out.
	const script = `
		const { performance } = require('node:perf_hooks');
		const cold = performance.now();
		require('n8n-workflow');
		const start = performance.now();
		const { Diga } = require(${JSON.stringify(path.join(ROOT, 'dist/nodes/Diga/Diga.node.js'))});
		const { description } = new Diga();
		if (!description.properties.length) throw new Error('no description');
		const end = performance.now();
		console.log(JSON.stringify({ loadMs: end - start, withLib: end - cold }));`;
	const samples = Array.from({ length: LOAD_SAMPLES }, () => {
		const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
		return JSON.parse(child.stdout) as { loadMs: number; withLib: number };
	});
	return {
		tarballBytes: packed.size,
		unpackedBytes: packed.unpackedSize,
		files: packed.entryCount,
		loadMs: round(median(samples.map((sample) => sample.loadMs))),
		loadMsWithWorkflowLib: round(median(samples.map((sample) => sample.withLib))),
	};
}

// ---------------------------------------------------------------------------------------------

function versionOf(name: string): string {
	return (JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [ROOT] }), 'utf8')) as { version: string }).version;
}

/**
 * The Diga node again at a latency nearer a real API across the internet, against a second fake:
 * n8n's fixed cost per request weighs less there.
 */
async function measureSlowLatency(concurrency: number) {
	const { slowItems: n, slowLatencyMs: latencyMs } = SETTINGS;
	const fake = await FakeProcess.start(latencyMs);
	try {
		const samples: Sample[] = [];
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			samples.push(await sample(fake, 'diga (slow)', async (count) => await runDigaUpdate(fake.url, count, concurrency), n));
		}
		const ideal = idealMs(n, concurrency, latencyMs);
		const measured = summarize(samples, n);
		return { n, concurrency, latencyMs, idealMs: ideal, ...measured, ratioToIdeal: round(measured.wallMs / ideal, 3) };
	} finally {
		fake.stop();
	}
}

async function collect(fake: FakeProcess) {
	const concurrency = await concurrencyOption();
	const ideal = idealMs(ITEMS, concurrency.default, LATENCY_MS);
	const idealMaxMs = idealMs(ITEMS, concurrency.max, LATENCY_MS);
	const loadBefore = os.loadavg();

	const node = await httpRequestNode();
	const runHttp = (batchInterval: number) => async (count: number) => await runHttpRequestNode(node, fake.url, count, concurrency.default, batchInterval);
	// The node and its floors in one interleaved loop.
	const { diga, digaMax, bare, helper, http, httpPaced } = await measureAll(fake, {
		diga: async (count: number) => await runDigaUpdate(fake.url, count, concurrency.default),
		digaMax: async (count: number) => await runDigaUpdate(fake.url, count, concurrency.max),
		bare: async (count: number) => await bareClient(fake.url, count, concurrency.default),
		helper: async (count: number) => await n8nRequestHelper(fake.url, count, concurrency.default),
		http: runHttp(0),
		httpPaced: runHttp(LATENCY_MS),
	});
	const httpLeg = (leg: Measured, batchInterval: number) => ({ batchSize: concurrency.default, batchInterval, ...leg, digaWallRatio: round(diga.wallMs / leg.wallMs, 3) });
	// A floor's own ratio to the ideal, and the Diga node's wall time against it.
	const floor = (leg: Measured) => ({
		concurrency: concurrency.default,
		...leg,
		ratioToIdeal: round(leg.wallMs / ideal, 3),
		digaWallRatio: round(diga.wallMs / leg.wallMs, 3),
	});
	const returnAll = await measureReturnAll(fake);
	const slow = await measureSlowLatency(concurrency.default);

	return {
		date: new Date().toISOString(),
		environment: {
			node: process.version,
			cpu: os.cpus()[0]?.model,
			cpus: os.cpus().length,
			// Other work on the machine shows up in every wall time: read the figures with this.
			loadAverage1m: { before: round(loadBefore[0], 2), after: round(os.loadavg()[0], 2) },
			n8nCore: versionOf('n8n-core'),
			n8nWorkflow: versionOf('n8n-workflow'),
			n8nNodesBase: versionOf('n8n-nodes-base'),
			repeats: REPEATS,
		},
		bulk: { n: ITEMS, concurrency: concurrency.default, latencyMs: LATENCY_MS, idealMs: ideal, ...diga, ratioToIdeal: round(diga.wallMs / ideal, 3) },
		bulkMaxConcurrency: { n: ITEMS, concurrency: concurrency.max, idealMs: idealMaxMs, ...digaMax, ratioToIdeal: round(digaMax.wallMs / idealMaxMs, 3) },
		bulkSlowLatency: slow,
		diga: { cpuMsPerItem: diga.cpuMsPerItem },
		bareClient: floor(bare),
		n8nRequestHelper: floor(helper),
		httpRequestNode: httpLeg(http, 0),
		httpRequestNodePaced: httpLeg(httpPaced, LATENCY_MS),
		returnAll: { phones: PHONES, minimumRequests: Math.ceil(PHONES / PHONE_PAGE_MAX), ...returnAll },
		package: measurePackage(),
	};
}

async function main(): Promise<void> {
	const fake = await FakeProcess.start(LATENCY_MS);
	try {
		const results = await collect(fake);
		const text = `${JSON.stringify(results, null, '\t')}\n`;
		fs.mkdirSync(RESULTS, { recursive: true });
		fs.writeFileSync(path.join(RESULTS, 'latest.json'), text);
		fs.writeFileSync(path.join(RESULTS, `${results.date.replace(/[:.]/g, '-')}.json`), text);
		printResults(results);
	} finally {
		fake.stop();
	}
}

/** What bench/results/latest.json holds (scripts/performance-doc.ts reads it). */
export type EngineResults = Awaited<ReturnType<typeof collect>>;

function printResults(results: EngineResults): void {
	const { bulk, bulkMaxConcurrency: max, bulkSlowLatency: slow, bareClient: bare, n8nRequestHelper: helper, httpRequestNode: http, httpRequestNodePaced: paced, returnAll, package: pack } = results;
	const httpRow = (label: string, leg: typeof http, target: string): string[] => [
		label,
		`${leg.wallMs} ms, ${leg.cpuMsPerItem} ms CPU/item, peak ${leg.peakInFlight} in flight; Diga/HTTP wall ${leg.digaWallRatio}`,
		target,
	];
	const rows: string[][] = [
		['Measure', 'Result', 'Target'],
		[
			`Diga Update x${bulk.n}, c=${bulk.concurrency} (default), ${bulk.latencyMs} ms`,
			`${bulk.wallMs} ms (ideal ${bulk.idealMs} ms, ${bulk.ratioToIdeal}x), ${bulk.cpuMsPerItem} ms CPU/item, peak ${bulk.peakInFlight} in flight`,
			'<= 1.15x ideal',
		],
		[
			`Diga Update x${bulk.n}, c=${max.concurrency} (max)`,
			`${max.wallMs} ms (ideal ${max.idealMs} ms, ${max.ratioToIdeal}x), ${max.cpuMsPerItem} ms CPU/item, peak ${max.peakInFlight} in flight`,
			'-',
		],
		[
			`Diga Update x${slow.n}, c=${slow.concurrency}, ${slow.latencyMs} ms`,
			`${slow.wallMs} ms (ideal ${slow.idealMs} ms, ${slow.ratioToIdeal}x), ${slow.cpuMsPerItem} ms CPU/item`,
			'(latency nearer a real API)',
		],
		[
			`Node http PATCH x${bulk.n}, c=${bare.concurrency} (no n8n)`,
			`${bare.wallMs} ms (${bare.ratioToIdeal}x), ${bare.cpuMsPerItem} ms CPU/item; Diga/bare wall ${bare.digaWallRatio}`,
			'(the machine\'s floor)',
		],
		[
			`n8n request helper PATCH x${bulk.n}, c=${helper.concurrency} (no node)`,
			`${helper.wallMs} ms (${helper.ratioToIdeal}x), ${helper.cpuMsPerItem} ms CPU/item; Diga/helper wall ${helper.digaWallRatio}`,
			'(floor for nodes using n8n\'s helpers)',
		],
		httpRow(`HTTP Request PATCH x${bulk.n}, batch ${bulk.concurrency} / 0 ms`, http, 'Diga/HTTP <= 1.0; CPU/item <= HTTP'),
		httpRow(`HTTP Request PATCH x${bulk.n}, batch ${bulk.concurrency} / ${bulk.latencyMs} ms`, paced, '(like for like: paced to c)'),
		[
			`Get Many Phones, Return All, ${returnAll.phones} phones`,
			`${returnAll.requests} requests (minimum ${returnAll.minimumRequests}), ${returnAll.phonesReturned} items, ${returnAll.wallMs} ms, peak RSS ${returnAll.peakRssMb} MB (before: ${returnAll.baselineRssMb} MB)`,
			'requests = 25',
		],
		['npm pack', `${pack.tarballBytes} B tarball, ${pack.unpackedBytes} B unpacked, ${pack.files} files`, '-'],
		['Load node module + build description', `${pack.loadMs} ms (${pack.loadMsWithWorkflowLib} ms with n8n-workflow cold)`, '-'],
	];
	const { loadAverage1m: load, cpus } = results.environment;
	rows.push(['Machine load (1 min average)', `${load.before} before, ${load.after} after, on ${cpus} CPUs`, 'wall times assume an idle machine']);
	printTable(rows);
	console.log(`\nWritten to ${path.relative(ROOT, path.join(RESULTS, 'latest.json'))}`);
}

const [mode, argument] = process.argv.slice(2);
const entry = mode === '--return-all' ? returnAllChild(argument) : main().then(() => process.exit(0));
entry.catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
