import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { DigaClient } from './transport';

/** The largest page Diga serves for agents and their versions. */
const AGENT_PAGE_SIZE = 100;

export interface AgentVersion {
	version_id: string;
	version_name?: string | null;
	version_number?: number;
	is_published?: boolean;
	is_draft?: boolean;
}

export interface AgentWithVersions {
	agent_id: string;
	name?: string | null;
	versions: AgentVersion[];
}

/**
 * The picker's own endpoint answers in one request. Its access rules are not documented, so when it
 * refuses the key, the agents and their versions are read from the regular endpoints instead.
 */
export async function agentsWithVersions(diga: DigaClient, node: INode): Promise<AgentWithVersions[]> {
	try {
		return await diga.request<AgentWithVersions[]>({ method: 'GET', path: '/v1/agent/versions-dropdown/dashboard', answer: 'array' });
	} catch (error) {
		const refused = error instanceof NodeApiError && ['401', '403'].includes(String(error.httpCode));
		// The transport only throws NodeApiErrors, which NodeApiError hands back unchanged.
		if (!refused) throw new NodeApiError(node, error as JsonObject);
	}
	const agents = await diga.requestAll<IDataObject>({ method: 'GET', path: '/v1/agent/' }, AGENT_PAGE_SIZE);
	return await Promise.all(
		agents.map(async (agent) => ({
			agent_id: String(agent.agent_id),
			name: agent.name as string | null,
			versions: await diga.requestAll<AgentVersion>({ method: 'GET', path: `/v1/agent/${String(agent.agent_id)}/version` }, AGENT_PAGE_SIZE),
		})),
	);
}

export function versionLabel(agentName: string | null | undefined, version: AgentVersion): string {
	const state = version.is_published ? 'published' : version.is_draft ? 'draft' : 'unpublished';
	return [agentName || 'Unnamed agent', `v${version.version_number ?? '?'}`, version.version_name, state]
		.filter(Boolean)
		.join(' · ');
}

