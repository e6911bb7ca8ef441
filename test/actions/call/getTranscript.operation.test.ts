import { byId, expectContractClean, fetchJson, runAgainst } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const CALL_ID = 'b5d6a7e8-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const transcript = { resource: 'call', operation: 'getTranscript', callId: byId(CALL_ID) };

describeEachContract('Get Transcript', (server) => {
	test('one item per message, oldest first', async () => {
		const page = await fetchJson<{ data: Array<{ id: string }> }>(server(), `/v1/call/${CALL_ID}/message?order=asc&limit=1000`);
		server().requests.length = 0;
		const { output, error } = await runAgainst(server(), transcript);
		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json.id)).toEqual(page.data.map((message) => message.id));
		expect(server().requests[0].query.get('order')).toBe('asc');
		expect(server().requests[0].query.get('limit')).toBe('1000');
		expectContractClean(server());
		// Prism answers every page with the same example and has_more: the walk stops when the cursor stands still.
		expect(server().requests.length).toBeLessThanOrEqual(2);
	});

	test('the contract’s own 404 (whatever code Prism makes up for it) fails as a missing call', async () => {
		server().preferStatus = 404;
		const { error } = await runAgainst(server(), transcript);
		const [{ status, response }] = server().requests;
		expect(status).toBe(404);
		expect((response as { error_code?: unknown }).error_code).not.toBe('NO_MESSAGES_FOR_CALL');
		expect(error?.message).toContain('Diga answered 404');
	});
});

describe('Get Transcript: long and empty calls', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('a call without messages is an empty result, not a failure', async () => {
		fake.handler = () => ({ body: { data: [], has_more: false, last_id: null } });
		const { output, error } = await runAgainst(fake, transcript);
		expect(error).toBeUndefined();
		expect(output).toEqual([]);
	});

	test('404 NO_MESSAGES_FOR_CALL (an unanswered call) is an empty result, not a failure', async () => {
		fake.handler = () => ({ status: 404, body: { status: 'error', error_code: 'NO_MESSAGES_FOR_CALL', message: `No messages found for call ${CALL_ID}` } });
		const { output, error } = await runAgainst(fake, transcript);
		expect(error).toBeUndefined();
		expect(output).toEqual([]);
	});

	test('a 404 without that code still means there is no such call', async () => {
		fake.handler = () => ({ status: 404, body: { status: 'error', error_code: 'CALL_NOT_FOUND', message: 'Call not found' } });
		const { output, error } = await runAgainst(fake, transcript);
		expect(output).toBeUndefined();
		expect(error?.message).toBe('Diga answered 404 CALL_NOT_FOUND: Call not found');
	});

	test('all pages, in order', async () => {
		const messages = Array.from({ length: 1500 }, (_, i) => ({ id: `m${i}`, role: i % 2 ? 'user' : 'agent', content: `line ${i}` }));
		fake.handler = (request) => {
			const start = request.query.get('after') ? Number(request.query.get('after')?.slice(1)) + 1 : 0;
			const data = messages.slice(start, start + 1000);
			return { body: { data, has_more: start + 1000 < messages.length, last_id: data.at(-1)?.id } };
		};
		const { output } = await runAgainst(fake, transcript);
		expect(output?.map((item) => item.json.id)).toEqual(messages.map((m) => m.id));
		expect(fake.requests).toHaveLength(2);
	});
});
