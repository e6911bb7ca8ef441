/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test support that runs n8n in Node, not code that n8n loads; the owner's password guards a throwaway instance */
/**
 * A running n8n (`n8n start`) for the suites that need one: the editor test, and triggers (a polling
 * trigger activated in a running n8n, a webhook registered on activation and called by Diga). Its owner is
 * created through the REST API, whose session the helpers below use.
 *
 *   const n8n = await startN8n({ userFolder: folder.dir });
 *   const workflow = await n8n.rest('POST', 'workflows', definition);
 *   await n8n.activate(workflow.id);
 *   await n8n.callWebhook('diga-events', { headers: { 'x-diga-secret': '...' }, body: {...} });
 *   const [execution] = await n8n.waitForExecutions(workflow.id, 1);
 *   await n8n.stop();
 */
import type { ChildProcess } from 'node:child_process';

import { outputTail, spawnN8n, waitForN8n, type Env } from './n8n';
import { freePort, stopProcess } from './net';

export const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Diga-e2e-Passw0rd' };

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt: string;
	stoppedAt?: string;
}

export interface N8nServer {
	/** Where the editor and the REST API answer, e.g. http://localhost:41234. */
	baseUrl: string;
	/** What n8n takes as its public URL for webhooks (WEBHOOK_URL), ending in a slash. */
	webhookUrl: string;
	child: ChildProcess;
	/** n8n's output so far. */
	log(): string;
	/** Any path of this n8n (`types/nodes.json`, an icon), fetched as the owner. */
	get(route: string): Promise<Response>;
	/** A REST call as the owner; asserts a 200 and returns the answer's `data`. */
	rest<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<T>;
	/**
	 * Activates (publishes) a workflow's current version: its triggers start, its webhooks register (a moment
	 * after n8n answers: see callWebhook).
	 */
	activate(workflowId: string): Promise<void>;
	/** Deactivates a workflow (its production webhook may still answer for a moment). */
	deactivate(workflowId: string): Promise<void>;
	/**
	 * Calls a production webhook (`<WEBHOOK_URL>webhook/<path>`), or the editor's test webhook with `test: true`.
	 * n8n registers a production webhook a moment after activation answers (seen: 404 at once, 200 three
	 * seconds later), so a 404 "is not registered", which ran nothing, is retried for up to `registerMs` (30 s).
	 */
	callWebhook(path: string, options?: { method?: string; headers?: Record<string, string>; body?: unknown; test?: boolean; registerMs?: number }): Promise<Response>;
	/** The workflow's executions, newest first. */
	executions(workflowId: string): Promise<Execution[]>;
	/** Waits until the workflow has at least `count` finished executions (default timeout 60 s). */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]>;
	stop(): Promise<void>;
}

/**
 * Starts n8n on a free port with the user folder's data, waits until it is ready and creates the owner
 * (a folder or database whose owner exists already gets a login). `webhookUrl`: n8n's public URL for webhooks
 * (default: this n8n's own address).
 */
