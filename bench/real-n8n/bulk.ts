/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a benchmark that runs in Node, not code that n8n loads */
/**
 * The bulk figures of the engine bench again, in a real n8n: the same Update Phone PATCHes
 * (bench/settings.json), by the Diga node at its default concurrency and by n8n's HTTP Request node
 * (its floor), batched like for like and unpaced. `n8n execute-batch` runs every workflow in one
 * process: a warm-up round, then SETTINGS.repeats rounds of all three legs in turn, so the machine's
 * noise falls on the node and its floor alike. Wall time is each node's own execution time from n8n's
 * run data; CPU time is the n8n process's, read from /proc every few milliseconds and summed over the
 * node's run.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { TEST_API_KEY, phoneIdAt } from '../../test/support/diga';
import { freePort, NODE_TYPE, spawnN8n } from '../../test/support/n8n';
import { chain, type RealN8nCase, type WorkflowNode } from './context';
import { concurrencyOption, digaUpdate, httpRequestUpdate, idealMs, median, round, SETTINGS } from '../support';

const SAMPLE_EVERY_MS = 5;
/** USER_HZ is 100 on Linux: /proc counts CPU time in ticks of 10 ms. */
const CLOCK_TICK_MS = 10;
const { items: ITEMS, latencyMs: LATENCY_MS, repeats: REPEATS } = SETTINGS;

/** Another process's CPU time (ms) so far, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS; // utime, stime
}

/** CPU time spent between two wall-clock times, interpolated between samples [time, cpuMs]. */
function cpuBetween(samples: Array<[number, number]>, from: number, to: number): number {
	const at = (time: number) => {
		const after = samples.findIndex(([t]) => t >= time);
		if (after <= 0) return after === 0 ? samples[0][1] : (samples.at(-1)?.[1] ?? 0);
		const [t0, c0] = samples[after - 1];
		const [t1, c1] = samples[after];
		return c0 + ((c1 - c0) * (time - t0)) / (t1 - t0);
	};
	return at(to) - at(from);
}

/** Runs the workflows with `n8n execute-batch`, sampling its CPU time; their snapshots land in `snapshots`. */
async function executeBatch(userFolder: string, ids: string[], snapshots: string): Promise<Array<[number, number]>> {
	const child = spawnN8n(['execute-batch', `--ids=${ids.join(',')}`, '--retries=0', `--snapshot=${snapshots}`], {
		userFolder,
		env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		stdio: 'ignore',
	});
	const samples: Array<[number, number]> = [];
	const sampler = setInterval(() => {
		try {
			if (child.pid) samples.push([Date.now(), cpuMs(child.pid)]);
		} catch {
			// the process has just ended
		}
	}, SAMPLE_EVERY_MS);
	const code = await new Promise((resolve) => child.once('exit', resolve));
	clearInterval(sampler);
	if (code !== 0) throw new Error(`n8n execute-batch exited ${String(code)}`);
	return samples;
}

interface Leg {
	wallMs: number;
	cpuMsPerItem: number;
	samples: number[];
}

export interface BulkFigures {
	n: number;
	concurrency: number;
	latencyMs: number;
	idealMs: number;
	diga: Leg & { ratioToIdeal: number };
	httpRequestNodePaced: Leg & { batchSize: number; batchInterval: number; digaWallRatio: number };
	httpRequestNode: Leg & { batchSize: number; batchInterval: number; digaWallRatio: number };
}

