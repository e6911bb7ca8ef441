import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplify, SIMPLE_FIELDS } from '../../helpers/simplify';
import type { Send } from '../../transport';
import { callLocator, simplifyField } from '../common.descriptions';
import { locatedId, simplifyOf } from '../parameters';

const properties: INodeProperties[] = [callLocator, simplifyField('call')];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const callId = locatedId(this, 'callId', itemIndex);
	const simple = simplifyOf(this, itemIndex);
	return async (diga) => {
		const call = await diga.request({ method: 'GET', path: `/v1/call/${callId}` });
		return simple ? simplify(call, SIMPLE_FIELDS.call) : call;
	};
}
