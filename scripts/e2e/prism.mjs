// A contract-checking stand-in for Diga's API: Stoplight Prism (`@stoplight/prism-cli`, a dev
// dependency) mocking one of Diga's OpenAPI contracts (the facts-only extracts in test/contracts/),
// on loopback only. The extracts carry no examples: Prism builds its answers from the schemas.
//
//   const prism = await startPrism('test/contracts/openapi.2026-07-22.json');
//   ... point the credential's base URL at prism.url, run the workflow ...
//   assert.deepEqual(prism.violations(), []);
//   await prism.stop();
//
// Prism checks every request against the contract (path, method, bearer header, body schema).
// A request that breaks it gets 422 and an `sl-violations` response header; Prism also logs each
// violation, which is what violations() returns here (the header only reaches the HTTP client,
// n8n, not the test). Plain Node ESM, no dependencies.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { freePort, REPO_DIR } from '../n8n-runtime.mjs';

const PRISM_PKG_DIR = path.join(REPO_DIR, 'node_modules', '@stoplight', 'prism-cli');

function prismEntry() {
	const pkgFile = path.join(PRISM_PKG_DIR, 'package.json');
	if (!existsSync(pkgFile)) {
		throw new Error(
			'@stoplight/prism-cli is not installed in node_modules; run `npm install` in the repository first.',
		);
	}
	const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
	const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.prism;
	return path.join(PRISM_PKG_DIR, bin);
}

// Prism's log line: `[3:16:54 PM] › [HTTP SERVER] post /v1/project/ ✖  error     message`
// or `[3:16:54 PM] ›     [VALIDATOR] ✖  error     message`.
const PROBE_PATH = '/__prism_readiness_probe__';
const LINE_RE = /^\[[^\]]*\]\s+\S+\s+\[([A-Z ]+)\]\s*(?:(\w+) (\S+) )?\S+\s+(\w+)\s+(.*)$/;
const ANSI_RE = /\x1b\[[0-9;]*m/g;

/**
 * Start Prism mocking `contractPath` on 127.0.0.1 and a free port.
 * Options: {port, timeoutMs (start-up, default 60 s), errors (Prism's --errors flag), echo (print
 * Prism's log)}.
 * Returns {url, port, stop(), settle(), violations(), requests(), clear(), logs()}:
 *  - settle(): resolves once Prism's log has been quiet for 250 ms; Prism logs a request a moment
 *    after it answers, so `await prism.settle()` before reading violations() right after a request.
 *  - violations(): [{request: 'POST /v1/project/', severity: 'error'|'warning', location?, code?,
 *    message}] for every request that broke the contract (bad body or parameters, missing bearer
 *    header (code UNAUTHORIZED), path or method not in the contract (NO_PATH_MATCHED_ERROR, ...)).
 *  - requests(): ['GET /v1/project/', ...] in the order Prism received them.
 *  - clear(): forget requests, violations and logs so far (between test cases).
 *  - logs(): Prism's raw output so far.
 */
export async function startPrism(contractPath, { port, timeoutMs = 60_000, errors = false, echo = false } = {}) {
	const contract = path.resolve(contractPath);
	if (!existsSync(contract)) throw new Error(`Contract not found: ${contract}`);
	const entry = prismEntry();
	const usePort = port ?? (await freePort());
	const url = `http://127.0.0.1:${usePort}`;

	const args = [entry, 'mock', '-h', '127.0.0.1', '-p', String(usePort)];
	if (errors) args.push('--errors');
	args.push(contract);
	const child = spawn(process.execPath, args, {
		cwd: REPO_DIR,
		env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});

	let raw = '';
	let requests = [];
	let found = []; // raw violation entries, deduplicated in violations()
	let current = null; // the request whose log lines are arriving (Prism handles them in turn)
	let pending = '';

	const onLine = (rawLine) => {
		const line = rawLine.replace(ANSI_RE, '').trimEnd();
		const m = LINE_RE.exec(line);
		if (!m) return;
		const [, source, method, reqPath, level, message] = m;
		const src = source.trim();
		if (reqPath === PROBE_PATH || (!method && current?.probe)) {
			if (method && message === 'Request received') current = { probe: true };
			return; // the readiness probe is not a request under test
		}
		if (src === 'HTTP SERVER' && method && message === 'Request received') {
			current = { index: requests.length, request: `${method.toUpperCase()} ${reqPath}` };
			requests.push(current.request);
			return;
		}
		if (level !== 'error' && level !== 'warning') return;
		const request = method ? `${method.toUpperCase()} ${reqPath}` : current?.request;
		const index = current?.index ?? -1;
		if (src === 'VALIDATOR') {
			if (message === 'Request did not pass the validation rules') return; // summary line
			const v = /^Violation: (\S+) (.*)$/.exec(message);
			if (v) found.push({ index, request, severity: level, location: v[1], message: v[2] });
			else found.push({ index, request, severity: level, message });
		} else if (src === 'HTTP SERVER') {
			const t = /^Request terminated with error: \S*#([A-Z_]+): (.*)$/.exec(message);
			if (t) found.push({ index, request, severity: level, code: t[1], message: t[2] });
			else found.push({ index, request, severity: level, message });
		}
	};
	let lastOutputAt = Date.now();
	const onData = (chunk) => {
		lastOutputAt = Date.now();
		raw += chunk;
		if (echo) process.stderr.write(chunk);
		pending += chunk;
		const lines = pending.split('\n');
		pending = lines.pop();
		lines.forEach(onLine);
	};
	child.stdout.setEncoding('utf8').on('data', onData);
	child.stderr.setEncoding('utf8').on('data', onData);

	let exited = null;
	// Do not leave Prism behind if the test process ends without stop().
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			process.removeListener('exit', killOnExit);
			resolve(exited);
		});
	});

	const stop = async () => {
		if (exited) return exited;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		const res = await exitPromise;
		clearTimeout(timer);
		return res;
	};

	// Wait until it answers HTTP (any status: the probe path gets 404, and is left out of the results).
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) {
			throw new Error(`Prism exited during start-up (${exited.signal ?? exited.code}):\n${raw.slice(-3000)}`);
		}
		try {
			await fetch(`${url}${PROBE_PATH}`, { signal: AbortSignal.timeout(1000) });
			break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`Prism did not start within ${timeoutMs / 1000} s:\n${raw.slice(-3000)}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	// Prism writes its log a moment after it answers: wait until it has been quiet for quietMs.
	const settle = async ({ quietMs = 250, maxMs = 5000 } = {}) => {
		const until = Date.now() + maxMs;
		while (Date.now() - lastOutputAt < quietMs && Date.now() < until && !exited) {
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	await settle();

	const violations = () => {
		// Prism logs a body violation twice (plain, then with "Violation: <location>"), and a missing
		// bearer header twice (validator, then "Request terminated with error: ...#UNAUTHORIZED").
		const out = [];
		for (const v of found) {
			const dup = found.some(
				(o) => o !== v && o.index === v.index && (o.location || o.code) && !(v.location || v.code) && o.message === v.message,
			);
			if (!dup) {
				const { index, ...rest } = v;
				out.push(rest);
			}
		}
		return out;
	};

	return {
		url,
		port: usePort,
		process: child,
		stop,
		settle,
		violations,
		requests: () => [...requests],
		clear: () => {
			requests = [];
			found = [];
			raw = '';
		},
		logs: () => raw,
	};
}
