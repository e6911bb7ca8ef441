import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText, text } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Help centre',
		description: 'The name of the new knowledge base',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ displayName: 'Description', name: 'description', type: 'string', default: '', typeOptions: { rows: 2 }, description: 'What the knowledge base holds' }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeBase'], operation: ['create'] } }, properties);

export function buildBaseBody(name: unknown, additional: IDataObject): IDataObject {
	const body: IDataObject = { name: requiredText(name, 'Name', 'Give the knowledge base a name, e.g. Help centre.') };
	if ('description' in additional) body.description = text(additional.description, 'Description');
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const body = buildBaseBody(this.getNodeParameter('name', itemIndex), this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject);
	return async (diga) => await diga.request({ method: 'POST', path: '/v1/knowledge/base/', body, once: true });
}

/** Creates a record: never retried where Diga may have acted, so a base is not created twice. */
export const effect: Effect = 'creates';
