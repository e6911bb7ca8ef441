import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locator, locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	locator('knowledgeItem', {
		name: 'knowledgeItemId',
		displayName: 'Knowledge Item',
		description: 'The knowledge item to delete for good. Agents that use it lose its content on their calls at once.',
		required: true,
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'knowledgeItemId', itemIndex, 'knowledgeItem', 'Knowledge Item');
	return async (diga) => {
		await diga.request({ method: 'DELETE', path: `/v1/knowledge/item/${id}`, answer: 'empty', once: true });
		return { deleted: true, id };
	};
}

/** Changes what agents know on real calls: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'changes';
