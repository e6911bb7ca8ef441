/**
 * Prism serving the extracts still checks every request against the contract: what breaks it gets
 * 422 and an `sl-violations` header (which the recording proxy reads), a missing bearer key 401, an
 * unknown path 404, and what keeps to it a response built from the contract's schemas.
 */
import { PHONE_ID, TEST_API_KEY } from '../support/diga';
import { describeEachContract } from '../support/prism';

const auth = { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' };

describeEachContract('Prism on the contract extracts', (server) => {
	const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
		const response = await fetch(`${server().url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		return { status: response.status, violations: response.headers.get('sl-violations'), json: (await response.json()) as unknown };
	};

	test('a body that keeps to the contract: 200, no violation, a PhoneRegister built from the schema', async () => {
		const { status, violations, json } = await send('POST', '/v1/phone/import', { phone_number: '+34912345678' });
		expect([status, violations]).toEqual([200, null]);
		expect(json).toEqual(expect.objectContaining({ id: expect.any(String), number: expect.any(String), status: expect.any(String) }));
		expect(server().requests.map((r) => [r.method, r.path, r.status, r.violations])).toEqual([['POST', '/v1/phone/import', 200, []]]);
	});

	test('a body without a required field: 422, and the violation in sl-violations', async () => {
		const { status, violations } = await send('POST', '/v1/phone/import', { nickname: 'Sales' });
		expect(status).toBe(422);
		const expected = [expect.objectContaining({ location: ['request', 'body'], code: 'required', message: expect.stringContaining('phone_number') })];
		expect(JSON.parse(String(violations))).toEqual(expected);
		expect(server().requests[0].violations).toEqual(expected);
	});

	test('a field of the wrong type: 422, the violation names the field', async () => {
		const { status } = await send('PATCH', `/v1/phone/${PHONE_ID}`, { nickname: 5 });
		expect(status).toBe(422);
		expect(server().requests[0].violations).toContainEqual(expect.objectContaining({ location: ['request', 'body', 'nickname'], code: 'type' }));
	});

	test('a query parameter the contract does not accept: 422', async () => {
		const { status } = await send('GET', '/v1/phone/?limit=1000');
		expect(status).toBe(422);
		expect(server().requests[0].violations).toContainEqual(expect.objectContaining({ location: ['request', 'query', 'limit'] }));
	});

	test('no bearer key: 401 (the security scheme is kept)', async () => {
		const { status } = await send('GET', '/v1/phone/', undefined, {});
		expect(status).toBe(401);
	});

	test('a path the contract does not have: 404', async () => {
		const { status } = await send('GET', '/v1/no-such-thing');
		expect(status).toBe(404);
	});
});
