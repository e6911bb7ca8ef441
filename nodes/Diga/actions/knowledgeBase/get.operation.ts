import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locator, locatorId } from '../../shared/locators';
import type { Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	locator('knowledgeBase', { name: 'knowledgeBaseId', displayName: 'Knowledge Base', description: 'The knowledge base to read', required: true }),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'knowledgeBaseId', itemIndex, 'knowledgeBase', 'Knowledge Base');
	return async (diga) => await diga.request({ method: 'GET', path: `/v1/knowledge/base/${id}` });
}
