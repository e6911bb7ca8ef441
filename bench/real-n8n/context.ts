/** What a case of the real-n8n bench (bench/real-n8n.ts) is, and what it is handed. */
import type { IConnections, INode } from 'n8n-workflow';

import type { CredentialFile } from '../../test/support/n8n';
import type { FakeProcess } from '../fake';

export interface RealN8nContext {
	/** The n8n user folder this package is installed in. */
	userFolder: string;
	/** The fake of Diga, answering after SETTINGS.latencyMs. */
	fake: FakeProcess;
	/** Imports credentials and workflows (each with its id) into this n8n (test/support/n8n.ts). */
	importIntoN8n(what: { credentials?: CredentialFile[]; workflows?: Array<{ id: string }> }): Promise<void>;
}

export interface RealN8nCase<Key extends string, Figures> {
	key: Key;
	run(context: RealN8nContext): Promise<Figures>;
	/** The case's rows in the printed table: a label and its result. */
	rows(figures: Figures): string[][];
}

export type WorkflowNode = Pick<INode, 'name' | 'type' | 'typeVersion' | 'parameters'> & Partial<Pick<INode, 'credentials'>>;

/** A workflow whose nodes run one after another, in the order given. */
export function chain(id: string, name: string, nodes: WorkflowNode[]) {
	const connections: IConnections = {};
	for (const [index, node] of nodes.slice(0, -1).entries()) {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		active: false,
		nodes: nodes.map((node, index) => ({ id: `${id}-${index}`, position: [index * 200, 0], ...node })),
		connections,
		settings: {},
	};
}
