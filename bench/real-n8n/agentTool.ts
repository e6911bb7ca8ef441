/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a benchmark that runs in Node, not code that n8n loads */
/**
 * The Diga Agent Tool Trigger's round trip in a real n8n: from a tool call reaching the webhook to the
 * answer leaving it, for a workflow that answers at once (the trigger, then a Set node, answered When
 * Last Node Finishes). Its floor is n8n's plain Webhook node doing the same. `n8n start` serves both; the
 * calls alternate between them (bench/support.ts's interleave), one at a time, as a caller's agent makes
 * them, after a warm-up. The registration in Diga goes to the stateful fake of the tests and is not timed.
 *
 * It runs twice, in two fresh n8n user folders: with n8n's default settings, and with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true. n8n 2.41 takes an expression isolate for the webhook phase of
 * every trigger except its own Webhook node (live-webhooks.js, webhookPhaseNeedsIsolate), and holds it
 * until the answer leaves, so the run then has to build a second one; with lazy acquisition an isolate is
 * built only for an expression that needs it, and the trigger's webhook phase evaluates none.
 */
import { performance } from 'node:perf_hooks';

import { sleep } from 'n8n-workflow';

import { TEST_API_KEY } from '../../test/support/diga';
import { installPackage, LAZY_ISOLATE, tempUserFolder, type Env } from '../../test/support/n8n';
import { startFakeIntegrations, type FakeIntegrations } from '../../test/support/fake-integrations';
import { startN8n, type N8nServer } from '../../test/support/n8n-server';
import { interleave, percentile, round } from '../support';
import { chain, type RealN8nCase } from './context';

export const CALLS = 200;
const WARM_UP = 20;
const TOOL_WEBHOOK_ID = '0b5e2f4c-7d1a-4e3b-9c8f-6a2d1e0f4b7c';
const FLOOR_PATH = 'bench-floor';
const ANSWER = { parameters: { mode: 'manual', assignments: { assignments: [{ id: 'a1', name: 'result', value: 'Tuesday at 10:00 is free', type: 'string' }] }, options: {} } };

export interface Latency {
	p50Ms: number;
	p95Ms: number;
	meanMs: number;
}

/** One n8n configuration: the trigger beside the Webhook node. */
export interface AgentToolLeg {
	/** What n8n was started with beyond the tests' own settings. */
	env: Env;
	trigger: Latency;
	webhook: Latency;
	/** The trigger's p50 and p95 minus the Webhook node's. */
	addedP50Ms: number;
	addedP95Ms: number;
}

export interface AgentToolFigures {
	calls: number;
	defaults: AgentToolLeg;
	lazyIsolate: AgentToolLeg;
}

function latency(samples: number[]): Latency {
	const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
	return { p50Ms: round(percentile(samples, 50), 2), p95Ms: round(percentile(samples, 95), 2), meanMs: round(mean, 2) };
}

/** One call, timed from sending it to the last byte of the answer. */
async function timedCall(url: string, headers: Record<string, string>): Promise<number> {
	const start = performance.now();
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"date":"2026-12-01"}' });
	await response.text();
	const elapsed = performance.now() - start;
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
	return elapsed;
}

