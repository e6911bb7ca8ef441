import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { passOn, type ToolDiga } from './diga';
import { assignTool, isAssigned, unassignIntegration } from './agent';
import { integrationBody, splitWebhookUrl, toolBody, type ToolSpec } from './tool';

/** What this workflow registered in Diga, kept in the node's static data (never output or logged). */
export interface Registration {
	integrationId: string;
	toolId: string;
	secret: string;
	/** The webhook URL the tool calls. */
	url: string;
	/** The agent this workflow assigned the tool to. */
	agentId?: string;
	/** The tool as it was sent, to notice a change of fields. */
	fingerprint: string;
	/** Made for the editor's "Test this trigger": removed as soon as n8n takes it down. */
	test?: boolean;
}

const PAGE_SIZE = 100;

export const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

function fingerprint(spec: ToolSpec, url: string): string {
	return JSON.stringify([toolBody(spec, url), spec.agentId ?? null]);
}

/** Reads a record, undefined when Diga no longer has it. */
async function readOrGone<T>(diga: ToolDiga, path: string): Promise<T | undefined> {
	try {
		return await diga.request<T>({ method: 'GET', path });
	} catch (error) {
		if (isNotFound(error)) return undefined;
		return passOn(diga.node, error);
	}
}

/** Whether the saved registration still stands in Diga exactly as the node asks for it now. */
export async function isCurrent(diga: ToolDiga, saved: Registration | undefined, spec: ToolSpec, url: string): Promise<boolean> {
	if (!saved?.secret || saved.url !== url || saved.fingerprint !== fingerprint(spec, url)) return false;
	const integration = await readOrGone<IDataObject>(diga, `/v1/integration/${saved.integrationId}`);
	if (integration?.base_url !== splitWebhookUrl(url).baseUrl) return false;
	if (!(await readOrGone(diga, `/v1/integration/${saved.integrationId}/tool/${saved.toolId}`))) return false;
	return !spec.agentId || (await isAssigned(diga, spec.agentId, saved.integrationId, saved.toolId));
}

async function removeQuietly(diga: ToolDiga, path: string): Promise<void> {
	try {
		await diga.request({ method: 'DELETE', path, answer: 'empty' });
	} catch (error) {
		if (!isNotFound(error)) passOn(diga.node, error);
	}
}

/** Takes the tool, the integration and the agent assignment this workflow made out of Diga. */
export async function unregister(diga: ToolDiga, saved: Pick<Registration, 'integrationId' | 'toolId' | 'agentId'>): Promise<void> {
	if (saved.agentId) await unassignQuietly(diga, saved.agentId, saved.integrationId);
	if (saved.toolId) await removeQuietly(diga, `/v1/integration/${saved.integrationId}/tool/${saved.toolId}`);
	await removeQuietly(diga, `/v1/integration/${saved.integrationId}`);
}

/** An integration at this very webhook URL is this workflow's own, left behind when its static data was lost. */
async function findOwnIntegration(diga: ToolDiga, baseUrl: string): Promise<string | undefined> {
	const all = await diga.requestAll<IDataObject>({ method: 'GET', path: '/v1/integration', qs: { integration_type: 'HTTP' } }, PAGE_SIZE);
	const own = all.find((integration) => integration.base_url === baseUrl);
	return own ? String(own.id) : undefined;
}

/** Changes a record in place; false when Diga no longer has it. */
async function patchOrGone(diga: ToolDiga, path: string, body: IDataObject): Promise<boolean> {
	try {
		await diga.request({ method: 'PATCH', path, body });
		return true;
	} catch (error) {
		if (isNotFound(error)) return false;
		return passOn(diga.node, error);
	}
}

/** The integration, kept where it is: the saved one, else the one left at this URL, changed in place. Undefined when neither exists. */
async function keepIntegration(diga: ToolDiga, saved: Registration | undefined, body: IDataObject): Promise<string | undefined> {
	// Diga's UpdateIntegrationRequest has no integration_type: an integration keeps its type.
	const update = { ...body };
	delete update.integration_type;
	if (saved && (await patchOrGone(diga, `/v1/integration/${saved.integrationId}`, update))) return saved.integrationId;
	const adopted = await findOwnIntegration(diga, String(body.base_url));
	if (adopted && (await patchOrGone(diga, `/v1/integration/${adopted}`, update))) return adopted;
	return undefined;
}

