/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a script that runs in Node, not code that n8n loads */
/**
 * `npm run docs:performance`: writes docs/performance.md from the bench's own results
 * (bench/results/latest.json from `npm run bench`, bench/results/real-n8n.json from
 * `npm run bench:n8n`, bench/results/queue.json from `npm run bench:queue`), so no figure in it is copied by hand. Every comparison in the text
 * ("faster", "met", "less CPU") is computed from the same figures.
 *
 * `--check`: writes nothing, exits 1 when docs/performance.md differs from what the results give.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { QueueResults } from '../bench/queue';
import type { RealResults } from '../bench/real-n8n';
import type { EngineResults } from '../bench/run';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const OUTPUT = path.join(ROOT, 'docs', 'performance.md');

/** The bench's target for a bulk run, from the product spec: at most this multiple of the ideal. */
const IDEAL_TARGET = 1.15;
/** The agent tool trigger's goal, from issue 14: no more than a few milliseconds over the Webhook node's p95. */
const FEW_MS = 5;
/** n8n's HTTP Request node waits this long between batches unless told otherwise. */
const HTTP_DEFAULT_BATCH_INTERVAL_MS = 1000;

function read<T>(file: string): T {
	return JSON.parse(fs.readFileSync(path.join(RESULTS, file), 'utf8')) as T;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** Milliseconds as people read them: whole numbers with separators from 100 ms up, one decimal below. */
const ms = (value: number) => `${value >= 100 ? numberFormat.format(value) : value.toFixed(1)} ms`;
const cpu = (value: number) => `${value.toFixed(2)} ms`;
const times = (value: number) => `${value.toFixed(2)}x`;
const count = (value: number) => numberFormat.format(value);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const day = (iso: string) => iso.slice(0, 10);

function table(rows: string[][]): string {
	const [head, ...body] = rows;
	return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The largest spread between the repeats of one leg, as a share of its median. */
function largestSpread(legs: Array<{ wallMs: number; samples: number[] }>): number {
	return Math.max(...legs.map((leg) => (Math.max(...leg.samples) - Math.min(...leg.samples)) / leg.wallMs));
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : 'not met');

/** The queue-mode section (bench/queue.ts): the same items split over executions, one process against two workers; the agent tool through the webhook processor. */
function queueSection(queue: QueueResults): string[] {
	const env = queue.environment;
	// Each execution opens at most Concurrency requests: the bound is Concurrency x the executions that can run at once.
	const bound = (parallel: number) => env.concurrency * parallel;
	const regularBound = bound(env.split);
	const queueBound = bound(Math.min(env.split, env.workers * env.workerConcurrency));
	const byWorker = Object.entries(queue.queue.executionsByWorker);
	const spread = byWorker.filter(([, executions]) => executions > 0).length;
	const tool = queue.agentTool;
	const added = (key: 'p50Ms' | 'p95Ms') => tool.trigger[key] - tool.webhook[key];
	return [
		'## Queue mode',
		'',
		`n8n ${env.n8n} in queue mode ([scaling.md](scaling.md)): Postgres, Redis, a main, ${env.workers} workers (\`--concurrency=${env.workerConcurrency}\`) and a webhook`,
		`processor, measured on ${day(queue.date)} by \`npm run bench:queue\` (\`bench/queue.ts\`). The same ${count(env.items)} Update Phone items, split into`,
		`${env.split} executions started at once through a production webhook (${count(env.items / env.split)} items each, Concurrency ${env.concurrency}), run by one n8n`,
		`process (regular mode, SQLite) and by the ${env.workers} workers; Diga's fake answers ${env.latencyMs} ms after each request and counts the`,
		`requests in flight. Wall time: from the first webhook call to the last execution's stop as n8n stored it, median of ${env.repeats}.`,
		'',
		table([
			['Run', 'Wall time', 'Requests in flight at most', 'Bound: Concurrency x executions at once', 'Held'],
			['One n8n process (regular mode)', ms(queue.regular.wallMs), count(queue.regular.peakInFlight), count(regularBound), queue.regular.peakInFlight <= regularBound ? 'yes' : 'no'],
			[`Queue mode, ${env.workers} workers`, ms(queue.queue.wallMs), count(queue.queue.peakInFlight), count(queueBound), queue.queue.peakInFlight <= queueBound ? 'yes' : 'no'],
		]),
		'',
		`Executions run by each worker over the warm-up and the repeats: ${byWorker.map(([name, executions]) => `${name} ${count(executions)}`).join(', ')} ` +
			`(${spread === env.workers ? 'the work spread over every worker' : `only ${spread} of ${env.workers} workers ran any`}). ` +
			`On ${env.cpus} CPUs the workers share the cores with the main, the webhook processor, Postgres and Redis, so this machine says little about speed-up; ` +
			'what the figures show is where the work ran and that the requests in flight stayed inside Concurrency x executions.',
		'',
		`**The agent tool through the webhook processor:** ${count(tool.calls)} tool calls each, alternating, to the Diga Agent Tool Trigger and to`,
		"n8n's Webhook node in the same kind of workflow (answering with a Set node when the last node finishes), both served by the",
		'webhook processor and run by a worker.',
		'',
		table([
			['Workflow', 'p50', 'p95', 'mean'],
			['Diga Agent Tool Trigger', ms(tool.trigger.p50Ms), ms(tool.trigger.p95Ms), ms(tool.trigger.meanMs)],
			["n8n's Webhook node", ms(tool.webhook.p50Ms), ms(tool.webhook.p95Ms), ms(tool.webhook.meanMs)],
			['Added by the trigger', ms(added('p50Ms')), ms(added('p95Ms')), ms(tool.trigger.meanMs - tool.webhook.meanMs)],
		]),
		'',
		`The machine's load average was ${env.loadAverage1m} after the queue-mode run.`,
		'',
	];
}

function render(engine: EngineResults, real: RealResults, queue?: QueueResults): string {
	const { bulk, bulkMaxConcurrency: max, bulkSlowLatency: slow, bareClient: bare, n8nRequestHelper: helper, returnAll, package: pack } = engine;
	const { httpRequestNode: http, httpRequestNodePaced: paced } = engine;
	const env = engine.environment;
	const httpRow = (label: string, leg: typeof http): string[] => [
		label,
		`${ms(leg.wallMs)}; ${cpu(leg.cpuMsPerItem)} CPU per item; at most ${leg.peakInFlight} in flight; Diga node / this: ${times(leg.digaWallRatio)}`,
		`Diga node / this <= 1: ${verdict(leg.digaWallRatio <= 1)}; Diga node's CPU per item <= this: ${verdict(bulk.cpuMsPerItem <= leg.cpuMsPerItem)}`,
	];

	const engineRows: string[][] = [
		['Measure', 'Result', 'Target'],
		[
			`Diga node, Update Phone x${count(bulk.n)}, concurrency ${bulk.concurrency} (default)`,
			`${ms(bulk.wallMs)}: ${times(bulk.ratioToIdeal)} the ideal ${ms(bulk.idealMs)}; ${cpu(bulk.cpuMsPerItem)} CPU per item; at most ${bulk.peakInFlight} in flight`,
			`<= ${IDEAL_TARGET}x ideal: ${verdict(bulk.ratioToIdeal <= IDEAL_TARGET)}`,
		],
		[
			`Diga node, x${count(max.n)}, concurrency ${max.concurrency} (max)`,
			`${ms(max.wallMs)}: ${times(max.ratioToIdeal)} the ideal ${ms(max.idealMs)}; ${cpu(max.cpuMsPerItem)} CPU per item; at most ${max.peakInFlight} in flight`,
			'-',
		],
		[
			`Diga node, x${count(slow.n)}, concurrency ${slow.concurrency}, ${slow.latencyMs} ms latency`,
			`${ms(slow.wallMs)}: ${times(slow.ratioToIdeal)} the ideal ${ms(slow.idealMs)}; ${cpu(slow.cpuMsPerItem)} CPU per item`,
			`<= ${IDEAL_TARGET}x ideal: ${verdict(slow.ratioToIdeal <= IDEAL_TARGET)}`,
		],
		[
			`Node's own http client, x${count(bulk.n)}, ${bare.concurrency} at a time (no n8n)`,
			`${ms(bare.wallMs)} (${times(bare.ratioToIdeal)} the ideal); ${cpu(bare.cpuMsPerItem)} CPU per item; Diga node / this: ${times(bare.digaWallRatio)}`,
			'floor of the machine',
		],
		[
			`n8n's request helper alone, x${count(bulk.n)}, ${helper.concurrency} at a time (no node)`,
			`${ms(helper.wallMs)} (${times(helper.ratioToIdeal)} the ideal); ${cpu(helper.cpuMsPerItem)} CPU per item; Diga node / this: ${times(helper.digaWallRatio)}`,
			"floor for nodes that use n8n's helpers",
		],
		httpRow(`HTTP Request node, x${count(bulk.n)}, batch ${bulk.concurrency} / 0 ms`, http),
		httpRow(`HTTP Request node, x${count(bulk.n)}, batch ${bulk.concurrency} / ${bulk.latencyMs} ms`, paced),
		[
			`Get Many Phones, Return All, ${count(returnAll.phones)} phones`,
			`${returnAll.requests} requests, ${count(returnAll.phonesReturned)} items, ${ms(returnAll.wallMs)}; peak memory ${returnAll.peakRssMb} MB (${returnAll.baselineRssMb} MB before)`,
			`${returnAll.minimumRequests} requests: ${verdict(returnAll.requests === returnAll.minimumRequests)}`,
		],
		['Package (`npm pack`)', `${kb(pack.tarballBytes)} packed, ${kb(pack.unpackedBytes)} unpacked, ${pack.files} files`, '-'],
		['Loading the node and building its description', `${ms(pack.loadMs)} (${ms(pack.loadMsWithWorkflowLib)} with n8n-workflow loaded cold)`, '-'],
	];

	const realRows: string[][] = [
		['Node', 'Wall time', 'CPU per item', 'Diga node / this'],
		[`Diga node, concurrency ${real.bulk.concurrency} (default)`, `${ms(real.bulk.diga.wallMs)} (${times(real.bulk.diga.ratioToIdeal)} the ideal ${ms(real.bulk.idealMs)})`, cpu(real.bulk.diga.cpuMsPerItem), '-'],
		...[real.bulk.httpRequestNodePaced, real.bulk.httpRequestNode].map((leg) => [
			`HTTP Request node, batch ${leg.batchSize} / ${leg.batchInterval} ms`,
			ms(leg.wallMs),
			cpu(leg.cpuMsPerItem),
			times(leg.digaWallRatio),
		]),
	];

	const realPaced = real.bulk.httpRequestNodePaced;
	const realHttpCpu = [real.bulk.httpRequestNodePaced.cpuMsPerItem, real.bulk.httpRequestNode.cpuMsPerItem];
	const digaLessCpuInN8n = real.bulk.diga.cpuMsPerItem < Math.min(...realHttpCpu);
	const defaultIntervalSeconds = (Math.ceil(bulk.n / bulk.concurrency) * HTTP_DEFAULT_BATCH_INTERVAL_MS) / 1000;
	const spread = largestSpread([bulk, max, slow, bare, helper, http, paced]);
	const realSpread = largestSpread([real.bulk.diga, real.bulk.httpRequestNodePaced, real.bulk.httpRequestNode]);

	const reading: string[] = [];
	reading.push(
		returnAll.requests === returnAll.minimumRequests
			? `**Return All** made the fewest requests possible: ${returnAll.requests} pages for ${count(returnAll.phones)} phones.`
			: `**Return All** made ${returnAll.requests} requests for ${count(returnAll.phones)} phones, where ${returnAll.minimumRequests} would do.`,
	);
	reading.push(
		`**Against n8n's HTTP Request node in a real n8n**, the Diga node used ${digaLessCpuInN8n ? 'less' : 'more'} CPU per item ` +
			`(${cpu(real.bulk.diga.cpuMsPerItem)} against ${realHttpCpu.map(cpu).join(' and ')}) and, paced like for like ` +
			`(${realPaced.batchSize} requests every ${realPaced.batchInterval} ms), was ${realPaced.digaWallRatio < 1 ? 'faster' : 'slower'} ` +
			`(${times(realPaced.digaWallRatio)} its wall time). The HTTP Request node loads its credential from n8n's database and decrypts ` +
			'it for every item; the Diga node does so once per run' +
			(digaLessCpuInN8n ? ': in a CPU profile of n8n, those database reads were most of the difference.' : '.'),
	);
	reading.push(
		`**The HTTP Request node's batching limits the rate, not the number of requests open at once.** With batch size ${http.batchSize} ` +
			`and interval 0 it had up to ${http.peakInFlight} requests in flight, which finishes sooner against a fake ` +
			`(${ms(http.wallMs)}) and is the opposite of gentle against Diga; the Diga node never had more than its Concurrency ` +
			`(${bulk.peakInFlight}) open. With the default interval (${count(HTTP_DEFAULT_BATCH_INTERVAL_MS)} ms), batches of ${bulk.concurrency} ` +
			`would take at least ${defaultIntervalSeconds} s for ${count(bulk.n)} items.`,
	);
	const lower = [http.cpuMsPerItem, paced.cpuMsPerItem].every((value) => value < bulk.cpuMsPerItem);
	reading.push(
		`**In the engine harness**, whose stand-in credentials helper reads no database, the HTTP Request node used ` +
			`${lower ? 'less' : 'no less'} CPU per item than the Diga node (${cpu(http.cpuMsPerItem)} and ${cpu(paced.cpuMsPerItem)} against ` +
			`${cpu(bulk.cpuMsPerItem)}). A node that authenticates through \`httpRequestWithAuthentication\` and a generic \`authenticate\` ` +
			'block, as community nodes must, has n8n evaluate the credential\'s `Authorization` expression for every request; the HTTP ' +
			'Request node sets the header itself.',
	);
	reading.push(
		`**The ${IDEAL_TARGET}x-of-ideal target at ${bulk.latencyMs} ms latency:** ${verdict(bulk.ratioToIdeal <= IDEAL_TARGET)} ` +
			`in the engine (${times(bulk.ratioToIdeal)}), ${verdict(real.bulk.diga.ratioToIdeal <= IDEAL_TARGET)} in a real n8n ` +
			`(${times(real.bulk.diga.ratioToIdeal)}), where the ideal is \`ceil(${bulk.n} / ${bulk.concurrency}) x ${bulk.latencyMs} ms\`. ` +
			`n8n's request helper on its own, with no node and no credential, reached ${times(helper.ratioToIdeal)} on this machine ` +
			`(${cpu(helper.cpuMsPerItem)} CPU per request), and Node's own client ${times(bare.ratioToIdeal)}: n8n opens a new connection ` +
			'for every request, and no node that sends through its helpers can go below that floor. ' +
			`In a real n8n the Diga node used ${cpu(real.bulk.diga.cpuMsPerItem)} of CPU per item, against ${cpu(bulk.cpuMsPerItem)} in the engine ` +
			"harness; the difference is n8n's own work around the node (its expression sandbox, which resolves the Phone parameter and the " +
			'`Authorization` header for every item, and its run bookkeeping). The node checks every item before the first request, so bad ' +
			'input never leaves a batch half sent.',
	);
	reading.push(
		`**At ${slow.latencyMs} ms latency**, nearer a real API across the internet, the same cost per request weighs less: ` +
			`${count(slow.n)} items took ${times(slow.ratioToIdeal)} the ideal, ${slow.ratioToIdeal <= IDEAL_TARGET ? 'within' : 'outside'} the ${IDEAL_TARGET}x target.`,
	);
	reading.push(
		`**Noise.** Wall times of one leg varied by up to ${percent(spread)} between repeats in the engine run and ${percent(realSpread)} ` +
			`in the real-n8n run. The machine's load average was ${env.loadAverage1m.before} before and ${env.loadAverage1m.after} after the ` +
			`engine run, and ${real.environment.loadAverage1m} after the real-n8n run, on ${env.cpus} CPUs.`,
	);

	const tool = real.agentTool;
	const toolLegs = [
		{ label: "n8n's defaults", leg: tool.defaults },
		{ label: Object.entries(tool.lazyIsolate.env).map(([name, value]) => `\`${name}=${value}\``).join(', '), leg: tool.lazyIsolate },
	];
	const toolRows: string[][] = [
		['n8n settings', 'Diga Agent Tool Trigger (p50 / p95)', "n8n's Webhook node (p50 / p95)", 'Added (p50 / p95)', `Goal: <= ${FEW_MS} ms added at p95`],
		...toolLegs.map(({ label, leg }) => [
			label,
			`${ms(leg.trigger.p50Ms)} / ${ms(leg.trigger.p95Ms)}`,
			`${ms(leg.webhook.p50Ms)} / ${ms(leg.webhook.p95Ms)}`,
			`${ms(leg.addedP50Ms)} / ${ms(leg.addedP95Ms)}`,
			verdict(leg.addedP95Ms <= FEW_MS),
		]),
	];
	const toolSection = [
		'## Diga Agent Tool Trigger: one tool call',
		'',
		`n8n ${real.environment.n8n}, ${count(tool.calls)} calls to each workflow, one at a time and alternating, after a warm-up. Time from`,
		'sending the tool call to the last byte of the answer, for a workflow that answers at once (the trigger, a Set node,',
		"**When Last Node Finishes**), beside n8n's Webhook node in the same workflow (the floor). Each setting runs in a fresh n8n.",
		'',
		table(toolRows),
		'',
		`With n8n's defaults, n8n ${real.environment.n8n} takes an expression isolate for the webhook phase of every trigger except its`,
		'own Webhook node, and keeps it until the answer has left, so the run that follows must build a second one: that is what',
		`the trigger adds (${ms(tool.defaults.addedP50Ms)} at p50 here), not the node's own work, which is a header comparison.`,
		'With `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true` n8n builds an isolate only for an expression that needs one; the trigger',
		'evaluates none while it takes the call (its version 1.1 also avoids the expression n8n evaluates for the body of any',
		`version-1 webhook trigger), and it adds ${ms(tool.lazyIsolate.addedP50Ms)} at p50; at p95 ` +
			(tool.lazyIsolate.addedP95Ms >= 0
				? `it adds ${ms(tool.lazyIsolate.addedP95Ms)}.`
				: `it was ${ms(-tool.lazyIsolate.addedP95Ms)} faster than the Webhook node, within the noise of ${count(tool.calls)} calls.`),
		`The Webhook node is faster with that setting too (p50 ${ms(tool.defaults.webhook.p50Ms)} with the defaults, ${ms(tool.lazyIsolate.webhook.p50Ms)} with it).`,
		'',
	];

	return `${[
		'# Performance',
		'',
		`<!-- Generated by \`npm run docs:performance\` from bench/results/latest.json and bench/results/real-n8n.json${queue ? ' and bench/results/queue.json' : ''}. Do not edit by hand. -->`,
		'',
		`How fast the Diga node works through many items, and how long the Diga Agent Tool Trigger keeps a caller waiting, measured on ${day(engine.date)} (engine) and ${day(real.date)} (real n8n).`,
		'These are figures, not guarantees: no test asserts them. To measure again, run `npm run bench` (both parts, then this page) or',
		'`npm run bench:n8n` (the real-n8n part only, then this page); see [CONTRIBUTING.md](../CONTRIBUTING.md).',
		'',
		'## How it is measured',
		'',
		`Both parts send the same work: ${count(bulk.n)} Update Phone items (one \`PATCH /v1/phone/{id}\` each) to a fake of Diga on`,
		`the same machine that answers exactly ${bulk.latencyMs} ms after each request arrives. The ideal time is`,
		`\`ceil(items / concurrency) x latency\`: ${ms(bulk.idealMs)} at the default concurrency of ${bulk.concurrency}. Each leg runs`,
		`${env.repeats} times after a warm-up, the legs taking turns so that a busy moment of the machine falls on the node and its`,
		'floors alike; the tables give the median.',
		'',
		"1. **In n8n's engine** (`bench/run.ts`): n8n-core's `WorkflowExecute` runs the built package, loaded the way n8n loads a",
		'   community package, as in the tests. The fake runs in its own process, so the CPU time is n8n\'s and the node\'s. Beside',
		"   the Diga node: n8n's HTTP Request node doing the same PATCHes with a bearer credential, Node's own `http` client (what",
		"   the machine can do at all) and n8n's request helper with no node around it (what any node that sends through n8n's",
		'   helpers can do). Also measured: Get Many Phones with Return All over 2,500 phones, the package size and the load time.',
		"2. **In a real n8n** (`bench/real-n8n.ts`): n8n's CLI (`n8n execute-batch`) runs the same items through the Diga node and",
		"   the HTTP Request node, with n8n's database, credential encryption and expression sandbox. Wall time is each node's",
		"   execution time from n8n's run data; CPU time is the n8n process's, sampled from `/proc` every 5 ms over the node's run.",
		'',
		`## In n8n's engine`,
		'',
		`Node ${env.node}, ${env.cpus} CPUs${env.cpu ? ` (${env.cpu})` : ''}, n8n-core ${env.n8nCore}, n8n-workflow ${env.n8nWorkflow}` +
			`${env.n8nNodesBase ? `, n8n-nodes-base ${env.n8nNodesBase}` : ''}; ${bulk.latencyMs} ms latency unless said otherwise.`,
		'',
		table(engineRows),
		'',
		'## In a real n8n',
		'',
		`n8n ${real.environment.n8n} on Node 24, ${count(real.bulk.n)} Update Phone items, ${real.bulk.latencyMs} ms latency, median of ${real.environment.repeats}.`,
		'',
		table(realRows),
		'',
		...toolSection,
		...(queue ? queueSection(queue) : []),
		'## Reading the figures',
		'',
		...reading.map((line) => `- ${line}`),
	].join('\n')}\n`;
}

function main(): void {
	const queueFile = path.join(RESULTS, 'queue.json');
	const text = render(read<EngineResults>('latest.json'), read<RealResults>('real-n8n.json'), fs.existsSync(queueFile) ? read<QueueResults>('queue.json') : undefined);
	const relative = path.relative(ROOT, OUTPUT);
	if (process.argv.includes('--check')) {
		const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
		if (current !== text) {
			console.error(`${relative} does not match bench/results/: run npm run docs:performance`);
			process.exit(1);
		}
		console.log(`${relative} matches bench/results/`);
		return;
	}
	fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
	fs.writeFileSync(OUTPUT, text);
	console.log(`Written ${relative}`);
}

main();
