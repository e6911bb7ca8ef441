import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

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

/** A part of an item Diga refused for this call (it answered, with an error other than 404). */
export interface PartFailure {
	callId: string;
	field: 'messages' | 'recording_url';
	message: string;
}

/**
 * One part of an item (the transcript, the recording link). When Diga answers its request with an
 * error, the part is null and `<field>_error` says why: one call's bad transcript does not hold back
 * the others. A request that got no answer at all (network, n8n itself) fails the poll as before.
 */
async function part<T>(json: IDataObject, failures: PartFailure[], callId: string, field: PartFailure['field'], read: () => Promise<T>): Promise<void> {
	json[field] = (await read().catch((error: unknown) => {
		if (!(error instanceof NodeApiError) || !error.httpCode) throw error;
		json[`${field}_error`] = error.message;
		failures.push({ callId, field, message: error.message });
		return null;
	})) as IDataObject[keyof IDataObject];
}

export async function callItem(call: CallRecord, options: ItemOptions, source: CallSource, failures: PartFailure[] = []): Promise<IDataObject> {
	const json = options.simplify ? simplify(call, SIMPLE_FIELDS.call) : { ...call };
	if (options.includeRecordingUrl) {
		const listed = typeof call.recording_url === 'string' && call.recording_url !== '' ? call.recording_url : null;
		// A recording exists only once the call is over; Diga's list may not carry its link yet.
		await part(json, failures, call.id, 'recording_url', async () => listed ?? (isEnded(call) ? await source.recordingUrl(call.id) : null));
	}
	if (options.includeTranscript) {
		await part(json, failures, call.id, 'messages', async () => {
			const messages = await source.messages(call.id);
			return options.simplify ? messages.map((message) => simplify(message, MESSAGE_FIELDS)) : messages;
		});
	}
	return json;
}

export interface BuiltItems {
	items: IDataObject[];
	failures: PartFailure[];
}

/**
 * One item per call, in order, one request after another, so a poll's requests stay few at a time.
 * Past `deadline` (ms, Date.now()), the calls not reached are left out (at least one item is built).
 */
export async function callItems(calls: CallRecord[], options: ItemOptions, source: CallSource, deadline = Infinity): Promise<BuiltItems> {
	const built: BuiltItems = { items: [], failures: [] };
	for (const call of calls) {
		if (built.items.length > 0 && Date.now() > deadline) break;
		built.items.push(await callItem(call, options, source, built.failures));
	}
	return built;
}
