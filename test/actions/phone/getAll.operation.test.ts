import { buildPhoneQuery, PHONE_PAGE_SIZE } from '../../../nodes/Diga/actions/phone/getAll.operation';
import { SIMPLE_FIELDS } from '../../../nodes/Diga/helpers/simplify';
import { byId, expectContractClean, fromList, runAgainst, VERSION_ID } from '../../support/diga';
import { phoneRegister, startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const getMany = (fields: object) => ({ resource: 'phone', operation: 'getAll', ...fields });

describe('buildPhoneQuery', () => {
	test('maps each filter to Diga’s query, and sends nothing unset', () => {
		expect(buildPhoneQuery({})).toEqual({});
		expect(
			buildPhoneQuery({
				status: 'assigned',
				inboundAgentId: fromList(VERSION_ID),
				outboundAgentId: byId(VERSION_ID),
				assignedFrom: '2026-01-01T00:00:00Z',
				assignedTo: '2026-02-01T10:30:00+01:00',
			}),
		).toEqual({
			status: 'assigned',
			inbound_agent_id: VERSION_ID,
			outbound_agent_id: VERSION_ID,
			start_assigned_at: '2026-01-01T00:00:00.000Z',
			end_assigned_at: '2026-02-01T09:30:00.000Z',
		});
	});

	test('bad filter values name the filter', () => {
		expect(() => buildPhoneQuery({ assignedFrom: 'yesterday' })).toThrow(/Assigned From/);
		expect(() => buildPhoneQuery({ inboundAgentId: byId('nope') })).toThrow(/Inbound Agent/);
	});
});

describeEachContract('Get Many Phones', (server) => {
	test('with every filter, accepted by the contract', async () => {
		const { output, error } = await runAgainst(
			server(),
			getMany({ limit: 5, filters: { status: 'assigned', inboundAgentId: byId(VERSION_ID), assignedFrom: '2026-01-01T00:00:00Z', assignedTo: '2026-12-31T00:00:00Z' } }),
		);
		expect(error).toBeUndefined();
		expect(output?.length).toBeGreaterThan(0);
		output?.forEach((item) => expect(Object.keys(item.json).every((key) => (SIMPLE_FIELDS.phone as readonly string[]).includes(key))).toBe(true));
		expectContractClean(server());
		expect(server().requests[0].query.get('limit')).toBe('5');
		expect(server().requests[0].query.get('inbound_agent_id')).toBe(VERSION_ID);
	});

	// The same refusal with Diga's own words (403 INTERNAL_SERVER_ERROR "Missing required
	// permissions") is test/transport/index.test.ts's, against the fake.
	test('a documented refusal comes back with Diga’s message', async () => {
		server().preferStatus = 403;
		const { error } = await runAgainst(server(), getMany({ limit: 5 }));
		expect(server().requests).toHaveLength(1);
		const [{ status, response }] = server().requests;
		const { error_code: code, message } = response as { error_code: string; message: string };
		expect(status).toBe(403);
		expect(error?.message).toContain(`403 ${code}: ${message}`);
		expect(error?.description).toMatch(/lacks permission/);
	});
});

describe('Get Many Phones: paging', () => {
	const phones = Array.from({ length: 250 }, (_, index) =>
		phoneRegister(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, { number: `+3491${String(index).padStart(7, '0')}` }),
	);
	let fake: FakeDiga;
	beforeAll(async () => {
		fake = await startFakeDiga((request) => {
			const after = request.query.get('after');
			const start = after ? phones.findIndex((phone) => phone.id === after) + 1 : 0;
			const limit = Number(request.query.get('limit'));
			const data = phones.slice(start, start + limit);
			return { body: { data, has_more: start + limit < phones.length, last_id: data.at(-1)?.id ?? null } };
		});
	});
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('Return All walks the cursor at the largest page size: the fewest requests', async () => {
		const { output } = await runAgainst(fake, getMany({ returnAll: true, simplify: false }));
		expect(output?.map((item) => item.json.id)).toEqual(phones.map((phone) => phone.id));
		expect(fake.requests).toHaveLength(Math.ceil(phones.length / PHONE_PAGE_SIZE));
		expect(fake.requests.map((r) => r.query.get('limit'))).toEqual(['100', '100', '100']);
		expect(fake.requests.map((r) => r.query.get('after'))).toEqual([null, phones[99].id, phones[199].id]);
	});

	test('Limit asks only for what is still missing', async () => {
		const { output } = await runAgainst(fake, getMany({ limit: 120 }));
		expect(output).toHaveLength(120);
		expect(fake.requests.map((r) => r.query.get('limit'))).toEqual(['100', '20']);
		expect(output?.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit within one page makes one request', async () => {
		await runAgainst(fake, getMany({ limit: 7 }));
		expect(fake.requests.map((r) => r.query.get('limit'))).toEqual(['7']);
	});
});
