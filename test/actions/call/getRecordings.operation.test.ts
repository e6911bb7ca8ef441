/**
 * Call > Get Recordings (ZIP): `POST /v1/recording/bulk` for up to 50 calls gives one ZIP; more calls
 * give one ZIP per 50, each its own output item.
 */
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { callIdsOf, chunks } from '../../../nodes/Diga/actions/call/getRecordings.operation';
import { expectContractClean, rejectedAs, runAgainst, TEST_API_KEY } from '../../support/diga';
import { startFakeDiga, type FakeDiga, type FakeReply, type FakeRequest } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const callIds = (count: number, offset = 0) =>
	Array.from({ length: count }, (_, i) => `6f1c2a3b-4d5e-4f60-8a7b-${String(i + offset).padStart(12, '0')}`);

/** A ZIP's local file header, then bytes that are not valid UTF-8, so any text round trip shows. */
const zipOf = (label: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x80]), Buffer.from(label)]);

/** Diga's answer for a group of calls none of which has a recording, as both contracts document it. */
const NO_RECORDINGS: FakeReply = {
	status: 404,
	body: { status: 'error', error_code: 'NO_RECORDINGS_FOUND', message: 'None of the requested calls have recordings available' },
};

const getRecordings = (ids: string, fields: object = {}) => ({ resource: 'call', operation: 'getRecordings', callIds: ids, ...fields });

const binaryOf = (item: INodeExecutionData | undefined, property = 'data') => item?.binary?.[property] as IBinaryData | undefined;
const bytesOf = (item: INodeExecutionData | undefined) => Buffer.from(binaryOf(item)?.data ?? '', 'base64');

describe('callIdsOf and chunks', () => {
	test('IDs separated by commas, spaces or new lines, or a list; each once, in order', () => {
		const [a, b, c] = callIds(3);
		expect(callIdsOf(`${a}, ${b}\n${c} ${a}`)).toEqual([a, b, c]);
		expect(callIdsOf([c, a.toUpperCase()])).toEqual([c, a]);
	});

	test.each([[''], [' , '], [[]], ['not-an-id'], [[42]]])('%j is refused naming Call IDs', (value) => {
		expect(() => callIdsOf(value)).toThrow(rejectedAs('Call IDs'));
	});

	test('chunks keep order and never exceed the size', () => {
		expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunks(callIds(101), 50).map((group) => group.length)).toEqual([50, 50, 1]);
	});
});

