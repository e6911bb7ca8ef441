import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getRecording from './getRecording.operation';
import * as getRecordings from './getRecordings.operation';
import * as getTranscript from './getTranscript.operation';
import * as make from './make.operation';

export const operations = { get, getAll, getRecording, getRecordings, getTranscript, make };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Read one call: status, duration, outcome and recording',
				action: 'Get a call with its status and outcome',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List calls, filtered by agent, phone, status, type or date',
				action: 'Get many calls with their status and outcome',
			},
			{
				name: 'Get Recording',
				value: 'getRecording',
				description: 'Download the recording of a call as a file',
				action: 'Get the recording of a call as a file',
			},
			{
				name: 'Get Recordings (ZIP)',
				value: 'getRecordings',
				description: 'Download the recordings of up to 50 calls as one ZIP file (more give one ZIP per 50)',
				action: 'Get the recordings of many calls as a ZIP file',
			},
			{
				name: 'Get Transcript',
				value: 'getTranscript',
				description: 'Read every message of a call, oldest first',
				action: 'Get the transcript of a call',
			},
			{
				name: 'Make',
				value: 'make',
				description: 'Place a real phone call now: the number is dialled and an agent talks to whoever answers. Runs once per item.',
				action: 'Place a real phone call to an E.164 number',
			},
		],
		default: 'make',
	},
	...make.description,
	...get.description,
	...getAll.description,
	...getRecording.description,
	...getRecordings.description,
	...getTranscript.description,
];
