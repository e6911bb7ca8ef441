import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idFrom, locator } from '../../shared/locators';

/** A list of knowledge item pickers (Update's Items to Add and Items to Remove). */
export function itemList(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		description,
		options: [
			{
				name: 'item',
				displayName: 'Item',
				values: [locator('knowledgeItem', { name: 'knowledgeItemId', displayName: 'Knowledge Item', description: 'A knowledge item', required: true })],
			},
		],
	};
}

/** The checked IDs of a list of pickers, each unwrapped by n8n. */
export function itemListIds(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string[] {
	const entries = ctx.getNodeParameter(`${name}.item`, itemIndex, []) as unknown[];
	return entries.map((_, index) =>
		idFrom(ctx.getNodeParameter(`${name}.item[${index}].knowledgeItemId`, itemIndex, null, { extractValue: true }), 'knowledgeItem', `${label} ${index + 1}`) as string,
	);
}
