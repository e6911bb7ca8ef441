import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inboundConfig, legacySipConfig, outboundConfig, type InboundInput, type OutboundInput } from '../../helpers/sip';
import { phoneNumber, text } from '../../helpers/validation';
import type { DigaClient } from '../../transport';
import { MEDIA_ENCRYPTION_OPTIONS } from '../common.descriptions';

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
	{
		displayName: 'Outbound Calls',
		name: 'outbound',
		type: 'collection',
		placeholder: 'Add outbound setting',
		default: {},
		description: 'Your SIP trunk, for calls Diga places from this number. Leave empty to import the number for inbound calls only.',
		options: [
			{
				displayName: 'Termination URI',
				name: 'terminationUri',
				type: 'string',
				default: '',
				placeholder: 'e.g. mytrunk.pstn.twilio.com',
				description: 'Host name or IP address (optionally with :port) where Diga sends outbound calls. A leading sip: is removed.',
			},
			{
				displayName: 'Username',
				name: 'username',
				type: 'string',
				default: '',
				description: 'SIP trunk username for digest authentication',
			},
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'SIP trunk password for digest authentication. Diga never returns it.',
			},
			{
				displayName: 'Media Encryption',
				name: 'mediaEncryption',
				type: 'options',
				options: MEDIA_ENCRYPTION_OPTIONS,
				default: 'allow',
				description: 'Whether outbound call audio is encrypted (SRTP)',
			},
		],
	},
	{
		displayName: 'Inbound Calls',
		name: 'inbound',
		type: 'collection',
		placeholder: 'Add inbound setting',
		default: {},
		description: 'How Diga accepts calls that your SIP trunk sends to this number',
		options: [
			{
				displayName: 'Allowed Addresses',
				name: 'allowedAddresses',
				type: 'string',
				default: '',
				placeholder: 'e.g. 203.0.113.10, 198.51.100.0/24',
				description: 'IP addresses or CIDR blocks (IPv4 or IPv6), separated by commas, that may send calls. Empty accepts all.',
			},
			{
				displayName: 'Media Encryption',
				name: 'mediaEncryption',
				type: 'options',
				options: MEDIA_ENCRYPTION_OPTIONS,
				default: 'allow',
				description: 'Whether inbound call audio is encrypted (SRTP)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['import'] } }, properties);

export interface ImportInput {
	phoneNumber: unknown;
	nickname?: unknown;
	outbound?: OutboundInput;
	inbound?: InboundInput;
}

/**
 * One body for both Diga contracts: the spec-era API reads `sip_config`, the current one
 * `outbound_config` / `inbound_config`, and neither refuses the other's fields.
 */
export function buildImportBody(input: ImportInput): IDataObject {
	const body: IDataObject = { phone_number: phoneNumber(input.phoneNumber) };
	const nickname = text(input.nickname, 'Nickname');
	if (nickname) body.nickname = nickname;
	const outbound = outboundConfig(input.outbound ?? {});
	if (outbound) {
		body.sip_config = legacySipConfig(outbound);
		body.outbound_config = outbound;
	}
	const inbound = inboundConfig(input.inbound ?? {});
	if (inbound) body.inbound_config = inbound;
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, diga: DigaClient): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = buildImportBody({
		phoneNumber: this.getNodeParameter('phoneNumber', itemIndex),
		nickname: additional.nickname,
		outbound: this.getNodeParameter('outbound', itemIndex, {}) as OutboundInput,
		inbound: this.getNodeParameter('inbound', itemIndex, {}) as InboundInput,
	});
	return await diga.request({ method: 'POST', path: '/v1/phone/import', body, createsResource: true });
}
