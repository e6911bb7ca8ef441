import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredText } from '../../shared/helpers/validation';
import { bounded, type DownloadLimits, type Downloaded, settingsFrom } from '../../shared/transport';

/** The field of the output item that holds the file, named as in n8n's own download operations. */
export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	placeholder: 'e.g. data',
	hint: 'The name of the output binary field to put the file in',
	description: 'Use this field name in the following nodes, to use the binary file data',
};

export function binaryPropertyOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requiredText(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Put Output File in Field', 'Give the name of a binary field, e.g. data.');
}

/** The Timeout option, read as the router reads it, which bounds a whole download, and the Max File Size option. */
export function downloadLimitsOf(ctx: IExecuteFunctions): DownloadLimits {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return { timeoutMs: settingsFrom(options).timeoutMs, maxBytes: bounded('maxFileMb', options.maxFileMb) * 1048576 };
}

const EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/wave': 'wav',
	'audio/x-wav': 'wav',
	'audio/ogg': 'ogg',
	'audio/webm': 'webm',
	'audio/mp4': 'm4a',
	'audio/x-m4a': 'm4a',
	'audio/aac': 'aac',
	'audio/flac': 'flac',
	'application/zip': 'zip',
};

/** `base` with the extension of the link's file name, or else the one of its MIME type. */
export function fileNameFor(base: string, file: Pick<Downloaded, 'name' | 'mimeType'>, fallback?: string): string {
	const fromLink = /\.([A-Za-z0-9]{1,5})$/.exec(file.name ?? '')?.[1]?.toLowerCase();
	const extension = fromLink ?? EXTENSIONS[file.mimeType ?? ''] ?? fallback;
	return extension ? `${base}.${extension}` : base;
}

/** The MIME type to store: the server's, unless it only says "bytes"; n8n then guesses from the name. */
export function mimeTypeOf(file: Pick<Downloaded, 'mimeType'>): string | undefined {
	return file.mimeType && file.mimeType !== 'application/octet-stream' && file.mimeType !== 'binary/octet-stream' ? file.mimeType : undefined;
}

/** One output item holding a file, with a few facts about it in its json. */
export function fileItem(json: IDataObject, property: string, binary: IBinaryData): IDataObject {
	return { json: { ...json, file_name: binary.fileName ?? null, mime_type: binary.mimeType }, binary: { [property]: binary } } as unknown as IDataObject;
}
