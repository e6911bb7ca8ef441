import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';
import { knowledgeBaseOf, knowledgeBaseOption } from './fields';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Opening hours', description: 'The name of the knowledge item' },
	{
		displayName: 'Text',
		name: 'content',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 6 },
		description: 'The text Diga indexes for agents to search during calls',
	},
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: [knowledgeBaseOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['addFromText'] } }, properties);

export function buildTextBody(name: unknown, content: unknown, knowledgeBaseId?: string): IDataObject {
	const body: IDataObject = {
		name: requiredText(name, 'Name', 'Give the knowledge item a name, e.g. Opening hours.'),
		// Sent as written: line breaks and indentation are part of the text.
		content: typeof content === 'string' && content.trim() !== '' ? content : requiredText(content, 'Text', 'Give the text to add, e.g. from the previous node: {{ $json.data }}.'),
	};
	if (knowledgeBaseId) body.knowledge_base_id = knowledgeBaseId;
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const body = buildTextBody(this.getNodeParameter('name', itemIndex), this.getNodeParameter('content', itemIndex), knowledgeBaseOf(this, itemIndex));
	return async (diga) => await diga.request({ method: 'POST', path: '/v1/knowledge/item/text', body, once: true });
}

/** Creates a knowledge item: never retried where Diga may have acted, so a text is not added twice. */
export const effect: Effect = 'creates';
