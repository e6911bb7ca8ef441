/**
 * Call > Get Recording: Diga gives a link, the file comes from the link's host without Diga's API key,
 * and lands as n8n binary data named after the call.
 */
import type { IBinaryData } from 'n8n-workflow';

import { fileNameFor, mimeTypeOf } from '../../../nodes/Diga/actions/call/files';
import { safeLink } from '../../../nodes/Diga/shared/transport/download';
import { byId, expectContractClean, runAgainst, TEST_API_KEY } from '../../support/diga';
import { startFakeDiga, type FakeDiga, type FakeReply } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const CALL_ID = '6f1c2a3b-4d5e-4f60-8a7b-000000000001';
// Not valid text in UTF-8, so a download that passes through a string would change them.
const AUDIO = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0xff, 0xfe, 0x80, 0x81, 0x00, 0x10]);

const getRecording = (fields: object = {}) => ({ resource: 'call', operation: 'getRecording', callId: byId(CALL_ID), ...fields });

describe('safeLink and file names', () => {
	test.each([
		['https://storage.example.com/rec/1.mp3?X-Signature=abc', true],
		['http://127.0.0.1:9000/rec.mp3', true],
		['http://localhost/rec.mp3', true],
		['http://recordings.example.com/rec.mp3', false],
		['https://user:pass@storage.example.com/rec.mp3', false],
		['ftp://storage.example.com/rec.mp3', false],
		['string', false],
		[42, false],
	])('%s is safe: %s', (link, safe) => {
		expect(safeLink(link) !== undefined).toBe(safe);
	});

	test('the extension comes from the link, else from the MIME type', () => {
		expect(fileNameFor('diga-call-1', { name: 'abc.WAV', mimeType: 'audio/mpeg' })).toBe('diga-call-1.wav');
		expect(fileNameFor('diga-call-1', { name: 'abc', mimeType: 'audio/mpeg' })).toBe('diga-call-1.mp3');
		expect(fileNameFor('diga-call-1', { name: undefined, mimeType: undefined })).toBe('diga-call-1');
		expect(mimeTypeOf({ mimeType: 'application/octet-stream' })).toBeUndefined();
		expect(mimeTypeOf({ mimeType: 'audio/ogg' })).toBe('audio/ogg');
	});
});

