import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteBase from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: deleteBase, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['knowledgeBase'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a knowledge base to group knowledge items that agents can use',
				action: 'Create a knowledge base',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a knowledge base: agents that use it stop finding its content on their calls',
				action: 'Delete a knowledge base for good',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Read one knowledge base with the IDs of its items',
				action: 'Get a knowledge base',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List knowledge bases, filtered by name or by the agent that uses them',
				action: 'Get many knowledge bases',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a knowledge base, or add items to it and take items out, keeping the others',
				action: 'Update a knowledge base',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...deleteBase.description,
];
