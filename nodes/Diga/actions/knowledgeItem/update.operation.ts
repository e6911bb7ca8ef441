import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../shared/helpers/validation';
import { locator, locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	locator('knowledgeItem', { name: 'knowledgeItemId', displayName: 'Knowledge Item', description: 'The knowledge item to rename', required: true }),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: "The item's new name. Diga changes nothing else of an item: to change its content, add the new content and delete the old item.",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['update'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'knowledgeItemId', itemIndex, 'knowledgeItem', 'Knowledge Item');
	const name = requiredText(this.getNodeParameter('name', itemIndex), 'Name', 'Give the new name of the knowledge item.');
	return async (diga) => await diga.request({ method: 'PATCH', path: `/v1/knowledge/item/${id}`, body: { name } });
}

export const effect: Effect = 'changes';
