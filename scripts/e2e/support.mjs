// What the end-to-end suite (run.mjs) and the editor check (editor.mjs) share: where Diga's
// contracts are, throwaway n8n user folders, a recording proxy in front of Prism, a fake Diga that
// refuses one key, and a tiny test runner with PASS/FAIL lines. Plain Node ESM, no dependencies.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { REPO_DIR } from '../n8n-runtime.mjs';

/**
 * The facts-only extracts of Diga's OpenAPI documents kept in the repository (test/contracts/,
 * made by `npm run contracts:extract`). DIGA_CONTRACTS_DIR points elsewhere, e.g. at a folder with
 * Diga's official openapi.<date>.json files.
 */
export const CONTRACTS_DIR = path.resolve(process.env.DIGA_CONTRACTS_DIR ?? path.join(REPO_DIR, 'test', 'contracts'));
export const CONTRACT_NAMES = ['2026-04-07', '2026-07-22'];

/** Recognisable, so a check can prove it never shows up in n8n's output. Not a real key. */
export const TEST_API_KEY = `sk-${'e2e0c0de'.repeat(8)}`;
/** The key the fake Diga refuses with 401 INVALID_API_KEY. */
export const WRONG_API_KEY = `sk-${'0badc0de'.repeat(8)}`;

/** [{name, file, present}] for each contract version, in date order. */
export function contracts() {
	return CONTRACT_NAMES.map((name) => {
		const file = path.join(CONTRACTS_DIR, `openapi.${name}.json`);
		return { name, file, present: existsSync(file) };
	});
}

/** Why a contract's tests cannot run, and how to fix it. */
export function missingContractReason(contract) {
	return process.env.DIGA_CONTRACTS_DIR
		? `${contract.file} not found (DIGA_CONTRACTS_DIR=${process.env.DIGA_CONTRACTS_DIR} has no openapi.${contract.name}.json)`
		: `${contract.file} not found (the repository keeps it in test/contracts/; restore it with git, or regenerate it with npm run contracts:extract)`;
}

/** A fresh n8n user folder in the system temp dir; remove() deletes it. */
export function tempUserFolder(label) {
	const dir = mkdtempSync(path.join(os.tmpdir(), `n8n-nodes-diga-${label}-`));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function listen(server) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
	});
}

export function close(server) {
	return new Promise((resolve) => {
		server.closeAllConnections?.();
		server.close(() => resolve());
	});
}

export function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}

function parseJson(text) {
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * A recording proxy in front of Prism. Each workflow gets its own credential whose Base URL is
 * `<proxy>/wf/<key>`, so every request is attributed to the workflow that sent it even when n8n
 * runs workflows side by side. The prefix is removed before the request reaches Prism.
 * Prism answers from the schemas, with placeholder values ("string"); `stamp(key, fn)` lets one
 * workflow see an account's data instead: fn({method, path, body}) gets Prism's parsed answer and
 * returns the body to send on (or undefined to keep it). What is recorded is the request and
 * Prism's verdict on it, not the stamped answer.
 * Returns {url, baseUrlFor(key), requests(key?), stamp(key, fn), stop()}; a request is
 * {key, method, path, query, authorization, body, status, violations}.
 */
export async function startRecordingProxy(prismUrl) {
	const target = new URL(prismUrl);
	const recorded = [];
	const stamps = new Map();
	const server = http.createServer(async (req, res) => {
		const raw = await readBody(req);
		const match = /^\/wf\/([^/]+)(\/.*)$/.exec(req.url ?? '');
		const key = match ? decodeURIComponent(match[1]) : null;
		const forwardPath = match ? match[2] : req.url;
		const url = new URL(forwardPath, 'http://proxy');
		const headers = { ...req.headers, host: target.host };
		delete headers['content-length'];
		if (raw) headers['content-length'] = Buffer.byteLength(raw);
		const forward = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: forwardPath, headers },
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const violations = response.headers['sl-violations'];
					recorded.push({
						key,
						method: req.method,
						path: url.pathname,
						query: Object.fromEntries(url.searchParams),
						authorization: req.headers.authorization,
						body: parseJson(raw),
						status: response.statusCode,
						violations: violations ? JSON.parse(String(violations)) : [],
					});
					let answer = Buffer.concat(chunks);
					const stamped = stamps.get(key)?.({ method: req.method, path: url.pathname, body: parseJson(answer.toString('utf8')) });
					const headers = { ...response.headers };
					if (stamped !== undefined) {
						answer = Buffer.from(JSON.stringify(stamped));
						headers['content-length'] = String(answer.length);
					}
					res.writeHead(response.statusCode ?? 502, headers);
					res.end(answer);
				});
			},
		);
		forward.on('error', (error) => {
			recorded.push({ key, method: req.method, path: url.pathname, status: 502, violations: [], error: error.message });
			res.writeHead(502, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: `proxy: ${error.message}` }));
		});
		forward.end(raw);
	});
	const url = await listen(server);
	return {
		url,
		baseUrlFor: (key) => `${url}/wf/${encodeURIComponent(key)}`,
		requests: (key) => (key === undefined ? [...recorded] : recorded.filter((r) => r.key === key)),
		stamp: (key, fn) => stamps.set(key, fn),
		stop: () => close(server),
	};
}

