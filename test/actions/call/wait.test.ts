/**
 * Make Call with "Wait for the Call to End", in n8n's engine against a fake Diga whose calls move
 * through their statuses one poll at a time. The call is placed once, whatever happens while waiting.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isEnded } from '../../../nodes/Diga/shared/calls';
import { MAX_POLL_MS, pollDelayMs } from '../../../nodes/Diga/actions/call/wait';
import { expectContractClean, PHONE_ID, runAgainst } from '../../support/diga';
import { TestCredentialsHelper } from '../../support/engine';
import { startFakeDiga, type FakeDiga, type FakeReply, type FakeRequest } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const callId = (n: number) => `6f1c2a3b-4d5e-4f60-8a7b-${String(n).padStart(12, '0')}`;

/** Diga's answer for the messages of a call that has none, as both contracts document it. */
const NO_MESSAGES = (id: string): FakeReply => ({
	status: 404,
	body: { status: 'error', error_code: 'NO_MESSAGES_FOR_CALL', message: `No messages found for call ${id}` },
});

const makeAndWait = (wait: IDataObject = {}, options: IDataObject = {}) => ({
	resource: 'call',
	operation: 'make',
	phoneId: { __rl: true, mode: 'id', value: PHONE_ID },
	toNumber: '={{ $json.to ?? "+34612345678" }}',
	waitForEnd: true,
	...wait,
	options,
});

const callRecord = (id: string, status: string, extra: IDataObject = {}): IDataObject => ({
	id,
	status,
	type: 'outbound',
	end_reason: null,
	duration: null,
	agent_id: null,
	agent_version_id: null,
	phone_register_id: PHONE_ID,
	contact: null,
	created_date: '2026-11-30T05:00:00Z',
	...extra,
});

/**
 * A Diga whose n-th placed call gets `callId(n)` and answers its k-th poll with `statuses(n)[k]`
 * (the last one once the list runs out), or with `pollReply` when that gives a reply.
 */
function calls(
	fake: FakeDiga,
	statuses: (n: number) => string[],
	pollReply?: (id: string, poll: number) => FakeReply | undefined,
	messagesReply?: (id: string) => FakeReply | undefined,
) {
	const placed: string[] = [];
	const polls = new Map<string, number>();
	fake.requests.length = 0;
	fake.handler = (request: FakeRequest) => {
		if (request.method === 'POST' && request.path === '/v1/call/') {
			placed.push(callId(placed.length));
			return { status: 201, body: callRecord(placed[placed.length - 1], 'in_queue') };
		}
		const [, id, messages] = /^\/v1\/call\/([^/]+)(\/message)?$/.exec(request.path) ?? [];
		if (messages) return messagesReply?.(id) ?? { body: { data: [{ id: 'm1', role: 'agent', content: 'Hola' }, { id: 'm2', role: 'user', content: 'Hola, dime' }], has_more: false, last_id: 'm2' } };
		if (id) {
			const poll = polls.get(id) ?? 0;
			polls.set(id, poll + 1);
			const reply = pollReply?.(id, poll);
			if (reply) return reply;
			const script = statuses(placed.indexOf(id));
			const status = script[Math.min(poll, script.length - 1)];
			return { body: callRecord(id, status, status === 'completed' ? { end_reason: 'user_hangup', duration: 42 } : {}) };
		}
		return { status: 404, body: { detail: 'Not Found' } };
	};
	const posts = () => fake.requests.filter((request) => request.method === 'POST').length;
	return { placed, polls, posts };
}

