/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * The end-to-end cases of calls that last: Make Call waiting for the end of the call, and recordings
 * downloaded as binary data (one call's file, and ZIPs of many). Prism's call never ends (its status is a placeholder) and its recording
 * link is the word "string", so these workflows see stamped answers: a call that ends on its second
 * read, and a link to a storage host of the suite's own, which must never see the API key.
 */
import assert from 'node:assert/strict';

import { CALL_ID, TEST_API_KEY } from '../support/diga';
import { startFakeDiga, type FakeDiga } from '../support/fake-diga';
import { StampedError, type Stamp } from '../support/prism';
import type { Case } from './cases';
import { describeRequest, expectContractClean, expectSuccess, output, type Ctx } from './checks';
import { chain, digaNode, rl, type Json } from './workflows';

/** The recording's bytes: not valid UTF-8, so a download through text would change its size. */
export const RECORDING = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0x10, 0x7f]);

/** The storage host the stamped recording links point at, started by the suite. */
export const storage: { fake?: FakeDiga } = {};

/** An empty ZIP archive (its end record alone): what the node checks a ZIP by is its first bytes. */
export const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);

/** The help page the knowledge example reads from the storage host. */
export const HELP_PAGE = 'Opening hours: Monday to Friday, 9:00 to 18:00.\nClosed on public holidays.\n';

export async function startRecordingStorage(): Promise<FakeDiga> {
	storage.fake = await startFakeDiga((request) => {
		if (request.path.endsWith('.txt')) return { text: HELP_PAGE, headers: { 'content-type': 'text/plain; charset=utf-8' } };
		return request.path.endsWith('.zip') ? { bytes: ZIP, headers: { 'content-type': 'application/zip' } } : { bytes: RECORDING, headers: { 'content-type': 'audio/mpeg' } };
	});
	return storage.fake;
}

const isCallRead = (method: string, path: string) => method === 'GET' && /^\/v1\/call\/[^/]+$/.test(path);

/** A call that is still in progress on its first read and has ended (`completed`) from the second on. */
export function callEndingOnSecondRead(): Stamp {
	let reads = 0;
	return ({ method, path, body }) => {
		if (!isCallRead(method, path)) return undefined;
		reads++;
		const call = body as Json;
		return reads < 2 ? { ...call, status: 'in_progress', end_reason: null, duration: null } : { ...call, status: 'completed', end_reason: 'user_hangup', duration: 42 };
	};
}

/**
 * A call nobody answered: ended on its first read, and Diga's documented answer for the messages of a
 * call that has none (404 NO_MESSAGES_FOR_CALL, in both contracts).
 */
export function unansweredCall(): Stamp {
	return ({ method, path, body }) => {
		if (isCallRead(method, path)) return { ...(body as Json), status: 'completed', end_reason: 'no_answer', duration: 0 };
		if (method === 'GET' && /^\/v1\/call\/[^/]+\/message$/.test(path)) {
			return new StampedError(404, { status: 'error', error_code: 'NO_MESSAGES_FOR_CALL', message: `No messages found for call ${path.split('/')[3]}` });
		}
		return undefined;
	};
}

/** Recording links to the storage host, under the workflow's id so each run finds its own download. */
export function recordingLink(workflowId: string): Stamp {
	return ({ method, path }) =>
		method === 'GET' && path.startsWith('/v1/recording/') ? { recording_url: `${storage.fake?.url}/signed/${workflowId}/${path.split('/').pop()}.mp3?sig=e2e` } : undefined;
}

/** Diga's answer to a bulk download, as a link to the ZIP on the storage host: one file per request. */
export function zipLinks(workflowId: string): Stamp {
	let zips = 0;
	return ({ method, path }) => (method === 'POST' && path === '/v1/recording/bulk' ? { url: `${storage.fake?.url}/signed/${workflowId}/bulk-${++zips}.zip?sig=e2e` } : undefined);
}

