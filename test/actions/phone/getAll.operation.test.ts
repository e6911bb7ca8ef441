import { buildPhoneQuery, PHONE_PAGE_SIZE } from '../../../nodes/Diga/actions/phone/getAll.operation';
import { SIMPLE_FIELDS } from '../../../nodes/Diga/shared/simplify';
import { byId, expectContractClean, runAgainst, VERSION_ID } from '../../support/diga';
import { phoneRegister, startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const getMany = (fields: object) => ({ resource: 'phone', operation: 'getAll', ...fields });

describe('buildPhoneQuery', () => {
	// The filters as the node hands them over: its pickers already unwrapped by n8n (extractValue).
	test('maps each filter to Diga’s query, and sends nothing unset', () => {
		expect(buildPhoneQuery({}, 'UTC')).toEqual({});
		expect(
			buildPhoneQuery({
				status: 'assigned',
				inboundAgentId: VERSION_ID,
				outboundAgentId: VERSION_ID.toUpperCase(),
				assignedFrom: '2026-01-01T00:00:00Z',
				assignedTo: '2026-02-01T10:30:00+01:00',
			}, 'UTC'),
		).toEqual({
			status: 'assigned',
			inbound_agent_id: VERSION_ID,
			outbound_agent_id: VERSION_ID,
			start_assigned_at: '2026-01-01T00:00:00.000Z',
			end_assigned_at: '2026-02-01T09:30:00.000Z',
		});
	});

	test('bad filter values name the filter', () => {
		expect(() => buildPhoneQuery({ assignedFrom: 'yesterday' }, 'UTC')).toThrow(/Assigned From/);
		expect(() => buildPhoneQuery({ inboundAgentId: 'nope' }, 'UTC')).toThrow(/Inbound Agent/);
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
	// permissions") is test/shared/transport/index.test.ts's, against the fake.
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

	test('switches and numbers from expressions are read as people write them: "false" is off, "7" is 7', async () => {
		const { output } = await runAgainst(fake, getMany({ returnAll: '={{ "false" }}', limit: '={{ "7" }}', simplify: '={{ "false" }}' }));
		expect(output).toHaveLength(7);
		// Simplify off: the raw record, with a field Simplify leaves out.
		expect(SIMPLE_FIELDS.phone).not.toContain('released_at');
		expect(output?.[0].json).toHaveProperty('released_at');
		expect(fake.requests.map((r) => r.query.get('limit'))).toEqual(['7']);
	});

	test.each([['={{ 0 }}'], ['={{ 2.5 }}'], ['={{ "many" }}'], ['={{ -3 }}']])('Limit %s is refused before any request, naming the field', async (limit) => {
		const { output, error } = await runAgainst(fake, getMany({ limit }));
		expect(output).toBeUndefined();
		expect(error?.message).toMatch(/^Limit \(item 0\): .* is not a whole number of 1 or more$/);
		expect(fake.requests).toHaveLength(0);
	});

	test('a Return All that is neither true nor false is refused, naming the field', async () => {
		const { error } = await runAgainst(fake, getMany({ returnAll: '={{ "yes please" }}' }));
		expect(error?.message).toMatch(/^Return All \(item 0\): "yes please" is neither true nor false$/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Get Many Phones: dates without an offset are read in the workflow time zone', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga(() => ({ body: { data: [], has_more: false, last_id: null } }))));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test.each([
		['Europe/Madrid', '2026-01-31T00:00:00', '2026-01-30T23:00:00.000Z'],
		['America/New_York', '2026-07-01T09:30:00', '2026-07-01T13:30:00.000Z'],
		['Europe/Madrid', '2026-01-31T00:00:00Z', '2026-01-31T00:00:00.000Z'],
	])('workflow time zone %s: %s is sent as %s, whatever the n8n process zone is', async (timezone, assignedFrom, sent) => {
		await runAgainst(fake, getMany({ limit: 5, filters: { assignedFrom } }), { timezone });
		expect(fake.requests[0].query.get('start_assigned_at')).toBe(sent);
	});
});