export async function startN8n({
	userFolder,
	env = {},
	webhookUrl,
	port: fixedPort,
}: {
	userFolder: string;
	env?: Env;
	webhookUrl?: string;
	/** The port of an earlier start, so webhook URLs stay the same across a restart. */
	port?: number;
}): Promise<N8nServer> {
	const port = fixedPort ?? (await freePort());
	const baseUrl = `http://localhost:${port}`;
	const publicUrl = (webhookUrl ?? baseUrl).replace(/\/?$/, '/');
	const child = spawnN8n(['start'], {
		userFolder,
		env: { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()), WEBHOOK_URL: publicUrl, N8N_WEBHOOK_URL: publicUrl, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (data) => (output += String(data)));
	child.stderr?.on('data', (data) => (output += String(data)));
	const stop = async () => await stopProcess(child, 15_000);
	const readiness = await waitForN8n(baseUrl, { child });
	if (readiness !== 'ready') {
		await stop();
		throw new Error(`n8n did not become ready at ${baseUrl} (${readiness}):\n${outputTail({ stdout: output, stderr: '' })}`);
	}

	// A user folder or database that already has its owner (a restarted n8n) gets a login instead.
	const post = async (route: string, body: unknown) =>
		await fetch(`${baseUrl}/rest/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	let setup = await post('owner/setup', OWNER);
	if (setup.status === 400) setup = await post('login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	if (setup.status !== 200) {
		await stop();
		throw new Error(`owner setup (or login) through n8n's REST API answered ${setup.status}: ${await setup.text()}`);
	}
	const cookie = setup.headers
		.getSetCookie()
		.map((each) => each.split(';')[0])
		.join('; ');
	const rest = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${baseUrl}/rest/${route}`, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (response.status !== 200) throw new Error(`${method} /rest/${route} answered ${response.status}: ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	};
	const executions = async (workflowId: string) =>
		(await rest<{ results: Execution[] }>('GET', `executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results;

	return {
		baseUrl,
		webhookUrl: publicUrl,
		child,
		log: () => output,
		// Once more after a dropped connection: a busy n8n may close a kept-alive socket as it is reused.
		get: async (route) => await fetch(`${baseUrl}/${route}`, { headers: { cookie } }).catch(async () => await fetch(`${baseUrl}/${route}`, { headers: { cookie } })),
		rest,
		activate: async (workflowId) => {
			const { versionId } = await rest<{ versionId: string }>('GET', `workflows/${workflowId}`);
			await rest('POST', `workflows/${workflowId}/activate`, { versionId });
		},
		deactivate: async (workflowId) => void (await rest('POST', `workflows/${workflowId}/deactivate`, {})),
		callWebhook: async (path, { method = 'POST', headers = {}, body, test = false, registerMs = 30_000 } = {}) => {
			const deadline = Date.now() + registerMs;
			for (;;) {
				const response = await fetch(`${publicUrl}${test ? 'webhook-test' : 'webhook'}/${path}`, {
					method,
					headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
					body: body === undefined ? undefined : JSON.stringify(body),
				});
				if (response.status !== 404 || Date.now() > deadline || !(await response.clone().text()).includes('is not registered')) return response;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		},
		executions,
		waitForExecutions: async (workflowId, count, timeoutMs = 60_000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const finished = (await executions(workflowId)).filter((execution) => execution.stoppedAt);
				if (finished.length >= count) return finished;
				if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${finished.length} of ${count} executions after ${timeoutMs / 1000} s`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		},
		stop,
	};
}

/** An n8n process of queue mode besides the main: a worker (`n8n worker`) or a webhook processor (`n8n webhook`). */
export interface N8nHelperProcess {
	kind: 'worker' | 'webhook';
	/** The worker's health server, or the webhook processor's HTTP server (where production webhooks answer). */
	baseUrl: string;
	child: ChildProcess;
	log(): string;
	stop(): Promise<void>;
}

/**
 * Starts `n8n worker` (its health server on, so readiness can be read) or `n8n webhook` on free ports and
 * waits until it is ready. `env` brings queue mode's settings (EXECUTIONS_MODE=queue, the database, Redis).
 */
export async function startN8nHelper(
	kind: 'worker' | 'webhook',
	{ userFolder, env = {}, args = [], port: chosenPort }: { userFolder: string; env?: Env; args?: string[]; port?: number },
): Promise<N8nHelperProcess> {
	const port = chosenPort ?? (await freePort());
	const portEnv: Env = kind === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) } : { N8N_PORT: String(port) };
	const child = spawnN8n([kind, ...args], {
		userFolder,
		env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...portEnv, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (data) => (output += String(data)));
	child.stderr?.on('data', (data) => (output += String(data)));
	const baseUrl = `http://localhost:${port}`;
	const stop = async () => await stopProcess(child, 20_000);
	const readiness = await waitForN8n(baseUrl, { child });
	if (readiness !== 'ready') {
		await stop();
		throw new Error(`n8n ${kind} did not become ready at ${baseUrl} (${readiness}):\n${outputTail({ stdout: output, stderr: '' })}`);
	}
	return { kind, baseUrl, child, log: () => output, stop };
}

/**
 * n8n stores an execution's data (and its REST API gives it) in `flatted` form: a table of values referring
 * to each other by index. Returns the value it stands for.
 */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) return value;
		const copy: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
		revived.set(index, copy);
		for (const [key, entry] of Object.entries(value)) copy[key] = typeof entry === 'string' ? revive(Number(entry)) : entry;
		return copy;
	};
	return revive(0);
}
