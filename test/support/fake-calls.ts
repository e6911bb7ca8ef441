/**
 * A Diga project whose calls live and end while a test runs, for the trigger's tests. It serves what
 * the trigger reads, as the current contract writes it: `GET /v1/call/` (order, limit up to 1000,
 * `after` cursor, creation-date, status, type, agent and phone filters), `GET /v1/call/{id}`, its
 * messages and its recording. It keeps its own clock (Diga's), which the test moves on.
 */
import { randomUUID } from 'node:crypto';

import type { FakeHandler, FakeReply, FakeRequest } from './fake-diga';

export type Call = Record<string, unknown> & { id: string; status: string; created_date: string };

export const AGENT_A = '5b1e7a52-4c1f-4a8e-9b7d-0e6f3a2c9d10';
export const AGENT_B = '6c2f8b63-5d2a-4b9f-8c8e-1f7a4b3d0e21';
export const PHONE_A = '7d3a9c74-6e3b-4ca0-9d9f-2a8b5c4e1f32';
export const PHONE_B = '8e4bad85-7f4c-4db1-8ea0-3b9c6d5f2a43';

const MAX_LIMIT = 1000;

const error = (status: number, code: string, message: string): FakeReply => ({ status, body: { status: 'error', error_code: code, message } });

export class CallStore {
	calls: Call[] = [];
	/** Diga's clock (ms); unrelated to the machine's, as it would be for a real n8n. */
	now = Date.parse('2026-11-30T09:00:00.000Z');

	tick(ms: number): void {
		this.now += ms;
	}

	/** A call created now, dialing, outbound through phone A with agent A unless told otherwise. */
	create(overrides: Partial<Call> = {}): Call {
		const call: Call = {
			id: randomUUID(),
			agent_id: AGENT_A,
			agent_version_id: randomUUID(),
			status: 'dialing',
			recording_url: null,
			start_time: null,
			end_time: null,
			duration: null,
			type: 'outbound',
			end_reason: null,
			contact: { id: randomUUID(), created_date: '2026-01-01T00:00:00Z', identifier: '+34600000000', contact_type: 'call' },
			phone_register_id: PHONE_A,
			dynamic_variables: null,
			created_date: new Date(this.now).toISOString(),
			...overrides,
		};
		this.calls.push(call);
		return call;
	}

	createMany(count: number, overrides: Partial<Call> = {}): Call[] {
		return Array.from({ length: count }, () => this.create(overrides));
	}

	/** The call reaches Diga's final status now. */
	end(call: Call, endReason = 'user_hangup'): Call {
		const created = Date.parse(call.created_date);
		Object.assign(call, {
			status: 'completed',
			end_reason: endReason,
			start_time: call.created_date,
			end_time: new Date(this.now).toISOString(),
			duration: Math.round((this.now - created) / 1000),
		});
		return call;
	}

	private list(query: URLSearchParams): FakeReply {
		const limit = Number(query.get('limit') ?? 50);
		if (!(limit >= 1 && limit <= MAX_LIMIT)) return error(422, 'INVALID_PAGINATION_PARAMETERS', `limit must be 1 to ${MAX_LIMIT}`);
		if (query.has('after') && query.has('before')) return error(422, 'INVALID_PAGINATION_PARAMETERS', "Cannot specify both 'before' and 'after' parameters");
		const from = query.get('start_created_date');
		const to = query.get('end_created_date');
		const matching = this.calls
			.map((call, index) => ({ call, index, created: Date.parse(call.created_date) }))
			.filter(({ call, created }) => {
				if (from && created < Date.parse(from)) return false;
				if (to && created > Date.parse(to)) return false;
				if (query.get('status') && call.status !== query.get('status')) return false;
				if (query.get('type') && call.type !== query.get('type')) return false;
				if (query.get('agent_id') && call.agent_id !== query.get('agent_id')) return false;
				return !query.get('phone_id') || call.phone_register_id === query.get('phone_id');
			})
			.sort((a, b) => a.created - b.created || a.index - b.index)
			.map(({ call }) => call);
		if ((query.get('order') ?? 'desc') === 'desc') matching.reverse();
		const after = query.get('after');
		const start = after ? matching.findIndex((call) => call.id === after) + 1 : 0;
		const data = matching.slice(start, start + limit);
		return {
			body: {
				data,
				has_more: start + limit < matching.length,
				first_id: data[0]?.id ?? null,
				last_id: data[data.length - 1]?.id ?? null,
			},
		};
	}

	/** Answers one request; wrap it in a FakeDiga handler to add faults. */
	handle(request: FakeRequest): FakeReply {
		if (request.method !== 'GET') return error(405, 'METHOD_NOT_ALLOWED', 'Not served by this fake');
		if (request.path === '/v1/call/') return this.list(request.query);
		const [, , kind, id, sub] = request.path.split('/');
		const call = this.calls.find((candidate) => candidate.id === id);
		if (kind === 'call' && call && sub === undefined) return { body: call };
		if (kind === 'call' && call && sub === 'message') {
			if (call.status !== 'completed') return error(404, 'NO_MESSAGES', 'No messages for this call');
			const message = (role: string, content: string, second: number) => ({
				id: randomUUID(),
				created_date: new Date(Date.parse(call.created_date) + second * 1000).toISOString(),
				role,
				content,
				tool_call: null,
			});
			return { body: { data: [message('assistant', `Hello, this is call ${call.id}`, 1), message('user', 'Thanks, bye', 5)], has_more: false } };
		}
		if (kind === 'recording' && call?.status === 'completed') return { body: { recording_url: `https://recordings.example.com/${call.id}.mp3` } };
		return error(404, 'CALL_NOT_FOUND', 'Call not found');
	}
}

/**
 * Sends a request a fake received, as it came (method, path, query, authorization, JSON body), to a
 * checker: Prism serving a contract behind its recording proxy, which keeps any contract violation.
 */
export async function sendToChecker(checkerUrl: string, request: FakeRequest): Promise<void> {
	const query = request.query.toString();
	const headers: Record<string, string> = {};
	if (request.headers.authorization) headers.authorization = request.headers.authorization;
	if (request.body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${checkerUrl}${request.path}${query ? `?${query}` : ''}`, {
		method: request.method,
		headers,
		body: request.body === undefined ? undefined : JSON.stringify(request.body),
	});
	await response.arrayBuffer();
}

/** A fake's handler where the store answers, after each request was sent to the checker (sendToChecker). */
export function checkedBy(checkerUrl: () => string, store: () => CallStore): FakeHandler {
	return async (request) => {
		await sendToChecker(checkerUrl(), request);
		return store().handle(request);
	};
}
