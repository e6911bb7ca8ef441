import type { INodeProperties } from 'n8n-workflow';

import { KEEP } from './sip';
import { MEDIA_ENCRYPTION, type MediaEncryption } from '../../shared/helpers/validation';

const ENCRYPTION_LABELS: Record<MediaEncryption, { name: string; description: string }> = {
	allow: { name: 'Allow', description: 'Use encrypted media (SRTP) when the other side offers it' },
	disable: { name: 'Disable', description: 'Never encrypt media' },
	require: { name: 'Require', description: 'Refuse calls without encrypted media' },
};

/** The options of every media encryption field: Diga's values, in the editor's alphabetical order. */
const MEDIA_ENCRYPTION_OPTIONS = [...MEDIA_ENCRYPTION].sort().map((value) => ({ ...ENCRYPTION_LABELS[value], value }));

/**
 * Import and Update SIP Config both name the trunk selector `outboundTrunk`, and give this value the
 * same meaning there: use the SIP trunk of the node's Diga API credential.
 */
export const FROM_CREDENTIAL = 'credential';

/** Import: whether Diga places calls from the number, through the SIP trunk of the Diga API credential. */
export const importOutboundSettings: INodeProperties[] = [
	{
		displayName: 'Outbound Calls',
		name: 'outboundTrunk',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'None (Inbound Only)', value: 'none', description: 'Import the number for inbound calls only' },
			{
				name: 'Through a SIP Trunk',
				value: FROM_CREDENTIAL,
				description: 'Diga places calls from this number through the SIP trunk of the selected Diga API credential',
			},
		],
		default: 'none',
		description:
			'Whether Diga can place calls from this number. The trunk (termination URI, username, password) is part of the Diga API credential, so its password stays out of the workflow.',
	},
	{
		displayName: 'Outbound Media Encryption',
		name: 'outboundMediaEncryption',
		type: 'options',
		options: MEDIA_ENCRYPTION_OPTIONS,
		default: 'allow',
		displayOptions: { show: { outboundTrunk: [FROM_CREDENTIAL] } },
		description: 'Whether outbound call audio is encrypted (SRTP)',
	},
];

/** Update SIP Config: each outbound setting is kept unless the user picks a new one. */
export const updateOutboundSettings: INodeProperties[] = [
	{
		displayName: 'Outbound Trunk',
		name: 'outboundTrunk',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Keep Current', value: KEEP, description: "Leave the number's termination URI, username and password as they are" },
			{
				name: 'Update From Credential',
				value: FROM_CREDENTIAL,
				description: 'Send the SIP trunk termination URI, and its username and password if set, of the selected Diga API credential',
			},
		],
		default: KEEP,
		description: 'The SIP trunk Diga places calls from this number through',
	},
	{
		displayName: 'Outbound Media Encryption',
		name: 'outboundMediaEncryption',
		type: 'options',
		options: [{ name: 'Keep Current', value: KEEP, description: 'Leave the setting as it is' }, ...MEDIA_ENCRYPTION_OPTIONS],
		default: KEEP,
		description: 'Whether outbound call audio is encrypted (SRTP)',
	},
];

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
