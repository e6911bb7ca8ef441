import type { DigaClient } from '../shared/transport';

/** One entry of an agent's `integrations`: the tools of one integration the agent may use. */
export interface Assignment {
	integration_id: string;
	tool_ids: string[];
}

/** The agent's draft, as `GET /v1/agent/{agent_id}` gives it (the draft is what `PATCH` changes). */
async function readAssignments(diga: DigaClient, agentId: string): Promise<Assignment[]> {
	const agent = await diga.request<{ integrations?: Array<Partial<Assignment>> | null }>({ method: 'GET', path: `/v1/agent/${agentId}` });
	return (agent.integrations ?? []).map((entry) => ({
		integration_id: String(entry.integration_id),
		tool_ids: (entry.tool_ids ?? []).map(String),
	}));
}

/**
 * `integrations` in Diga's AgentUpdateRequest replaces every assignment the agent has, so the list is
 * read first and only this tool's entry changes: the agent keeps every other integration and tool.
 * Returns whether anything was sent.
 */
async function rewrite(diga: DigaClient, agentId: string, change: (current: Assignment[]) => Assignment[] | undefined): Promise<boolean> {
	const next = change(await readAssignments(diga, agentId));
	if (!next) return false;
	await diga.request({ method: 'PATCH', path: `/v1/agent/${agentId}`, body: { integrations: next } });
	return true;
}

export async function assignTool(diga: DigaClient, agentId: string, integrationId: string, toolId: string): Promise<boolean> {
	return await rewrite(diga, agentId, (current) => {
		const own = current.find((entry) => entry.integration_id === integrationId);
		if (own?.tool_ids.includes(toolId)) return undefined;
		if (own) return current.map((entry) => (entry === own ? { ...entry, tool_ids: [...entry.tool_ids, toolId] } : entry));
		return [...current, { integration_id: integrationId, tool_ids: [toolId] }];
	});
}

/** Drops this workflow's integration from the agent; the integration is the workflow's own, so all of it goes. */
export async function unassignIntegration(diga: DigaClient, agentId: string, integrationId: string): Promise<boolean> {
	return await rewrite(diga, agentId, (current) =>
		current.some((entry) => entry.integration_id === integrationId) ? current.filter((entry) => entry.integration_id !== integrationId) : undefined,
	);
}

export async function isAssigned(diga: DigaClient, agentId: string, integrationId: string, toolId: string): Promise<boolean> {
	const current = await readAssignments(diga, agentId);
	return current.some((entry) => entry.integration_id === integrationId && entry.tool_ids.includes(toolId));
}
