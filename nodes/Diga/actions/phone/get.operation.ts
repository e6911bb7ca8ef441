import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplify, SIMPLE_FIELDS } from '../../helpers/simplify';
import type { Send } from '../../transport';
import { phoneLocator, simplifyField } from '../common.descriptions';
import { phoneIdOf, simplifyOf } from '../parameters';

const properties: INodeProperties[] = [phoneLocator('Phone', 'The number to read. Choose it from the list, or give its ID.'), simplifyField('phone')];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const phoneId = phoneIdOf(this, itemIndex);
	const simple = simplifyOf(this, itemIndex);
	return async (diga) => {
		const phone = await diga.request({ method: 'GET', path: `/v1/phone/${phoneId}` });
		return simple ? simplify(phone, SIMPLE_FIELDS.phone) : phone;
	};
}
