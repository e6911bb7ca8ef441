import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type DigaClient, digaFailureOf, type Send } from '../../shared/transport';
import { callLocator, locatorId } from '../../shared/locators';

/** The largest page Diga serves for messages. */
const MESSAGE_PAGE_SIZE = 1000;

const properties: INodeProperties[] = [callLocator];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getTranscript'] } }, properties);

/** How Diga answers for a call that has no messages (an unanswered call, one still ringing): not a missing call. */
const NO_MESSAGES = 'NO_MESSAGES_FOR_CALL';

/**
 * Every message of a call, oldest first; none for a call Diga says has no messages. A 404 without that
 * code still means there is no such call, and fails.
 */
export async function readTranscript(diga: DigaClient, callId: string): Promise<IDataObject[]> {
	const messages = diga.requestAll<IDataObject>({ method: 'GET', path: `/v1/call/${callId}/message`, qs: { order: 'asc' } }, MESSAGE_PAGE_SIZE);
	return await messages.catch((error: unknown) => {
		const failure = digaFailureOf(error);
		if (failure?.status === 404 && failure.code === NO_MESSAGES) return [];
		throw error;
	});
}

/** One item per message, oldest first; a call without messages gives no items. */
export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const callId = locatorId(this, 'callId', itemIndex, 'call', 'Call');
	return async (diga) => await readTranscript(diga, callId);
}
