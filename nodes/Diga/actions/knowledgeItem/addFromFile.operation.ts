import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError, requiredText, text } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';
import { uploaded } from './fields';
import { multipartBody } from './multipart';

/** Diga's largest knowledge file: 10 MB, from its docs (Knowledge Bases > Limits); the contract gives none. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to be uploaded',
		description: 'The binary property of the input item that holds the file: PDF, Word (.docx), Markdown, plain text or HTML, up to 10 MB',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Price list 2026',
		description: 'The name of the knowledge item. Left empty, the file name is used.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['knowledgeItem'], operation: ['addFromFile'] } }, properties);

/** A file Diga would refuse for its size, refused before anything is sent. */
export function checkFileSize(bytes: number, fileName: string): void {
	if (bytes <= MAX_FILE_BYTES) return;
	const mb = (bytes / 1024 / 1024).toFixed(1);
	throw new InputError('Input Binary Field', `the file "${fileName}" has ${mb} MB, more than the 10 MB Diga takes`, 'Split the file, or compress its images, so that each part stays under 10 MB.');
}

/** The file's size when n8n knows it without reading the file: its byte count, or the length of inline data. */
function knownSize(binary: IBinaryData): number | undefined {
	if (typeof binary.bytes === 'number') return binary.bytes;
	return binary.id ? undefined : Math.floor((binary.data.replace(/=+$/, '').length * 3) / 4);
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const property = requiredText(this.getNodeParameter('binaryPropertyName', itemIndex), 'Input Binary Field', 'Give the name of the binary field that holds the file, e.g. data.');
	const binary = this.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) {
		const present = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
		throw new InputError(
			'Input Binary Field',
			`the item has no binary field "${property}"`,
			present.length > 0
				? `Use one of the binary fields the item has: ${present.join(', ')}.`
				: 'The item holds no file: put a node that reads or downloads the file (Read/Write Files from Disk, HTTP Request with the response as a file) before this one.',
		);
	}
	const fileName = binary.fileName || `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const size = knownSize(binary);
	if (size !== undefined) checkFileSize(size, fileName);
	const name = text(this.getNodeParameter('name', itemIndex), 'Name') || fileName;
	return async (diga) => {
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		checkFileSize(data.length, fileName);
		// The fields Diga's contract names for a file upload: name, category (`file`, as its item categories call it), file.
		const { body, contentType } = multipartBody([
			{ field: 'name', value: name },
			{ field: 'category', value: 'file' },
			{ field: 'file', fileName, contentType: binary.mimeType || 'application/octet-stream', data },
		]);
		return uploaded(this, await diga.request({ method: 'POST', path: '/v1/knowledge/item/file', body, contentType, once: true }));
	};
}

/** Creates a knowledge item: never retried where Diga may have acted, so a file is not added twice. */
export const effect: Effect = 'creates';
