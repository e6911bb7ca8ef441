import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { fromFunction, fromParameter, NodeConnectionTypes, NodeOperationError, webhookDescriptionFields } from 'n8n-workflow';

import { InputError } from './shared/helpers/validation';
import { digaApiTest } from './shared/credentialTest';
import { searchAgents } from './shared/methods/listSearch';
import { properties } from './agentTool/description';
import { digaFor, passOn, withIsolate } from './agentTool/diga';
import { isCurrent, register, unregister, type Registration } from './agentTool/registration';
import { reclaim, retire } from './agentTool/retire';
import { newSecret } from './agentTool/secret';
import { readSpec, type ToolSpec } from './agentTool/tool';
import { handleToolCall } from './agentTool/webhook';

const FIELDS = ['toolName', 'toolDescription', 'parameters', 'approval', 'responseTimeout', 'assignTo'];

/** The node's fields, checked before anything is sent to Diga. */
function specOf(ctx: IHookFunctions): ToolSpec {
	const raw: IDataObject = {};
	for (const field of FIELDS) raw[field] = ctx.getNodeParameter(field, undefined);
	if (raw.assignTo === 'agent') raw.agentId = ctx.getNodeParameter('agentId', '', { extractValue: true });
	try {
		return readSpec(raw);
	} catch (error) {
		if (!(error instanceof InputError)) return passOn(ctx.getNode(), error);
		throw new NodeOperationError(ctx.getNode(), error.message, { description: `${error.hint} Nothing was registered in Diga.` });
	}
}

function saved(ctx: IHookFunctions): { data: IDataObject; registration?: Registration } {
	const data = ctx.getWorkflowStaticData('node');
	return { data, registration: data.registration as Registration | undefined };
}

/** One trigger of one workflow, the same across its versions (n8n keeps a node's webhookId when it is edited). */
function retireKey(ctx: IHookFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}:${node.webhookId ?? node.id}`;
}

export class DigaAgentToolTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga Agent Tool Trigger',
		name: 'digaAgentToolTrigger',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['trigger'],
		// 1.1 is 1 with only the number changed: n8n 2.41 evaluates an expression (the Webhook node v1's
		// binaryData option) for the body of every version-1 webhook trigger, which costs each tool call an
		// expression isolate. Workflows saved with version 1 keep working.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["toolName"] }}',
		description: 'Runs the workflow when a Diga voice agent calls it as a tool during a phone call, and answers the agent',
		eventTriggerDescription: 'Waiting for your Diga agent to call the tool',
		activationMessage: 'Your Diga agent can now call this workflow as a tool.',
		defaults: { name: 'Diga Agent Tool Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digaApi', required: true, testedBy: 'digaApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'tool',
				// Read from the parameters directly, as n8n's Webhook node does: through the expression engine
				// they cost every tool call a sandbox evaluation (hundreds of ms on a busy machine).
				...webhookDescriptionFields({
					responseMode: fromParameter('responseMode', 'lastNode'),
					// Only When Last Node Finishes reads it; Immediately then answers n8n's own "Workflow was started".
					responseData: fromFunction((parameters) => ((parameters.responseMode ?? 'lastNode') === 'lastNode' ? 'firstEntryJson' : '')),
				}),
			},
		],
		properties,
	};

	methods = { listSearch: { searchAgents }, credentialTest: { digaApiTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const spec = specOf(this);
				const { registration } = saved(this);
				try {
					return await isCurrent(digaFor(this), registration, spec, this.getNodeWebhookUrl('default') ?? '');
				} catch (error) {
					// n8n 2.41 answers a failed check by deleting the registration: only a 404 proves it gone.
					this.logger.warn(
						`Diga Agent Tool Trigger "${this.getNode().name}": could not check tool ${registration?.toolId ?? ''} in Diga (${(error as Error).message}); kept it as it is. Its tool calls go on; it is checked again on the next activation.`,
					);
					return true;
				}
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const spec = specOf(this);
				const { data, registration } = saved(this);
				// What `delete` retired moments ago (n8n takes a changed trigger down first) is updated, not replaced.
				const previous = reclaim(retireKey(this)) ?? registration;
				const url = this.getNodeWebhookUrl('default') ?? '';
				const secret = previous?.secret ?? newSecret();
				const made = await register(digaFor(this), spec, url, this.getWorkflow().name ?? '', secret, previous);
				data.registration = { ...made, ...(this.getMode() === 'manual' ? { test: true } : {}) };
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const { data, registration } = saved(this);
				delete data.registration;
				if (!registration) return true;
				const diga = digaFor(this);
				// The editor's test registration goes at once; a published one only if no create takes it back.
				if (registration.test) {
					await unregister(diga, registration);
					return true;
				}
				retire(retireKey(this), registration, async () => await withIsolate(this, async () => await unregister(diga, registration)), (error) =>
					this.logger.warn(
						`Diga Agent Tool Trigger "${this.getNode().name}": removing integration ${registration.integrationId} from Diga failed (${(error as Error).message}); delete it in Diga's dashboard (Integrations).`,
					),
				);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleToolCall.call(this);
	}
}
