import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptions } from './shared/common.descriptions';
import * as agent from './actions/agent';
import * as agentVersion from './actions/agentVersion';
import * as call from './actions/call';
import * as knowledgeBase from './actions/knowledgeBase';
import * as knowledgeItem from './actions/knowledgeItem';
import * as phone from './actions/phone';
import * as voice from './actions/voice';
import { router } from './actions/router';
import { digaApiTest } from './shared/credentialTest';
import {
	searchAgents,
	searchAgentVersions,
	searchCalls,
	searchConversationalPaths,
	searchKnowledgeBases,
	searchKnowledgeItems,
	searchPhones,
	searchTemplates,
	searchVersionsOfAgent,
	searchVoices,
} from './shared/methods/listSearch';

export class Diga implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga',
		name: 'diga',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage the phone numbers, voice-AI agents and calls of your Diga project',
		defaults: { name: 'Diga' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digaApi', required: true, testedBy: 'digaApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Agent Version', value: 'agentVersion' },
					{ name: 'Call', value: 'call' },
					{ name: 'Knowledge Base', value: 'knowledgeBase' },
					{ name: 'Knowledge Item', value: 'knowledgeItem' },
					{ name: 'Phone', value: 'phone' },
					{ name: 'Voice', value: 'voice' },
				],
				default: 'phone',
			},
			...phone.description,
			...agent.description,
			...agentVersion.description,
			...voice.description,
			...call.description,
			...knowledgeBase.description,
			...knowledgeItem.description,
			requestOptions,
		],
	};

	methods = {
		listSearch: {
			searchAgents,
			searchAgentVersions,
			searchCalls,
			searchConversationalPaths,
			searchKnowledgeBases,
			searchKnowledgeItems,
			searchPhones,
			searchTemplates,
			searchVersionsOfAgent,
			searchVoices,
		},
		credentialTest: { digaApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
