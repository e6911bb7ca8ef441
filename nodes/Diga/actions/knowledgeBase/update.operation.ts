import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError, text } from '../../shared/helpers/validation';
import { locator, locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';
import { itemList, itemListIds } from './items';

const properties: INodeProperties[] = [
	locator('knowledgeBase', { name: 'knowledgeBaseId', displayName: 'Knowledge Base', description: 'The knowledge base to change', required: true }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', typeOptions: { rows: 2 }, description: 'A new description' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'A new name' },
		],
	},
	itemList('addItems', 'Items to Add', 'Knowledge items to put into the base. The items it already holds stay.'),
	itemList('removeItems', 'Items to Remove', 'Knowledge items to take out of the base. The other items stay.'),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['update'] } }, properties);

export interface BaseUpdate {
	fields: IDataObject;
	add: string[];
	remove: string[];
}

/** Name and description as the user added them; an added but empty name is refused, not sent. */
export function buildBaseUpdate(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if ('name' in fields) {
		body.name = text(fields.name, 'Name');
		if (body.name === '') throw new InputError('Name', 'is empty', 'Give the new name, or remove Name from Update Fields to keep the current one.');
	}
	if ('description' in fields) body.description = text(fields.description, 'Description');
	return body;
}

/** The base's items after the change: the current ones, plus those added, minus those removed, in order. */
export function mergedItemIds(current: unknown, add: string[], remove: string[]): string[] {
	const kept = (Array.isArray(current) ? current.map(String) : []).filter((id) => !remove.includes(id));
	return [...kept, ...add.filter((id) => !kept.includes(id) && !remove.includes(id))];
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'knowledgeBaseId', itemIndex, 'knowledgeBase', 'Knowledge Base');
	const body = buildBaseUpdate(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	const add = itemListIds(this, 'addItems', itemIndex, 'Items to Add');
	const remove = itemListIds(this, 'removeItems', itemIndex, 'Items to Remove');
	if (Object.keys(body).length === 0 && add.length === 0 && remove.length === 0) {
		throw new InputError('Update Fields', 'nothing to update', 'Add a field under Update Fields, or add items under Items to Add or Items to Remove.');
	}
	const path = `/v1/knowledge/base/${id}`;
	return async (diga) => {
		// Diga's list replaces the whole list: read it, change it, write it back.
		if (add.length > 0 || remove.length > 0) {
			const base = await diga.request({ method: 'GET', path });
			body.knowledge_item_ids = mergedItemIds(base.knowledge_item_ids, add, remove);
		}
		return await diga.request({ method: 'PATCH', path, body });
	};
}

export const effect: Effect = 'changes';
