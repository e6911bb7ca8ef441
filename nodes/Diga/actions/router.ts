import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from '../helpers/validation';
import { DEFAULT_SETTINGS, digaClient, type Effect, type Send } from '../transport';
import * as agent from './agent';
import * as call from './call';
import * as phone from './phone';

/** Reads and validates one item's parameters, and returns what is left to send. */
type Prepare = (this: IExecuteFunctions, itemIndex: number) => Send;

interface Operation {
	prepare: Prepare;
	effect?: Effect;
}

const resources: Record<string, Record<string, Operation>> = {
	agent: agent.operations,
	call: call.operations,
	phone: phone.operations,
};

export const MAX_CONCURRENCY = 20;

/** An option as a whole number within its bounds; the default when it is not a number at all. */
function bounded(value: unknown, fallback: number, min: number, max: number): number {
	const number = Math.floor(Number(value ?? fallback));
	return Number.isFinite(number) ? Math.min(Math.max(number, min), max) : fallback;
}

function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	// An AI agent's model reads only the message (n8n 2.41 gives the node the type `<name>Tool`): as a
	// tool, the message carries the fix, and no item number, which means nothing to the model.
	const asTool = ctx.getNode().type.endsWith('Tool');
	if (error instanceof InputError) {
		const message = asTool ? `${error.parameter}: ${error.problem}. ${error.hint}` : `${error.parameter} (item ${itemIndex}): ${error.problem}`;
		return new NodeOperationError(ctx.getNode(), message, { description: error.hint, itemIndex });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		if (asTool && error.description && !error.message.includes(error.description)) error.message = `${error.message} ${error.description}`;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** For an item left unsent because Diga refused the API key for an earlier item of the run. */
function notSent(ctx: IExecuteFunctions, refused: NodeApiError): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: refused.message } as JsonObject, {
		message: refused.message,
		description: `${refused.description ?? ''} Not sent: Diga had already refused this API key for an earlier item.`.trim(),
		httpCode: refused.httpCode ?? undefined,
	});
}

/**
 * Runs `task` for every index, in order, with at most `limit` in flight, until a task returns false;
 * nothing starts after that. An index starts only when it is less than `window` places ahead of the
 * lowest unfinished one, so what runs past a failing index is bounded.
 */
async function forEachConcurrently(count: number, limit: number, window: number, task: (index: number) => Promise<boolean>) {
	let next = 0;
	let lowestUnfinished = 0;
	let stopped = false;
	const finished: boolean[] = new Array(count).fill(false);
	let waiting: Array<() => void> = [];
	const worker = async () => {
		while (!stopped && next < count) {
			const index = next++;
			while (!stopped && index - lowestUnfinished >= window) await new Promise<void>((resolve) => waiting.push(resolve));
			if (stopped) return;
			if (!(await task(index))) stopped = true;
			finished[index] = true;
			while (finished[lowestUnfinished]) lowestUnfinished++;
			const wake = waiting;
			waiting = [];
			wake.forEach((resolve) => resolve());
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** `item 4`, `items 1, 3-5, 9`: item indexes, as ranges. */
function itemList(indexes: number[]): string {
	const ranges: string[] = [];
	for (let start = 0; start < indexes.length; ) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		ranges.push(end > start ? `${indexes[start]}-${indexes[end]}` : `${indexes[start]}`);
		start = end + 1;
	}
	return `${indexes.length > 1 ? 'items' : 'item'} ${ranges.join(', ')}`;
}

/**
 * What a stopped run had already done in Diga, and what it never sent, so a rerun after the fix can
 * leave out the items that went through instead of placing those calls or imports again.
 */
function stopReport(resource: string, outcomes: Array<'done' | 'failed' | undefined>, results: INodeExecutionData[][], failedAt: number): string {
	const done = outcomes.flatMap((outcome, itemIndex) => {
		if (outcome !== 'done') return [];
		const ids = results[itemIndex].map((item) => item.json.id).filter((id) => id !== undefined && id !== null);
		return [ids.length > 0 ? `item ${itemIndex} (${resource} ${ids.join(', ')})` : `item ${itemIndex}`];
	});
	const indexes = outcomes.map((_, itemIndex) => itemIndex);
	const otherFailures = indexes.filter((itemIndex) => outcomes[itemIndex] === 'failed' && itemIndex !== failedAt);
	const notRun = indexes.filter((itemIndex) => outcomes[itemIndex] === undefined);
	return [
		done.length > 0 ? `Already done before the stop: ${done.join(', ')}.` : 'Nothing was done in Diga before the stop.',
		otherFailures.length > 0 ? `Also failed: ${itemList(otherFailures)}.` : '',
		notRun.length > 0 ? `Not sent: ${itemList(notRun)}.` : '',
		'Leave out the items already done before you run the node again, or set On Error to "Continue (using error output)" so every item reports its own outcome.',
	]
		.filter(Boolean)
		.join(' ');
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	// Options shape the whole run, so they are read once, from the first item.
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = bounded(options.concurrency, 5, 1, MAX_CONCURRENCY);
	const diga = digaClient(this, {
		timeoutMs: bounded(options.timeout, DEFAULT_SETTINGS.timeoutMs, 1000, 600_000),
		maxRetries: bounded(options.maxRetries, DEFAULT_SETTINGS.maxRetries, 0, 10),
		concurrency,
	});
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const errorItem = (error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData[] => [
		// n8n sends an item to the error output when its json holds only `error`, `message` and `details`.
		{ json: { error: error.message, details: error.description ?? null }, pairedItem: { item: itemIndex } },
	];

	// Every item is read and validated before the first request, so bad input never leaves a batch half sent.
	const prepared = items.map((_, itemIndex): Send | undefined => {
		try {
			return handler.prepare.call(this, itemIndex);
		} catch (error) {
			const nodeError = toNodeError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			results[itemIndex] = errorItem(nodeError, itemIndex);
			return undefined;
		}
	});

	let failure: NodeApiError | NodeOperationError | undefined;
	// Once Diga refuses the API key, it would refuse every later item too: those are not sent.
	let keyRefused: NodeApiError | undefined;
	const outcomes: Array<'done' | 'failed' | undefined> = Array.from({ length: items.length }, () => undefined);
	// A stop must not leave calls or imports far past the failing item: creates run in a window.
	const window = !continueOnFail && handler.effect === 'creates' ? concurrency : Infinity;
	await forEachConcurrently(items.length, concurrency, window, async (itemIndex) => {
		const send = prepared[itemIndex];
		if (!send) return true;
		try {
			if (keyRefused) throw notSent(this, keyRefused);
			results[itemIndex] = this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(await send(diga)), {
				itemData: { item: itemIndex },
			});
			outcomes[itemIndex] = 'done';
		} catch (error) {
			outcomes[itemIndex] = 'failed';
			const nodeError = toNodeError(this, error, itemIndex);
			if (nodeError instanceof NodeApiError && nodeError.httpCode === '401') keyRefused ??= nodeError;
			if (!continueOnFail) {
				// Items run side by side: the first failure in input order is the one reported.
				if (!failure || (failure.context.itemIndex as number) > itemIndex) failure = nodeError;
				return false;
			}
			results[itemIndex] = errorItem(nodeError, itemIndex);
		}
		return true;
	});
	if (failure) {
		// With one item there is nothing else to report.
		if (handler.effect && items.length > 1) {
			const report = stopReport(resource, outcomes, results, failure.context.itemIndex as number);
			failure.description = [failure.description, report].filter(Boolean).join(' ');
		}
		throw failure;
	}
	return [results.flat()];
}
