import type { INodeProperties } from 'n8n-workflow';

import { MEDIA_ENCRYPTION_OPTIONS } from '../common.descriptions';

/** The SIP trunk settings of an imported number: Import sets them, Update SIP Config changes them. */
export const outboundSettings: INodeProperties = {
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
};

export const inboundSettings: INodeProperties = {
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
};

