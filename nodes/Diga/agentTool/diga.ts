import type { IHookFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { digaClient, type DigaClient } from '../shared/transport';

/** The Diga node's transport, and the node its errors belong to. */
export interface ToolDiga extends DigaClient {
	node: INode;
}

/** For a trigger's activation hooks. */
export function digaFor(ctx: IHookFunctions): ToolDiga {
	return { ...digaClient(ctx), node: ctx.getNode() };
}

/** The transport's errors are n8n's own already; they go on unchanged (NodeApiError hands one back as it is). */
export function passOn(node: INode, error: unknown): never {
	if (error instanceof NodeOperationError) throw error;
	throw new NodeApiError(node, error as JsonObject);
}
