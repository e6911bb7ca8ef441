import type { INodeProperties } from 'n8n-workflow';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';
const UUID_PLACEHOLDER = 'e.g. 3c90c3cc-0d44-4b50-8888-8dd25736052a';

function idMode(what: string) {
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: UUID_PLACEHOLDER,
		validation: [
			{ type: 'regex' as const, properties: { regex: UUID_PATTERN, errorMessage: `Not a valid ${what} ID (a UUID)` } },
		],
	};
}

export const phoneLocator: INodeProperties = {
	displayName: 'Phone',
	name: 'phoneId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Diga phone number to act on. Choose it from the list, or give its ID.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a phone...',
			typeOptions: { searchListMethod: 'searchPhones', searchable: true },
		},
		idMode('phone'),
	],
};

/** A picker of agent versions: Diga assigns versions, not agents, to a phone. */
export function agentVersionLocator(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an agent version...',
				typeOptions: { searchListMethod: 'searchAgentVersions', searchable: true },
			},
			idMode('agent version'),
		],
	};
}

export const MEDIA_ENCRYPTION_OPTIONS = [
	{ name: 'Allow', value: 'allow', description: 'Use encrypted media (SRTP) when the other side offers it' },
	{ name: 'Disable', value: 'disable', description: 'Never encrypt media' },
	{ name: 'Require', value: 'require', description: 'Refuse calls without encrypted media' },
];

/** Settings shared by every operation: how the node talks to Diga. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 1, maxValue: 20 },
			description: 'How many items are sent to Diga at the same time (1 to 20). The output keeps the input order.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				'How often a request is retried after a rate limit (429), a gateway error (502, 503, 504) or a network failure. Imports and calls are retried only when Diga cannot have received them.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			default: 30000,
			typeOptions: { minValue: 1000 },
			description: 'How long to wait for Diga to answer a request, in milliseconds',
		},
	],
};
