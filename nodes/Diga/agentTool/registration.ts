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
	if (saved.agentId) {
		try {
			await unassignIntegration(diga, saved.agentId, saved.integrationId);
		} catch (error) {
			// A deleted agent holds no assignment; anything else leaves the assignment and must be said.
			if (!isNotFound(error)) passOn(diga.node, error);
		}
	}
	if (saved.toolId) await removeQuietly(diga, `/v1/integration/${saved.integrationId}/tool/${saved.toolId}`);
	await removeQuietly(diga, `/v1/integration/${saved.integrationId}`);
}

/** An integration at this very webhook URL is this workflow's own, left behind when its static data was lost. */
async function findOwnIntegration(diga: ToolDiga, baseUrl: string): Promise<string | undefined> {
	const all = await diga.requestAll<IDataObject>({ method: 'GET', path: '/v1/integration', qs: { integration_type: 'HTTP' } }, PAGE_SIZE);
	const own = all.find((integration) => integration.base_url === baseUrl);
	return own ? String(own.id) : undefined;
}

async function putTool(diga: ToolDiga, integrationId: string, adopted: boolean, body: IDataObject): Promise<string> {
	const path = `/v1/integration/${integrationId}/tool`;
	if (adopted) {
		const tools = await diga.requestAll<IDataObject>({ method: 'GET', path }, PAGE_SIZE);
		const same = tools.find((tool) => tool.name === body.name);
		if (same) {
			await diga.request({ method: 'PATCH', path: `${path}/${String(same.id)}`, body });
			return String(same.id);
		}
	}
	const tool = await diga.request<IDataObject>({ method: 'POST', path, body, once: true });
	return String(tool.id);
}

/**
 * Registers the integration and its tool, and assigns the tool to the agent. It reuses an integration
 * this workflow left at the same URL instead of making a second one. When a step fails, everything
 * this registration holds is taken out again, so a failed activation leaves nothing in Diga.
 */
export async function register(diga: ToolDiga, spec: ToolSpec, url: string, workflowName: string, secret: string): Promise<Registration> {
	const made: Partial<Registration> = {};
	try {
		const integration = integrationBody(spec, url, secret, workflowName);
		const adopted = await findOwnIntegration(diga, String(integration.base_url));
		if (adopted) {
			made.integrationId = adopted;
			// Diga's UpdateIntegrationRequest has no integration_type: an integration keeps its type.
			const update = { ...integration };
			delete update.integration_type;
			await diga.request({ method: 'PATCH', path: `/v1/integration/${adopted}`, body: update });
		} else {
			const created = await diga.request<IDataObject>({ method: 'POST', path: '/v1/integration', body: integration, once: true });
			made.integrationId = String(created.id);
		}
		made.toolId = await putTool(diga, made.integrationId, adopted !== undefined, toolBody(spec, url));
		if (spec.agentId) {
			made.agentId = spec.agentId;
			await assignTool(diga, spec.agentId, made.integrationId, made.toolId);
		}
		return { integrationId: made.integrationId, toolId: made.toolId, secret, url, agentId: made.agentId, fingerprint: fingerprint(spec, url) };
	} catch (error) {
		if (made.integrationId) await undo(diga, made as Registration, error);
		return passOn(diga.node, error);
	}
}

/** Rolls a half-made registration back; when that fails too, the error names what is left in Diga. */
async function undo(diga: ToolDiga, made: Registration, cause: unknown): Promise<void> {
	try {
		await unregister(diga, made);
	} catch {
		if (cause instanceof NodeApiError) {
			const left = [`integration ${made.integrationId}`, made.toolId && `tool ${made.toolId}`, made.agentId && `its assignment to agent ${made.agentId}`];
			cause.description = `${cause.description ?? ''} Removing what was already registered failed too: delete ${left.filter(Boolean).join(', ')} in Diga's dashboard (Integrations).`.trim();
		}
	}
}