describe('the poll schedule and the end of a call', () => {
	test('polls start a second apart, double, and stop growing at the cap', () => {
		const delays = Array.from({ length: 12 }, (_, poll) => pollDelayMs(poll));
		expect(delays.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
		expect(Math.max(...delays)).toBe(MAX_POLL_MS);
		expect(delays.every((delay, i) => i === 0 || delay >= delays[i - 1])).toBe(true);
	});

	test.each([
		['completed', true],
		['failed', true],
		['no_answer', true],
		['transferred', true],
		['dialing', false],
		['in_queue', false],
		['in_progress', false],
		['voicemail_detected', false],
		[undefined, false],
	])('status %s ends the call: %s', (status, ended) => {
		expect(isEnded({ status })).toBe(ended);
	});
});

describe('Make Call: Wait for the Call to End', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());

	test('a call that goes queued, in progress, completed is output once it has ended', async () => {
		const diga = calls(fake, () => ['in_progress', 'completed']);
		const { output, error } = await runAgainst(fake, makeAndWait());
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output?.[0].json).toMatchObject({ id: callId(0), status: 'completed', end_reason: 'user_hangup', duration: 42, wait_timed_out: false });
		expect(diga.posts()).toBe(1);
		expect(diga.polls.get(callId(0))).toBe(2);
		expect(fake.requests.every((request) => request.headers.authorization?.startsWith('Bearer '))).toBe(true);
	});

	test('a status the node does not know keeps the call open', async () => {
		const diga = calls(fake, () => ['voicemail_detected', 'completed']);
		const { output } = await runAgainst(fake, makeAndWait());
		expect(output?.[0].json).toMatchObject({ status: 'completed', wait_timed_out: false });
		expect(diga.polls.get(callId(0))).toBe(2);
	});

	test('with Include Transcript the messages come along, oldest first', async () => {
		calls(fake, () => ['completed']);
		const { output } = await runAgainst(fake, makeAndWait({ includeTranscript: true }));
		expect((output?.[0].json.messages as IDataObject[]).map((message) => message.content)).toEqual(['Hola', 'Hola, dime']);
		expect(fake.requests.find((request) => request.path.endsWith('/message'))?.query.get('order')).toBe('asc');
	});

	test('with Include Transcript an unanswered call is output with no messages, and in Stop mode the other calls go on', async () => {
		// Diga answers 404 NO_MESSAGES_FOR_CALL for a call without messages (both contracts).
		const diga = calls(
			fake,
			(n) => (n === 0 ? ['no_answer'] : ['completed']),
			undefined,
			(id) => (id === callId(0) ? NO_MESSAGES(id) : undefined),
		);
		const { output, error } = await runAgainst(fake, makeAndWait({ includeTranscript: true }, { concurrency: 1 }), {
			items: [{ to: '+34612345678' }, { to: '+34612345679' }],
		});
		expect(error).toBeUndefined();
		expect(output?.map((item) => [item.json.id, item.json.status, (item.json.messages as IDataObject[]).length])).toEqual([
			[callId(0), 'no_answer', 0],
			[callId(1), 'completed', 2],
		]);
		expect(output?.[0].json.messages).toEqual([]);
		expect(diga.posts()).toBe(2);
	});

	test('with Include Transcript a call still ringing when Maximum Wait runs out is output as it is, with no messages', async () => {
		calls(fake, () => ['dialing'], undefined, NO_MESSAGES);
		const { output, error } = await runAgainst(fake, makeAndWait({ maxWait: 1, onTimeout: 'output', includeTranscript: true }));
		expect(error).toBeUndefined();
		expect(output?.[0].json).toMatchObject({ id: callId(0), status: 'dialing', wait_timed_out: true, messages: [] });
	});

	test('a 404 on the transcript without NO_MESSAGES_FOR_CALL still fails the item, naming the placed call', async () => {
		calls(fake, () => ['completed'], undefined, () => ({ status: 404, body: { status: 'error', error_code: 'CALL_NOT_FOUND', message: 'Call not found' } }));
		const { error } = await runAgainst(fake, makeAndWait({ includeTranscript: true }));
		expect(error?.message).toContain(`Call ${callId(0)} was placed, but waiting for it to end failed`);
		expect(error?.message).toContain('404 CALL_NOT_FOUND');
	});

	test('on timeout, "Output the Call As It Is" gives the last state with wait_timed_out', async () => {
		const diga = calls(fake, () => ['in_progress']);
		const { output, error } = await runAgainst(fake, makeAndWait({ maxWait: 1, onTimeout: 'output' }));
		expect(error).toBeUndefined();
		expect(output?.[0].json).toMatchObject({ id: callId(0), status: 'in_progress', wait_timed_out: true });
		expect(diga.posts()).toBe(1);
	});

	test('on timeout, "Fail" fails the item, saying the call was placed, with its ID', async () => {
		const diga = calls(fake, () => ['in_progress']);
		const { error } = await runAgainst(fake, makeAndWait({ maxWait: 1, onTimeout: 'fail' }));
		expect(error?.message).toContain(`Call ${callId(0)} was placed`);
		expect(error?.message).toContain('in_progress');
		expect(error?.description).toMatch(/Do not run this item again/);
		expect(diga.posts()).toBe(1);
	});

	test('a failed poll fails the item without placing the call again, and names the placed call', async () => {
		const diga = calls(
			fake,
			() => ['in_progress'],
			() => ({ status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Database unavailable' } }),
		);
		const { error } = await runAgainst(fake, makeAndWait({}, { maxRetries: 3 }));
		expect(error?.message).toContain(`Call ${callId(0)} was placed, but waiting for it to end failed`);
		expect(error?.message).toContain('Database unavailable');
		expect(error?.description).toMatch(/Do not run this item again/);
		expect(diga.posts()).toBe(1);
	});

	test('with Continue on Fail, a failed wait is an error item naming the call, and the other items go on', async () => {
		const diga = calls(
			fake,
			() => ['completed'],
			(id) => (id === callId(0) ? { status: 404, body: { status: 'error', error_code: 'CALL_NOT_FOUND', message: 'Call not found' } } : undefined),
		);
		const { output } = await runAgainst(fake, makeAndWait({}, { concurrency: 1 }), {
			items: [{ to: '+34612345678' }, { to: '+34612345679' }],
			continueOnFail: true,
		});
		expect(output?.[0].json.error).toContain(`Call ${callId(0)} was placed`);
		expect(output?.[1].json).toMatchObject({ id: callId(1), status: 'completed' });
		expect(diga.posts()).toBe(2);
	});

	test('when a run stops, its report lists a call placed before its wait failed as placed, with its ID', async () => {
		const diga = calls(
			fake,
			() => ['completed'],
			(id) => (id === callId(0) ? { status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Database unavailable' } } : undefined),
		);
		const { error } = await runAgainst(fake, makeAndWait({}, { concurrency: 2, maxRetries: 0 }), {
			items: [{ to: '+34612345678' }, { to: '+34612345679' }, { to: '+34612345670' }],
		});
		expect(error?.message).toContain(`Call ${callId(0)} was placed`);
		// Item 1 was placed beside item 0; item 2 waited for a free place and was never sent.
		expect(diga.posts()).toBe(2);
		expect(error?.description).toContain(`Already done before the stop: item 0 (call ${callId(0)}, which then failed), item 1 (call ${callId(1)}).`);
		expect(error?.description).toContain('Not sent: item 2.');
	});

	test('a poll through a dropped connection is retried, and the call is still placed once', async () => {
		const diga = calls(fake, () => ['completed'], (_id, poll) => (poll === 0 ? { reset: true } : undefined));
		const { output } = await runAgainst(fake, makeAndWait({}, { maxRetries: 2 }));
		expect(output?.[0].json).toMatchObject({ status: 'completed' });
		expect(diga.posts()).toBe(1);
	});

	test('cancelling the execution stops the wait at once: no poll after the cancel', async () => {
		let cancel: () => void = () => {};
		// Cancelled while the node sleeps between the first and the second poll.
		const diga = calls(fake, () => ['in_progress'], (_id, poll) => {
			if (poll === 0) void sleep(300).then(() => cancel());
			return undefined;
		});
		// n8n also cancels requests the node sends after the stop, so the server alone cannot tell whether
		// the node went on polling: every request the node makes passes the credential's authenticate.
		const attempts = jest.spyOn(TestCredentialsHelper.prototype, 'authenticate');
		try {
			const { output } = await runAgainst(fake, makeAndWait({ maxWait: 600 }), { onStart: (stop) => (cancel = stop) });
			expect(output).toBeUndefined();
			// The next poll would have come 2 s after the first; wait past it.
			await sleep(pollDelayMs(1) + 1000);
			expect(attempts).toHaveBeenCalledTimes(2);
		} finally {
			attempts.mockRestore();
		}
		expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/call/', `GET /v1/call/${callId(0)}`]);
		expect(diga.posts()).toBe(1);
	});

	test('many waiting items stay within the Concurrency option, each call placed once', async () => {
		let open = 0;
		let mostOpen = 0;
		const diga = calls(fake, () => ['in_progress', 'completed']);
		const answer = fake.handler;
		fake.handler = async (request, seen) => {
			const reply = await answer(request, seen);
			const body = reply.body as IDataObject | undefined;
			if (request.method === 'POST') mostOpen = Math.max(mostOpen, ++open);
			else if (body?.status === 'completed') open--;
			return reply;
		};
		const items = Array.from({ length: 7 }, (_, i) => ({ to: `+3461234560${i}` }));
		const { output } = await runAgainst(fake, makeAndWait({}, { concurrency: 3 }), { items });
		expect(output?.map((item) => item.json.status)).toEqual(items.map(() => 'completed'));
		expect(output?.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(diga.posts()).toBe(7);
		expect(mostOpen).toBe(3);
	});
});

describeEachContract('Make Call with waiting', (server) => {
	test('every request is the contract’s: the call, its reads, its transcript', async () => {
		const { output, error } = await runAgainst(server(), makeAndWait({ maxWait: 2, includeTranscript: true }));
		expect(error).toBeUndefined();
		const requests = server().requests.map((request) => `${request.method} ${request.path}`);
		const callId = String(output?.[0].json.id);
		const reads = requests.filter((request) => request === `GET /v1/call/${callId}`).length;
		const transcript = requests.filter((request) => request === `GET /v1/call/${callId}/message`).length;
		// The call once, then its reads, then the transcript's pages (Prism's list says it has more).
		expect(reads).toBeGreaterThan(0);
		expect(transcript).toBeGreaterThan(0);
		expect(requests).toEqual(['POST /v1/call/', ...Array(reads).fill(`GET /v1/call/${callId}`), ...Array(transcript).fill(`GET /v1/call/${callId}/message`)]);
		expectContractClean(server());
		// Prism's placeholder call never ends unless its status is completed.
		expect(output?.[0].json.wait_timed_out).toBe(output?.[0].json.status !== 'completed');
	});
});
