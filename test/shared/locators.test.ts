import { idFrom, locator } from '../../nodes/Diga/shared/locators';

const ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';

describe('idFrom: one meaning of an empty picker', () => {
	test.each([undefined, null, '', '   '])('a required picker left %p is an error that says how to fill it', (value) => {
		expect(() => idFrom(value, 'phone', 'Phone')).toThrow(/^Phone: is empty$/);
	});

	test.each([undefined, null, '', '   '])('an optional picker (a filter) left %p is left out', (value) => {
		expect(idFrom(value, 'agent', 'Agent', 'optional')).toBeUndefined();
	});

	test('a picker under Additional or Update Fields is left out until added, then must be filled', () => {
		expect(idFrom(undefined, 'version', 'Agent', 'ifAdded')).toBeUndefined();
		expect(idFrom(null, 'version', 'Agent', 'ifAdded')).toBeUndefined();
		expect(() => idFrom('', 'version', 'Agent', 'ifAdded')).toThrow(/^Agent: is empty$/);
	});

	test.each(['required', 'optional', 'ifAdded'] as const)('%s: a UUID is checked and lower-cased; anything else is refused', (whenEmpty) => {
		expect(idFrom(` ${ID.toUpperCase()} `, 'call', 'Call', whenEmpty)).toBe(ID);
		expect(() => idFrom('latest', 'call', 'Call', whenEmpty)).toThrow(/Call: "latest" is not a valid ID/);
	});
});

describe('locator: one factory for every picker', () => {
	test('From List first (the default), By ID checked as a UUID, By Number only when asked', () => {
		const phone = locator('phone', { name: 'phoneId', displayName: 'From Phone', description: 'Your number', required: true, byNumber: true });
		expect(phone.default).toEqual({ mode: 'list', value: '' });
		expect(phone.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'number']);
		const byId = phone.modes?.[1].validation?.[0] as unknown as { properties: { regex: string } };
		expect(new RegExp(byId.properties.regex).test(`${ID} `)).toBe(true);
		expect(new RegExp(byId.properties.regex).test('+34912345678')).toBe(false);
		const version = locator('version', { name: 'versionId', displayName: 'Version', description: 'Which version' });
		expect(version.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(version).not.toHaveProperty('required');
		expect(version.description).toBe('Which version. Its ID is a UUID: a version_id that Agent > Get Many returns.');
	});
});
