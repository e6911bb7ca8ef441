/**
 * Every request the Diga Trigger sends is valid on Diga's current contract. The living fake answers
 * (Prism's placeholder calls cannot be created and ended on cue), and each request it receives is
 * first sent, as it came, to Prism serving the contract, whose recording proxy keeps any violation.
 */
import { byId, expectContractClean } from '../support/diga';
import { AGENT_A, CallStore, checkedBy, PHONE_A } from '../support/fake-calls';
import { startFakeDiga, type FakeDiga } from '../support/fake-diga';
import { TriggerHarness } from '../support/poll';
import { describeEachContract } from '../support/prism';

const HOUR = 3_600_000;

describeEachContract(
	'Diga Trigger',
	(server) => {
		let fake: FakeDiga;
		let store: CallStore;
		beforeAll(async () => {
			fake = await startFakeDiga(checkedBy(() => server().url, () => store));
		});
		afterAll(async () => await fake.stop());
		beforeEach(() => {
			store = new CallStore();
			fake.requests.length = 0;
		});

		test('every request is valid: activation, polls (pages, long calls found by status, a deleted one read alone, transcripts, recordings) and Fetch Test Event', async () => {
			const parameters = {
				event: 'callEnded',
				filters: { agentId: byId(AGENT_A), phoneId: byId(PHONE_A), direction: 'outbound' },
			};
			const trigger = new TriggerHarness(parameters, fake);
			store.create();
			expect((await trigger.activate()).error).toBeUndefined();
			const long = store.create({ status: 'in_progress' });
			const deleted = store.create({ status: 'in_progress' });
			store.tick(HOUR);
			await trigger.poll();
			store.calls = store.calls.filter((call) => call !== deleted);
			store.tick(HOUR);
			store.createMany(1500).forEach((call) => store.end(call));
			expect((await trigger.poll()).items).toHaveLength(1500);
			store.end(long);
			store.tick(60_000);
			expect((await trigger.poll()).items).toEqual([expect.objectContaining({ id: long.id })]);
			for (const event of ['callEnded', 'newCall']) {
				const options = { includeTranscript: true, includeRecordingUrl: true };
				expect((await new TriggerHarness({ ...parameters, event, options }, fake).manual()).error).toBeUndefined();
			}

			const shapes = new Set(
				fake.requests.map((request) => {
					const path = request.path.replace(/[0-9a-f-]{36}/g, '{id}');
					return `${path} ${[...new Set(request.query.keys())].sort().join(',')}`;
				}),
			);
			expect([...shapes].sort()).toEqual(
				[
					'/v1/call/ agent_id,limit,order,phone_id,type',
					'/v1/call/ agent_id,limit,order,phone_id,status,type',
					'/v1/call/ agent_id,limit,order,phone_id,start_created_date,type',
					'/v1/call/ after,agent_id,limit,order,phone_id,start_created_date,type',
					'/v1/call/ agent_id,end_created_date,limit,order,phone_id,start_created_date,status,type',
					'/v1/call/{id} ',
					'/v1/call/{id}/message limit,order',
					'/v1/recording/{id} ',
				].sort(),
			);
			expect(server().requests).toHaveLength(fake.requests.length);
			expectContractClean(server());
		});
	},
	['2026-07-22'],
);
