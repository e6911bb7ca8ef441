import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../shared/common.descriptions';
import { text } from '../../shared/helpers/validation';
import type { Send } from '../../shared/transport';
import { limitOf } from '../parameters';

/** The largest page Diga serves for voices. */
export const VOICE_PAGE_SIZE = 50;

const properties: INodeProperties[] = [
	...returnAllFields(1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'string',
				default: '',
				placeholder: 'e.g. female',
				description: "Only voices of this gender, as Diga writes it in the voices' gender field (the contract lists no values)",
			},
			{ displayName: 'Search', name: 'search', type: 'string', default: '', placeholder: 'e.g. Lucía', description: 'Only voices that Diga finds for this text' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['getAll'] } }, properties);

export function voiceQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const name of ['search', 'gender']) {
		const value = text(filters[name], name === 'search' ? 'Search' : 'Gender');
		if (value) qs[name] = value;
	}
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const qs = voiceQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const limit = limitOf(this, itemIndex);
	return async (diga) => await diga.requestAll<IDataObject>({ method: 'GET', path: '/v1/voice/', qs }, VOICE_PAGE_SIZE, limit);
}