describe('Get Recordings (ZIP) against a fake Diga', () => {
	let diga: FakeDiga;
	let storage: FakeDiga;
	const zipRequests = (fake: FakeDiga) => fake.requests.filter((request) => request.path === '/v1/recording/bulk');
	const idsOf = (request: FakeRequest) => (request.body as { call_ids: string[] }).call_ids;
	beforeAll(async () => {
		diga = await startFakeDiga();
		storage = await startFakeDiga(() => ({ bytes: zipOf('from storage'), headers: { 'content-type': 'application/zip' } }));
	});
	afterAll(async () => {
		await diga.stop();
		await storage.stop();
	});
	beforeEach(() => {
		diga.requests.length = 0;
		storage.requests.length = 0;
		// Each ZIP names the first call it holds, so the test can tell the parts apart.
		diga.handler = (request) => ({ bytes: zipOf(idsOf(request)[0]), headers: { 'content-type': 'application/zip' } });
	});

	test('up to 50 calls: one request, one ZIP item with the bytes Diga sent', async () => {
		const ids = callIds(50);
		const { output, error } = await runAgainst(diga, getRecordings(ids.join(',')));
		expect(error).toBeUndefined();
		expect(zipRequests(diga).map((request) => [request.method, idsOf(request), request.headers.authorization])).toEqual([
			['POST', ids, `Bearer ${TEST_API_KEY}`],
		]);
		expect(output).toHaveLength(1);
		expect(binaryOf(output?.[0])).toMatchObject({ fileName: 'diga-recordings.zip', mimeType: 'application/zip' });
		expect(bytesOf(output?.[0])).toEqual(zipOf(ids[0]));
		expect(output?.[0].json).toMatchObject({ call_ids: ids, part: 1, parts: 1 });
	});

	test('more than 50 calls: one ZIP per 50, in order, all paired with their input item', async () => {
		const ids = callIds(120);
		const { output } = await runAgainst(diga, getRecordings('={{ $json.ids }}'), { items: [{ ids }] });
		expect(zipRequests(diga).map((request) => idsOf(request))).toEqual([ids.slice(0, 50), ids.slice(50, 100), ids.slice(100)]);
		expect(output?.map((item) => binaryOf(item)?.fileName)).toEqual(['diga-recordings-1-of-3.zip', 'diga-recordings-2-of-3.zip', 'diga-recordings-3-of-3.zip']);
		expect(output?.map((item) => bytesOf(item))).toEqual([zipOf(ids[0]), zipOf(ids[50]), zipOf(ids[100])]);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	test('Put Output File in Field names the binary property', async () => {
		const { output } = await runAgainst(diga, getRecordings(callIds(2).join(' '), { binaryPropertyName: 'recordings' }));
		expect(Object.keys(output?.[0].binary ?? {})).toEqual(['recordings']);
	});

	test('a wrong ID fails before any request, naming the field and the item', async () => {
		const { error } = await runAgainst(diga, getRecordings(`${callIds(1)[0]}, 12345`));
		expect(error?.message).toMatch(/^Call IDs \(item 0\): "12345" is not a valid ID/);
		expect(diga.requests).toHaveLength(0);
	});

	test('an answer holding a link to the ZIP is followed without the API key', async () => {
		diga.handler = () => ({ body: { url: `${storage.url}/zips/batch.zip?sig=1` } });
		const { output } = await runAgainst(diga, getRecordings(callIds(3).join(',')));
		expect(bytesOf(output?.[0])).toEqual(zipOf('from storage'));
		expect(storage.requests.map((request) => [request.path, request.headers.authorization])).toEqual([['/zips/batch.zip', undefined]]);
	});

	test('an answer that is neither a ZIP nor a link fails clearly', async () => {
		diga.handler = () => ({ body: { status: 'ok' } });
		const { error } = await runAgainst(diga, getRecordings(callIds(3).join(',')));
		expect(error?.message).toBe("Diga's answer to POST /v1/recording/bulk was neither a ZIP file nor a link to one");
	});

	test('a group of 50 without any recording: the other ZIPs are output, and every item names the calls that had none', async () => {
		const ids = callIds(120);
		diga.handler = (request) =>
			idsOf(request)[0] === ids[50] ? NO_RECORDINGS : { bytes: zipOf(idsOf(request)[0]), headers: { 'content-type': 'application/zip' } };
		const { output, error } = await runAgainst(diga, getRecordings('={{ $json.ids }}'), { items: [{ ids }] });
		expect(error).toBeUndefined();
		expect(zipRequests(diga)).toHaveLength(3);
		expect(output?.map((item) => bytesOf(item))).toEqual([zipOf(ids[0]), zipOf(ids[100])]);
		expect(output?.map((item) => [item.json.part, item.json.parts, binaryOf(item)?.fileName])).toEqual([
			[1, 3, 'diga-recordings-1-of-3.zip'],
			[3, 3, 'diga-recordings-3-of-3.zip'],
		]);
		expect(output?.map((item) => item.json.calls_without_recordings)).toEqual([ids.slice(50, 100), ids.slice(50, 100)]);
	});

	test('every group ZIP found: calls_without_recordings is empty', async () => {
		const { output } = await runAgainst(diga, getRecordings(callIds(3).join(',')));
		expect(output?.[0].json.calls_without_recordings).toEqual([]);
	});

	test('no recording for any call fails the item, saying so', async () => {
		diga.handler = () => NO_RECORDINGS;
		const { error } = await runAgainst(diga, getRecordings(callIds(60).join(',')));
		expect(error?.message).toBe('Diga has no recording for any of the 60 calls (404 NO_RECORDINGS_FOUND)');
		expect(zipRequests(diga)).toHaveLength(2);
	});

	test('any other refusal of a group still fails the item with Diga’s code and message', async () => {
		diga.handler = (request, seen) =>
			seen === 2 ? { status: 404, body: { status: 'error', error_code: 'CALL_NOT_FOUND', message: 'Call not found' } } : { bytes: zipOf(idsOf(request)[0]), headers: { 'content-type': 'application/zip' } };
		const { error } = await runAgainst(diga, getRecordings(callIds(60).join(',')));
		expect(error?.message).toBe('Diga answered 404 CALL_NOT_FOUND: Call not found');
	});
});

describeEachContract('Get Recordings (ZIP)', (server) => {
	test('the request is the contract’s; Prism’s JSON placeholder is not taken for a ZIP', async () => {
		const ids = callIds(60);
		const { output } = await runAgainst(server(), getRecordings(ids.join('\n')), { continueOnFail: true });
		expect(output?.[0].json.error).toMatch(/neither a ZIP file nor a link to one/);
		expect(server().requests.map((request) => [request.method, request.path, (request.body as { call_ids: string[] }).call_ids.length])).toEqual([
			['POST', '/v1/recording/bulk', 50],
		]);
		expectContractClean(server());
	});

	test('a documented refusal (400) comes through with Diga’s message', async () => {
		server().preferStatus = 400;
		const { error } = await runAgainst(server(), getRecordings(callIds(2).join(',')));
		const [{ status, response }] = server().requests;
		expect(status).toBe(400);
		expect(error?.message).toContain((response as { message: string }).message);
	});
});
