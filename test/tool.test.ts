/**
 * The node as an AI agent's tool, as a model sees it: for every operation, the tool n8n 2.41 builds
 * from the node (n8n-core's createNodeAsTool: the description from the operation's action text, the
 * schema from the $fromAI() calls) and the function definition LangChain sends to an OpenAI-compatible
 * model. Each required field is filled the way a person would from the editor: $fromAI with the field's
 * own description. The snapshot makes any change to what a model reads a visible diff.
 */
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import type { INode, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';

import { Diga } from '../nodes/Diga/Diga.node';

const node = new Diga();
const properties = node.description.properties;
/** n8n 2.41 offers the node as `<package>.<name>Tool` (its tool-generation's convertNodeToAiTool). */
const TOOL_TYPE = 'n8n-nodes-diga.digaTool';

const shownFor = (p: INodeProperties, resource: string, operation: string) =>
	p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions.show.operation?.includes(operation);

const fromAI = (p: INodeProperties) => `={{ $fromAI('${p.name}', \`${p.description ?? ''}\`, 'string') }}`;

/** Every resource and operation, with its action text's node name, the way the editor names a new tool node. */
function operations(): Array<{ resource: string; operation: string; action: string }> {
	return properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			(p.options as Array<{ value: string; action: string }>).map((o) => ({
				resource: String(p.displayOptions?.show?.resource?.[0]),
				operation: o.value,
				action: o.action,
			})),
		);
}

function toolFor(resource: string, operation: string, action: string) {
	const parameters: INodeParameters = { resource, operation };
	for (const p of properties.filter((p) => shownFor(p, resource, operation) && p.required)) {
		parameters[p.name] = p.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: fromAI(p) } : fromAI(p);
	}
	const toolNode: INode = { id: 'tool', name: action, type: TOOL_TYPE, typeVersion: 1, position: [0, 0], parameters };
	const { response } = createNodeAsTool({ node: toolNode, nodeType: node as INodeType, handleToolInvocation: async () => '' });
	return convertToOpenAITool(response);
}

describe('Diga as an AI agent tool', () => {
	it.each(operations().map((o) => [`${o.resource} ${o.operation}`, o] as const))('%s: the tool a model is given', (_, o) => {
		expect(toolFor(o.resource, o.operation, o.action)).toMatchSnapshot();
	});

	it('says which operations act in the real world', () => {
		const actions = Object.fromEntries(operations().map((o) => [`${o.resource}.${o.operation}`, o.action]));
		const acting = ['phone.import', 'call.make', 'phone.release', 'agent.delete', 'agentVersion.publish', 'agentVersion.unpublish', 'agentVersion.delete', 'knowledgeBase.delete', 'knowledgeItem.delete'];
		for (const key of acting) expect({ key, action: actions[key] }).toEqual({ key, action: expect.stringMatching(/\breal\b|\bfor good\b/) });
		for (const key of Object.keys(actions).filter((other) => !acting.includes(other))) {
			expect({ key, action: actions[key] }).toEqual({ key, action: expect.not.stringMatching(/\breal\b|\bfor good\b/) });
		}
	});
});