/**
 * A stand-in for Diga that refuses WRONG_API_KEY the way Diga does (401 INVALID_API_KEY); anything
 * else is a 500, so a request the test did not expect cannot pass unnoticed. Prism cannot play this
 * part: it accepts any bearer token.
 */
export async function startWrongKeyDiga() {
	const recorded = [];
	const server = http.createServer(async (req, res) => {
		await readBody(req);
		recorded.push({ method: req.method, path: req.url, authorization: req.headers.authorization });
		res.setHeader('content-type', 'application/json');
		if (req.headers.authorization === `Bearer ${WRONG_API_KEY}`) {
			res.writeHead(401);
			res.end(JSON.stringify({ status: 'error', error_code: 'INVALID_API_KEY', message: 'Invalid API key' }));
			return;
		}
		res.writeHead(500);
		res.end(JSON.stringify({ status: 'error', error_code: 'UNEXPECTED', message: 'The fake Diga did not expect this request' }));
	});
	const url = await listen(server);
	return { url, requests: () => [...recorded], stop: () => close(server) };
}

/**
 * A minimal test runner: check(name, fn) runs fn at once (awaited), prints PASS or FAIL with the
 * error, and remembers the outcome; skip(name, why) prints SKIP. finish() prints the totals and
 * sets the exit code.
 */
export function createRunner() {
	const results = [];
	const started = Date.now();
	return {
		async check(name, fn) {
			const t0 = Date.now();
			try {
				await fn();
				results.push({ name, ok: true });
				console.log(`PASS  ${name} (${Date.now() - t0} ms)`);
				return true;
			} catch (error) {
				results.push({ name, ok: false, error });
				console.log(`FAIL  ${name}`);
				// An assertion says what failed; its stack only points into this suite.
				const text = error?.code === 'ERR_ASSERTION' ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
				console.log(text.split('\n').map((line) => `      ${line}`).join('\n'));
				return false;
			}
		},
		skip(name, why) {
			results.push({ name, skipped: true });
			console.log(`SKIP  ${name}: ${why}`);
		},
		failed: () => results.some((r) => r.ok === false),
		finish() {
			const passed = results.filter((r) => r.ok).length;
			const failed = results.filter((r) => r.ok === false);
			const skipped = results.filter((r) => r.skipped).length;
			console.log(
				`\n${failed.length ? 'FAILED' : 'OK'}: ${passed} passed, ${failed.length} failed, ${skipped} skipped ` +
					`(${((Date.now() - started) / 1000).toFixed(1)} s)`,
			);
			for (const f of failed) console.log(`  FAIL ${f.name}`);
			process.exitCode = failed.length ? 1 : 0;
		},
	};
}

/** Resolves once n8n answers /healthz/readiness (or the process exits, or the timeout passes). */
export async function waitForN8n(baseUrl, child, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited during start-up (code ${child.exitCode})`);
		try {
			const res = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`n8n did not become ready at ${baseUrl} within ${timeoutMs / 1000} s`);
}
