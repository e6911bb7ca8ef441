import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inboundConfig, outboundConfig, type InboundInput, type OutboundInput } from '../../helpers/sip';
import { InputError } from '../../helpers/validation';
import type { Effect, Send } from '../../transport';
import { phoneLocator } from '../common.descriptions';
import { phoneIdOf } from '../parameters';
import { inboundSettings, outboundSettings } from './sip.descriptions';

const properties: INodeProperties[] = [
	phoneLocator('Phone', 'The imported number whose SIP trunk settings change. Numbers bought through Diga have none.'),
	{ ...outboundSettings, description: 'Outbound settings to change. Settings you do not add stay as they are.' },
	{ ...inboundSettings, description: 'Inbound settings to change. Settings you do not add stay as they are.' },
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['updateSipConfig'] } }, properties);

/** A partial update: only the settings the user added are sent. */
export function buildSipConfigBody(outbound: OutboundInput, inbound: InboundInput): IDataObject {
	const body: IDataObject = {};
	const outboundPart = outboundConfig(outbound, true);
	if (outboundPart) body.outbound_config = outboundPart;
	const inboundPart = inboundConfig(inbound, true);
	if (inboundPart) body.inbound_config = inboundPart;
	if (Object.keys(body).length === 0) {
		throw new InputError('Outbound Calls', 'nothing to update', 'Add at least one setting under Outbound Calls or Inbound Calls.');
	}
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const body = buildSipConfigBody(
		this.getNodeParameter('outbound', itemIndex, {}) as OutboundInput,
		this.getNodeParameter('inbound', itemIndex, {}) as InboundInput,
	);
	const phoneId = phoneIdOf(this, itemIndex);
	return async (diga) => await diga.request({ method: 'PATCH', path: `/v1/phone/${phoneId}/sip-config`, body });
}

export const effect: Effect = 'changes';
