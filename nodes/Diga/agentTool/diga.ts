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

interface IsolateHolder {
	workflow?: { expression?: { acquireIsolate?: () => Promise<boolean>; releaseIsolate?: () => Promise<void> } };
}

/**
 * Runs `work` after the hook that started it has returned (a retired registration's removal). n8n 2.41
 * renders the credential's header in an expression isolate it holds only while the hook runs ("No
 * bridge acquired for this context" afterwards), so the isolate is taken for the work, as n8n itself
 * does around a hook, and given back after.
 */
export async function withIsolate(ctx: IHookFunctions, work: () => Promise<void>): Promise<void> {
	const expression = (ctx as unknown as IsolateHolder).workflow?.expression;
	const owns = (await expression?.acquireIsolate?.()) === true;
	try {
		await work();
	} finally {
		if (owns) await expression?.releaseIsolate?.();
	}
}
