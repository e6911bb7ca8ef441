/* eslint-disable @n8n/community-nodes/require-node-api-error -- test support that runs n8n's queue mode in Node, not code that n8n loads */
/**
 * n8n's queue mode, as docs/scaling.md describes it, for test/queue/ and the bench: Postgres and Redis
 * (test/support/services.ts), one main (`n8n start`: editor, REST API, triggers' activation, polling),
 * workers (`n8n worker`: run the executions Bull hands them) and one webhook processor (`n8n webhook`:
 * answers production webhooks, hands their executions to the workers). Every instance has its own user
 * folder with this package installed into its .n8n/nodes from the packed tarball (as each machine of a
 * real set-up gets it) and the same N8N_ENCRYPTION_KEY (test/support/n8n.ts sets it for every n8n).
 * The main does not answer production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS), and takes the
 * webhook processor's address as its public webhook URL, so whatever Diga calls reaches the processor.
 *
 *   const cluster = await startQueueCluster({ workers: 2, credentials, workflows });
 *   await cluster.main.activate(id);
 *   cluster.pg.sql('select ...');
 *   await cluster.stop();
 */
import { ensureN8n, importIntoN8n, installPackage, tempUserFolder, type CredentialFile, type Env } from './n8n';
import { startN8n, startN8nHelper, type N8nHelperProcess, type N8nServer } from './n8n-server';
import { freePort } from './net';
import { ensureServices, startPostgres, startRedis, type Postgres, type Redis } from './services';

/** The settings every instance of the set-up shares: queue mode, the database and Redis. */
export function queueEnv(pg: Postgres, redis: Redis, extra: Env = {}): Env {
	return { EXECUTIONS_MODE: 'queue', ...pg.env, ...redis.env, ...extra };
}

export interface QueueCluster {
	pg: Postgres;
	redis: Redis;
	main: N8nServer;
	workers: N8nHelperProcess[];
	webhook: N8nHelperProcess;
	/** The settings shared by every instance (queueEnv plus the cluster's `env`). */
	env: Env;
	/** Stops the main and starts it again on the same database (its owner logs in again). */
	restartMain(): Promise<void>;
	/** Stops worker `index` and starts it again. */
	restartWorker(index: number): Promise<void>;
	/**
	 * Starts one more main on the same database and Redis (not n8n's multi-main set-up): what docs/scaling.md
	 * warns against, for showing that a check notices it. Stopped with the cluster.
	 */
	addMain(): Promise<N8nServer>;
	/** Every instance's output, including stopped ones, by name (`main`, `main#2`, `worker1`, `webhook`). */
	logs(): Map<string, string>;
	stop(): Promise<void>;
}

export interface QueueClusterOptions {
	workers?: number;
	/** Concurrency of each worker (`n8n worker --concurrency`); n8n's default is 10. */
	concurrency?: number;
	credentials?: CredentialFile[];
	workflows?: Array<{ id: string }>;
	/** Extra settings for every instance. */
	env?: Env;
	/** Build the package first (else dist/ as it is). */
	build?: boolean;
}

/** Starts Postgres, Redis and n8n in queue mode, imports the credentials and workflows, and waits until all are ready. */
export async function startQueueCluster({ workers: workerCount = 2, concurrency = 10, credentials = [], workflows = [], env: extra = {}, build = true }: QueueClusterOptions = {}): Promise<QueueCluster> {
	ensureServices();
	await ensureN8n();
	const folders = new Map<string, ReturnType<typeof tempUserFolder>>();
	const folderOf = (name: string) => {
		if (!folders.has(name)) folders.set(name, tempUserFolder(`queue-${name}`));
		return folders.get(name)!.dir;
	};
	const stoppers: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
		stoppers.length = 0;
		for (const folder of folders.values()) folder.remove();
	};
	const logs = new Map<string, () => string>();
	const named = (name: string) => {
		let candidate = name;
		for (let n = 2; logs.has(candidate); n++) candidate = `${name}#${n}`;
		return candidate;
	};
	try {
		const pg = await startPostgres();
		stoppers.push(pg.stop);
		const redis = await startRedis();
		stoppers.push(redis.stop);
		const env = queueEnv(pg, redis, extra);
		const names = ['main', 'webhook', ...Array.from({ length: workerCount }, (_, i) => `worker${i + 1}`)];
		for (const [index, name] of names.entries()) await installPackage(folderOf(name), { build: build && index === 0 });
		await importIntoN8n(folderOf('main'), { credentials, workflows, env });

		const webhookPort = await freePort();
		const webhookUrl = `http://localhost:${webhookPort}/`;
		const startMain = async () => {
			const main = await startN8n({ userFolder: folderOf('main'), webhookUrl, env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } });
			logs.set(named('main'), main.log);
			return main;
		};
		const startWorker = async (index: number) => {
			const worker = await startN8nHelper('worker', { userFolder: folderOf(`worker${index + 1}`), env, args: [`--concurrency=${concurrency}`] });
			logs.set(named(`worker${index + 1}`), worker.log);
			return worker;
		};
		const cluster: QueueCluster = {
			pg,
			redis,
			env,
			main: await startMain(),
			workers: [],
			webhook: undefined as unknown as N8nHelperProcess,
			restartMain: async () => {
				await cluster.main.stop();
				cluster.main = await startMain();
			},
			restartWorker: async (index) => {
				await cluster.workers[index].stop();
				cluster.workers[index] = await startWorker(index);
			},
			addMain: async () => {
				const name = named('main');
				await installPackage(folderOf(name), { build: false });
				const extra = await startN8n({ userFolder: folderOf(name), webhookUrl, env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } });
				logs.set(name, extra.log);
				stoppers.push(async () => await extra.stop());
				return extra;
			},
			logs: () => new Map([...logs].map(([name, log]) => [name, log()])),
			stop: stopAll,
		};
		stoppers.push(async () => await cluster.main.stop());
		for (let i = 0; i < workerCount; i++) cluster.workers.push(await startWorker(i));
		stoppers.push(async () => {
			for (const worker of cluster.workers) await worker.stop();
		});
		cluster.webhook = await startN8nHelper('webhook', { userFolder: folderOf('webhook'), env, port: webhookPort });
		logs.set('webhook', cluster.webhook.log);
		stoppers.push(async () => await cluster.webhook.stop());
		return cluster;
	} catch (error) {
		await stopAll();
		throw error;
	}
}
