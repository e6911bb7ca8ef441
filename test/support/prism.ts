/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * Prism serving one of Diga's contracts (the facts-only extracts in test/contracts/), behind a small recording proxy so tests can read
 * exactly what reached "Diga": method, path, headers, body, status and Prism's contract violations.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { CONTRACT_NAMES, contractFile, type ContractName } from './contracts';
import { ROOT } from './engine';

export interface Violation {
	location: string[];
	severity: string;
	code: string;
	message: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	status: number;
	/** What Prism answered (parsed JSON when it is JSON). */
	response: unknown;
	violations: Violation[];
}

export interface PrismServer {
	url: string;
	contract: ContractName;
	requests: RecordedRequest[];
	/** Asks Prism for another documented response (its `Prefer: code=` header) until cleared. */
	preferStatus?: number;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function waitUntilListening(url: string, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`Prism exited early:\n${output()}`);
		const up = await new Promise<boolean>((resolve) => {
			const request = http.get(url, (response) => {
				response.resume();
				resolve(true);
			});
			request.on('error', () => resolve(false));
		});
		if (up) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`Prism did not start within 60 s:\n${output()}`);
}

function parse(text: string): unknown {
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
}

/** Starts Prism on a free loopback port; used once per test run by the global setup. */
export async function startPrism(contract: ContractName): Promise<{ url: string; child: ChildProcess }> {
	const port = await freePort();
	const child = spawn(
		process.execPath,
		[path.join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', '-h', '127.0.0.1', '-p', String(port), contractFile(contract)],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let log = '';
	child.stdout?.on('data', (chunk) => (log += String(chunk)));
	child.stderr?.on('data', (chunk) => (log += String(chunk)));
	const url = `http://127.0.0.1:${port}`;
	await waitUntilListening(`${url}/`, child, () => log);
	return { url, child };
}

export function prismEnvName(contract: ContractName): string {
	return `DIGA_PRISM_${contract.replace(/-/g, '_')}`;
}

/** A recording proxy in front of the Prism the global setup started for `contract`. */
export async function prism(contract: ContractName): Promise<PrismServer> {
	const target = process.env[prismEnvName(contract)];
	if (!target) throw new Error(`No Prism for ${contract}: run the tests through jest (test/support/global-setup.ts starts it)`);
	const prismUrl = new URL(target);
	const requests: RecordedRequest[] = [];
	const server: PrismServer = { url: '', contract, requests, stop: async () => undefined };
	const proxy = http.createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const raw = Buffer.concat(chunks);
			const headers: http.OutgoingHttpHeaders = { ...incoming.headers, host: prismUrl.host };
			if (server.preferStatus) headers.prefer = `code=${server.preferStatus}`;
			const forward = http.request(
				{ host: prismUrl.hostname, port: prismUrl.port, method: incoming.method, path: incoming.url, headers },
				(response) => {
					const body: Buffer[] = [];
					response.on('data', (chunk: Buffer) => body.push(chunk));
					response.on('end', () => {
						const url = new URL(incoming.url ?? '/', 'http://localhost');
						const violations = response.headers['sl-violations'];
						const answer = Buffer.concat(body);
						requests.push({
							method: incoming.method ?? '',
							path: url.pathname,
							query: url.searchParams,
							headers: incoming.headers,
							body: parse(raw.toString('utf8')),
							status: response.statusCode ?? 0,
							response: parse(answer.toString('utf8')),
							violations: violations ? (JSON.parse(String(violations)) as Violation[]) : [],
						});
						outgoing.writeHead(response.statusCode ?? 502, response.headers);
						outgoing.end(answer);
					});
				},
			);
			forward.on('error', (error) => {
				outgoing.writeHead(502);
				outgoing.end(String(error));
			});
			forward.end(raw);
		});
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	server.url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	server.stop = async () => {
		await new Promise((resolve) => proxy.close(resolve));
	};
	return server;
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