/** The tool, kept where it is: the saved one, else the one of that name on the integration, changed in place. */
async function keepTool(diga: ToolDiga, integrationId: string, saved: Registration | undefined, body: IDataObject): Promise<string | undefined> {
	const path = `/v1/integration/${integrationId}/tool`;
	if (saved?.integrationId === integrationId && saved.toolId && (await patchOrGone(diga, `${path}/${saved.toolId}`, body))) return saved.toolId;
	const tools = await diga.requestAll<IDataObject>({ method: 'GET', path }, PAGE_SIZE);
	const same = tools.find((tool) => tool.name === body.name);
	if (same && (await patchOrGone(diga, `${path}/${String(same.id)}`, body))) return String(same.id);
	return undefined;
}

/**
 * Puts this workflow's tool in Diga. What an earlier activation registered (`saved`), or left at this
 * URL, is changed in place, so the integration and the tool keep their IDs across edits, restarts and
 * URL changes and an agent's published version keeps its tool; new ones are made only when Diga no
 * longer has them. When a step fails, only what this call made is taken out again: what stood before
 * stays, for n8n's next try.
 */
export async function register(diga: ToolDiga, spec: ToolSpec, url: string, workflowName: string, secret: string, saved?: Registration): Promise<Registration> {
	const made: Made = {};
	try {
		const integration = integrationBody(spec, url, secret, workflowName);
		let integrationId = await keepIntegration(diga, saved, integration);
		if (!integrationId) {
			const created = await diga.request<IDataObject>({ method: 'POST', path: '/v1/integration', body: integration, once: true });
			integrationId = made.integrationId = String(created.id);
		}
		const tool = toolBody(spec, url);
		let toolId = made.integrationId ? undefined : await keepTool(diga, integrationId, saved, tool);
		if (!toolId) {
			const created = await diga.request<IDataObject>({ method: 'POST', path: `/v1/integration/${integrationId}/tool`, body: tool, once: true });
			toolId = String(created.id);
			made.tool = `/v1/integration/${integrationId}/tool/${toolId}`;
		}
		if (saved?.agentId && saved.agentId !== spec.agentId) await unassignQuietly(diga, saved.agentId, saved.integrationId);
		if (spec.agentId) await assignTool(diga, spec.agentId, integrationId, toolId);
		return { integrationId, toolId, secret, url, agentId: spec.agentId, fingerprint: fingerprint(spec, url) };
	} catch (error) {
		await undo(diga, made, error);
		return passOn(diga.node, error);
	}
}

async function unassignQuietly(diga: ToolDiga, agentId: string, integrationId: string): Promise<void> {
	try {
		await unassignIntegration(diga, agentId, integrationId);
	} catch (error) {
		// A deleted agent holds no assignment; anything else leaves the assignment and must be said.
		if (!isNotFound(error)) passOn(diga.node, error);
	}
}

/** What a registration made itself: a new integration (its tools go with it), or a new tool on one that stood before. */
interface Made {
	integrationId?: string;
	tool?: string;
}

/** Rolls back what a failed registration made (never what stood before); when that fails too, the error names what is left. */
async function undo(diga: ToolDiga, made: Made, cause: unknown): Promise<void> {
	const path = made.integrationId ? `/v1/integration/${made.integrationId}` : made.tool;
	if (!path) return;
	try {
		await removeQuietly(diga, path);
	} catch {
		if (cause instanceof NodeApiError) {
			const left = made.integrationId ? `integration ${made.integrationId}` : `tool ${made.tool?.split('/').pop()}`;
			cause.description = `${cause.description ?? ''} Removing what was already registered failed too: delete ${left} in Diga's dashboard (Integrations).`.trim();
		}
	}
}
