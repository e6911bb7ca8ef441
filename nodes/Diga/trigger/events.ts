import type { IDataObject } from 'n8n-workflow';

import { SIMPLE_FIELDS, simplify } from '../shared/simplify';
import { isEnded, type CallRecord } from './call';
import type { CallSource } from './source';

/*
 * From a call to the item a workflow receives. Kept apart from how calls are found (polling today),
 * so a webhook trigger can emit the same items for the same events.
 */

export interface ItemOptions {
	simplify: boolean;
	includeTranscript: boolean;
	includeRecordingUrl: boolean;
}

const MESSAGE_FIELDS = ['role', 'content', 'created_date'];

export async function callItem(call: CallRecord, options: ItemOptions, source: CallSource): Promise<IDataObject> {
	const json = options.simplify ? simplify(call, SIMPLE_FIELDS.call) : { ...call };
	if (options.includeRecordingUrl) {
		const listed = typeof call.recording_url === 'string' && call.recording_url !== '' ? call.recording_url : null;
		// A recording exists only once the call is over; Diga's list may not carry its link yet.
		json.recording_url = listed ?? (isEnded(call) ? await source.recordingUrl(call.id) : null);
	}
	if (options.includeTranscript) {
		const messages = await source.messages(call.id);
		json.messages = options.simplify ? messages.map((message) => simplify(message, MESSAGE_FIELDS)) : messages;
	}
	return json;
}

/** One item per call, in order; one request after another, so a poll's requests stay few at a time. */
export async function callItems(calls: CallRecord[], options: ItemOptions, source: CallSource): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (const call of calls) items.push(await callItem(call, options, source));
	return items;
}
