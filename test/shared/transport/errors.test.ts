import { hintFor, readFailure } from '../../../nodes/Diga/shared/transport/errors';

describe('readFailure', () => {
	test('reads the application error shape', () => {
		expect(
			readFailure(404, { status: 'error', error_code: 'PHONE_NUMBER_NOT_FOUND', message: 'Phone number not found' }),
		).toEqual({ status: 404, code: 'PHONE_NUMBER_NOT_FOUND', message: 'Phone number not found' });
	});

	test('reads FastAPI validation details, joining each location without "body"', () => {
		const failure = readFailure(422, {
			detail: [
				{ loc: ['body', 'phone_number'], msg: 'Field required', type: 'missing' },
				{ loc: ['body', 'inbound_config', 'allowed_addresses', 0], msg: 'Input should be a valid string', type: 'string_type' },
			],
		});
		expect(failure).toEqual({
			status: 422,
			code: undefined,
			message: 'phone_number: Field required; inbound_config.allowed_addresses.0: Input should be a valid string',
		});
	});

	test('keeps non-body locations such as the query', () => {
		const failure = readFailure(422, { detail: [{ loc: ['query', 'limit'], msg: 'Input should be less than or equal to 100', type: 'less_than_equal' }] });
		expect(failure.message).toBe('query.limit: Input should be less than or equal to 100');
	});

	test('uses the bare message of a detail without a location', () => {
		expect(readFailure(422, { detail: [{ msg: 'Cannot use after and before together', type: 'value_error' }] }).message).toBe(
			'Cannot use after and before together',
		);
	});

	test('reads a string detail', () => {
		expect(readFailure(405, { detail: 'Method Not Allowed' })).toEqual({ status: 405, code: undefined, message: 'Method Not Allowed' });
	});

	test('reads a plain text body, trimmed and capped at about 1,000 characters', () => {
		expect(readFailure(502, '  Bad Gateway\n').message).toBe('Bad Gateway');
		expect(readFailure(502, 'x'.repeat(5000)).message).toHaveLength(1000);
		expect(readFailure(502, 'x'.repeat(1000)).message).toBe('x'.repeat(1000));
		expect(readFailure(400, { message: 'y'.repeat(5000) }).message).toMatch(/^y{997}\.\.\.$/);
	});

	test.each([
		['<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>', 'an HTML page titled "502 Bad Gateway"'],
		['<html><body><h1>Service\n  Unavailable</h1><script>x()</script></body></html>', 'an HTML page titled "Service Unavailable"'],
		['  <html><body><p>down</p></body></html>', 'an HTML page'],
	])('an HTML error page is reduced to its title, never pasted as markup: %j', (page, expected) => {
		const { message } = readFailure(502, page);
		expect(message).toBe(expected);
		expect(message).not.toMatch(/<|>/);
	});

	test.each([
		[{ detail: 'Not Found' }, true],
		[{ type: 'https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR', title: 'Route not resolved, no path matched', status: 404, detail: 'The route /v1/phone/x/sip-config has not been found' }, true],
		[{ status: 'error', error_code: 'PHONE_NUMBER_NOT_FOUND', message: 'Phone number not found' }, undefined],
	])('a 404 for the route itself is told from a missing record: %j', (body, routeMissing) => {
		expect(readFailure(404, body).routeMissing).toBe(routeMissing);
		expect(hintFor(readFailure(404, body), 'PATCH /v1/phone/x/sip-config')).toMatch(routeMissing ? /no endpoint PATCH \/v1\/phone\/x\/sip-config/ : /Pick the phone/);
	});

	test.each([[undefined], [null], [''], ['   '], [{}], [[]], [{ detail: [] }], [{ message: '' }], [42]])(
		'falls back to the status for the body %j',
		(body) => {
			expect(readFailure(503, body)).toEqual({ status: 503, code: undefined, message: 'HTTP 503' });
		},
	);

	// Known bug, reported: an entry without a string msg is shown as "undefined". Drop `.failing` once fixed.
	test('shows a detail entry without msg by what it has', () => {
		expect(readFailure(422, { detail: [{ loc: ['body', 'nickname'], type: 'missing' }, 'Field required'] }).message).not.toContain('undefined');
	});

	test('keeps the code when the message is missing', () => {
		expect(readFailure(401, { status: 'error', error_code: 'INVALID_API_KEY' })).toEqual({
			status: 401,
			code: 'INVALID_API_KEY',
			message: 'HTTP 401',
		});
	});
});

describe('hintFor', () => {
	const byStatus = {
		401: /API key/,
		403: /permission/,
		404: /ID/,
		409: /conflicts|already published/,
		412: /SIP configuration/,
		422: /field/,
		429: /rate|Concurrency|Retries/,
		500: /later|support/,
	};

	test.each(Object.entries(byStatus))('gives a relevant hint for %s', (status, relevant) => {
		expect(hintFor({ status: Number(status), message: 'x' })).toMatch(relevant);
	});

	test('gives each status its own hint', () => {
		const hints = Object.keys(byStatus).map((status) => hintFor({ status: Number(status), message: 'x' }));
		expect(new Set(hints).size).toBe(hints.length);
	});

	test.each([502, 503, 504, 599])('treats %s like any other server error', (status) => {
		expect(hintFor({ status, message: 'x' })).toBe(hintFor({ status: 500, message: 'x' }));
	});

	test('still says something for an unexpected status', () => {
		expect(hintFor({ status: 418, message: 'x' })).toMatch(/\S/);
	});

	test.each([
		['INVALID_API_KEY', 403],
		['PHONE_NUMBER_NOT_FOUND', 400],
		['SIP_CONFIG_NOT_SET', 409],
	])('lets the code %s win over the status %s', (code, status) => {
		const hint = hintFor({ status, code, message: 'x' });
		expect(hint).not.toBe(hintFor({ status, message: 'x' }));
		expect(hint).toBe(hintFor({ status: 599, code, message: 'x' }));
	});

	test('reads the status when the code says nothing useful (some 403s carry INTERNAL_SERVER_ERROR)', () => {
		expect(hintFor({ status: 403, code: 'INTERNAL_SERVER_ERROR', message: 'x' })).toBe(hintFor({ status: 403, message: 'x' }));
	});

	// Known bug, reported: HINTS_BY_CODE[code] also finds Object.prototype members, so the hint becomes
	// a function or an object. Drop `.failing` once fixed.
	test.each(['toString', 'constructor', '__proto__'])('reads the status for the code %s', (code) => {
		expect(hintFor({ status: 500, code, message: 'x' })).toBe(hintFor({ status: 500, message: 'x' }));
	});

	test('points a missing phone at the picker', () => {
		expect(hintFor({ status: 404, code: 'PHONE_NUMBER_NOT_FOUND', message: 'x' })).toMatch(/phone/i);
	});
});
