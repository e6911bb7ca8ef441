/**
 * `npm run dev`: the local n8n of `npm start`, rebuilt and restarted on every change.
 *
 * - `tsc --watch` (tsconfig.build.json) recompiles nodes/ and credentials/ into dist/ on each save;
 *   icons and codex files (what `npm run build` copies with gulp) are copied when they change.
 * - After each successful build, the package installed in that n8n (.n8n-runtime/user/.n8n/nodes)
 *   gets the new dist/ and package.json and n8n restarts; reload the editor page to see the change.
 *   A build with type errors leaves n8n running the last good build.
 * - Same n8n, data and port as `npm start` (N8N_PORT, default 5678); the first run installs n8n
 *   2.41.1 (a few minutes, about 2.8 GB). Ctrl-C stops everything. A source file deleted while this
 *   runs leaves its old .js in dist/ until the next `npm run build`.
 *
 * Run with the project's TypeScript runner, `npx tsx scripts/dev.ts` (what the npm script does). n8n
 * is installed and run by test/support/n8n.ts.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- a development script that runs in Node, not code that n8n loads */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

import {
	DEFAULT_USER_FOLDER,
	REPO_DIR,
	ensureN8n,
	freePort,
	installBuildInPlace,
	installPackage,
	portInUse,
	spawnN8n,
	waitForN8n,
} from '../test/support/n8n';

const port = Number(process.env.N8N_PORT || 5678);
const baseUrl = `http://localhost:${port}`;
const DIST = path.join(REPO_DIR, 'dist');
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;
const ASSET_DEBOUNCE_MS = 200;
/** What `gulp build:icons` copies next to the compiled files. */
const ASSETS: ReadonlyArray<[dir: string, pattern: RegExp]> = [
	['nodes', /\.(svg|png|json)$/],
	['credentials', /\.(svg|png)$/],
];

const clock = () => new Date().toISOString().slice(11, 23);
const log = (message: string) => console.log(`[dev ${clock()}] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function copyAssets(): void {
	for (const [dir, pattern] of ASSETS) {
		for (const file of readdirSync(path.join(REPO_DIR, dir), { recursive: true, encoding: 'utf8' })) {
			if (!pattern.test(file)) continue;
			const target = path.join(DIST, dir, file);
			mkdirSync(path.dirname(target), { recursive: true });
			cpSync(path.join(REPO_DIR, dir, file), target);
		}
	}
}

// ---- n8n -----------------------------------------------------------------------------------

let n8n: { child: ChildProcess; exited: Promise<void>; stopping: boolean } | undefined;
let shuttingDown = false;

/** Kill what is left of n8n's process group (its task runner), if anything. */
function killGroup(child: ChildProcess): void {
	if (!child.pid) return;
	try {
		if (process.platform === 'win32') child.kill('SIGKILL');
		else process.kill(-child.pid, 'SIGKILL');
	} catch (error) {
		// ESRCH: nothing left to kill.
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') log(`Could not kill n8n's processes: ${String(error)}`);
	}
}

/** Start n8n and wait until it is ready; false if it exited or did not get ready in time. */
async function startN8n(): Promise<boolean> {
	// A free task-runner broker port each time, so a restart never waits for the old one to close.
	const brokerPort = String(await freePort());
	const child = spawnN8n(['start'], {
		env: { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: brokerPort },
		stdio: 'inherit',
		// Own process group: a Ctrl-C in the terminal reaches this script only, which stops n8n once.
		detached: process.platform !== 'win32',
	});
	const current = {
		child,
		stopping: false,
		exited: new Promise<void>((resolve) => {
			child.once('exit', (code, signal) => {
				killGroup(child);
				if (!current.stopping && !shuttingDown) {
					log(`n8n exited (${signal ?? `exit code ${code}`}); it starts again after the next successful build.`);
				}
				if (n8n === current) n8n = undefined;
				resolve();
			});
		}),
	};
	n8n = current;
	const readiness = await waitForN8n(baseUrl, { child, timeoutMs: READY_TIMEOUT_MS, intervalMs: 200 });
	if (readiness === 'ready') return true;
	if (readiness === 'timeout') {
		log(`n8n did not answer ${baseUrl}/healthz/readiness within ${seconds(READY_TIMEOUT_MS)}; stopping it.`);
		await stopN8n();
	}
	return false;
}

async function stopN8n(): Promise<void> {
	const current = n8n;
	if (!current) return;
	current.stopping = true;
	current.child.kill('SIGTERM');
	const timer = setTimeout(() => {
		log(`n8n did not stop within ${seconds(STOP_TIMEOUT_MS)}; killing it.`);
		killGroup(current.child);
	}, STOP_TIMEOUT_MS);
	await current.exited;
	clearTimeout(timer);
}

// ---- install and restart, one at a time -----------------------------------------------------

let installed = false;
let busy = false;
let pending: { reason: string; since: number } | undefined;

/** Ask for the new build to be installed and n8n (re)started; changes that arrive meanwhile are batched. */
function requestRestart(reason: string, since: number): void {
	pending = pending ? { reason: `${pending.reason}; ${reason}`, since: pending.since } : { reason, since };
	void drain();
}

