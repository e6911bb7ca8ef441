import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createFromTemplate from './createFromTemplate.operation';
import * as deleteAgent from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateDraft from './updateDraft.operation';

export const operations = { create, createFromTemplate, delete: deleteAgent, get, getAll, updateDraft };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an agent with its voice, language, prompt and greeting. It takes calls only once a version is published.',
				action: 'Create an agent',
			},
			{
				name: 'Create From Template',
				value: 'createFromTemplate',
				description: "Create an agent from one of Diga's templates, filling in its variables",
				action: 'Create an agent from a template',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an agent for good, with its versions: real calls stop reaching it',
				action: 'Delete an agent for good so real calls stop reaching it',
			},
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
			{
				name: 'Update Draft',
				value: 'updateDraft',
				description: "Change an agent's draft: only the fields you add. Callers hear it once a version of it is launched and published.",
				action: 'Update the draft of an agent',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...createFromTemplate.description,
	...updateDraft.description,
	...get.description,
	...getAll.description,
	...deleteAgent.description,
];