export const bulk: RealN8nCase<'bulk', BulkFigures> = {
	key: 'bulk',
	async run({ userFolder, fake, importIntoN8n }) {
		const concurrency = (await concurrencyOption()).default;
		const legs: Record<'diga' | 'httpPaced' | 'http', WorkflowNode> = {
			diga: { name: 'Tested', type: NODE_TYPE, typeVersion: 1, parameters: digaUpdate('ids', concurrency), credentials: { digaApi: { id: 'benchdiga0001', name: 'Diga bench' } } },
			httpPaced: {
				name: 'Tested',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: httpRequestUpdate(fake.url, 'ids', concurrency, LATENCY_MS),
				credentials: { httpBearerAuth: { id: 'benchbearer01', name: 'Bearer bench' } },
			},
			http: {
				name: 'Tested',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: httpRequestUpdate(fake.url, 'ids', concurrency, 0),
				credentials: { httpBearerAuth: { id: 'benchbearer01', name: 'Bearer bench' } },
			},
		};
		// Manual Trigger → Set (the ids) → Split Out (one item per id) → the node under test.
		const ids = { ids: Array.from({ length: ITEMS }, (_, index) => phoneIdAt(index)) };
		const runs: Array<{ id: string; leg: keyof typeof legs; warmUp: boolean }> = [];
		const workflows = [];
		for (let round = 0; round <= REPEATS; round++) {
			for (const [leg, node] of Object.entries(legs) as Array<[keyof typeof legs, WorkflowNode]>) {
				const id = `bench${leg}${round}`;
				runs.push({ id, leg, warmUp: round === 0 });
				workflows.push(
					chain(id, `${leg} ${round}`, [
						{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
						{ name: 'Ids', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify(ids) } },
						{ name: 'Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'ids' } },
						node,
					]),
				);
			}
		}
		await importIntoN8n({
			credentials: [
				{ id: 'benchdiga0001', name: 'Diga bench', type: 'digaApi', data: { apiKey: TEST_API_KEY, baseUrl: fake.url } },
				{ id: 'benchbearer01', name: 'Bearer bench', type: 'httpBearerAuth', data: { token: TEST_API_KEY } },
			],
			workflows,
		});

		const snapshots = path.join(userFolder, 'snapshots');
		mkdirSync(snapshots, { recursive: true });
		const cpu = await executeBatch(
			userFolder,
			runs.map((run) => run.id),
			snapshots,
		);
		const measured: Record<string, Array<{ wallMs: number; cpuMs: number }>> = {};
		for (const run of runs.filter((each) => !each.warmUp)) {
			const snapshot = JSON.parse(readFileSync(path.join(snapshots, `${run.id}-snapshot.json`), 'utf8')) as {
				data: { resultData: { runData: Record<string, Array<{ startTime: number; executionTime: number; error?: { message: string }; data?: { main?: Array<Array<{ json: { error?: unknown } }>> } }>> } };
			};
			const task = snapshot.data.resultData.runData.Tested[0];
			const items = task.data?.main?.[0] ?? [];
			const failed = items.filter((item) => item.json.error !== undefined).length;
			if (task.error || items.length !== ITEMS || failed > 0) throw new Error(`${run.leg}: ${items.length} items out, ${failed} failed, ${task.error?.message ?? 'no error'}`);
			(measured[run.leg] ??= []).push({ wallMs: task.executionTime, cpuMs: cpuBetween(cpu, task.startTime, task.startTime + task.executionTime) });
		}
		const leg = (name: keyof typeof legs): Leg => ({
			wallMs: median(measured[name].map((each) => each.wallMs)),
			cpuMsPerItem: round(median(measured[name].map((each) => each.cpuMs)) / ITEMS, 3),
			samples: measured[name].map((each) => each.wallMs),
		});
		const [diga, paced, http] = [leg('diga'), leg('httpPaced'), leg('http')];
		const ideal = idealMs(ITEMS, concurrency, LATENCY_MS);
		return {
			n: ITEMS,
			concurrency,
			latencyMs: LATENCY_MS,
			idealMs: ideal,
			diga: { ...diga, ratioToIdeal: round(diga.wallMs / ideal, 3) },
			httpRequestNodePaced: { batchSize: concurrency, batchInterval: LATENCY_MS, ...paced, digaWallRatio: round(diga.wallMs / paced.wallMs, 3) },
			httpRequestNode: { batchSize: concurrency, batchInterval: 0, ...http, digaWallRatio: round(diga.wallMs / http.wallMs, 3) },
		};
	},
	rows: ({ n, concurrency, latencyMs, idealMs: ideal, diga, httpRequestNodePaced: paced, httpRequestNode: http }) => [
		[`Diga Update x${n}, c=${concurrency} (default), ${latencyMs} ms`, `${diga.wallMs} ms (ideal ${ideal} ms, ${diga.ratioToIdeal}x), ${diga.cpuMsPerItem} ms CPU/item`],
		[`HTTP Request PATCH x${n}, batch ${concurrency} / ${latencyMs} ms`, `${paced.wallMs} ms, ${paced.cpuMsPerItem} ms CPU/item; Diga/HTTP wall ${paced.digaWallRatio}`],
		[`HTTP Request PATCH x${n}, batch ${concurrency} / 0 ms`, `${http.wallMs} ms, ${http.cpuMsPerItem} ms CPU/item; Diga/HTTP wall ${http.digaWallRatio}`],
	],
};
