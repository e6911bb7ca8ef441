/* eslint-disable no-console -- the benches print their tables */
/**
 * What the benches share: their settings, the work they send (the Diga node's Update Phone and n8n's
 * HTTP Request node doing the same PATCH), how legs are interleaved, and how samples are summed up.
 * A new case (say, a webhook round trip in real n8n) takes its legs, `interleave` and `percentile`
 * from here and writes its own key into the results file.
 */
import type { INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';

import { loadPackage } from '../test/support/engine';
import settings from './settings.json';

/** Shared by the engine bench and the real-n8n bench, so both measure the same run. */
export const SETTINGS: { items: number; latencyMs: number; repeats: number; slowItems: number; slowLatencyMs: number } = settings;

/** Nearest-rank percentile (p in 0-100) of `values`: one of the values, never an average of two. */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: number[]) => percentile(values, 50);
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
/** The least a bulk run can take: `ceil(items / concurrency)` rounds of one latency each. */
export const idealMs = (items: number, concurrency: number, latencyMs: number) => Math.ceil(items / concurrency) * latencyMs;

/**
 * Runs every leg once to warm up, then all legs in turn `repeats` times, so a busy moment of the
 * machine falls on the floors and the node alike rather than on one of them.
 */
export async function interleave<Name extends string, Sample>(
	legs: Record<Name, () => Promise<Sample>>,
	{ repeats, warmUp }: { repeats: number; warmUp?: Record<Name, () => Promise<unknown>> },
): Promise<Record<Name, Sample[]>> {
	const names = Object.keys(legs) as Name[];
	for (const name of names) await (warmUp ?? legs)[name]();
	const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<Name, Sample[]>;
	for (let repeat = 0; repeat < repeats; repeat++) {
		for (const name of names) samples[name].push(await legs[name]());
	}
	return samples;
}

/** The Diga node's fields, from the built package, as a user gets them. */
async function digaProperties(): Promise<INodeProperties[]> {
	return ((await loadPackage()).getNode('diga').type as INodeType).description.properties;
}

/** The Diga node's Concurrency option: its default and its maximum. */
export async function concurrencyOption(): Promise<{ default: number; max: number }> {
	const options = (await digaProperties()).find((property) => property.name === 'options')?.options as INodeProperties[];
	const concurrency = options.find((option) => option.name === 'concurrency');
	return { default: Number(concurrency?.default), max: Number(concurrency?.typeOptions?.maxValue) };
}

/** The Diga node's parameters: Update Phone, a new nickname for the phone whose ID is in the item's `idField`. */
export function digaUpdate(idField: string, concurrency: number): INodeParameters {
	return {
		resource: 'phone',
		operation: 'update',
		phoneId: { __rl: true, mode: 'id', value: `={{ $json.${idField} }}` },
		updateFields: { nickname: 'Front desk' },
		options: { concurrency },
	};
}

/**
 * n8n's HTTP Request node sending the same PATCH, body and bearer header (a generic Bearer Auth
 * credential), `batchSize` requests every `batchInterval` ms.
 */
export function httpRequestUpdate(baseUrl: string, idField: string, batchSize: number, batchInterval: number): INodeParameters {
	return {
		method: 'PATCH',
		url: `={{ "${baseUrl}/v1/phone/" + $json.${idField} }}`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpBearerAuth',
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: '{"nickname": "Front desk"}',
		options: { batching: { batch: { batchSize, batchInterval } } },
	};
}

/** Prints rows as a plain-text table, the first row its head. */
export function printTable(rows: string[][]): void {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	console.log([line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n'));
}
