import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError, requiredText, show, text } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';
import { knowledgeBaseOf, knowledgeBaseOption, uploaded } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'URLs',
		name: 'urls',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add URL',
		default: { url: [{ url: '' }] },
		description: 'The web pages Diga reads and indexes, one knowledge item each',
		options: [
			{
				name: 'url',
				displayName: 'URL',
				values: [
					{ displayName: 'URL', name: 'url', type: 'string', default: '', required: true, placeholder: 'e.g. https://example.com/help/opening-hours', description: 'An http:// or https:// address' },
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The name of the knowledge item. Left empty, Diga names it after the URL.' },
				],
			},
		],
	},
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: [knowledgeBaseOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['addFromUrl'] } }, properties);

const WEB_ADDRESS = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Diga's `items`: each URL checked as a web address, with its name when one is given. */
export function buildUrlItems(entries: IDataObject[]): IDataObject[] {
	if (entries.length === 0) throw new InputError('URLs', 'no URL given', 'Add a URL under URLs, e.g. https://example.com/help.');
	return entries.map((entry, index) => {
		const label = entries.length > 1 ? `URLs > URL ${index + 1}` : 'URL';
		const url = requiredText(entry.url, label, 'Give the address of a web page, e.g. https://example.com/help.');
		if (!WEB_ADDRESS.test(url)) {
			throw new InputError(label, `${show(url)} is not an http:// or https:// address`, 'Give the full address of a web page, starting with https:// (or http://), e.g. https://example.com/help.');
		}
		const name = text(entry.name, 'Name');
		return name ? { url, name } : { url };
	});
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const body: IDataObject = { items: buildUrlItems(this.getNodeParameter('urls.url', itemIndex, []) as IDataObject[]) };
	const knowledgeBaseId = knowledgeBaseOf(this, itemIndex);
	if (knowledgeBaseId) body.knowledge_base_id = knowledgeBaseId;
	return async (diga) => uploaded(this, await diga.request({ method: 'POST', path: '/v1/knowledge/item/url', body, once: true }));
}

/** Creates knowledge items: never retried where Diga may have acted, so a page is not added twice. */
export const effect: Effect = 'creates';
