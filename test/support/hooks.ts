/**
 * Runs a webhook trigger of the built package the way n8n does, through n8n-core's own contexts:
 * activation (`checkExists`, then `create` when it answers false), deactivation (`delete`) with a
 * HookContext, and one incoming request with a WebhookContext. The workflow object lives as long as
 * the test's `TriggerHarness`, so its static data carries over between the calls like n8n's does.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { loadPackage, TestCredentialsHelper } from './engine';

export const WEBHOOK_BASE = 'https://n8n.example.com/webhook';
export const WEBHOOK_TEST_BASE = 'https://n8n.example.com/webhook-test';
export const WEBHOOK_ID = '5b7f0b2e-9a53-4c39-9f5e-0d0c4f1e2a77';
export const TRIGGER_TYPE = 'n8n-nodes-diga.digaAgentToolTrigger';

/** What the node answered to one request: its result and what it wrote to the response itself. */
export interface WebhookCall {
	result: IWebhookResponseData;
	status?: number;
	body?: string;
}

export interface TriggerHarness {
	workflow: Workflow;
	node: INode;
	/** The node's static data, as n8n would save it with the workflow. */
	staticData(): IDataObject;
	/** What n8n does when the workflow is published: checkExists, then create if it answered false. */
	activate(options?: { test?: boolean; activation?: WorkflowActivateMode }): Promise<{ existed: boolean }>;
	deactivate(options?: { test?: boolean }): Promise<void>;
	call(headers: IDataObject, body: unknown, options?: { test?: boolean }): Promise<WebhookCall>;
}

export async function triggerHarness(
	parameters: IDataObject,
	credentials: { apiKey: string; baseUrl: string },
	options: { workflowName?: string; staticData?: IDataObject; webhookBase?: string } = {},
): Promise<TriggerHarness> {
	const loader = await loadPackage();
	const type = loader.getNode('digaAgentToolTrigger').type as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(type, 1),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: '1',
		name: 'Diga Agent Tool Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: parameters as INode['parameters'],
		credentials: { digaApi: { id: '1', name: 'Diga account' } },
	};
	const workflow = new Workflow({
		id: 'wf1',
		name: options.workflowName ?? 'Appointments',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: options.staticData ?? {},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(loader.getCredential('digaApi').type, credentials),
		webhookBaseUrl: options.webhookBase ?? WEBHOOK_BASE,
		webhookTestBaseUrl: WEBHOOK_TEST_BASE,
		webhookWaitingBaseUrl: WEBHOOK_BASE,
		restApiUrl: 'http://localhost',
		instanceBaseUrl: 'http://localhost',
		formWaitingBaseUrl: 'http://localhost',
		variables: {},
		userId: 'test',
	} as unknown as IWorkflowExecuteAdditionalData;
	const description = type.description.webhooks?.[0];
	if (!description) throw new Error('the trigger declares no webhook');
	const webhookData = (test = false): IWebhookData => ({
		httpMethod: 'POST',
		node: node.name,
		path: 'tool',
		webhookDescription: description,
		workflowId: 'wf1',
		workflowExecuteAdditionalData: additionalData,
		isTest: test,
	});
	const methods = type.webhookMethods?.default;
	if (!methods) throw new Error('the trigger has no webhookMethods');
	const hook = (test: boolean, mode: 'manual' | 'trigger' | 'internal', activation: WorkflowActivateMode) =>
		new HookContext(workflow, node, additionalData, mode, activation, webhookData(test));

	return {
		workflow,
		node,
		staticData: () => workflow.getStaticData('node', node),
		activate: async ({ test = false, activation = test ? 'manual' : 'activate' } = {}) => {
			const context = hook(test, test ? 'manual' : 'trigger', activation);
			const existed = await methods.checkExists.call(context);
			if (!existed) await methods.create.call(context);
			return { existed };
		},
		deactivate: async ({ test = false } = {}) => {
			// n8n deletes with mode "internal" for test and production registrations alike.
			await methods.delete.call(hook(test, 'internal', 'update'));
		},
		call: async (headers, body, { test = false } = {}) => {
			const written: { status?: number; body?: string } = {};
			const response = {
				writeHead: (status: number) => (written.status = status),
				end: (text?: string) => (written.body = text),
			};
			const data = {
				...additionalData,
				httpRequest: { method: 'POST', headers, body, params: {}, query: {} },
				httpResponse: response,
			} as unknown as IWorkflowExecuteAdditionalData;
			const context = new WebhookContext(workflow, node, data, test ? 'manual' : 'webhook', webhookData(test), [], null);
			const result = await (type.webhook as (this: WebhookContext) => Promise<IWebhookResponseData>).call(context);
			return { result, ...written };
		},
	};
}

/** The production URL n8n gives this node, as the harness sets it up. */
export const PRODUCTION_URL = `${WEBHOOK_BASE}/${WEBHOOK_ID}/tool`;
export const TEST_URL = `${WEBHOOK_TEST_BASE}/${WEBHOOK_ID}/tool`;

export const AGENT_ID = '9d1c4f5e-2b3a-4c6d-8e7f-0a1b2c3d4e5f';

/** The trigger's fields for an appointment-availability tool, offered to AGENT_ID. */
export const TOOL_PARAMETERS: IDataObject = {
	toolName: 'check_availability',
	toolDescription: 'Use this when the caller asks for an appointment: says whether the day and time are free.',
	parameters: {
		parameter: [
			{ name: 'date', type: 'string', required: true, description: 'The day, as YYYY-MM-DD' },
			{ name: 'party_size', type: 'integer', required: false, description: '' },
		],
	},
	approval: true,
	responseTimeout: 12,
	assignTo: 'agent',
	agentId: { __rl: true, mode: 'list', value: AGENT_ID },
	responseMode: 'lastNode',
};
