import type { INode, INodeParameters } from 'n8n-workflow';

const HIDDEN = '**hidden**';

/**
 * n8n attaches the node, parameters included, to every error it stores and logs. The SIP trunk
 * password is a node parameter, so errors carry a copy of the node with it hidden.
 */
export function redactedNode(node: INode): INode {
	const parameters = { ...node.parameters };
	for (const collection of ['outbound']) {
		const settings = parameters[collection] as INodeParameters | undefined;
		if (settings && typeof settings === 'object' && 'password' in settings) {
			parameters[collection] = { ...settings, password: HIDDEN };
		}
	}
	return { ...node, parameters };
}
