import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../shared/common.descriptions';
import { text } from '../../shared/helpers/validation';
import { collectionWithIds, idFrom, locator } from '../../shared/locators';
import { SIMPLE_FIELDS, simplifyField } from '../../shared/simplify';
import type { Send } from '../../shared/transport';
import { listSend } from '../parameters';

/** The largest page Diga serves for knowledge items. */
export const ITEM_PAGE_SIZE = 1000;

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
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'txt',
				options: [
					{ name: 'File', value: 'file' },
					{ name: 'Text', value: 'txt' },
					{ name: 'URL', value: 'url' },
				],
				description: 'Only items added this way',
			},
			locator('knowledgeBase', { name: 'knowledgeBaseId', displayName: 'Knowledge Base', description: 'Only the items of this knowledge base', required: false }),
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Only items whose name contains this text (any case)' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'uploaded',
				options: [
					{ name: 'Error', value: 'error' },
					{ name: 'Indexing', value: 'indexing' },
					{ name: 'Uploaded', value: 'uploaded' },
				],
				description: 'Only items in this state: Diga indexes a new item before agents can use it',
			},
		],
	},
	{ ...simplifyField('knowledge items'), description: 'Whether to leave out the text of text items, which may be long' },
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['getAll'] } }, properties);

/** Diga's query for the filters the user set; nothing else is sent. */
export function buildItemQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	if (filters.category) qs.category = filters.category;
	if (filters.status) qs.status = filters.status;
	const base = idFrom(filters.knowledgeBaseId, 'knowledgeBase', 'Knowledge Base', 'optional');
	if (base) qs.knowledge_base_id = base;
	const name = text(filters.name, 'Name');
	if (name) qs.name = name;
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const qs = buildItemQuery(collectionWithIds(this, 'filters', itemIndex, ['knowledgeBaseId']));
	return listSend(this, itemIndex, '/v1/knowledge/item/', qs, ITEM_PAGE_SIZE, SIMPLE_FIELDS.knowledgeItem);
}
