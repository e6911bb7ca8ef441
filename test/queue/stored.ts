/**
 * What n8n stored in Postgres, read with psql: the executions of a workflow (execution_entity), their run
 * data (execution_data, in n8n's flatted form), a workflow's static data, and binary files of the
 * `database` binary-data mode (binary_data).
 */
import { sleep } from 'n8n-workflow';

import { unflatten } from '../support/n8n-server';
import type { Postgres } from '../support/services';

export interface StoredExecution {
	id: string;
	mode: string;
	status: string;
	stopped: boolean;
}

export interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, { id?: string; fileName?: string; mimeType?: string; fileSize?: string; data?: string }>;
}

type RunData = Record<string, Array<{ data?: { main?: Array<Item[] | null> } }>>;

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const rows = (text: string) => text.split('\n').filter(Boolean);

/** The workflow's executions, oldest first. */
export function executionsOf(pg: Postgres, workflowId: string): StoredExecution[] {
	return rows(pg.sql(`select id, mode, status, ("stoppedAt" is not null) from execution_entity where "workflowId" = ${quote(workflowId)} order by id`)).map((line) => {
		const [id, mode, status, stopped] = line.split('|');
		return { id, mode, status, stopped: stopped === 't' };
	});
}

/** Waits until the workflow has at least `count` stopped executions; returns them all. */
export async function waitForStored(pg: Postgres, workflowId: string, count: number, timeoutMs = 120_000, why = () => ''): Promise<StoredExecution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const stopped = executionsOf(pg, workflowId).filter((execution) => execution.stopped);
		if (stopped.length >= count) return stopped;
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${stopped.length} of ${count} executions stored after ${timeoutMs / 1000} s\n${why()}`);
		await sleep(500);
	}
}

/** An execution's run data, by node name. */
export function runDataOf(pg: Postgres, executionId: string): RunData {
	const text = pg.sql(`select data from execution_data where "executionId" = ${Number(executionId)}`).trim();
	return (unflatten(text) as { resultData: { runData: RunData } }).resultData.runData;
}

/** The items a node output in an execution (its first run), on output `index`. */
export function outputOf(pg: Postgres, executionId: string, node: string, index = 0): Item[] {
	return runDataOf(pg, executionId)[node]?.[0]?.data?.main?.[index] ?? [];
}

/** A workflow's static data as n8n stored it (null when none). */
export function staticDataOf(pg: Postgres, workflowId: string): Record<string, unknown> | null {
	const text = pg.sql(`select "staticData" from workflow_entity where id = ${quote(workflowId)}`).trim();
	return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

/** How many rows of these tables hold `needle` anywhere in their text. */
export function rowsContaining(pg: Postgres, table: string, needle: string): number {
	return Number(pg.sql(`select count(*) from ${table} t where position(${quote(needle)} in t::text) > 0`).trim());
}

/** When each of the workflow's executions started and stopped (ms since the epoch), oldest first. */
export function timesOf(pg: Postgres, workflowId: string): Array<{ id: string; startedAt: number; stoppedAt: number }> {
	const query = `select id, round(extract(epoch from "startedAt") * 1000), round(extract(epoch from "stoppedAt") * 1000) from execution_entity where "workflowId" = ${quote(workflowId)} and "stoppedAt" is not null order by id`;
	return rows(pg.sql(query)).map((line) => {
		const [id, startedAt, stoppedAt] = line.split('|');
		return { id, startedAt: Number(startedAt), stoppedAt: Number(stoppedAt) };
	});
}
