import type { INode } from 'n8n-workflow';

/**
 * The node as n8n attaches it to errors, which n8n stores and logs. No node parameter holds a secret:
 * the SIP trunk's password lives in the Diga SIP Trunk API credential, and n8n runs a node with only
 * the parameters it declares, so a password saved in a workflow by version 0.1 never reaches it.
 *
 * @deprecated Nothing is left to hide: pass `this.getNode()` itself, and delete this module once no
 * caller remains.
 */
export function redactedNode(node: INode): INode {
	return node;
}
