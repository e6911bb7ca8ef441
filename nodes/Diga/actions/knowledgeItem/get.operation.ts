import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locator, locatorId } from '../../shared/locators';
import { SIMPLE_FIELDS, simplify, simplifyField, simplifyOf } from '../../shared/simplify';
import type { Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	locator('knowledgeItem', { name: 'knowledgeItemId', displayName: 'Knowledge Item', description: 'The knowledge item to read', required: true }),
	{ ...simplifyField('knowledge item'), description: 'Whether to leave out the text of a text item, which may be long' },
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'knowledgeItemId', itemIndex, 'knowledgeItem', 'Knowledge Item');
	const simple = simplifyOf(this, itemIndex);
	return async (diga) => {
		const item = await diga.request({ method: 'GET', path: `/v1/knowledge/item/${id}` });
		return simple ? simplify(item, SIMPLE_FIELDS.knowledgeItem) : item;
	};
}
