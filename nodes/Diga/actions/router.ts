import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactedNode } from '../helpers/secrets';
import { InputError } from '../helpers/validation';
import { DEFAULT_SETTINGS, digaClient, type Send } from '../transport';
import * as agent from './agent';
import * as call from './call';
import * as phone from './phone';

/** Reads and validates one item's parameters, and returns what is left to send. */
type Prepare = (this: IExecuteFunctions, itemIndex: number) => Send;

const resources: Record<string, Record<string, { prepare: Prepare }>> = {
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
	if (error instanceof InputError) {
		return new NodeOperationError(redactedNode(ctx.getNode()), `${error.parameter} (item ${itemIndex}): ${error.problem}`, {
			description: error.hint,
			itemIndex,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(redactedNode(ctx.getNode()), error as Error, { itemIndex });
}

/** For an item left unsent because Diga refused the API key for an earlier item of the run. */
function notSent(ctx: IExecuteFunctions, refused: NodeApiError): NodeApiError {
	return new NodeApiError(redactedNode(ctx.getNode()), { message: refused.message } as JsonObject, {
		message: refused.message,
		description: `${refused.description ?? ''} Not sent: Diga had already refused this API key for an earlier item.`.trim(),
		httpCode: refused.httpCode ?? undefined,
	});
}

/** Runs `task` for every index with at most `limit` in flight, until a task returns false. */
async function forEachConcurrently(count: number, limit: number, task: (index: number) => Promise<boolean>) {
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < count) {
			if (!(await task(next++))) stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
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
	await forEachConcurrently(items.length, concurrency, async (itemIndex) => {
		const send = prepared[itemIndex];
		if (!send) return true;
		try {
			if (keyRefused) throw notSent(this, keyRefused);
			results[itemIndex] = this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(await send(diga)), {
				itemData: { item: itemIndex },
			});
		} catch (error) {
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
	if (failure) throw failure;
	return [results.flat()];
}
