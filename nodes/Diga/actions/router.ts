import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError, inputMessage, notSentNote, stopReport, unsupportedOperation } from '../shared/helpers/errors';
import { digaClient, type Effect, type Send, settingsFrom } from '../shared/transport';
import { forEachConcurrently } from './batch';
import * as agent from './agent';
import * as agentVersion from './agentVersion';
import * as call from './call';
import * as knowledgeBase from './knowledgeBase';
import * as knowledgeItem from './knowledgeItem';
import * as phone from './phone';
import * as voice from './voice';

/** Reads and validates one item's parameters, and returns what is left to send. */
type Prepare = (this: IExecuteFunctions, itemIndex: number) => Send;

interface Operation {
	prepare: Prepare;
	effect?: Effect;
	/** The ID the stop report names for a done item, when the output's `id` is not it. */
	doneId?: (json: IDataObject) => unknown;
}

const resources: Record<string, Record<string, Operation>> = {
	agent: agent.operations,
	agentVersion: agentVersion.operations,
	call: call.operations,
	knowledgeBase: knowledgeBase.operations,
	knowledgeItem: knowledgeItem.operations,
	phone: phone.operations,
	voice: voice.operations,
};

function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	// n8n 2.41 gives the node used as an AI agent's tool the type `<name>Tool`.
	const asTool = ctx.getNode().type.endsWith('Tool');
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), inputMessage(error, itemIndex, asTool), { description: error.hint, itemIndex });
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
		description: notSentNote(refused.description ?? undefined),
		httpCode: refused.httpCode ?? undefined,
	});
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), unsupportedOperation(resource, operation));
	}
	// Options shape the whole run, so they are read once, from the first item.
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = settingsFrom(options);
	const { concurrency } = settings;
	const diga = digaClient(this, settings);
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
	// A call placed before its item failed (waiting for its end): reported as placed, never as not done.
	const placed: Array<string | undefined> = [];
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
			if (nodeError.context.placedId) placed[itemIndex] = String(nodeError.context.placedId);
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
			const doneIds = results.map((result) => result?.map((item) => handler.doneId?.(item.json) ?? item.json.id) ?? []);
			// `agentVersion` is named as a person reads it: `agent version`.
			const report = stopReport(resource.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`), outcomes, doneIds, failure.context.itemIndex as number, placed);
			failure.description = [failure.description, report].filter(Boolean).join(' ');
		}
		throw failure;
	}
	return [results.flat()];
}
