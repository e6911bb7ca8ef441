import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { flag } from '../../shared/helpers/validation';
import { locator, locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	locator('knowledgeBase', {
		name: 'knowledgeBaseId',
		displayName: 'Knowledge Base',
		description: 'The knowledge base to delete for good. Agents that use it stop finding its content on their calls at once.',
		required: true,
	}),
	{
		displayName: 'Delete Its Items Too',
		name: 'deleteItems',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the knowledge items in the base with it. Off: Diga refuses (409) to delete a base that still holds items, and nothing is deleted.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'knowledgeBaseId', itemIndex, 'knowledgeBase', 'Knowledge Base');
	const force = flag(this.getNodeParameter('deleteItems', itemIndex), 'Delete Its Items Too');
	return async (diga) => {
		await diga.request({ method: 'DELETE', path: `/v1/knowledge/base/${id}`, qs: force ? { force: true } : {}, answer: 'empty', once: true });
		return { deleted: true, id };
	};
}

/** Changes what agents know on real calls: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'changes';
