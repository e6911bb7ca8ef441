import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Effect, Send } from '../../shared/transport';
import { locator, locatorId } from '../../shared/locators';

const properties: INodeProperties[] = [
	locator('phone', {
		name: 'phoneId',
		displayName: 'Phone',
		description:
			'The number to release. A number bought through Diga leaves at the end of its billing cycle; an imported number leaves at once. Reserved numbers and numbers pending verification cannot be released.',
		required: true,
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['release'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'phoneId', itemIndex, 'phone', 'Phone');
	return async (diga) => {
		await diga.request({ method: 'DELETE', path: `/v1/phone/${id}`, answer: 'empty' });
		return { deleted: true, id };
	};
}

export const effect: Effect = 'changes';
