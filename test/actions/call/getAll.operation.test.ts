import { buildCallQuery } from '../../../nodes/Diga/actions/call/getAll.operation';
import { byId, expectContractClean, PHONE_ID, runAgainst, VERSION_ID } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

describe('buildCallQuery', () => {
	test('maps each filter and sends nothing unset', () => {
		expect(buildCallQuery({}, 'UTC')).toEqual({});
		expect(
			buildCallQuery({ agentId: VERSION_ID, phoneId: PHONE_ID, status: 'completed', type: 'inbound', createdFrom: '2026-03-01T00:00:00Z', createdTo: '2026-03-02T00:00:00Z' }, 'UTC'),
		).toEqual({
			agent_id: VERSION_ID,
			phone_id: PHONE_ID,
			status: 'completed',
			type: 'inbound',
			start_created_date: '2026-03-01T00:00:00.000Z',
			end_created_date: '2026-03-02T00:00:00.000Z',
		});
	});
});

describeEachContract('Get Many Calls', (server) => {
	test('filters accepted by the contract, simplified output', async () => {
		const { output, error } = await runAgainst(server(), {
			resource: 'call',
			operation: 'getAll',
			limit: 3,
			filters: { agentId: byId(VERSION_ID), phoneId: byId(PHONE_ID), status: 'completed', type: 'outbound', createdFrom: '2026-03-01T00:00:00Z' },
		});
		expect(error).toBeUndefined();
		expect(output?.length).toBeGreaterThan(0);
		expect(Object.keys(output?.[0].json ?? {})).not.toContain('recording_url');
		expectContractClean(server());
		expect(server().requests[0].query.get('limit')).toBe('3');
	});
});
