import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SIMPLE_FIELDS, simplify, simplifyField, simplifyOf } from '../../shared/simplify';
import type { Send } from '../../shared/transport';
import { locator, locatorId } from '../../shared/locators';

const properties: INodeProperties[] = [locator('phone', { name: 'phoneId', displayName: 'Phone', description: 'The number to read. Choose it from the list, or give its ID.', required: true }), simplifyField('phone')];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const phoneId = locatorId(this, 'phoneId', itemIndex, 'phone', 'Phone');
	const simple = simplifyOf(this, itemIndex);
	return async (diga) => {
		const phone = await diga.request({ method: 'GET', path: `/v1/phone/${phoneId}` });
		return simple ? simplify(phone, SIMPLE_FIELDS.phone) : phone;
	};
}
