/**
 * A stateful stand-in for Diga's integrations, HTTP tools and agents' `integrations`, for the
 * registration lifecycle: what exists after each step, and chosen failures halfway. Every request
 * body is checked against the current contract's schema for its operation; `violations` collects
 * what did not match. Answers are shaped like the contract's IntegrationResponse, HttpToolResponseSchema
 * and AgentResponseSchema (the fields the node reads, plus the required ones).
 */
import { randomUUID } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import { CONTRACTS, requestBodyValidator } from './contracts';
import { startFakeDiga, type FakeDiga, type FakeReply, type FakeRequest } from './fake-diga';

const CURRENT = CONTRACTS[CONTRACTS.length - 1];

export interface Assignment {
	integration_id: string;
	tool_ids: string[];
}

export interface IntegrationsState {
	integrations: Map<string, Record<string, unknown>>;
	tools: Map<string, Record<string, unknown> & { integration_id: string }>;
	agents: Map<string, Assignment[]>;
}

export interface FakeIntegrations extends FakeDiga {
	state: IntegrationsState;
	/** Contract violations of request bodies, as `METHOD path: message`. */
	violations: string[];
	/** Answers a request in the fake's place when it returns a reply (a failure halfway, say). */
	fail?: (request: FakeRequest) => FakeReply | undefined;
	/** The writes (POST, PATCH, DELETE) it received, as `METHOD path`. */
	writes(): string[];
}

const ROUTES: Array<[RegExp, string]> = [
	[/^\/v1\/integration$/, '/v1/integration'],
	[/^\/v1\/integration\/[^/]+$/, '/v1/integration/{integration_id}'],
	[/^\/v1\/integration\/[^/]+\/tool$/, '/v1/integration/{integration_id}/tool'],
	[/^\/v1\/integration\/[^/]+\/tool\/[^/]+$/, '/v1/integration/{integration_id}/tool/{tool_id}'],
	[/^\/v1\/agent\/[^/]+$/, '/v1/agent/{agent_id}'],
];

const validators = new Map<string, (body: unknown) => string[]>();

function checkBody(request: FakeRequest): string[] {
	if (request.method === 'GET' || request.method === 'DELETE') return [];
	const route = ROUTES.find(([pattern]) => pattern.test(request.path))?.[1];
	if (!route) return [`${request.method} ${request.path}: no such path in the contract`];
	const key = `${request.method} ${route}`;
	if (!validators.has(key)) validators.set(key, requestBodyValidator(CURRENT, request.method, route));
	return validators.get(key)!(request.body).map((message) => `${key}: ${message}`);
}

const notFound = (code: string, what: string): FakeReply => ({ status: 404, body: { status: 'error', error_code: code, message: `${what} not found` } });
const page = (data: unknown[]) => ({ data, has_more: false, first_id: null, last_id: null });
const now = () => new Date().toISOString();

