import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Read one agent, or one version of it: prompt, voice, language and state',
				action: 'Get an agent with its settings',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List agents with their versions, to find the version IDs that phones and calls take',
				action: 'Get many agents with their versions',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