async function drain(): Promise<void> {
	if (busy) return;
	busy = true;
	try {
		while (pending && !shuttingDown) {
			const { reason, since } = pending;
			pending = undefined;
			const first = !installed;
			const installStart = Date.now();
			if (first) {
				// The first time: pack and install the package as `npm start` does (same node type,
				// n8n-nodes-diga.diga, so workflows carry over between the two).
				await installPackage(DEFAULT_USER_FOLDER, { build: false });
				installed = true;
			} else {
				installBuildInPlace(DEFAULT_USER_FOLDER);
			}
			const stopStart = Date.now();
			if (n8n) log(`${reason}: new build installed in n8n (${seconds(stopStart - installStart)}); restarting n8n...`);
			else log(`${reason}: package installed in n8n (${seconds(stopStart - installStart)}); starting n8n...`);
			await stopN8n();
			const startStart = Date.now();
			if (!(await startN8n())) continue;
			const now = Date.now();
			log(
				first
					? `n8n is ready: open ${baseUrl} (n8n started in ${seconds(now - startStart)}). Watching nodes/, credentials/ and package.json; Ctrl-C to stop.`
					: `n8n restarted with the new build, ready ${seconds(now - since)} after the change was seen ` +
							`(build ${seconds(installStart - since)}, install ${seconds(stopStart - installStart)}, ` +
							`stop ${seconds(startStart - stopStart)}, start ${seconds(now - startStart)}). Reload the editor page.`,
			);
		}
	} finally {
		busy = false;
	}
}

// ---- watchers -------------------------------------------------------------------------------

/** `tsc --watch` on the shipped sources; calls onBuild after each compilation with its error count. */
function watchTypeScript(onBuild: (errors: number, since: number) => void): ChildProcess {
	const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO_DIR] });
	const child = spawn(
		process.execPath,
		[tsc, '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput', '--pretty', 'false'],
		{ cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let since = Date.now();
	let buffered = '';
	const onOutput = (chunk: string) => {
		buffered += chunk;
		let newline: number;
		while ((newline = buffered.indexOf('\n')) >= 0) {
			const line = buffered.slice(0, newline).trim();
			buffered = buffered.slice(newline + 1);
			if (!line) continue;
			console.log(`[tsc] ${line}`);
			if (/Starting (incremental )?compilation/.test(line)) since = Date.now();
			const found = /Found (\d+) errors?\. Watching for file changes/.exec(line);
			if (found) onBuild(Number(found[1]), since);
		}
	};
	child.stdout?.setEncoding('utf8').on('data', onOutput);
	child.stderr?.setEncoding('utf8').on('data', onOutput);
	child.once('exit', (code, signal) => {
		if (shuttingDown) return;
		console.error(`tsc --watch stopped (${signal ?? `exit code ${code}`}); stopping.`);
		void shutdown(1);
	});
	return child;
}

/** Icons, codex files and package.json: copied or installed as they change (debounced). */
function watchAssets(onChange: (file: string, since: number) => void): FSWatcher[] {
	let timer: NodeJS.Timeout | undefined;
	let first: { file: string; since: number } | undefined;
	const changed = (file: string) => {
		first ??= { file, since: Date.now() };
		clearTimeout(timer);
		timer = setTimeout(() => {
			const { file: name, since } = first!;
			first = undefined;
			onChange(name, since);
		}, ASSET_DEBOUNCE_MS);
	};
	const watchers = ASSETS.map(([dir, pattern]) =>
		watch(path.join(REPO_DIR, dir), { recursive: true }, (_event, file) => {
			if (file && pattern.test(file)) changed(path.join(dir, file));
		}),
	);
	// The folder, not the file: editors often replace package.json rather than write into it.
	watchers.push(
		watch(REPO_DIR, (_event, file) => {
			if (file === 'package.json') changed(file);
		}),
	);
	return watchers;
}

// ---- main -----------------------------------------------------------------------------------

let tscProcess: ChildProcess | undefined;
let watchers: FSWatcher[] = [];

async function shutdown(code: number): Promise<void> {
	if (shuttingDown) return;
	shuttingDown = true;
	for (const watcher of watchers) watcher.close();
	tscProcess?.kill('SIGTERM');
	if (n8n) log('Stopping n8n...');
	await stopN8n();
	process.exit(code);
}

async function main(): Promise<void> {
	const started = Date.now();
	if (await portInUse(port)) {
		console.error(`Port ${port} is already in use (another n8n?). Stop it or choose another port: N8N_PORT=5680 npm run dev`);
		process.exit(1);
	}
	await ensureN8n();

	let lastSignal = 0;
	const onSignal = () => {
		// Under `npm run`, one Ctrl-C arrives twice (from the terminal and forwarded by npm).
		const now = Date.now();
		const duplicate = now - lastSignal < 1000;
		lastSignal = now;
		if (!shuttingDown) {
			console.log('\nStopping (Ctrl-C again to kill n8n at once)...');
			void shutdown(0);
		} else if (!duplicate && n8n) {
			killGroup(n8n.child);
		}
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	process.on('exit', () => {
		if (n8n) killGroup(n8n.child);
		tscProcess?.kill('SIGKILL');
	});

	rmSync(DIST, { recursive: true, force: true });
	log('Building (tsc --watch)...');
	tscProcess = watchTypeScript((errors, since) => {
		if (errors > 0) {
			log(
				installed
					? `Build failed (${errors} error(s)); n8n keeps running the last good build.`
					: `Build failed (${errors} error(s)); n8n starts after the first good build.`,
			);
			return;
		}
		copyAssets();
		requestRestart(installed ? 'Rebuilt' : `Built in ${seconds(Date.now() - started)}`, since);
	});
	watchers = watchAssets((file, since) => {
		if (!installed) return; // the first build copies every asset anyway
		copyAssets();
		requestRestart(`${file} changed`, since);
	});
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	void shutdown(1);
});
