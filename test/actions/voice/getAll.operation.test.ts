import { VOICE_PAGE_SIZE, voiceQuery } from '../../../nodes/Diga/actions/voice/getAll.operation';
import { expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const getMany = (fields: object) => ({ resource: 'voice', operation: 'getAll', ...fields });

describe('voiceQuery', () => {
	test('only the filters given, trimmed', () => {
		expect(voiceQuery({ search: ' Lucía ', gender: '' })).toEqual({ search: 'Lucía' });
		expect(voiceQuery({})).toEqual({});
	});
});

describeEachContract(
	'Get Many Voices',
	(server) => {
		test('search and gender go to Diga; a Limit asks for that many', async () => {
			const { output, error } = await runAgainst(server(), getMany({ limit: 5, filters: { search: 'Lucía', gender: 'female' } }));
			expect(error).toBeUndefined();
			expect(output?.length).toBeLessThanOrEqual(5);
			expectContractClean(server());
			expect(Object.fromEntries(server().requests[0].query)).toEqual({ limit: '5', search: 'Lucía', gender: 'female' });
		});

		test('Return All walks at the largest page Diga serves for voices', async () => {
			const { error } = await runAgainst(server(), getMany({ returnAll: true }));
			expect(error).toBeUndefined();
			expect(server().requests[0].query.get('limit')).toBe(String(VOICE_PAGE_SIZE));
		});
	},
	['2026-07-22'],
);

describeEachContract(
	'Get Many Voices on an API without the endpoint',
	(server) => {
		// That API has GET /v1/voice/{voice_id} only, and the mock reads /v1/voice/ as it with an empty ID (422).
		test('fails with Diga\'s answer and outputs nothing', async () => {
			const { output, error } = await runAgainst(server(), getMany({ limit: 5 }));
			expect(output).toBeUndefined();
			expect(error?.message).toMatch(/^Diga answered 4\d\d/);
			expect(server().requests.map((r) => [r.method, r.path])).toEqual([['GET', '/v1/voice/']]);
		});
	},
	['2026-04-07'],
);
