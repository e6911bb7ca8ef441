import type { INodeProperties } from 'n8n-workflow';

import { CALL_DIRECTIONS, CALL_FILTERS } from '../shared/calls';
import { requestOptions } from '../shared/common.descriptions';
import { simplifyField } from '../shared/simplify';

/** Retries and timeout work as in the Diga node; a poll sends one request at a time, so no Concurrency. */
const transportOptions = (requestOptions.options ?? []).filter((option) => option.name !== 'concurrency') as INodeProperties[];

export const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'callEnded',
		options: [
			{
				name: 'Call Ended',
				value: 'callEnded',
				description: 'A call reached its final status (completed); how it ended is in end_reason',
			},
			{ name: 'New Call', value: 'newCall', description: 'A call was created, inbound or outbound' },
		],
		description: 'Which calls start the workflow. Each call starts it once; calls from before activation are not replayed.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			CALL_FILTERS.agent,
			CALL_FILTERS.phone,
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'inbound',
				options: CALL_DIRECTIONS,
				description: 'Only inbound or only outbound calls',
			},
		],
	},
	simplifyField('call'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Recording URL',
				name: 'includeRecordingUrl',
				type: 'boolean',
				default: false,
				description: "Whether to add the link to the call's recording (recording_url; null until Diga has one)",
			},
			{
				displayName: 'Include Transcript',
				name: 'includeTranscript',
				type: 'boolean',
				default: false,
				description: "Whether to add the call's transcript as messages, oldest first (one more request per call)",
			},
			...transportOptions,
		],
	},
];
