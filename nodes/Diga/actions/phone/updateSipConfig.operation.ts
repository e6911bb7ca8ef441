import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inboundConfig, type InboundInput, outboundMediaEncryption, trunkConfig, type TrunkInput } from './sip';
import { InputError } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';
import { locator, locatorId } from '../../shared/locators';
import { FROM_CREDENTIAL, inboundSettings, updateOutboundSettings } from './sip.descriptions';
import { sipTrunk } from './trunk';

const properties: INodeProperties[] = [
	locator('phone', { name: 'phoneId', displayName: 'Phone', description: 'The imported number whose SIP trunk settings change. Numbers bought through Diga have none.', required: true }),
	...updateOutboundSettings,
	{ ...inboundSettings, description: 'Inbound settings to change. Settings you do not add stay as they are.' },
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['updateSipConfig'] } }, properties);

export interface SipConfigInput {
	/** Outbound Trunk is Update From Credential: `withTrunk` adds the trunk when sending. */
	updateTrunk?: boolean;
	outboundMediaEncryption?: unknown;
	inbound?: InboundInput;
}

/** A partial update from the node's fields: only the settings the user changed are sent. */
export function buildSipConfigBody(input: SipConfigInput): IDataObject {
	const body: IDataObject = {};
	const encryption = outboundMediaEncryption(input.outboundMediaEncryption);
	if (encryption) body.outbound_config = { media_encryption: encryption };
	const inbound = inboundConfig(input.inbound ?? {}, true);
	if (inbound) body.inbound_config = inbound;
	if (!input.updateTrunk && Object.keys(body).length === 0) {
		throw new InputError(
			'Outbound Trunk',
			'nothing to update',
			'Choose Update From Credential under Outbound Trunk, pick an Outbound Media Encryption, or add a setting under Inbound Calls.',
		);
	}
	return body;
}

/** The body with the SIP trunk of the Diga API credential in its `outbound_config`. */
export function withTrunk(body: IDataObject, trunk: TrunkInput): IDataObject {
	return { ...body, outbound_config: { ...trunkConfig(trunk), ...(body.outbound_config as IDataObject | undefined) } };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const updateTrunk = this.getNodeParameter('outboundTrunk', itemIndex) === FROM_CREDENTIAL;
	const body = buildSipConfigBody({
		updateTrunk,
		outboundMediaEncryption: this.getNodeParameter('outboundMediaEncryption', itemIndex),
		inbound: this.getNodeParameter('inbound', itemIndex, {}) as InboundInput,
	});
	const phoneId = locatorId(this, 'phoneId', itemIndex, 'phone', 'Phone');
	return async (diga) => {
		const full = updateTrunk ? withTrunk(body, await sipTrunk(this)) : body;
		return await diga.request({ method: 'PATCH', path: `/v1/phone/${phoneId}/sip-config`, body: full });
	};
}

export const effect: Effect = 'changes';
