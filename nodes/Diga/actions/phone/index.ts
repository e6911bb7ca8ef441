import type { INodeProperties } from 'n8n-workflow';

import * as importPhone from './import.operation';
import * as update from './update.operation';

export const operations = { import: importPhone, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phone'] } },
		options: [
			{
				name: 'Import',
				value: 'import',
				description: 'Bring your own number into Diga over your SIP trunk',
				action: 'Import a phone number',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a number or choose the agents that answer and place its calls',
				action: 'Update a phone number',
			},
		],
		default: 'import',
	},
	...importPhone.description,
	...update.description,
];
