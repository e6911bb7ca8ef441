import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SIMPLE_FIELDS, simplify, simplifyField, simplifyOf } from '../../shared/simplify';
import type { Send } from '../../shared/transport';
import { callLocator, locatorId } from '../../shared/locators';

const properties: INodeProperties[] = [callLocator, simplifyField('call')];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const callId = locatorId(this, 'callId', itemIndex, 'call', 'Call');
	const simple = simplifyOf(this, itemIndex);
	return async (diga) => {
		const call = await diga.request({ method: 'GET', path: `/v1/call/${callId}` });
		return simple ? simplify(call, SIMPLE_FIELDS.call) : call;
	};
}