/** The tool's URL and secret, once the fake holds the registration and n8n serves it. */
async function servedTool(fake: FakeIntegrations): Promise<{ url: string; headers: Record<string, string> }> {
	for (let attempt = 0; attempt < 300; attempt++) {
		const integration = [...fake.state.integrations.values()][0];
		const tool = [...fake.state.tools.values()][0];
		if (integration && tool) {
			const url = `${String(integration.base_url)}${String(tool.endpoint_path)}`;
			const headers = integration.headers as Record<string, string>;
			if ((await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' })).status === 200) return { url, headers };
		}
		await sleep(100);
	}
	throw new Error('the tool was not registered and served within 30 s');
}

/** What the round trip needs of a running n8n (test/support/n8n-server.ts's N8nServer, or a queue-mode main). */
export type RoundTripN8n = Pick<N8nServer, 'rest' | 'activate' | 'webhookUrl'>;

/**
 * The trigger and the Webhook node, each answering with a Set node, created and activated through `n8n`'s
 * REST API with a credential for `fake`; then called in turn at `n8n.webhookUrl` (where production webhooks
 * answer: the n8n itself, or queue mode's webhook processor). Returns both latencies.
 */
export async function measureRoundTrip(n8n: RoundTripN8n, fake: FakeIntegrations): Promise<{ trigger: Latency; webhook: Latency }> {
	const credential = await n8n.rest<{ id: string }>('POST', 'credentials', { name: 'Diga account', type: 'digaApi', data: { apiKey: TEST_API_KEY, baseUrl: fake.url } });
	const trigger = chain('benchtool', 'Bench: agent tool', [
		{
			name: 'Tool call',
			type: 'n8n-nodes-diga.digaAgentToolTrigger',
			typeVersion: 1.1,
			parameters: { toolName: 'check_availability', toolDescription: 'Bench tool.', assignTo: 'none', responseMode: 'lastNode' },
			credentials: { digaApi: { id: credential.id, name: 'Diga account' } },
		},
		{ name: 'Answer', type: 'n8n-nodes-base.set', typeVersion: 3.4, ...ANSWER },
	]);
	trigger.nodes[0] = { ...trigger.nodes[0], webhookId: TOOL_WEBHOOK_ID } as (typeof trigger.nodes)[number];
	const floor = chain('benchhook', 'Bench: webhook floor', [
		{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, parameters: { httpMethod: 'POST', path: FLOOR_PATH, responseMode: 'lastNode', options: {} } },
		{ name: 'Answer', type: 'n8n-nodes-base.set', typeVersion: 3.4, ...ANSWER },
	]);
	for (const workflow of [trigger, floor]) {
		const { id } = await n8n.rest<{ id: string }>('POST', 'workflows', { ...workflow, id: undefined });
		await n8n.activate(id);
	}
	const tool = await servedTool(fake);
	const floorUrl = `${n8n.webhookUrl}webhook/${FLOOR_PATH}`;
	await servedWebhook(floorUrl);
	const legs = { trigger: async () => await timedCall(tool.url, tool.headers), webhook: async () => await timedCall(floorUrl, {}) };
	for (let warm = 0; warm < WARM_UP; warm++) await interleave(legs, { repeats: 0 });
	const samples = await interleave(legs, { repeats: CALLS });
	return { trigger: latency(samples.trigger), webhook: latency(samples.webhook) };
}

/** Waits until a production webhook answers 200 (a webhook processor learns of an activation a moment later). */
async function servedWebhook(url: string): Promise<void> {
	for (let attempt = 0; attempt < 300; attempt++) {
		if ((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 200) return;
		await sleep(100);
	}
	throw new Error(`${url} was not served within 30 s`);
}

/** The trigger and the Webhook node in one n8n started with `env`, called in turn. */
async function measure(userFolder: string, env: Env): Promise<AgentToolLeg> {
	const fake = await startFakeIntegrations();
	const n8n = await startN8n({ userFolder, env });
	try {
		const { trigger: triggerLatency, webhook: webhookLatency } = await measureRoundTrip(n8n, fake);
		return {
			env,
			trigger: triggerLatency,
			webhook: webhookLatency,
			addedP50Ms: round(triggerLatency.p50Ms - webhookLatency.p50Ms, 2),
			addedP95Ms: round(triggerLatency.p95Ms - webhookLatency.p95Ms, 2),
		};
	} finally {
		await n8n.stop();
		await fake.stop();
	}
}

export const agentTool: RealN8nCase<'agentTool', AgentToolFigures> = {
	key: 'agentTool',
	async run({ userFolder }) {
		const defaults = await measure(userFolder, {});
		// A second user folder: a fresh n8n, so nothing of the first run (its database, its isolates) carries over.
		const lazyFolder = tempUserFolder('bench-lazy');
		try {
			await installPackage(lazyFolder.dir, { build: false });
			return { calls: CALLS, defaults, lazyIsolate: await measure(lazyFolder.dir, LAZY_ISOLATE) };
		} finally {
			lazyFolder.remove();
		}
	},
	rows: (figures) =>
		(['defaults', 'lazyIsolate'] as const).flatMap((key) => {
			const leg = figures[key];
			const label = key === 'defaults' ? "n8n's defaults" : 'lazy isolate';
			return [
				[`Agent tool call round trip, ${figures.calls} calls, ${label} (p50 / p95)`, `${leg.trigger.p50Ms} / ${leg.trigger.p95Ms} ms`],
				[`n8n Webhook node, same workflow, ${label} (p50 / p95)`, `${leg.webhook.p50Ms} / ${leg.webhook.p95Ms} ms`],
				[`Added by the trigger, ${label} (p50 / p95)`, `${leg.addedP50Ms} / ${leg.addedP95Ms} ms`],
			];
		}),
};
