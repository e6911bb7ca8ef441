import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DigaClient, Send } from '../../shared/transport';
import { callLocator, locatorId } from '../../shared/locators';

/** The largest page Diga serves for messages. */
const MESSAGE_PAGE_SIZE = 1000;

const properties: INodeProperties[] = [callLocator];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getTranscript'] } }, properties);

/** Every message of a call, oldest first. */
export async function readTranscript(diga: DigaClient, callId: string): Promise<IDataObject[]> {
	return await diga.requestAll<IDataObject>({ method: 'GET', path: `/v1/call/${callId}/message`, qs: { order: 'asc' } }, MESSAGE_PAGE_SIZE);
}

/** One item per message, oldest first; a call without messages gives no items. */
export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const callId = locatorId(this, 'callId', itemIndex, 'call', 'Call');
	return async (diga) => await readTranscript(diga, callId);
}
