import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { digaClient, type Page } from '../transport';

const PAGE_SIZE = 100;

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	const needle = filter?.trim().toLowerCase();
	return !needle || texts.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

export async function searchPhones(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: PAGE_SIZE };
	if (paginationToken) qs.after = paginationToken;
	const page = await digaClient(this).request<Page<IDataObject>>({ method: 'GET', path: '/v1/phone/', qs });
	const results = (page.data ?? [])
		.filter((phone) => matches(filter, phone.number, phone.nickname))
		.map((phone) => ({
			name: phone.nickname ? `${String(phone.number)} · ${String(phone.nickname)}` : String(phone.number),
			value: String(phone.id),
		}));
	return { results, paginationToken: page.has_more && page.last_id ? page.last_id : undefined };
}

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
export async function agentsWithVersions(ctx: ILoadOptionsFunctions): Promise<AgentWithVersions[]> {
	const diga = digaClient(ctx);
	try {
		return await diga.request<AgentWithVersions[]>({ method: 'GET', path: '/v1/agent/versions-dropdown/dashboard' });
	} catch (error) {
		const refused = error instanceof NodeApiError && ['401', '403'].includes(String(error.httpCode));
		// The transport only throws NodeApiErrors, which NodeApiError hands back unchanged.
		if (!refused) throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
	const agents = await diga.requestAll<IDataObject>({ method: 'GET', path: '/v1/agent/' }, PAGE_SIZE);
	return await Promise.all(
		agents.map(async (agent) => ({
			agent_id: String(agent.agent_id),
			name: agent.name as string | null,
			versions: await diga.requestAll<AgentVersion>({ method: 'GET', path: `/v1/agent/${String(agent.agent_id)}/version` }, PAGE_SIZE),
		})),
	);
}

export function versionLabel(agentName: string | null | undefined, version: AgentVersion): string {
	const state = version.is_published ? 'published' : version.is_draft ? 'draft' : 'unpublished';
	return [agentName || 'Unnamed agent', `v${version.version_number ?? '?'}`, version.version_name, state]
		.filter(Boolean)
		.join(' · ');
}

export async function searchAgentVersions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const agents = await agentsWithVersions(this);
	const results: INodeListSearchItems[] = agents.flatMap((agent) =>
		agent.versions
			.map((version) => ({ name: versionLabel(agent.name, version), value: version.version_id }))
			.filter((item) => matches(filter, item.name)),
	);
	return { results };
}