/** 51 calls: one more than Diga puts in one ZIP. */
const MANY_CALL_IDS = [CALL_ID, ...Array.from({ length: 50 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`)];

interface BinaryMeta {
	fileName?: string;
	mimeType?: string;
	bytes?: number;
	fileExtension?: string;
}

export const CALL_CASES: Array<Case & { stamp: (workflowId: string) => Stamp }> = [
	{
		key: 'make-call-and-wait',
		title: 'Make Call with Wait for the Call to End returns the ended call, placed once',
		workflow: chain(
			'E2E make call and wait',
			digaNode('Diga', {
				resource: 'call',
				operation: 'make',
				phoneId: rl('number', '+34912345678'),
				toNumber: '+34612345678',
				waitForEnd: true,
				maxWait: 60,
				onTimeout: 'fail',
			}),
		),
		stamp: () => callEndingOnSecondRead(),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectContractClean(ctx);
			const [call, ...more] = output(ctx.run, 'Diga');
			assert.deepEqual(more, [], 'one item');
			assert.equal(call.json.status, 'completed');
			assert.equal(call.json.end_reason, 'user_hangup');
			assert.equal(call.json.wait_timed_out, false);
			assert.deepEqual(ctx.requests.map(describeRequest), ['POST /v1/call/', `GET /v1/call/${String(call.json.id)}`, `GET /v1/call/${String(call.json.id)}`], 'placed once, read until it ended');
		},
	},
	{
		key: 'make-call-unanswered',
		title: 'Make Call waiting with Include Transcript outputs an unanswered call with no messages (Diga: 404 NO_MESSAGES_FOR_CALL)',
		workflow: chain(
			'E2E make call unanswered',
			digaNode('Diga', {
				resource: 'call',
				operation: 'make',
				phoneId: rl('number', '+34912345678'),
				toNumber: '+34612345678',
				waitForEnd: true,
				maxWait: 60,
				onTimeout: 'fail',
				includeTranscript: true,
			}),
		),
		stamp: () => unansweredCall(),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectContractClean(ctx);
			const [call, ...more] = output(ctx.run, 'Diga');
			assert.deepEqual(more, [], 'one item');
			assert.equal(call.json.end_reason, 'no_answer');
			assert.equal(call.json.wait_timed_out, false);
			assert.deepEqual(call.json.messages, [], 'an empty transcript');
			const id = String(call.json.id);
			assert.deepEqual(ctx.requests.map(describeRequest), ['POST /v1/call/', `GET /v1/call/${id}`, `GET /v1/call/${id}/message`], 'placed once, read once, its messages asked for once');
		},
	},
	{
		key: 'get-recording',
		title: 'Get Recording: the file arrives as binary data; the storage host never sees the API key',
		workflow: chain('E2E get recording', digaNode('Diga', { resource: 'call', operation: 'getRecording', callId: rl('id', CALL_ID), binaryPropertyName: 'audio' })),
		stamp: (workflowId) => recordingLink(workflowId),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			assert.deepEqual(ctx.requests.map(describeRequest), [`GET /v1/recording/${CALL_ID}`]);
			expectContractClean(ctx);
			const [item] = output(ctx.run, 'Diga') as Array<{ json: Json; binary?: Record<string, BinaryMeta> }>;
			assert.deepEqual(Object.keys(item.binary ?? {}), ['audio'], 'the file in the binary field the node was given');
			assert.equal(item.binary?.audio.fileName, `diga-call-${CALL_ID}.mp3`);
			assert.equal(item.binary?.audio.mimeType, 'audio/mpeg');
			assert.equal(item.binary?.audio.bytes, RECORDING.length, 'every byte arrived');
			const downloads = storage.fake?.requests.filter((request) => request.path === `/signed/${String(ctx.workflow.id)}/${CALL_ID}.mp3`) ?? [];
			assert.equal(downloads.length, 1, 'downloaded once from the link Diga gave');
			assert.equal(downloads[0].headers.authorization, undefined, 'no Authorization header to the storage host');
			assert.ok(!JSON.stringify(downloads[0].headers).includes(TEST_API_KEY), 'the API key never reaches the storage host');
		},
	},
	{
		key: 'get-recordings-zip',
		title: 'Get Recordings (ZIP): 51 calls make two requests within the contract, two ZIP files, in order',
		workflow: chain('E2E get recordings', digaNode('Diga', { resource: 'call', operation: 'getRecordings', callIds: MANY_CALL_IDS.join(', '), binaryPropertyName: 'zip' })),
		stamp: (workflowId) => zipLinks(workflowId),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectContractClean(ctx);
			assert.deepEqual(ctx.requests.map(describeRequest), ['POST /v1/recording/bulk', 'POST /v1/recording/bulk']);
			const items = output(ctx.run, 'Diga') as Array<{ json: Json; binary?: Record<string, BinaryMeta> }>;
			assert.deepEqual(
				items.map((item) => [(item.json.call_ids as string[]).length, item.json.part, item.json.parts]),
				[
					[50, 1, 2],
					[1, 2, 2],
				],
				'one item per ZIP: 50 calls, then the one left',
			);
			assert.deepEqual([...(items[0].json.call_ids as string[]), ...(items[1].json.call_ids as string[])], MANY_CALL_IDS, 'every call once, in the order given');
			assert.deepEqual(
				items.map((item) => [item.binary?.zip.fileName, item.binary?.zip.mimeType, item.binary?.zip.bytes]),
				[
					['diga-recordings-1-of-2.zip', 'application/zip', ZIP.length],
					['diga-recordings-2-of-2.zip', 'application/zip', ZIP.length],
				],
			);
			const downloads = storage.fake?.requests.filter((request) => request.path.startsWith(`/signed/${String(ctx.workflow.id)}/bulk-`)) ?? [];
			assert.equal(downloads.length, 2, 'each ZIP downloaded once from the link Diga gave');
			assert.ok(downloads.every((download) => download.headers.authorization === undefined && !JSON.stringify(download.headers).includes(TEST_API_KEY)), 'the API key never reaches the storage host');
		},
	},
];
