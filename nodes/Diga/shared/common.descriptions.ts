import type { INodeProperties } from 'n8n-workflow';

import { OPTION_LIMITS } from './transport';

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
			displayName: 'Max File Size (MB)',
			name: 'maxFileMb',
			type: 'number',
			default: 256, // OPTION_LIMITS.maxFileMb.default: n8n's lint wants the literal
			typeOptions: { minValue: OPTION_LIMITS.maxFileMb.min, maxValue: OPTION_LIMITS.maxFileMb.max },
			displayOptions: { show: { '/operation': ['getRecording', 'getRecordings'] } },
			description: 'The largest recording or ZIP file to download, in megabytes. A larger file is refused before it is stored.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			default: 30000, // OPTION_LIMITS.timeout.default: n8n's lint wants the literal
			typeOptions: { minValue: OPTION_LIMITS.timeout.min, maxValue: OPTION_LIMITS.timeout.max },
			description: 'How long to wait for Diga to answer a request, in milliseconds. A recording or ZIP download must finish within it, all of it.',
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
