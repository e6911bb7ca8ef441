import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../shared/common.descriptions';
import { text } from '../../shared/helpers/validation';
import { collectionWithIds, idFrom, locator } from '../../shared/locators';
import type { Send } from '../../shared/transport';
import { limitOf } from '../parameters';

/** The largest page Diga serves for knowledge bases. */
export const BASE_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	...returnAllFields(1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			locator('agent', { name: 'agentId', displayName: 'Agent', description: 'Only the knowledge bases this agent uses', required: false }),
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only knowledge bases whose name contains this text (any case)' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['getAll'] } }, properties);

/** Diga's query for the filters the user set; nothing else is sent. */
export function buildBaseQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const agent = idFrom(filters.agentId, 'agent', 'Agent', 'optional');
	if (agent) qs.agent_id = agent;
	const name = text(filters.name, 'Name');
	if (name) qs.name = name;
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const qs = buildBaseQuery(collectionWithIds(this, 'filters', itemIndex, ['agentId']));
	const limit = limitOf(this, itemIndex);
	return async (diga) => await diga.requestAll<IDataObject>({ method: 'GET', path: '/v1/knowledge/base/', qs }, BASE_PAGE_SIZE, limit);
}
