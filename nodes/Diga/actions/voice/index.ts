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
		displayOptions: { show: { resource: ['voice'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Read one voice: its name, gender, provider and preview recordings', action: 'Get a voice' },
			{ name: 'Get Many', value: 'getAll', description: 'List the voices Diga offers, by search text or gender, to choose one for an agent', action: 'Get many voices' },
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
