/**
 * Diga as the queue-mode suite sees it: three stand-ins from test/support, each behind its own Diga API
 * credential (same key, own Base URL), every request checked against the current contract.
 *  - `phones`: the lived-in project of test/support/realistic-diga.ts (import, update, agents), each
 *    request also sent to Prism behind a recording proxy;
 *  - `calls`: a CallStore (test/support/fake-calls.ts) whose calls the test ends, plus what Make Call and
 *    Get Recording need: `POST /v1/call/` places a call that ends on its second read, `GET /v1/phone/`
 *    lists the number it calls from, `GET /v1/recording/{id}` links to a recording this fake serves;
 *    every request but the recording's download goes to Prism too;
 *  - `bulk`: any phone ID is found, Update Phone answers the phone renamed (the 1,000 items), each request
 *    sent to Prism too;
 *  - `tools`: the stateful integrations fake (test/support/fake-integrations.ts), which checks bodies itself.
 */
import { randomBytes } from 'node:crypto';

import { servedContracts } from '../support/contracts';
import { TEST_API_KEY } from '../support/diga';
import { CallStore, sendToChecker, type Call } from '../support/fake-calls';
import { phoneRegister, startFakeDiga, type FakeDiga, type FakeReply } from '../support/fake-diga';
import { startFakeIntegrations, type FakeIntegrations } from '../support/fake-integrations';
import { AGENT_ID } from '../support/hooks';
import type { CredentialFile } from '../support/n8n';
import { startPrism, startRecordingProxy, type RecordingProxy } from '../support/prism';
import { startRealisticDiga, type RealisticDiga } from '../support/realistic-diga';

/** The number Make Call calls from (examples/make-call-and-wait.json) and its phone's ID. */
export const CALLING_NUMBER = '+34912345678';
export const CALLING_PHONE_ID = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d';
/** The recording's bytes: random, so finding them in n8n's database proves where the file went. */
export const RECORDING = randomBytes(48 * 1024);
/** The SIP trunk password of every credential here: a made-up, recognisable value that check 5 looks for. */
export const TRUNK_NEEDLE = 'queue-trunk-password-7f3c';

/** The credentials, by the stand-in they point at. */
export const CREDENTIAL = { phones: 'diga-phones', calls: 'diga-calls', bulk: 'diga-bulk', tools: 'diga-tools' } as const;

export interface QueueDiga {
	phones: RealisticDiga;
	calls: FakeDiga;
	store: CallStore;
	bulk: FakeDiga;
	tools: FakeIntegrations;
	/** What Prism made of every request to `phones` and `calls`. */
	checked: RecordingProxy;
	/** Calls placed through `POST /v1/call/`. */
	placed: Call[];
	/**
	 * The `GET /v1/call/` lists `calls` has answered: what Diga told the trigger is fixed from then on (a
	 * request is in `calls.requests` from its arrival, before its answer is made).
	 */
	listsAnswered(): number;
	credentials: CredentialFile[];
	stop(): Promise<void>;
}

export async function startQueueDiga(): Promise<QueueDiga> {
	const contract = servedContracts().find((candidate) => candidate.name === '2026-07-22' && !candidate.missing);
	if (!contract) throw new Error('the current contract (2026-07-22) is not served');
	const stoppers: Array<() => Promise<void>> = [];
	const prism = await startPrism(contract.file);
	stoppers.push(prism.stop);
	const checked = await startRecordingProxy(prism.url);
	stoppers.push(checked.stop);

	const phones = await startRealisticDiga(TEST_API_KEY);
	stoppers.push(phones.stop);
	const answerPhones = phones.handler;
	phones.handler = async (request, seen) => {
		await sendToChecker(checked.url, request);
		return await answerPhones(request, seen);
	};

	const store = new CallStore();
	const placed: Call[] = [];
	const reads = new Map<string, number>();
	const calls = await startFakeDiga();
	stoppers.push(calls.stop);
	const answerCalls = (request: Parameters<FakeDiga['handler']>[0]): FakeReply => {
		const [, , kind, id, sub] = request.path.split('/');
		if (request.method === 'POST' && request.path === '/v1/call/') {
			const body = request.body as Record<string, unknown>;
			const call = store.create({ phone_register_id: CALLING_PHONE_ID, dynamic_variables: (body.dynamic_variables as Call['dynamic_variables']) ?? null });
			call.contact = { ...(call.contact as object), identifier: body.to_number };
			placed.push(call);
			return { status: 201, body: call };
		}
		if (request.method === 'GET' && request.path === '/v1/phone/') {
			const data = [phoneRegister(CALLING_PHONE_ID, { number: CALLING_NUMBER })];
			return { body: { data, has_more: false, first_id: CALLING_PHONE_ID, last_id: CALLING_PHONE_ID } };
		}
		const call = placed.find((candidate) => candidate.id === id);
		if (kind === 'call' && call && sub === undefined) {
			reads.set(call.id, (reads.get(call.id) ?? 0) + 1);
			if (reads.get(call.id) === 2) {
				store.tick(42_000);
				store.end(call);
			}
		}
		if (kind === 'recording' && request.method === 'GET' && store.calls.some((candidate) => candidate.id === id && candidate.status === 'completed')) {
			return { body: { recording_url: `${calls.url}/recordings/${id}.mp3` } };
		}
		return store.handle(request);
	};
	let listsAnswered = 0;
	calls.handler = async (request) => {
		if (request.path.startsWith('/recordings/')) return { bytes: RECORDING, headers: { 'content-type': 'audio/mpeg' } };
		await sendToChecker(checked.url, request);
		const reply = answerCalls(request);
		if (request.path === '/v1/call/') listsAnswered++;
		return reply;
	};

	const bulk = await startFakeDiga(async (request) => {
		await sendToChecker(checked.url, request);
		const id = request.path.split('/')[3];
		if (request.method !== 'PATCH' || !request.path.startsWith('/v1/phone/')) return { status: 404, body: { detail: 'Not Found' } };
		return { body: phoneRegister(id, { nickname: (request.body as { nickname?: string }).nickname ?? null }) };
	});
	stoppers.push(bulk.stop);

	const tools = await startFakeIntegrations({ [AGENT_ID]: [] });
	stoppers.push(tools.stop);

	// Every credential carries a SIP trunk too: each execution on a worker decrypts it whole, so check 5
	// looks for its password as it does for the key.
	const credential = (id: string, baseUrl: string): CredentialFile => ({
		id,
		name: id,
		type: 'digaApi',
		data: { apiKey: TEST_API_KEY, baseUrl, sipTerminationUri: 'trunk.example.net:5060', sipUsername: 'diga', sipPassword: TRUNK_NEEDLE },
	});
	return {
		phones,
		calls,
		store,
		bulk,
		tools,
		checked,
		placed,
		listsAnswered: () => listsAnswered,
		credentials: [credential(CREDENTIAL.phones, phones.url), credential(CREDENTIAL.calls, calls.url), credential(CREDENTIAL.bulk, bulk.url), credential(CREDENTIAL.tools, tools.url)],
		stop: async () => {
			for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
		},
	};
}
