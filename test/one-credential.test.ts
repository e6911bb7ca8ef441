import type { INodeCredentialDescription, INodeProperties, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

import { loadPackage } from './support/engine';

/**
 * One credential at a time: a node may list several credentials only when no setting of the node can
 * show two of them at once. That holds for a pair when both are shown only under `displayOptions.show`
 * of one and the same property, that property takes a single value (not multi-options), and the two
 * value lists are plain literals with nothing in common. Anything else (a credential without `show`,
 * conditions on different properties, a condition object, a property that can hold several values)
 * counts as "can be used together". This is the logic of n8n's `single-credential-per-node` lint
 * rule, written here against the built descriptions n8n loads, so a second credential cannot come back.
 */
type Literal = string | number | boolean;

const SINGLE_VALUE_TYPES = new Set(['options', 'boolean', 'string', 'number', 'resourceLocator']);

function literals(values: unknown): Literal[] | undefined {
	if (!Array.isArray(values) || values.length === 0) return undefined;
	return values.every((value) => ['string', 'number', 'boolean'].includes(typeof value)) ? (values as Literal[]) : undefined;
}

/** Whether every top-level property of that name takes one value at a time. */
function isSingleValue(name: string, properties: readonly INodeProperties[]): boolean {
	const found = properties.filter((property) => property.name === name);
	return found.length > 0 && found.every((property) => SINGLE_VALUE_TYPES.has(property.type));
}

function exclusive(a: INodeCredentialDescription, b: INodeCredentialDescription, properties: readonly INodeProperties[]): boolean {
	const showA = a.displayOptions?.show;
	const showB = b.displayOptions?.show;
	if (!showA || !showB) return false;
	return Object.keys(showA).some((name) => {
		const valuesA = literals(showA[name]);
		const valuesB = literals(showB[name]);
		if (!valuesA || !valuesB || !isSingleValue(name, properties)) return false;
		return valuesA.every((value) => !valuesB.includes(value));
	});
}

/** The pairs of credentials one setting of the node could use at once, as "a + b". */
export function credentialsUsableTogether(description: Pick<INodeTypeDescription, 'credentials' | 'properties'>): string[] {
	const credentials = description.credentials ?? [];
	const pairs: string[] = [];
	credentials.forEach((a, i) =>
		credentials.slice(i + 1).forEach((b) => {
			if (!exclusive(a, b, description.properties)) pairs.push(`${a.name} + ${b.name}`);
		}),
	);
	return pairs;
}

function descriptions(type: INodeType | IVersionedNodeType): INodeTypeDescription[] {
	return 'nodeVersions' in type ? Object.values(type.nodeVersions).map((version) => version.description) : [type.description];
}

/** The Diga node's credentials as version 0.2 declared them: the key always, the trunk when chosen. */
const CREDENTIALS_OF_0_2: INodeCredentialDescription[] = [
	{ name: 'digaApi', required: true },
	{
		name: 'digaSipTrunkApi',
		required: true,
		displayOptions: { show: { resource: ['phone'], operation: ['import', 'updateSipConfig'], outboundTrunk: ['credential'] } },
		testedBy: 'digaSipTrunkApiTest',
	},
];

const selector = (type: string, name = 'authentication'): INodeProperties => ({ displayName: 'Authentication', name, type, default: '' } as INodeProperties);
const shownFor = (name: string, values: unknown[], property = 'authentication'): INodeCredentialDescription => ({
	name,
	displayOptions: { show: { [property]: values as string[] } },
});

describe('one credential at a time', () => {
	test.each(['diga', 'digaTrigger', 'digaAgentToolTrigger'])('the built %s node can use no two credentials at once', async (name) => {
		const loader = await loadPackage();
		const all = descriptions(loader.getNode(name).type);
		expect(all.length).toBeGreaterThan(0);
		for (const description of all) {
			expect(description.credentials?.length).toBeGreaterThan(0);
			expect(credentialsUsableTogether(description)).toEqual([]);
		}
	});

	test('the check fails on the Diga node as version 0.2 described it (the key and a separate SIP trunk credential)', async () => {
		const loader = await loadPackage();
		const { properties } = loader.getNode('diga').type.description as INodeTypeDescription;
		expect(credentialsUsableTogether({ properties, credentials: CREDENTIALS_OF_0_2 })).toEqual(['digaApi + digaSipTrunkApi']);
	});

	test('exclusive conditions on one single-value property pass', () => {
		const credentials = [shownFor('aApi', ['a']), shownFor('bApi', ['b', 'c']), shownFor('dApi', [true])];
		expect(credentialsUsableTogether({ properties: [selector('options')], credentials })).toEqual([]);
	});

	test.each([
		['overlapping values', [selector('options')], [shownFor('aApi', ['a', 'b']), shownFor('bApi', ['b'])]],
		['a property that holds several values', [selector('multiOptions')], [shownFor('aApi', ['a']), shownFor('bApi', ['b'])]],
		['conditions on two different properties', [selector('options'), selector('options', 'mode')], [shownFor('aApi', ['a']), shownFor('bApi', ['b'], 'mode')]],
		['a property the node does not have', [selector('options')], [shownFor('aApi', ['a'], 'other'), shownFor('bApi', ['b'], 'other')]],
		['a condition object instead of literals', [selector('options')], [shownFor('aApi', [{ _cnd: { not: 'b' } }]), shownFor('bApi', ['b'])]],
		['one credential shown always', [selector('options')], [{ name: 'aApi' }, shownFor('bApi', ['b'])]],
	])('%s count as usable together', (_case, properties, credentials) => {
		expect(credentialsUsableTogether({ properties, credentials: credentials as INodeCredentialDescription[] })).toEqual(['aApi + bApi']);
	});
});
