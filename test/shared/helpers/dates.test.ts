import { dateTime } from '../../../nodes/Diga/shared/helpers/dates';
import { rejectedAs } from '../../support/diga';

describe('dateTime', () => {
	test.each([
		['2026-01-31T18:00:00Z', '2026-01-31T18:00:00.000Z'],
		['2026-01-31T18:00:00.250Z', '2026-01-31T18:00:00.250Z'],
		['2026-01-31T19:00:00+01:00', '2026-01-31T18:00:00.000Z'],
		[' 2026-01-31T18:00:00Z ', '2026-01-31T18:00:00.000Z'],
		['2026-01-31', '2026-01-31T00:00:00.000Z'],
		[new Date(Date.UTC(2026, 0, 31, 18)), '2026-01-31T18:00:00.000Z'],
	])('reads %j as %j', (input, expected) => {
		expect(dateTime(input, 'Assigned From', 'UTC')).toBe(expected);
	});

	test.each([
		['2026-01-31T00:00:00', 'Europe/Madrid', '2026-01-30T23:00:00.000Z'],
		['2026-07-31T00:00:00', 'Europe/Madrid', '2026-07-30T22:00:00.000Z'],
		['2026-01-31', 'America/New_York', '2026-01-31T05:00:00.000Z'],
		['2026-03-29T03:30:00', 'Europe/Madrid', '2026-03-29T01:30:00.000Z'],
		['2026-10-25T01:30:00', 'Europe/Madrid', '2026-10-24T23:30:00.000Z'],
		['2026-01-31T18:00:00.5', 'Asia/Kolkata', '2026-01-31T12:30:00.500Z'],
		['2026-01-31T00:00:00Z', 'Europe/Madrid', '2026-01-31T00:00:00.000Z'],
		['2026-01-31T00:00:00+05:00', 'Europe/Madrid', '2026-01-30T19:00:00.000Z'],
	])('reads %j without an offset on the workflow clock (%s): %s', (input, timeZone, expected) => {
		expect(dateTime(input, 'Assigned From', timeZone)).toBe(expected);
	});

	test.each([[''], ['  '], [undefined], ['yesterday'], ['2026-13-01'], ['2026-01-31T25:00:00Z'], [new Date(Number.NaN)], ['2026-02-30'], ['2026-01-31T24:00:00'], ['2026-01-31T10:61'], [{ date: '2026-01-31' }]])(
		'rejects %j',
		(input) => {
			expect(() => dateTime(input, 'Assigned From', 'UTC')).toThrow(rejectedAs('Assigned From'));
		},
	);
});