function route(state: IntegrationsState, request: FakeRequest): FakeReply {
	const [, , kind, id, sub, toolId] = request.path.split('/');
	const body = (request.body ?? {}) as Record<string, unknown>;
	if (kind === 'agent') {
		const assignments = state.agents.get(id);
		if (!assignments) return notFound('AGENT_NOT_FOUND', `Agent ${id}`);
		if (request.method === 'PATCH' && Array.isArray(body.integrations)) state.agents.set(id, body.integrations as Assignment[]);
		const integrations = state.agents.get(id)!.map((entry) => ({ ...entry, integration_name: String(state.integrations.get(entry.integration_id)?.name ?? 'Other') }));
		return { body: { agent_id: id, modified_at: now(), created_at: now(), version_id: randomUUID(), version_number: 0, version_created_at: now(), voice: 'v', language: 'es', mode: 'single_prompt', integrations } };
	}
	if (!id) {
		if (request.method === 'GET') return { body: page([...state.integrations.values()]) };
		const created = { ...body, id: randomUUID(), auth_type: 'NONE', created_at: now(), updated_at: now() };
		state.integrations.set(created.id, created);
		return { status: 201, body: created };
	}
	const integration = state.integrations.get(id);
	if (!integration) return notFound('INTEGRATION_NOT_FOUND', `Integration ${id}`);
	if (!sub) {
		if (request.method === 'DELETE') {
			state.integrations.delete(id);
			for (const [key, tool] of state.tools) if (tool.integration_id === id) state.tools.delete(key);
			return { status: 204 };
		}
		if (request.method === 'PATCH') Object.assign(integration, body, { updated_at: now() });
		return { body: integration };
	}
	if (!toolId) {
		if (request.method === 'GET') return { body: page([...state.tools.values()].filter((tool) => tool.integration_id === id)) };
		const tool = { ...body, id: randomUUID(), type: 'HTTP', integration_id: id, headers: null };
		state.tools.set(tool.id, tool);
		return { status: 201, body: tool };
	}
	const tool = state.tools.get(toolId);
	if (!tool || tool.integration_id !== id) return notFound('TOOL_NOT_FOUND', `Tool ${toolId}`);
	if (request.method === 'DELETE') {
		state.tools.delete(toolId);
		return { status: 204 };
	}
	if (request.method === 'PATCH') Object.assign(tool, body);
	return { body: tool };
}

export async function startFakeIntegrations(agents: Record<string, Assignment[]> = {}): Promise<FakeIntegrations> {
	const state: IntegrationsState = { integrations: new Map(), tools: new Map(), agents: new Map(Object.entries(agents)) };
	const violations: string[] = [];
	const fake = (await startFakeDiga()) as FakeIntegrations;
	fake.state = state;
	fake.violations = violations;
	fake.writes = () => fake.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
	fake.handler = (request) => {
		violations.push(...checkBody(request));
		return fake.fail?.(request) ?? route(state, request);
	};
	return fake;
}

/** The header the Diga Agent Tool Trigger registers its secret under, as Diga sends it with each tool call. */
export const TOOL_SECRET_HEADER = 'x-diga-tool-secret';

/** The integrations the fake holds for a workflow's webhook (its base URL ends in the webhook's id). */
export const integrationsAt = (fake: FakeIntegrations, webhookId: string) =>
	[...fake.state.integrations.values()].filter((entry) => String(entry.base_url).endsWith(`/${webhookId}`));

/** The registration the fake holds for a workflow's webhook: integration, its one tool, the secret and the tool's URL; throws while there is none. */
export function registrationAt(fake: FakeIntegrations, webhookId: string) {
	const [integration] = integrationsAt(fake, webhookId);
	if (!integration) throw new Error(`no integration for webhook ${webhookId}; the fake holds ${JSON.stringify([...fake.state.integrations.values()])}`);
	const tools = [...fake.state.tools.values()].filter((tool) => tool.integration_id === integration.id);
	if (tools.length !== 1) throw new Error(`integration ${String(integration.id)} has ${tools.length} tools, expected 1`);
	return {
		integration,
		tool: tools[0],
		secret: (integration.headers as Record<string, string>)[TOOL_SECRET_HEADER],
		url: `${String(integration.base_url)}${String(tools[0].endpoint_path)}`,
	};
}

type Json = Record<string, unknown>;

/** A tool call as Diga makes it: POST with the arguments as JSON, the secret header unless `secret` is undefined. */
export async function toolCall(url: string, body: Json, secret?: string) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { [TOOL_SECRET_HEADER]: secret }) },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let json: Json | undefined;
	try {
		json = JSON.parse(text) as Json;
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

/**
 * The first call after publishing: n8n saves the workflow's static data (with the secret) a moment after
 * the registration is in Diga, and a call in between is refused. Diga itself calls only once the agent
 * has the tool, the last step; a test without an agent asks again while the answer is 401 (up to 30 s).
 */
export async function firstCall(url: string, body: Json, secret: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const answer = await toolCall(url, body, secret);
		if (answer.status !== 401 || Date.now() > deadline) return answer;
		await sleep(200);
	}
}
