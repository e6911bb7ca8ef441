/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a development script that runs in Node, not code that n8n loads */
/**
 * `npm start`: builds this package, installs it into a local n8n (installed on the first run) and starts
 * the n8n editor on http://localhost:5678 (N8N_PORT to change). Ctrl-C stops n8n and exits.
 * Options: --no-build (use the current dist/ as is).
 * Run with the project's TypeScript runner: `npx tsx scripts/start.ts` (what `npm start` does).
 */
import path from 'node:path';

import { DEFAULT_USER_FOLDER, REPO_DIR, ensureN8n, freePort, installPackage, portInUse, spawnN8n, waitForN8n } from '../test/support/n8n';

const port = Number(process.env.N8N_PORT || 5678);
const build = !process.argv.includes('--no-build');
const READY_TIMEOUT_MS = 180_000;

async function main(): Promise<void> {
	const t0 = Date.now();
	if (await portInUse(port)) {
		console.error(`Port ${port} is already in use (another n8n?). Stop it or choose another port: N8N_PORT=5680 npm start`);
		process.exit(1);
	}
	await ensureN8n();
	await installPackage(DEFAULT_USER_FOLDER, { build });

	console.log(`Starting n8n (data in ${path.relative(REPO_DIR, DEFAULT_USER_FOLDER)}/.n8n, port ${port})...`);
	// Own process group: a Ctrl-C in the terminal reaches this script only, which forwards one signal.
	// n8n handles SIGINT/SIGTERM once; a second one would kill it mid-shutdown. The task-runner broker
	// (default 5679) gets a free port so that `n8n execute` in tests, or a second instance, can run beside this one.
	const brokerPort = process.env.N8N_RUNNERS_BROKER_PORT || String(await freePort());
	const child = spawnN8n(['start'], {
		env: { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: brokerPort },
		stdio: 'inherit',
		detached: process.platform !== 'win32',
	});

	let stopping = false;
	let exited = false;
	let lastSignalAt = 0;
	const stop = (signal: NodeJS.Signals) => {
		if (exited) return;
		// Under `npm start`, one Ctrl-C arrives twice (from the terminal and forwarded by npm).
		const now = Date.now();
		const duplicate = now - lastSignalAt < 1000;
		lastSignalAt = now;
		if (stopping) {
			if (duplicate) return;
			console.log('\nKilling n8n (second Ctrl-C).');
			child.kill('SIGKILL');
			return;
		}
		stopping = true;
		console.log(`\nStopping n8n (${signal}); Ctrl-C again to kill it at once...`);
		child.kill(signal);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGHUP', () => stop('SIGTERM'));
	// If this script dies for any other reason, do not leave n8n running.
	process.on('exit', () => {
		if (!exited) child.kill('SIGKILL');
	});
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		});
	});

	const baseUrl = `http://localhost:${port}`;
	const readiness = await waitForN8n(baseUrl, { child, stop: () => stopping, timeoutMs: READY_TIMEOUT_MS, intervalMs: 500 });
	if (readiness === 'ready') {
		console.log(`\nn8n is ready: open ${baseUrl}  (started in ${((Date.now() - t0) / 1000).toFixed(1)} s; Ctrl-C to stop)\n`);
	} else if (readiness === 'timeout') {
		console.error(`n8n did not answer ${baseUrl}/healthz/readiness within ${READY_TIMEOUT_MS / 1000} s; stopping it.`);
		stop('SIGTERM');
		await exit;
		process.exit(1);
	}
	const { code, signal } = await exit;
	if (stopping) {
		console.log('n8n stopped.');
		process.exit(0);
	}
	console.error(`n8n exited unexpectedly (${signal ?? `exit code ${code}`}).`);
	process.exit(code || 1);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
