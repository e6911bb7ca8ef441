/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a benchmark that runs in Node, not code that n8n loads */
/** What a case of the real-n8n bench (bench/real-n8n.ts) is, and what it is handed. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { runN8n } from '../../test/support/n8n';
import type { FakeProcess } from '../fake';

export interface RealN8nContext {
	/** The n8n user folder this package is installed in. */
	userFolder: string;
	/** The fake of Diga, answering after SETTINGS.latencyMs. */
	fake: FakeProcess;
	/** Imports credentials (with their ids) and workflows into this n8n. */
	importIntoN8n(what: { credentials: object[]; workflows: object[] }): Promise<void>;
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

/** Imports credentials (with their ids) and workflows into the n8n of `userFolder`. */
export async function importIntoN8n(userFolder: string, { credentials, workflows }: { credentials: object[]; workflows: object[] }): Promise<void> {
	const dir = path.join(userFolder, 'import', String(Date.now()));
	mkdirSync(path.join(dir, 'workflows'), { recursive: true });
	writeFileSync(path.join(dir, 'credentials.json'), JSON.stringify(credentials));
	for (const [index, workflow] of workflows.entries()) writeFileSync(path.join(dir, 'workflows', `${index}.json`), JSON.stringify(workflow));
	for (const args of [
		['import:credentials', `--input=${path.join(dir, 'credentials.json')}`],
		['import:workflow', '--separate', `--input=${path.join(dir, 'workflows')}`],
	]) {
		const result = await runN8n(args, { userFolder, timeoutMs: 180_000 });
		if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stderr.slice(-2000)}`);
	}
}

