import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { agentsWithVersions, type AgentVersion, versionLabel } from '../versions';
import { digaClient, type Page } from '../transport';
import { idFrom } from '../locators';

const PAGE_SIZE = 100;

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	const needle = filter?.trim().toLowerCase();
	return !needle || texts.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

/** One page of a Diga list, filtered by the search text, with Diga's cursor as the next page token. */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	paginationToken: string | undefined,
	toItem: (record: IDataObject) => INodeListSearchItems,
	filter: string | undefined,
	query: IDataObject = { limit: PAGE_SIZE },
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { ...query };
	if (paginationToken) qs.after = paginationToken;
	const page = await digaClient(ctx).request<Page<IDataObject>>({ method: 'GET', path, qs });
	const results = (page.data ?? []).map(toItem).filter((item) => matches(filter, item.name));
	return { results, paginationToken: page.has_more && page.last_id ? page.last_id : undefined };
}

export async function searchPhones(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/v1/phone/',
		paginationToken,
		(phone) => ({
			name: phone.nickname ? `${String(phone.number)} · ${String(phone.nickname)}` : String(phone.number),
			value: String(phone.id),
		}),
		filter,
	);
}

export async function searchCalls(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/v1/call/',
		paginationToken,
		(call) => {
			const contact = (call.contact as IDataObject | undefined)?.identifier;
			return { name: [call.type, contact, call.status, call.created_date].filter(Boolean).join(' · '), value: String(call.id) };
		},
		filter,
	);
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const agents = await agentsWithVersions(digaClient(this), this.getNode());
	return {
		results: agents
			.map((agent) => ({ name: agent.name || 'Unnamed agent', value: agent.agent_id }))
			.filter((item) => matches(filter, item.name)),
	};
}

export async function searchAgentVersions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const agents = await agentsWithVersions(digaClient(this), this.getNode());
	const results: INodeListSearchItems[] = agents.flatMap((agent) =>
		agent.versions
			.map((version) => ({ name: versionLabel(agent.name, version), value: version.version_id }))
			.filter((item) => matches(filter, item.name)),
	);
	return { results };
}

/** Diga searches voices itself (`search`), so the filter goes to Diga and no page is read in vain; its pages hold 50 at most. */
export async function searchVoices(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const search = filter?.trim();
	return await searchPage(
		this,
		'/v1/voice/',
		paginationToken,
		(voice) => ({ name: [voice.name, voice.gender, voice.provider].filter(Boolean).join(' · '), value: String(voice.id) }),
		undefined,
		{ limit: 50, ...(search ? { search } : {}) },
	);
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/v1/agent/template',
		paginationToken,
		(template) => ({ name: [template.name, template.language].filter(Boolean).join(' · '), value: String(template.id) }),
		filter,
	);
}

/** The versions of the agent chosen in the same node (its Agent picker), newest first. */
export async function searchVersionsOfAgent(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const agentId = idFrom(this.getCurrentNodeParameter('agentId', { extractValue: true }), 'agent', 'Agent', 'optional');
	if (!agentId) return { results: [] };
	return await searchPage(
		this,
		`/v1/agent/${agentId}/version`,
		paginationToken,
		(version) => ({ name: versionLabel(version.name as string | null, version as unknown as AgentVersion), value: String(version.version_id) }),
		filter,
	);
}

export async function searchConversationalPaths(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	// Diga serves conversational paths 50 to a page.
	return await searchPage(this, '/v1/path/', paginationToken, (path) => ({ name: String(path.name ?? path.id), value: String(path.id) }), filter, { limit: 50 });
}

export async function searchKnowledgeBases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/knowledge/base/', paginationToken, (base) => ({ name: String(base.name ?? base.id), value: String(base.id) }), filter);
}

export async function searchKnowledgeItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/v1/knowledge/item/',
		paginationToken,
		(item) => ({ name: [item.name ?? item.id, item.category].filter(Boolean).join(' · '), value: String(item.id) }),
		filter,
	);
}
