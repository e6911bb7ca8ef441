/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * A hand-written stand-in for Diga, for what Prism cannot do: chosen error statuses, latency,
 * dropped connections and long lists. Contract checks belong to the Prism tests.
 */
import http from 'node:http';

import { close, listen } from './net';

export interface FakeRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	/** The body as JSON; undefined for a multipart upload, whose bytes are in `raw`. */
	body: unknown;
	raw?: Buffer;
}

export interface FakeReply {
	status?: number;
	body?: unknown;
	/** A body sent as it is (HTML, plain text) instead of as JSON; set its content-type in `headers`. */
	text?: string;
	/** A body of raw bytes (a recording, a ZIP); set its content-type in `headers`. */
	bytes?: Buffer;
	headers?: Record<string, string>;
	delayMs?: number;
	/** Destroy the connection without answering. */
	reset?: boolean;
	/** Never answer: the connection stays open until the client gives up on it (or the fake stops). */
	hang?: boolean;
}

export type FakeHandler = (request: FakeRequest, seen: number) => FakeReply | Promise<FakeReply>;

export interface FakeDiga {
	url: string;
	requests: FakeRequest[];
	handler: FakeHandler;
	stop(): Promise<void>;
}

export async function startFakeDiga(handler: FakeHandler = () => ({ status: 200, body: {} })): Promise<FakeDiga> {
	const fake: FakeDiga = { url: '', requests: [], handler, stop: async () => undefined };
	const server = http.createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', async () => {
			const url = new URL(incoming.url ?? '/', 'http://localhost');
			const raw = Buffer.concat(chunks);
			const text = raw.toString('utf8');
			const multipart = String(incoming.headers['content-type'] ?? '').startsWith('multipart/');
			const request: FakeRequest = {
				method: incoming.method ?? '',
				path: url.pathname,
				query: url.searchParams,
				headers: incoming.headers,
				body: text && !multipart ? JSON.parse(text) : undefined,
				raw,
			};
			fake.requests.push(request);
			const reply = await fake.handler(request, fake.requests.length);
			if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
			if (reply.hang) {
				if (!incoming.socket.destroyed) await new Promise((resolve) => incoming.socket.once('close', resolve));
				return;
			}
			if (reply.reset) {
				incoming.socket.destroy();
				return;
			}
			if (outgoing.destroyed) return;
			const body = reply.bytes ?? reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
			const json = body.length > 0 && reply.text === undefined && reply.bytes === undefined;
			outgoing.writeHead(reply.status ?? 200, { ...(json ? { 'content-type': 'application/json' } : {}), ...reply.headers });
			outgoing.end(body);
		});
	});
	server.keepAliveTimeout = 1000;
	fake.url = await listen(server);
	fake.stop = async () => await close(server);
	return fake;
}

/** A PhoneRegister shaped like Diga's, for fakes. */
export function phoneRegister(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id,
		number: '+34910000000',
		nickname: null,
		telephony_provider: 'custom',
		status: 'assigned',
		released_at: null,
		assigned_at: '2026-01-01T00:00:00Z',
		inbound_agent_id: null,
		outbound_agent_id: null,
		...overrides,
	};
}
