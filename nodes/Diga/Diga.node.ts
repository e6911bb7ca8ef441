import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptions } from './shared/common.descriptions';
import * as agent from './actions/agent';
import * as agentVersion from './actions/agentVersion';
import * as call from './actions/call';
import * as phone from './actions/phone';
import * as voice from './actions/voice';
import { FROM_CREDENTIAL } from './actions/phone/sip.descriptions';
import { router } from './actions/router';
import { digaSipTrunkApiTest } from './actions/phone/credentialTest';
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
		credentials: [
			{ name: 'digaApi', required: true },
			{
				name: 'digaSipTrunkApi',
				required: true,
				displayOptions: { show: { resource: ['phone'], operation: ['import', 'updateSipConfig'], outboundTrunk: [FROM_CREDENTIAL] } },
				testedBy: 'digaSipTrunkApiTest',
			},
		],
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
		credentialTest: { digaSipTrunkApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
