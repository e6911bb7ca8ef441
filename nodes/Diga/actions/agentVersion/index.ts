import type { INodeProperties } from 'n8n-workflow';

import * as deleteVersion from './delete.operation';
import * as getAll from './getAll.operation';
import * as launch from './launch.operation';
import * as publish from './publish.operation';
import * as unpublish from './unpublish.operation';

export const operations = { delete: deleteVersion, getAll, launch, publish, unpublish };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agentVersion'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a version for good; if it is published, real callers stop hearing it',
				action: 'Delete an agent version for good so real callers stop hearing it',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List an agent's versions, newest first",
				action: 'Get many versions of an agent',
			},
			{
				name: 'Launch',
				value: 'launch',
				description: "Make a numbered version from the agent's current draft, ready to publish",
				action: 'Launch a version from the draft of an agent',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Put a version live: from now on real callers hear it, optionally on the inbound and outbound numbers you give',
				action: 'Publish an agent version so real callers hear it',
			},
			{
				name: 'Unpublish',
				value: 'unpublish',
				description: "Take an agent's published version off: it stops answering and placing real calls",
				action: 'Unpublish an agent so real callers no longer reach it',
			},
		],
		default: 'launch',
	},
	...launch.description,
	...publish.description,
	...getAll.description,
	...unpublish.description,
	...deleteVersion.description,
];
