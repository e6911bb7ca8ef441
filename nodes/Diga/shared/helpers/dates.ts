/** A date from a date field or an expression, as the ISO 8601 timestamp Diga's filters take. */
import { InputError, requiredText, show } from './validation';

/** How far `timeZone`'s clock is ahead of UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
		.formatToParts(new Date(utcMs))
		.reduce<Record<string, number>>((all, part) => ({ ...all, [part.type]: Number(part.value) }), {});
	const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return wall - (utcMs - (utcMs % 1000));
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * A moment in ISO 8601 UTC. A date or time written without an offset (as n8n's date picker gives it)
 * is read on the workflow's clock, `timeZone`, as n8n's own nodes do, not on the n8n server's.
 */
export function dateTime(value: unknown, parameter: string, timeZone: string): string {
	const hint = `Pick a date, or give one in ISO 8601 (e.g. 2026-01-31T18:00:00Z); without an offset it is read in the workflow's time zone (${timeZone}).`;
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	const input = requiredText(value, parameter, hint);
	const local = LOCAL_DATE_TIME.exec(input);
	let ms: number;
	if (local) {
		const [, year, month, day, hour = '0', minute = '0', second = '0', milli = '0'] = local;
		const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, +milli.padEnd(3, '0'));
		const fields = new Date(wall);
		const real = fields.getUTCMonth() + 1 === +month && fields.getUTCDate() === +day && fields.getUTCHours() === +hour && +minute < 60 && +second < 60;
		if (!real) throw new InputError(parameter, `${show(value)} is not a date`, hint);
		// The offset at the wall time, then again at the moment found: right on both sides of a DST change.
		ms = wall - zoneOffsetMs(wall, timeZone);
		ms = wall - zoneOffsetMs(ms, timeZone);
	} else {
		ms = new Date(input).getTime();
	}
	if (Number.isNaN(ms)) throw new InputError(parameter, `${show(value)} is not a date`, hint);
	return new Date(ms).toISOString();
}
