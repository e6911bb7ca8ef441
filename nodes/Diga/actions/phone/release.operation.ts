import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Effect, Send } from '../../transport';
import { phoneLocator } from '../common.descriptions';
import { phoneIdOf } from '../parameters';

const properties: INodeProperties[] = [
	phoneLocator(
		'Phone',
		'The number to release. A number bought through Diga leaves at the end of its billing cycle; an imported number leaves at once. Reserved numbers and numbers pending verification cannot be released.',
	),
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['release'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = phoneIdOf(this, itemIndex);
	return async (diga) => {
		await diga.request({ method: 'DELETE', path: `/v1/phone/${id}`, answer: 'empty' });
		return { deleted: true, id };
	};
}

export const effect: Effect = 'changes';
