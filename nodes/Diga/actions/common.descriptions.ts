import type { INodeProperties } from 'n8n-workflow';

import { OPTION_LIMITS } from '../transport';

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

/**
 * A model filling the field through $fromAI reads its description: the ID it needs, and where to find it.
 */
function withIdHint(description: string, hint: string): string {
	return `${description.replace(/\.?$/, '.')} ${hint}`;
}

function listMode(what: string, method: string) {
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list' as const,
		placeholder: `Select ${what}...`,
		typeOptions: { searchListMethod: method, searchable: true },
	};
}

/** The phone picker. Make Call also takes the number itself, as Diga's `from_number` does. */
export function phoneLocator(
	displayName = 'Phone',
	description = 'The Diga phone number to act on. Choose it from the list, or give its ID.',
	acceptNumber = false,
): INodeProperties {
	const byNumber = {
		displayName: 'By Number',
		name: 'number',
		type: 'string' as const,
		placeholder: 'e.g. +34912345678',
	};
	return {
		displayName,
		name: 'phoneId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: withIdHint(description, 'Its ID is a UUID: the id that Phone > Get Many returns.'),
		modes: [listMode('a phone', 'searchPhones'), idMode('phone'), ...(acceptNumber ? [byNumber] : [])],
	};
}

export function agentLocator(description: string, required = true): INodeProperties {
	return {
		displayName: 'Agent',
		name: 'agentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: withIdHint(description, 'Its ID is a UUID: the agent_id that Agent > Get Many returns.'),
		modes: [listMode('an agent', 'searchAgents'), idMode('agent')],
	};
}

export const callLocator: INodeProperties = {
	displayName: 'Call',
	name: 'callId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: withIdHint('The call to read. Choose one of the latest calls, or give its ID.', 'Its ID is a UUID: the id that Call > Get Many returns.'),
	modes: [listMode('a call', 'searchCalls'), idMode('call')],
};

/** Return All / Limit, as every Get Many has them. */
export function returnAllFields(maxLimit: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: maxLimit },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export function simplifyField(what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the ${what} instead of the raw data`,
	};
}

/** A picker of agent versions: Diga assigns versions, not agents, to a phone. */
export function agentVersionLocator(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: withIdHint(description, 'Its ID is a UUID: a version_id that Agent > Get Many returns.'),
		modes: [listMode('an agent version', 'searchAgentVersions'), idMode('agent version')],
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
			default: 5, // OPTION_LIMITS.concurrency.default: n8n's lint wants the literal
			typeOptions: { minValue: OPTION_LIMITS.concurrency.min, maxValue: OPTION_LIMITS.concurrency.max },
			description: `How many items are sent to Diga at the same time (${OPTION_LIMITS.concurrency.min} to ${OPTION_LIMITS.concurrency.max}). The output keeps the input order.`,
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			default: 3, // OPTION_LIMITS.maxRetries.default: n8n's lint wants the literal
			typeOptions: { minValue: OPTION_LIMITS.maxRetries.min, maxValue: OPTION_LIMITS.maxRetries.max },
			description:
				'How often a request is retried after a rate limit (429), a gateway error (502, 503, 504) or a network failure. Imports and calls are retried only when Diga cannot have received them.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			default: 30000, // OPTION_LIMITS.timeout.default: n8n's lint wants the literal
			typeOptions: { minValue: OPTION_LIMITS.timeout.min, maxValue: OPTION_LIMITS.timeout.max },
			description: 'How long to wait for Diga to answer a request, in milliseconds',
		},
	],
};

/** A From / To pair of date filters on one of Diga's timestamps. */
export function dateRangeFilters(label: string, name: string, what: string): INodeProperties[] {
	return [
		{
			displayName: `${label} From`,
			name: `${name}From`,
			type: 'dateTime',
			default: '',
			description: `Only ${what} at or after this moment`,
		},
		{
			displayName: `${label} To`,
			name: `${name}To`,
			type: 'dateTime',
			default: '',
			description: `Only ${what} at or before this moment`,
		},
	];
}
