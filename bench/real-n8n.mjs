// `npm run bench:n8n`: the bulk figures again, in a real n8n 2.41 (the CLI's `execute-batch`, with its
// database, credential encryption and expression engine), where the harness of `npm run bench` has a
// stand-in credentials helper. The same PATCHes as there (bench/settings.json: how many, the latency,
// the repeats), against the same fake of Diga (bench/run.ts --fake), by the Diga node at its default
// concurrency and by n8n's HTTP Request node, each REPEATS times after a warm-up round. Wall time is each node's own execution time from n8n's
// run data; CPU time is the n8n process's, read from /proc every few milliseconds and summed over the
// node's run. Prints a table and writes bench/results/real-n8n.json. Figures, not assertions.

import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureN8n, freePort, installPackage, N8N_VERSION, NODE_TYPE, runN8n, spawnN8n } from '../scripts/n8n-runtime.mjs';
import { tempUserFolder } from '../scripts/e2e/support.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(BENCH_DIR, 'results');
const { items: ITEMS, latencyMs: LATENCY_MS, repeats: REPEATS } = JSON.parse(readFileSync(path.join(BENCH_DIR, 'settings.json'), 'utf8'));
const SAMPLE_EVERY_MS = 5;
const API_KEY = `sk-${'0123abcd'.repeat(8)}`;
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

const phoneId = (index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The bench's own fake of Diga, in its own process. */
async function startFake() {
	const child = fork(path.join(BENCH_DIR, 'run.ts'), ['--fake', String(LATENCY_MS)], { execArgv: ['--import', 'tsx'] });
	const url = await new Promise((resolve, reject) => {
		child.once('message', (message) => resolve(message.url));
		child.once('exit', (code) => reject(new Error(`the fake of Diga exited (${code}) before it listened`)));
	});
	return { url, stop: () => child.kill() };
}

/** Manual Trigger → Set (the ids) → Split Out (one item per id) → the node under test. */
function workflow(id, name, testedNode) {
	const node = (nodeName, type, typeVersion, x, parameters, extra = {}) => ({ id: `${id}-${x}`, name: nodeName, type, typeVersion, position: [x, 0], parameters, ...extra });
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Ids', 'n8n-nodes-base.set', 3.4, 200, { mode: 'raw', jsonOutput: JSON.stringify({ ids: Array.from({ length: ITEMS }, (_, i) => phoneId(i)) }) }),
		node('Items', 'n8n-nodes-base.splitOut', 1, 400, { fieldToSplitOut: 'ids' }),
		{ ...testedNode, id: `${id}-600`, name: 'Tested', position: [600, 0] },
	];
	const next = (from, to) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });
	return { id, name, active: false, nodes, connections: { ...next('Start', 'Ids'), ...next('Ids', 'Items'), ...next('Items', 'Tested') }, settings: {} };
}

/** The Diga node's default Concurrency, from the built node, as a user gets it. */
function defaultConcurrency() {
	const { Diga } = createRequire(import.meta.url)(path.join(BENCH_DIR, '..', 'dist', 'nodes', 'Diga', 'Diga.node.js'));
	const options = new Diga().description.properties.find((property) => property.name === 'options');
	return options.options.find((option) => option.name === 'concurrency').default;
}

const digaNode = (concurrency) => ({
	type: NODE_TYPE,
	typeVersion: 1,
	credentials: { digaApi: { id: 'benchdiga0001', name: 'Diga bench' } },
	parameters: {
		resource: 'phone',
		operation: 'update',
		phoneId: { __rl: true, mode: 'id', value: '={{ $json.ids }}' },
		updateFields: { nickname: 'Front desk' },
		options: { concurrency },
	},
});

const httpNode = (baseUrl, batchSize, batchInterval) => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	credentials: { httpBearerAuth: { id: 'benchbearer01', name: 'Bearer bench' } },
	parameters: {
		method: 'PATCH',
		url: `={{ "${baseUrl}/v1/phone/" + $json.ids }}`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpBearerAuth',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '{"nickname": "Front desk"}',
		options: { batching: { batch: { batchSize, batchInterval } } },
	},
});

/** This process's view of another's CPU time (ms), from /proc/<pid>/stat. */
function cpuMs(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS; // utime, stime
}

/** CPU time spent between two wall-clock times, interpolated between samples [time, cpuMs]. */
function cpuBetween(samples, from, to) {
	const at = (time) => {
		const after = samples.findIndex(([t]) => t >= time);
		if (after <= 0) return after === 0 ? samples[0][1] : samples.at(-1)[1];
		const [t0, c0] = samples[after - 1];
		const [t1, c1] = samples[after];
		return c0 + ((c1 - c0) * (time - t0)) / (t1 - t0);
	};
	return at(to) - at(from);
}

