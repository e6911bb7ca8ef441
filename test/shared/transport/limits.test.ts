import type { INodeProperties } from 'n8n-workflow';

import { requestOptions } from '../../../nodes/Diga/shared/common.descriptions';
import { bounded, OPTION_LIMITS, settingsFrom } from '../../../nodes/Diga/shared/transport/limits';

const fields = requestOptions.options as INodeProperties[];

describe('the option limits', () => {
	test.each(Object.keys(OPTION_LIMITS) as Array<keyof typeof OPTION_LIMITS>)('the editor shows the bounds and default the router enforces for %s', (name) => {
		const field = fields.find((option) => option.name === name);
		const { default: fallback, min, max } = OPTION_LIMITS[name];
		expect(field?.default).toBe(fallback);
		expect(field?.typeOptions).toEqual({ minValue: min, maxValue: max });
		expect(bounded(name, min - 1)).toBe(min);
		expect(bounded(name, max + 1)).toBe(max);
		expect(bounded(name, 'not a number')).toBe(fallback);
		expect(bounded(name, undefined)).toBe(fallback);
	});

	test('settings from an empty Options collection are the defaults', () => {
		expect(settingsFrom({})).toEqual({ timeoutMs: 30_000, maxRetries: 3, concurrency: 5 });
		expect(settingsFrom({ timeout: 10_000_000, maxRetries: 2.7, concurrency: 0 })).toEqual({ timeoutMs: 600_000, maxRetries: 2, concurrency: 1 });
	});
});
