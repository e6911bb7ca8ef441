import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { importOutbound, inboundConfig, type InboundInput } from './sip';
import { mediaEncryption, phoneNumber, text } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';
import { FROM_CREDENTIAL, importOutboundSettings, inboundSettings } from './sip.descriptions';
import { sipTrunk } from './trunk';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +34912345678',
		description: 'The number to bring into Diga: E.164 (plus sign, country code, number) or a SIP user identifier such as alice@sip.example.com',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Nickname',
				name: 'nickname',
				type: 'string',
				default: '',
				placeholder: 'e.g. Madrid support line',
				description: 'A name for the number, shown in Diga and in the phone list',
			},
		],
	},
	...importOutboundSettings,
	inboundSettings,
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['import'] } }, properties);

export interface ImportInput {
	phoneNumber: unknown;
	nickname?: unknown;
	inbound?: InboundInput;
}

/**
 * Import's body from the node's fields, all checked before any item is sent. For outbound calls,
 * `importOutbound` adds the trunk from its credential when sending: the spec-era API reads
 * `sip_config`, the current one `outbound_config` / `inbound_config`, and neither refuses the other's
 * fields, so one body serves both.
 */
export function buildImportBody(input: ImportInput): IDataObject {
	const body: IDataObject = { phone_number: phoneNumber(input.phoneNumber) };
	const nickname = text(input.nickname, 'Nickname');
	if (nickname) body.nickname = nickname;
	const inbound = inboundConfig(input.inbound ?? {});
	if (inbound) body.inbound_config = inbound;
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = buildImportBody({
		phoneNumber: this.getNodeParameter('phoneNumber', itemIndex),
		nickname: additional.nickname,
		inbound: this.getNodeParameter('inbound', itemIndex, {}) as InboundInput,
	});
	const throughTrunk = this.getNodeParameter('outboundTrunk', itemIndex) === FROM_CREDENTIAL;
	const encryption = throughTrunk ? mediaEncryption(this.getNodeParameter('outboundMediaEncryption', itemIndex), 'Outbound Media Encryption') : undefined;
	return async (diga) => {
		const outbound = encryption ? importOutbound(await sipTrunk(this), encryption) : {};
		return await diga.request({ method: 'POST', path: '/v1/phone/import', body: { ...body, ...outbound }, once: true });
	};
}

/** Acts in the real world: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'creates';
