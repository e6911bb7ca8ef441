import type { INodeProperties } from 'n8n-workflow';

import * as addFromFile from './addFromFile.operation';
import * as addFromText from './addFromText.operation';
import * as addFromUrl from './addFromUrl.operation';
import * as deleteItem from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { addFromFile, addFromText, addFromUrl, delete: deleteItem, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['knowledgeItem'] } },
		options: [
			{
				name: 'Add From File',
				value: 'addFromFile',
				description: 'Upload a file of the input item (PDF, Word, Markdown, text, HTML; up to 10 MB) as a knowledge item',
				action: 'Add a knowledge item from a file',
			},
			{
				name: 'Add From Text',
				value: 'addFromText',
				description: 'Add a text as a knowledge item, optionally into a knowledge base',
				action: 'Add a knowledge item from text',
			},
			{
				name: 'Add From URL(s)',
				value: 'addFromUrl',
				description: 'Have Diga read web pages, one knowledge item each, optionally into a knowledge base',
				action: 'Add knowledge items from web pages',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a knowledge item: agents that use it lose its content on their calls',
				action: 'Delete a knowledge item for good',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Read one knowledge item: its name, category, state and base',
				action: 'Get a knowledge item',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List knowledge items, filtered by base, name, category or state',
				action: 'Get many knowledge items',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a knowledge item',
				action: 'Rename a knowledge item',
			},
		],
		default: 'getAll',
	},
	...addFromUrl.description,
	...addFromText.description,
	...addFromFile.description,
	...get.description,
	...getAll.description,
	...update.description,
	...deleteItem.description,
];
