import { byId, expectContractClean, PHONE_ID, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

describeEachContract('Release Phone', (server) => {
	test('DELETE /v1/phone/{id}, output says what was deleted', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'phone', operation: 'release', phoneId: byId(PHONE_ID) });
		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json)).toEqual([{ deleted: true, id: PHONE_ID }]);
		expect(server().requests.map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', `/v1/phone/${PHONE_ID}`, 204]]);
		expectContractClean(server());
	});

	test('a phone ID from an expression that is not a UUID fails before any request', async () => {
		const { error } = await runAgainst(server(), { resource: 'phone', operation: 'release', phoneId: byId('={{ "abc" }}') });
		expect(error?.message).toMatch(/^Phone \(item 0\): "abc" is not a valid ID/);
		expect(server().requests).toHaveLength(0);
	});
});
