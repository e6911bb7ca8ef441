import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplify, SIMPLE_FIELDS } from '../../helpers/simplify';
import type { DigaClient } from '../../transport';
import { phoneLocator, simplifyField } from '../common.descriptions';
import { phoneIdOf } from '../locators';

const properties: INodeProperties[] = [phoneLocator('Phone', 'The number to read. Choose it from the list, or give its ID.'), simplifyField('phone')];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, diga: DigaClient): Promise<IDataObject> {
	const phone = await diga.request({ method: 'GET', path: `/v1/phone/${phoneIdOf(this, itemIndex)}` });
	return this.getNodeParameter('simplify', itemIndex) ? simplify(phone, SIMPLE_FIELDS.phone) : phone;
}
