import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as importPhone from './import.operation';
import * as release from './release.operation';
import * as update from './update.operation';
import * as updateSipConfig from './updateSipConfig.operation';

export const operations = { get, getAll, import: importPhone, release, update, updateSipConfig };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phone'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Read one of your numbers: its status, nickname and assigned agents',
				action: 'Get a phone number with its status and agents',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List your numbers, filtered by status, agent or assignment date',
				action: 'Get many phone numbers with their agents',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Bring your own number into Diga over your SIP trunk: from then on, real calls to it reach your Diga agents',
				action: 'Import a phone number over your SIP trunk to take real calls',
			},
			{
				name: 'Release',
				value: 'release',
				description: 'Give a number up for good: it stops taking calls. Bought numbers leave at the end of the billing cycle, imported ones at once.',
				action: 'Release a phone number for good',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a number or choose the agents that answer and place its calls',
				action: 'Update a phone number with a new nickname or agents',
			},
			{
				name: 'Update SIP Config',
				value: 'updateSipConfig',
				description: 'Change the SIP trunk settings of an imported number',
				action: 'Update the SIP config of an imported phone number',
			},
		],
		default: 'import',
	},
	...importPhone.description,
	...update.description,
	...get.description,
	...getAll.description,
	...release.description,
	...updateSipConfig.description,
];
