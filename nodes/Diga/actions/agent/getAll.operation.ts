import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { agentsWithVersions, type AgentWithVersions } from '../../shared/versions';
import type { Send } from '../../shared/transport';
import { returnAllFields } from '../../shared/common.descriptions';
import { flag } from '../../shared/helpers/validation';
import { limitOf } from '../parameters';

const properties: INodeProperties[] = [
	...returnAllFields(1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Published Only',
				name: 'publishedOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to keep only published versions, and only agents that have one',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['getAll'] } }, properties);

/** One record per agent: its ID and name, and its versions with the IDs Update Phone and Make Call take. */
export function agentRecords(agents: AgentWithVersions[], publishedOnly: boolean, limit: number): IDataObject[] {
	return agents
		.map((agent) => ({
			agent_id: agent.agent_id,
			name: agent.name ?? null,
			versions: agent.versions
				.filter((version) => !publishedOnly || version.is_published)
				.map((version) => ({
					version_id: version.version_id,
					version_name: version.version_name ?? null,
					version_number: version.version_number ?? null,
					is_published: version.is_published ?? false,
					is_draft: version.is_draft ?? false,
				})),
		}))
		.filter((agent) => !publishedOnly || agent.versions.length > 0)
		.slice(0, limit);
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const limit = limitOf(this, itemIndex);
	const node = this.getNode();
	return async (diga) => agentRecords(await agentsWithVersions(diga, node), flag(filters.publishedOnly, 'Published Only'), limit);
}
