import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiError, download, type Send } from '../../shared/transport';
import { locator, locatorId } from '../../shared/locators';
import { binaryPropertyField, binaryPropertyOf, downloadLimitsOf, fileItem, fileNameFor, mimeTypeOf } from './files';

const properties: INodeProperties[] = [
	locator('call', { name: 'callId', displayName: 'Call', description: 'The call whose recording to download. Choose one of the latest calls, or give its ID.', required: true }),
	binaryPropertyField,
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getRecording'] } }, properties);

/**
 * Diga gives a link to the recording (`GET /v1/recording/{call_id}`), often signed and on another
 * host; the file is fetched from it without the API key.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const callId = locatorId(this, 'callId', itemIndex, 'call', 'Call');
	const property = binaryPropertyOf(this, itemIndex);
	const limits = downloadLimitsOf(this);
	return async (diga) => {
		const { recording_url: link } = await diga.request<IDataObject>({ method: 'GET', path: `/v1/recording/${callId}` });
		if (typeof link !== 'string' || link.trim() === '') {
			throw apiError(this, {
				message: `Diga gave no recording link for call ${callId}`,
				description: 'The call may have no recording (it was not answered, or recording is off), or it is not ready yet. Check the call with Call > Get.',
			});
		}
		const binary = await download(this, link, 'recording', limits, async (file) => await this.helpers.prepareBinaryData(file.body, fileNameFor(`diga-call-${callId}`, file), mimeTypeOf(file)));
		return fileItem({ call_id: callId }, property, binary);
	};
}
