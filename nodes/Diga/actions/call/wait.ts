import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { flag, InputError, wholeNumber } from '../../shared/helpers/validation';
import { isEnded } from '../../shared/calls';
import { apiError, type DigaClient } from '../../shared/transport';
import { readTranscript } from './getTranscript.operation';


/** Polls start 1 s apart and double, up to 15 s: short calls end quickly, long ones cost few requests. */
export const FIRST_POLL_MS = 1000;
export const MAX_POLL_MS = 15_000;
export const pollDelayMs = (poll: number): number => Math.min(FIRST_POLL_MS * 2 ** Math.min(poll, 10), MAX_POLL_MS);

export const MAX_WAIT_SECONDS = 3600;

export interface WaitSettings {
	maxWaitMs: number;
	failOnTimeout: boolean;
	includeTranscript: boolean;
}

const show = { operation: ['make'], resource: ['call'] };

export const waitProperties: INodeProperties[] = [
	{
		displayName: 'Wait for the Call to End',
		name: 'waitForEnd',
		type: 'boolean',
		default: false,
		description: 'Whether to output the call once it has ended (status, end reason, duration) instead of as soon as it is placed',
	},
	{
		displayName: 'Maximum Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		default: 300,
		typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
		displayOptions: { show: { ...show, waitForEnd: [true] } },
		description: 'How long to wait for the call to end, at most one hour. The call goes on in Diga after that.',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		default: 'output',
		displayOptions: { show: { ...show, waitForEnd: [true] } },
		options: [
			{ name: 'Output the Call As It Is', value: 'output', description: 'Output the latest state of the call, with wait_timed_out set to true' },
			{ name: 'Fail', value: 'fail', description: 'Fail the item; the call was placed and is not placed again' },
		],
		description: 'What to do when the call has not ended within the Maximum Wait',
	},
	{
		displayName: 'Include Transcript',
		name: 'includeTranscript',
		type: 'boolean',
		default: false,
		displayOptions: { show: { ...show, waitForEnd: [true] } },
		description: 'Whether to add the messages of the call, oldest first, as messages',
	},
];

/** The wait settings of one item; undefined when it does not wait. */
export function waitSettingsOf(ctx: IExecuteFunctions, itemIndex: number): WaitSettings | undefined {
	if (!flag(ctx.getNodeParameter('waitForEnd', itemIndex, false), 'Wait for the Call to End')) return undefined;
	const seconds = wholeNumber(ctx.getNodeParameter('maxWait', itemIndex, 300), 'Maximum Wait (Seconds)', 1);
	if (seconds > MAX_WAIT_SECONDS) {
		throw new InputError('Maximum Wait (Seconds)', `${seconds} is more than one hour`, `Give at most ${MAX_WAIT_SECONDS} seconds, and read longer calls later with Call > Get.`);
	}
	return {
		maxWaitMs: seconds * 1000,
		failOnTimeout: ctx.getNodeParameter('onTimeout', itemIndex, 'output') === 'fail',
		includeTranscript: flag(ctx.getNodeParameter('includeTranscript', itemIndex, false), 'Include Transcript'),
	};
}

const NOT_AGAIN = 'Do not run this item again, or the call is placed a second time: read the call later with Call > Get.';

/** An error after the call was placed: it says so, with the call's ID, and is marked for the stop report. */
function afterPlacing(ctx: IExecuteFunctions, callId: string, error: unknown, cancelled: boolean): NodeApiError | NodeOperationError {
	const placed = `Call ${callId} was placed`;
	const reason = error instanceof Error ? error.message : String(error);
	const description = `${cancelled ? 'The call goes on in Diga.' : ((error as NodeApiError).description ?? '')} ${NOT_AGAIN}`.trim();
	const message = cancelled ? `${placed}; the execution was cancelled while waiting for it to end` : `${placed}, but waiting for it to end failed: ${reason}`;
	const wrapped =
		error instanceof NodeApiError && !cancelled
			? apiError(ctx, { message, description }, error.httpCode ? Number(error.httpCode) : undefined)
			: new NodeOperationError(ctx.getNode(), message, { description });
	wrapped.context.placedId = callId;
	return wrapped;
}

/**
 * Polls the placed call until it ends or the Maximum Wait is over, stopping at once when the execution
 * is cancelled. Never places the call again: every failure says the call was placed.
 */
export async function waitForEnd(ctx: IExecuteFunctions, diga: DigaClient, placed: IDataObject, settings: WaitSettings): Promise<IDataObject> {
	const callId = String(placed.id);
	const signal = ctx.getExecutionCancelSignal();
	const deadline = Date.now() + settings.maxWaitMs;
	let call = placed;
	try {
		for (let poll = 0; !isEnded(call); poll++) {
			const left = deadline - Date.now();
			if (left <= 0) break;
			await sleep(Math.min(pollDelayMs(poll), left), signal);
			// An n8n whose sleep ignores the signal still stops before the next request.
			if (signal?.aborted) break;
			call = await diga.request({ method: 'GET', path: `/v1/call/${callId}` });
		}
	} catch (error) {
		throw afterPlacing(ctx, callId, error, signal?.aborted === true);
	}
	if (signal?.aborted) throw afterPlacing(ctx, callId, undefined, true);
	const ended = isEnded(call);
	if (!ended && settings.failOnTimeout) {
		const error = new NodeOperationError(ctx.getNode(), `Call ${callId} was placed and had not ended after ${settings.maxWaitMs / 1000} s (status ${String(call.status)})`, {
			description: `Raise Maximum Wait, or set On Timeout to output the call as it is. ${NOT_AGAIN}`,
		});
		error.context.placedId = callId;
		throw error;
	}
	const result: IDataObject = { ...call, wait_timed_out: !ended };
	if (settings.includeTranscript) {
		try {
			result.messages = await readTranscript(diga, callId);
		} catch (error) {
			throw afterPlacing(ctx, callId, error, false);
		}
	}
	return result;
}
