import { buildPublishBody } from '../../../nodes/Diga/actions/agentVersion/publish.operation';
import { AGENT_ID, byId, expectContractClean, fromList, OTHER_PHONE_ID, PHONE_ID, rejectedAs, runAgainst, VERSION_ID } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
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

describe('a stopped run of Publish says which versions went live', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());

	test('the published versions by ID, the failure, and what was never sent', async () => {
		const agent = (item: number) => `a0000000-0000-4000-8000-${String(item).padStart(12, '0')}`;
		const version = (item: number) => `b0000000-0000-4000-8000-${String(item).padStart(12, '0')}`;
		fake.handler = (request) => {
			const item = Number(request.path.split('/')[3].slice(-2));
			if (item === 2) return { status: 409, body: { status: 'error', error_code: 'CONFLICT', message: 'Version already published on another phone' } };
			return { status: 200, body: { agent_id: agent(item), published_version_id: version(item) }, delayMs: item === 1 ? 50 : 0 };
		};
		const items = [0, 1, 2, 3, 4].map((item) => ({ agent: agent(item), version: version(item) }));
		const { error } = await runAgainst(
			fake,
			{ ...publish(), agentId: byId('={{ $json.agent }}'), versionId: byId('={{ $json.version }}'), options: { concurrency: 1, maxRetries: 0 } },
			{ items },
		);
		expect(error?.message).toMatch(/409 CONFLICT/);
		expect(error?.description).toContain(`Already done before the stop: item 0 (agent version ${version(0)}), item 1 (agent version ${version(1)}).`);
		expect(error?.description).toContain('Not sent: items 3-4.');
		expect(fake.requests).toHaveLength(3);
	});
});
