/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node, not code that n8n loads */
/**
 * Prism serving one of Diga's contracts (the facts-only extracts in test/contracts/), behind a recording
 * proxy so tests can read exactly what reached "Diga": method, path, headers, body, status and Prism's
 * verdict on the request (its `sl-violations` header). The one Prism launcher and the one proxy of the
 * harness: Jest's engine tests, the end-to-end and editor suites and the bench use them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { CONTRACT_NAMES, contractFile, type ContractName } from './contracts';
import { close, freePort, listen, parseJson, readBody, stopProcess } from './net';

const PRISM_CLI = path.resolve(__dirname, '../../node_modules/@stoplight/prism-cli/dist/index.js');

export interface Violation {
	location?: string[];
	severity: string;
	code?: string | number;
	message: string;
}

export interface RecordedRequest {
	/** The workflow (or test) the request came from: the `<key>` of a `/wf/<key>/...` Base URL, else null. */
	key: string | null;
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	status: number;
	/** What Prism answered (parsed JSON when it is JSON), before any stamp. */
	response: unknown;
	/** Prism's contract violations for this request, from its `sl-violations` header. */
	violations: Violation[];
}

/**
 * Prism's answer to one request, given to a stamp: return another body for n8n to see (a `StampedError`
 * for a documented failure Prism cannot be asked for on one request alone), or undefined.
 */
export type Stamp = (answer: { method: string; path: string; body: unknown }) => unknown;

/** A stamped answer with its own status: Diga's documented error for this request. */
export class StampedError {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {}
}

export interface RecordingProxy {
	url: string;
	/** Every request so far, in order; clear with `requests.length = 0`. */
	requests: RecordedRequest[];
	/** A Base URL whose requests are recorded under `key` (the prefix is removed before Prism sees them). */
	baseUrlFor(key: string): string;
	/** The requests recorded under `key` (null: those sent to the plain URL). */
	requestsOf(key: string | null): RecordedRequest[];
	/** Lets the requests under `key` see an account's data instead of Prism's placeholders. */
	stamp(key: string, stamp: Stamp): void;
	/** Asks Prism for another documented response (its `Prefer: code=` header) until cleared. */
	preferStatus?: number;
	stop(): Promise<void>;
}

export interface PrismServer extends RecordingProxy {
	contract: ContractName;
}

export interface Prism {
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** Starts Prism mocking a contract (its name, or an OpenAPI file) on a free loopback port. */
export async function startPrism(contract: ContractName | string, { timeoutMs = 60_000 } = {}): Promise<Prism> {
	const file = (CONTRACT_NAMES as readonly string[]).includes(contract) ? contractFile(contract as ContractName) : path.resolve(contract);
	const port = await freePort();
	const child = spawn(process.execPath, [PRISM_CLI, 'mock', '-h', '127.0.0.1', '-p', String(port), file], {
		env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += String(chunk)));
	child.stderr.on('data', (chunk) => (output += String(chunk)));
	const stop = async () => await stopProcess(child);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`Prism exited during start-up (${child.exitCode}):\n${output.slice(-3000)}`);
		// Any answer will do: Prism listens.
		if (await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false)) return { url, child, stop };
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`Prism did not start within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`);
		}
		await delay(200);
	}
}

/** The recording proxy in front of Prism (or of any server) at `target`. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
	const prismUrl = new URL(target);
	const stamps = new Map<string, Stamp>();
	const proxy: RecordingProxy = {
		url: '',
		requests: [],
		baseUrlFor: (key) => `${proxy.url}/wf/${encodeURIComponent(key)}`,
		requestsOf: (key) => proxy.requests.filter((request) => request.key === key),
		stamp: (key, stamp) => void stamps.set(key, stamp),
		stop: async () => undefined,
	};
	const server = http.createServer(async (incoming, outgoing) => {
		const raw = await readBody(incoming);
		const match = /^\/wf\/([^/]+)(\/.*)$/.exec(incoming.url ?? '/');
		const key = match ? decodeURIComponent(match[1]) : null;
		const forwardPath = match ? match[2] : (incoming.url ?? '/');
		const url = new URL(forwardPath, 'http://proxy');
		const headers: http.OutgoingHttpHeaders = { ...incoming.headers, host: prismUrl.host, 'content-length': raw.length };
		if (raw.length === 0) delete headers['content-length'];
		if (proxy.preferStatus) headers.prefer = `code=${proxy.preferStatus}`;
		const record = (status: number, response: unknown, violations: Violation[]) =>
			proxy.requests.push({
				key,
				method: incoming.method ?? '',
				path: url.pathname,
				query: url.searchParams,
				headers: incoming.headers,
				body: parseJson(raw.toString('utf8')),
				status,
				response,
				violations,
			});
		const forward = http.request({ host: prismUrl.hostname, port: prismUrl.port, method: incoming.method, path: forwardPath, headers }, async (response) => {
			let answer = await readBody(response);
			const violations = response.headers['sl-violations'];
			const parsed = parseJson(answer.toString('utf8'));
			record(response.statusCode ?? 0, parsed, violations ? (JSON.parse(String(violations)) as Violation[]) : []);
			const replyHeaders = { ...response.headers };
			const stamped = key === null ? undefined : stamps.get(key)?.({ method: incoming.method ?? '', path: url.pathname, body: parsed });
			let status = response.statusCode ?? 502;
			if (stamped !== undefined) {
				answer = Buffer.from(JSON.stringify(stamped instanceof StampedError ? stamped.body : stamped));
				replyHeaders['content-length'] = String(answer.length);
				if (stamped instanceof StampedError) status = stamped.status;
			}
			outgoing.writeHead(status, replyHeaders);
			outgoing.end(answer);
		});
		forward.on('error', (error) => {
			record(502, undefined, []);
			outgoing.writeHead(502, { 'content-type': 'application/json' });
			outgoing.end(JSON.stringify({ message: `proxy: ${error.message}` }));
		});
		forward.end(raw);
	});
	proxy.url = await listen(server);
	proxy.stop = async () => await close(server);
	return proxy;
}

export function prismEnvName(contract: ContractName): string {
	return `DIGA_PRISM_${contract.replace(/-/g, '_')}`;
}

/** A recording proxy in front of the Prism the global setup started for `contract`. */
export async function prism(contract: ContractName): Promise<PrismServer> {
	const target = process.env[prismEnvName(contract)];
	if (!target) throw new Error(`No Prism for ${contract}: run the tests through jest (test/support/global-setup.ts starts it)`);
	return Object.assign(await startRecordingProxy(target), { contract });
}

/**
 * A describe block per contract, each with a recording proxy in front of that contract's Prism,
 * its request log cleared before every test.
 */
export function describeEachContract(
	title: string,
	body: (server: () => PrismServer, contract: ContractName) => void,
	contracts: readonly ContractName[] = CONTRACT_NAMES,
): void {
	describe(title, () => {
		describe.each(contracts)('contract %s', (contract) => {
			let server: PrismServer;
			beforeAll(async () => (server = await prism(contract)));
			afterAll(async () => await server.stop());
			beforeEach(() => {
				server.requests.length = 0;
				server.preferStatus = undefined;
			});
			body(() => server, contract);
		});
	});
}
