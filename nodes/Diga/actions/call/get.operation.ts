import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplify, SIMPLE_FIELDS } from '../../helpers/simplify';
import type { DigaClient } from '../../transport';
import { callLocator, simplifyField } from '../common.descriptions';
import { locatedId } from '../locators';

const properties: INodeProperties[] = [callLocator, simplifyField('call')];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, diga: DigaClient): Promise<IDataObject> {
	const call = await diga.request({ method: 'GET', path: `/v1/call/${locatedId(this, 'callId', itemIndex)}` });
	return this.getNodeParameter('simplify', itemIndex) ? simplify(call, SIMPLE_FIELDS.call) : call;
}