async function main() {
	console.log(`Installing or reusing n8n ${N8N_VERSION} and this package ...`);
	await ensureN8n();
	const folder = tempUserFolder('bench');
	const fake = await startFake();
	try {
		await installPackage(folder.dir);
		const concurrency = defaultConcurrency();
		const importDir = path.join(folder.dir, 'import');
		mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
		const credentials = [
			{ id: 'benchdiga0001', name: 'Diga bench', type: 'digaApi', data: { apiKey: API_KEY, baseUrl: fake.url } },
			{ id: 'benchbearer01', name: 'Bearer bench', type: 'httpBearerAuth', data: { token: API_KEY } },
		];
		writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(credentials));
		const legs = { diga: digaNode(concurrency), httpPaced: httpNode(fake.url, concurrency, LATENCY_MS), http: httpNode(fake.url, concurrency, 0) };
		const runs = [];
		for (let round = 0; round <= REPEATS; round++) {
			for (const [leg, node] of Object.entries(legs)) {
				const id = `bench${leg}${round}`;
				runs.push({ id, leg, warmUp: round === 0 });
				writeFileSync(path.join(importDir, 'workflows', `${id}.json`), JSON.stringify(workflow(id, `${leg} ${round}`, node)));
			}
		}
		for (const [what, args] of [
			['import:credentials', ['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]],
			['import:workflow', ['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`]],
		]) {
			const result = await runN8n(args, { userFolder: folder.dir, timeoutMs: 180_000 });
			if (result.code !== 0) throw new Error(`n8n ${what} failed:\n${result.stderr.slice(-2000)}`);
		}

		const snapshots = path.join(folder.dir, 'snapshots');
		mkdirSync(snapshots);
		const child = spawnN8n(['execute-batch', `--ids=${runs.map((run) => run.id).join(',')}`, '--retries=0', `--snapshot=${snapshots}`], {
			userFolder: folder.dir,
			env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			stdio: 'ignore',
		});
		const samples = [];
		const sampler = setInterval(() => {
			try {
				samples.push([Date.now(), cpuMs(child.pid)]);
			} catch {
				// the process has just ended
			}
		}, SAMPLE_EVERY_MS);
		const code = await new Promise((resolve) => child.once('exit', resolve));
		clearInterval(sampler);
		if (code !== 0) throw new Error(`n8n execute-batch exited ${code}`);

		const figures = {};
		for (const run of runs.filter((each) => !each.warmUp)) {
			const snapshot = JSON.parse(readFileSync(path.join(snapshots, `${run.id}-snapshot.json`), 'utf8'));
			const task = snapshot.data.resultData.runData.Tested[0];
			const items = task.data?.main?.[0] ?? [];
			const failed = items.filter((item) => item.json.error !== undefined).length;
			if (task.error || items.length !== ITEMS || failed > 0) throw new Error(`${run.leg}: ${items.length} items out, ${failed} failed, ${task.error?.message ?? 'no error'}`);
			(figures[run.leg] ??= []).push({ wallMs: task.executionTime, cpuMs: cpuBetween(samples, task.startTime, task.startTime + task.executionTime) });
		}
		const summary = Object.fromEntries(
			Object.entries(figures).map(([leg, list]) => [
				leg,
				{ wallMs: median(list.map((each) => each.wallMs)), cpuMsPerItem: round(median(list.map((each) => each.cpuMs)) / ITEMS, 3), samples: list.map((each) => each.wallMs) },
			]),
		);
		const results = {
			date: new Date().toISOString(),
			environment: { n8n: N8N_VERSION, cpus: os.cpus().length, loadAverage1m: round(os.loadavg()[0], 2), repeats: REPEATS },
			bulk: { n: ITEMS, concurrency: concurrency, latencyMs: LATENCY_MS, idealMs: Math.ceil(ITEMS / concurrency) * LATENCY_MS },
			diga: { ...summary.diga, ratioToIdeal: round(summary.diga.wallMs / (Math.ceil(ITEMS / concurrency) * LATENCY_MS), 3) },
			httpRequestNodePaced: { batchSize: concurrency, batchInterval: LATENCY_MS, ...summary.httpPaced, digaWallRatio: round(summary.diga.wallMs / summary.httpPaced.wallMs, 3) },
			httpRequestNode: { batchSize: concurrency, batchInterval: 0, ...summary.http, digaWallRatio: round(summary.diga.wallMs / summary.http.wallMs, 3) },
		};
		mkdirSync(RESULTS, { recursive: true });
		writeFileSync(path.join(RESULTS, 'real-n8n.json'), `${JSON.stringify(results, null, '\t')}\n`);
		const { diga, httpRequestNodePaced: paced, httpRequestNode: http } = results;
		console.log(`\nReal n8n ${N8N_VERSION}, ${ITEMS} Update Phone PATCHes, ${LATENCY_MS} ms latency (median of ${REPEATS}):`);
		console.log(`  Diga node, concurrency ${concurrency}:        ${diga.wallMs} ms (ideal ${results.bulk.idealMs} ms, ${diga.ratioToIdeal}x), ${diga.cpuMsPerItem} ms CPU/item`);
		console.log(`  HTTP Request, batch ${concurrency} / ${LATENCY_MS} ms:  ${paced.wallMs} ms, ${paced.cpuMsPerItem} ms CPU/item; Diga/HTTP wall ${paced.digaWallRatio}`);
		console.log(`  HTTP Request, batch ${concurrency} / 0 ms:   ${http.wallMs} ms, ${http.cpuMsPerItem} ms CPU/item; Diga/HTTP wall ${http.digaWallRatio}`);
		console.log(`Written to ${path.relative(process.cwd(), path.join(RESULTS, 'real-n8n.json'))}`);
	} finally {
		fake.stop();
		folder.remove();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
