/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a benchmark that runs in Node, not code that n8n loads */
/**
 * `npm run bench:n8n`: cases in a real n8n 2.41 (the one of test/support/n8n.ts), where the engine
 * bench (bench/run.ts) has a stand-in credentials helper: n8n's CLI, its database, credential
 * encryption and expression sandbox. n8n and this package are installed once into a fresh user folder;
 * the bench's fake of Diga (bench/fake.ts) answers every request after bench/settings.json's latency.
 * Each case in CASES runs in turn and writes its figures under its key in bench/results/real-n8n.json;
 * scripts/performance-doc.ts turns them into docs/performance.md. Figures, not assertions.
 *
 * Adding a case: a module in bench/real-n8n/ exporting a `RealN8nCase` (bench/real-n8n/context.ts: its key, and a `run` that
 * imports its workflows through the context, drives n8n and returns its figures), one entry in CASES,
 * and its section in scripts/performance-doc.ts. Measure the case's floor (n8n's own node doing the
 * same) interleaved with it, with `interleave` from bench/support.ts or by ordering the runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureN8n, importIntoN8n, installPackage, N8N_VERSION, tempUserFolder } from '../test/support/n8n';
import { FakeProcess } from './fake';
import { bulk } from './real-n8n/bulk';
import { agentTool } from './real-n8n/agentTool';
import type { RealN8nCase, RealN8nContext } from './real-n8n/context';
import { printTable, round, SETTINGS } from './support';

const RESULTS = path.join(__dirname, 'results', 'real-n8n.json');

const CASES = [bulk, agentTool] as const;

type Case = (typeof CASES)[number];
/** What bench/results/real-n8n.json holds (scripts/performance-doc.ts reads it). */
export type RealResults = {
	date: string;
	environment: { n8n: string; cpus: number; loadAverage1m: number; repeats: number };
} & { [C in Case as C['key']]: Awaited<ReturnType<C['run']>> };

async function main(): Promise<void> {
	console.log(`Installing or reusing n8n ${N8N_VERSION} and this package ...`);
	await ensureN8n();
	const folder = tempUserFolder('bench');
	const fake = await FakeProcess.start(SETTINGS.latencyMs);
	try {
		await installPackage(folder.dir);
		const context: RealN8nContext = { userFolder: folder.dir, fake, importIntoN8n: async (what) => await importIntoN8n(folder.dir, what) };
		const figures: Record<string, unknown> = {};
		const rows: string[][] = [];
		// Each case reads back only the figures it produced (the interface's methods are bivariant).
		const cases: ReadonlyArray<RealN8nCase<string, unknown>> = CASES;
		for (const each of cases) {
			const result = await each.run(context);
			figures[each.key] = result;
			rows.push(...each.rows(result));
		}
		const results = {
			date: new Date().toISOString(),
			environment: { n8n: N8N_VERSION, cpus: os.cpus().length, loadAverage1m: round(os.loadavg()[0], 2), repeats: SETTINGS.repeats },
			...figures,
		};
		mkdirSync(path.dirname(RESULTS), { recursive: true });
		writeFileSync(RESULTS, `${JSON.stringify(results, null, '\t')}\n`);
		console.log(`\nReal n8n ${N8N_VERSION}, median of ${SETTINGS.repeats} (load average ${results.environment.loadAverage1m} on ${results.environment.cpus} CPUs):`);
		printTable([['Measure', 'Result'], ...rows]);
		console.log(`Written to ${path.relative(process.cwd(), RESULTS)}`);
	} finally {
		fake.stop();
		folder.remove();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
