import { buildPublishBody } from '../../../nodes/Diga/actions/agentVersion/publish.operation';
import { AGENT_ID, byId, expectContractClean, fromList, OTHER_PHONE_ID, PHONE_ID, rejectedAs, runAgainst, VERSION_ID } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const publish = (fields: object = {}) => ({ resource: 'agentVersion', operation: 'publish', agentId: byId(AGENT_ID), versionId: fromList(VERSION_ID), ...fields });

describe('buildPublishBody', () => {
	test('the version, and each phone only when added', () => {
		expect(buildPublishBody(VERSION_ID, undefined, undefined)).toEqual({ version_id: VERSION_ID });
		expect(buildPublishBody(VERSION_ID, PHONE_ID, OTHER_PHONE_ID)).toEqual({ version_id: VERSION_ID, inbound_phone_number_id: PHONE_ID, outbound_phone_number_id: OTHER_PHONE_ID });
	});

	test('a phone added but left empty is refused', () => {
		expect(() => buildPublishBody(VERSION_ID, '', undefined)).toThrow(rejectedAs('Inbound Phone'));
	});
});

describeEachContract('Publish Agent Version', (server) => {
	test('one PATCH with the version and the phones', async () => {
		const { output, error } = await runAgainst(server(), publish({ additionalFields: { inboundPhoneId: fromList(PHONE_ID), outboundPhoneId: byId(OTHER_PHONE_ID) } }));
		expect(error).toBeUndefined();
		expect(output?.[0].json.agent_id).toBeDefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PATCH', `/v1/agent/${AGENT_ID}/published_version`, { version_id: VERSION_ID, inbound_phone_number_id: PHONE_ID, outbound_phone_number_id: OTHER_PHONE_ID }],
		]);
	});

	test('a 500 is not retried: Diga may already have put the version live', async () => {
		server().preferStatus = 500;
		const { error } = await runAgainst(server(), publish({ options: { maxRetries: 3 } }));
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toMatch(/may have acted/);
		expect(server().requests).toHaveLength(1);
	});

	test('no version chosen: refused before any request, so nothing is unpublished by mistake', async () => {
		const { error } = await runAgainst(server(), publish({ versionId: byId('={{ $json.version }}') }));
		expect(error?.message).toBe('Version (item 0): is empty');
		expect(server().requests).toHaveLength(0);
	});
});