describe('Get Recording against a fake Diga and a fake storage host', () => {
	let diga: FakeDiga;
	let storage: FakeDiga;
	let stored: FakeReply;
	beforeAll(async () => {
		storage = await startFakeDiga(() => stored);
		diga = await startFakeDiga();
	});
	afterAll(async () => {
		await diga.stop();
		await storage.stop();
	});
	beforeEach(() => {
		diga.requests.length = 0;
		storage.requests.length = 0;
		stored = { bytes: AUDIO, headers: { 'content-type': 'audio/mpeg' } };
		diga.handler = () => ({ body: { recording_url: `${storage.url}/signed/${CALL_ID}.mp3?X-Signature=s1` } });
	});

	const binaryOf = (output: Awaited<ReturnType<typeof runAgainst>>['output'], property = 'data') =>
		output?.[0].binary?.[property] as IBinaryData | undefined;

	test('the file arrives as binary data named after the call, with the MIME type the host sent', async () => {
		const { output, error } = await runAgainst(diga, getRecording());
		expect(error).toBeUndefined();
		const binary = binaryOf(output);
		expect(binary?.fileName).toBe(`diga-call-${CALL_ID}.mp3`);
		expect(binary?.mimeType).toBe('audio/mpeg');
		expect(Buffer.from(binary?.data ?? '', 'base64')).toEqual(AUDIO);
		expect(output?.[0].json).toMatchObject({ call_id: CALL_ID, file_name: `diga-call-${CALL_ID}.mp3`, mime_type: 'audio/mpeg' });
		expect(output?.[0].pairedItem).toEqual({ item: 0 });
	});

	test('Diga gets the API key; the host of the link never does', async () => {
		await runAgainst(diga, getRecording());
		expect(diga.requests.map((request) => [request.method, request.path, request.headers.authorization])).toEqual([
			['GET', `/v1/recording/${CALL_ID}`, `Bearer ${TEST_API_KEY}`],
		]);
		expect(storage.requests).toHaveLength(1);
		expect(storage.requests[0].path).toBe(`/signed/${CALL_ID}.mp3`);
		expect(storage.requests[0].query.get('X-Signature')).toBe('s1');
		expect(storage.requests[0].headers.authorization).toBeUndefined();
		expect(JSON.stringify(storage.requests[0].headers)).not.toContain(TEST_API_KEY);
	});

	test('Put Output File in Field names the binary property', async () => {
		const { output } = await runAgainst(diga, getRecording({ binaryPropertyName: 'audio' }));
		expect(Object.keys(output?.[0].binary ?? {})).toEqual(['audio']);
		expect(binaryOf(output, 'audio')?.mimeType).toBe('audio/mpeg');
	});

	test('an empty Put Output File in Field fails before any request', async () => {
		const { error } = await runAgainst(diga, getRecording({ binaryPropertyName: ' ' }));
		expect(error?.message).toMatch(/^Put Output File in Field \(item 0\)/);
		expect(diga.requests).toHaveLength(0);
	});

	test('a link without an extension gets one from the MIME type', async () => {
		diga.handler = () => ({ body: { recording_url: `${storage.url}/signed/object` } });
		stored = { bytes: AUDIO, headers: { 'content-type': 'audio/wav; charset=binary' } };
		const { output } = await runAgainst(diga, getRecording());
		expect(binaryOf(output)).toMatchObject({ fileName: `diga-call-${CALL_ID}.wav`, mimeType: 'audio/wav' });
	});

	test('a redirect to another safe link is followed, still without the key', async () => {
		storage.handler = (request): FakeReply =>
			request.path === '/moved' ? { status: 302, headers: { location: '/final/rec.ogg' } } : { bytes: AUDIO, headers: { 'content-type': 'audio/ogg' } };
		diga.handler = () => ({ body: { recording_url: `${storage.url}/moved` } });
		const { output } = await runAgainst(diga, getRecording());
		expect(binaryOf(output)?.fileName).toBe(`diga-call-${CALL_ID}.ogg`);
		expect(storage.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
			['/moved', undefined],
			['/final/rec.ogg', undefined],
		]);
		storage.handler = () => stored;
	});

	test('a redirect to plain http on another host is not followed', async () => {
		storage.handler = () => ({ status: 302, headers: { location: 'http://recordings.example.com/rec.mp3' } });
		const { error } = await runAgainst(diga, getRecording());
		expect(error?.message).toMatch(/redirected to an address that is not https/);
		expect(storage.requests).toHaveLength(1);
		storage.handler = () => stored;
	});

	test('a plain-http link to another host is refused without opening it', async () => {
		diga.handler = () => ({ body: { recording_url: 'http://recordings.example.com/rec.mp3' } });
		const { error } = await runAgainst(diga, getRecording());
		expect(error?.message).toMatch(/recording link Diga gave is not an https:\/\/ address/);
		expect(storage.requests).toHaveLength(0);
	});

	test('an expired link says so, with the status of its host', async () => {
		stored = { status: 403, text: '<Error><Code>AccessDenied</Code></Error>', headers: { 'content-type': 'application/xml' } };
		const { error } = await runAgainst(diga, getRecording());
		expect(error?.message).toMatch(/recording link on 127\.0\.0\.1:\d+ answered 403/);
		expect(error?.description).toMatch(/expired/);
	});

	test('a call without a recording fails clearly, and with Continue on Fail the other items go on', async () => {
		diga.handler = (request) =>
			request.path.endsWith('0001') ? { body: { recording_url: '' } } : { body: { recording_url: `${storage.url}/signed/x.mp3` } };
		const { output } = await runAgainst(diga, getRecording({ callId: byId('={{ $json.id }}') }), {
			items: [{ id: CALL_ID }, { id: '6f1c2a3b-4d5e-4f60-8a7b-000000000002' }],
			continueOnFail: true,
		});
		expect(output?.[0].json.error).toMatch(`Diga gave no recording link for call ${CALL_ID}`);
		expect(binaryOf(output?.slice(1))?.fileName).toBe('diga-call-6f1c2a3b-4d5e-4f60-8a7b-000000000002.mp3');
	});
});

describeEachContract('Get Recording', (server) => {
	test('the request is the contract’s; Prism’s placeholder link is refused without being opened', async () => {
		const { error } = await runAgainst(server(), getRecording());
		expect(server().requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/recording/${CALL_ID}`]);
		expectContractClean(server());
		expect(error?.message).toMatch(/recording link Diga gave is not an https:\/\/ address/);
	});
});
