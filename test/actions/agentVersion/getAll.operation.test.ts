import { SIMPLE_FIELDS } from '../../../nodes/Diga/shared/simplify';
import { AGENT_ID, byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const getMany = (fields: object) => ({ resource: 'agentVersion', operation: 'getAll', agentId: byId(AGENT_ID), ...fields });

describeEachContract('Get Many Agent Versions', (server) => {
	test('a Limit asks Diga for what is still missing; Published Only goes out as is_published; simplified', async () => {
		const { output, error } = await runAgainst(server(), getMany({ limit: 7, filters: { publishedOnly: true } }));
		expect(error).toBeUndefined();
		expectContractClean(server());
		const pages = server().requests.map((r) => [r.path, Object.fromEntries(r.query)]);
		expect(pages[0]).toEqual([`/v1/agent/${AGENT_ID}/version`, { limit: '7', is_published: 'true' }]);
		expect(output?.length).toBeLessThanOrEqual(7);
		const firstPage = (server().requests[0].response as { data: unknown[] }).data.length;
		if (pages[1]) expect(pages[1][1]).toMatchObject({ limit: String(7 - firstPage), is_published: 'true' });
		for (const item of output ?? []) expect(Object.keys(item.json).every((key) => (SIMPLE_FIELDS.agent as readonly string[]).includes(key))).toBe(true);
	});

	test('Return All walks at the largest page Diga serves; no filter added, none sent; Simplify off keeps everything', async () => {
		const { output, error } = await runAgainst(server(), getMany({ returnAll: true, simplify: false }));
		expect(error).toBeUndefined();
		expect(Object.fromEntries(server().requests[0].query)).toEqual({ limit: '100' });
		expect(Object.keys(output?.[0].json ?? {}).length).toBeGreaterThan(SIMPLE_FIELDS.agent.length);
	});
});
