import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError, uuid } from '../../shared/helpers/validation';
import { apiError, digaFailureOf, download, type Downloaded, safeLink, type Send } from '../../shared/transport';
import { binaryPropertyField, binaryPropertyOf, downloadLimitsOf, fileItem } from './files';

/** The most calls Diga puts in one ZIP. */
export const BULK_LIMIT = 50;

const properties: INodeProperties[] = [
	{
		displayName: 'Call IDs',
		name: 'callIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3c90c3cc-0d44-4b50-8888-8dd25736052a, 7c9e6679-7425-40de-944b-e07fc1f90ae7',
		description: `The calls whose recordings go in the ZIP: IDs separated by commas, spaces or new lines, or a list from an expression. More than ${BULK_LIMIT} give one ZIP per ${BULK_LIMIT}.`,
	},
	binaryPropertyField,
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getRecordings'] } }, properties);

const HINT = 'Give call IDs (UUIDs, the id that Call > Get Many returns) separated by commas, or an expression that returns a list of them.';

/** The call IDs an item gives, checked, each once, in the order given. */
export function callIdsOf(value: unknown): string[] {
	const parts = Array.isArray(value) ? (value as unknown[]) : typeof value === 'string' ? value.split(/[\s,;]+/) : [value];
	const given = parts.filter((part) => part !== undefined && part !== null && part !== '');
	if (given.length === 0) throw new InputError('Call IDs', 'is empty', HINT);
	return [...new Set(given.map((part) => uuid(part, 'Call IDs', HINT)))];
}

/** Groups of at most `size`, in order. */
export function chunks<T>(list: T[], size: number): T[][] {
	return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

// A ZIP starts with a local file header, or with the end record when it is empty.
const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && [3, 5, 7].includes(bytes[2]);

/** The contract gives no schema for the answer: a JSON answer is read as a link to the ZIP, if it holds one. */
function linkIn(bytes: Buffer): string | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(bytes.toString('utf8'));
	} catch {
		return undefined;
	}
	if (typeof parsed === 'string') return safeLink(parsed) ? parsed : undefined;
	if (typeof parsed !== 'object' || parsed === null) return undefined;
	const links = Object.values(parsed as IDataObject).filter((value): value is string => safeLink(value) !== undefined);
	return links.length === 1 ? links[0] : undefined;
}

/** Diga's answer for a group of calls none of which has a recording. */
const isNoRecordings = (error: unknown) => {
	const failure = digaFailureOf(error);
	return failure?.status === 404 && failure.code === 'NO_RECORDINGS_FOUND';
};

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const groups = chunks(callIdsOf(this.getNodeParameter('callIds', itemIndex)), BULK_LIMIT);
	const property = binaryPropertyOf(this, itemIndex);
	const limits = downloadLimitsOf(this);
	return async (diga) => {
		const items: IDataObject[] = [];
		// A group without any recording does not fail the others: its calls are named on every ZIP item.
		const without: string[] = [];
		for (const [index, callIds] of groups.entries()) {
			const answer = await diga
				.request<Buffer>({ method: 'POST', path: '/v1/recording/bulk', body: { call_ids: callIds }, answer: 'file' })
				.catch((error: unknown) => {
					if (isNoRecordings(error)) return undefined;
					throw error;
				});
			if (!answer) {
				without.push(...callIds);
				continue;
			}
			const link = isZip(answer) ? undefined : linkIn(answer);
			if (!link && !isZip(answer)) {
				throw apiError(this, {
					message: "Diga's answer to POST /v1/recording/bulk was neither a ZIP file nor a link to one",
					description: 'Nothing was output. Check the Base URL in the Diga API credential; if it happens again, tell Diga support.',
				});
			}
			const part = groups.length > 1 ? `-${index + 1}-of-${groups.length}` : '';
			const keep = async (zip: Buffer | Downloaded['body']) => await this.helpers.prepareBinaryData(zip, `diga-recordings${part}.zip`, 'application/zip');
			const binary = link ? await download(this, link, 'ZIP', { ...limits, expect: isZip }, async (file) => await keep(file.body)) : await keep(answer);
			items.push(fileItem({ call_ids: callIds, part: index + 1, parts: groups.length }, property, binary));
		}
		if (items.length === 0) {
			throw apiError(
				this,
				{
					message: `Diga has no recording for any of the ${without.length} calls (404 NO_RECORDINGS_FOUND)`,
					description: 'Calls that were not answered, or that ran with recording off, have none. Check the calls with Call > Get.',
				},
				404,
			);
		}
		for (const item of items) (item.json as IDataObject).calls_without_recordings = [...without];
		return items;
	};
}
