/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * The secrets sweep: every error path runs with a recognisable API key and SIP trunk password, both in
 * credentials, and neither may appear in the workflow (its node parameters), output items, errors
 * (message, description, context, messages, cause, stack, and the copy of the node n8n attaches to
 * them), the run, or anything written to the console or the process streams while it runs, with n8n
 * logging at debug level in JSON (the format that prints log metadata, errors included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INode, IRun } from 'n8n-workflow';

import { PHONE_ID, TEST_API_KEY as API_KEY } from './support/diga';
import type * as Diga from './support/diga';
import type * as Engine from './support/engine';
import { phoneRegister, startFakeDiga, type FakeDiga, type FakeReply } from './support/fake-diga';

const SIP_PASSWORD = 'S1P-PASSWORD-canary';
const SECRETS = [API_KEY, SIP_PASSWORD];
const REFUSED_URL = 'http://127.0.0.1:9';

const TRUNK = { terminationUri: 'trunk.example.com', username: 'acme', password: SIP_PASSWORD };

const importPhone = (fields: IDataObject = {}) => ({
	resource: 'phone',
	operation: 'import',
	phoneNumber: '+34912345678',
	outboundTrunk: 'credential',
	options: { maxRetries: 1, timeout: 1000 },
	...fields,
});

const updatePhone = (fields: IDataObject = {}) => ({
	resource: 'phone',
	operation: 'update',
	phoneId: { __rl: true, mode: 'id', value: PHONE_ID },
	updateFields: { nickname: 'Front desk' },
	options: { maxRetries: 1, timeout: 1000 },
	...fields,
});

const updateSipConfig = (fields: IDataObject = {}) => ({
	resource: 'phone',
	operation: 'updateSipConfig',
	phoneId: { __rl: true, mode: 'id', value: PHONE_ID },
	outboundTrunk: 'credential',
	options: { maxRetries: 1, timeout: 1000 },
	...fields,
});

const OPERATIONS = { import: importPhone, update: updatePhone, updateSipConfig };

/**
 * Diga's two error shapes, plus what a careless server or proxy adds: FastAPI's 422 echoes the
 * offending `input` (here the whole outbound config), and a debug header repeats the Authorization.
 */
function failure(status: number, authorization: string | undefined): FakeReply {
	const body =
		status === 422
			? {
					detail: [
						{
							loc: ['body', 'outbound_config', 'password'],
							msg: 'String should have at most 32 characters',
							type: 'string_too_long',
							input: { termination_uri: 'trunk.example.com', password: SIP_PASSWORD },
						},
					],
				}
			: { status: 'error', error_code: `E${status}`, message: `Refused with ${status}` };
	return { status, body, headers: { 'retry-after': '0', 'x-debug-authorization': authorization ?? '' } };
}

const STATUSES = [400, 401, 403, 404, 409, 412, 422, 429, 500, 503];

type Fault = { kind: 'status'; status: number } | { kind: 'reset' } | { kind: 'slow' } | { kind: 'refused' } | { kind: 'ok' };

interface Case {
	name: string;
	parameters: IDataObject;
	/** The SIP trunk fields of the node's Diga API credential, if any. */
	trunk: IDataObject | undefined;
	fault: Fault;
	fails: boolean;
}

const NETWORK_FAULTS: Fault[] = [{ kind: 'refused' }, { kind: 'reset' }, { kind: 'slow' }];
const CASES: Case[] = [
	...Object.entries(OPERATIONS).flatMap(([operation, parameters]) =>
		[...STATUSES.map((status): Fault => ({ kind: 'status', status })), ...NETWORK_FAULTS, { kind: 'ok' } as Fault].map((fault) => ({
			name: `${operation}: ${fault.kind === 'status' ? fault.status : fault.kind}`,
			parameters: parameters(),
			trunk: TRUNK,
			fault,
			fails: fault.kind !== 'ok',
		})),
	),
	...(
		[
			['import: bad phone number', importPhone({ phoneNumber: '+34 912 345 678' })],
			['import: bad termination URI', importPhone(), { ...TRUNK, terminationUri: 'sip:trunk.example.com/x;p=1' }],
			['import: the password in the termination URI', importPhone(), { ...TRUNK, terminationUri: `sip:acme:${SIP_PASSWORD}@trunk.example.com` }],
			['import: password without termination URI', importPhone(), { username: 'acme', password: SIP_PASSWORD }],
			['import: bad allowed addresses', importPhone({ inbound: { allowedAddresses: '10.0.0.0/33' } })],
			['import: bad media encryption', importPhone({ outboundMediaEncryption: '={{ "maybe" }}' })],
			// A credential field set from an external secret store may hand over an object where the password belongs.
			['import: password given as an object', importPhone(), { ...TRUNK, password: { user: 'acme', password: SIP_PASSWORD } }],
			['import: no trunk in the credential', importPhone(), undefined],
			['update: bad phone ID', updatePhone({ phoneId: { __rl: true, mode: 'id', value: '={{ "not-a-uuid" }}' } })],
			['update: nothing to update', updatePhone({ updateFields: {} })],
			['update: agent and unassign together', updatePhone({ updateFields: { inboundVersionId: { __rl: true, mode: 'id', value: PHONE_ID }, unassignInbound: true } })],
			['update SIP config: bad termination URI', updateSipConfig(), { ...TRUNK, terminationUri: 'trunk.example.com/x' }],
			['update SIP config: the password in the termination URI', updateSipConfig(), { ...TRUNK, terminationUri: `sips:acme:${SIP_PASSWORD}@[2001:db8::10]` }],
			['update SIP config: bad phone ID', updateSipConfig({ phoneId: { __rl: true, mode: 'id', value: '={{ "not-a-uuid" }}' } })],
			// Version 0.1 kept the password in the node: n8n drops parameters the node no longer declares.
			[
				'import: a workflow saved by version 0.1, with the password in the node',
				importPhone({ phoneNumber: 'bad', outboundTrunk: undefined, outbound: { terminationUri: 'trunk.example.com', password: SIP_PASSWORD } }),
			],
		] as const
	).map(([name, parameters, ...trunk]): Case => ({ name, parameters, trunk: trunk.length ? (trunk[0] as IDataObject | undefined) : TRUNK, fault: { kind: 'ok' }, fails: true })),
];

/**
 * Every string reachable from `value`, through own properties whether enumerable or not (an error's
 * message, stack and cause are not); `nodes` collects the INode objects met on the way.
 */
function strings(value: unknown, nodes: INode[] = [], seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
	if (value === null || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);
	if ('parameters' in value && 'type' in value && 'typeVersion' in value) nodes.push(value as INode);
	return Object.getOwnPropertyNames(value).flatMap((key) => [key, ...strings((value as Record<string, unknown>)[key], nodes, seen)]);
}


/** Everything the process prints while a case runs, wherever it goes. */
const printed: string[] = [];
const show = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : strings(arg).join(' '))).join(' ');
/** Nodes attached to errors: they must be there, so the sweep is known to have read their parameters. */
const nodesOnErrors: INode[] = [];
let debugLines = 0;

function printedTexts(): string[] {
	for (const line of printed.join('').split('\n')) {
		if (line.startsWith('{"level":"debug"')) debugLines++;
	}
	return printed;
}

let engine: typeof Engine;
let fake: FakeDiga;
let runAgainst: typeof Diga.runAgainst;
const LOG_SETTINGS = { N8N_LOG_LEVEL: 'debug', N8N_LOG_FORMAT: 'json' };
const environmentBefore = Object.fromEntries(Object.keys(LOG_SETTINGS).map((name) => [name, process.env[name]]));

beforeAll(async () => {
	// Set before n8n's logger and config exist: they read the environment once, when first used.
	Object.assign(process.env, LOG_SETTINGS);
	engine = await import('./support/engine');
	({ runAgainst } = await import('./support/diga'));
	fake = await startFakeDiga();
	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(show(args)));
	}
	// winston writes to console._stdout when the console has one: jest's console in a worker has its own.
	const consoleStreams = console as unknown as { _stdout?: NodeJS.WriteStream; _stderr?: NodeJS.WriteStream };
	const streams = new Set([process.stdout, process.stderr, consoleStreams._stdout, consoleStreams._stderr]);
	for (const stream of streams) {
		if (!stream) continue;
		const write = stream.write.bind(stream);
		jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
			printed.push(String(chunk));
			// n8n's debug log is here to be searched, not read: it would bury the test report.
			return String(chunk).startsWith('{"level"') || write(chunk as string, ...rest);
		}) as typeof stream.write);
	}
});

afterAll(async () => {
	for (const [name, value] of Object.entries(environmentBefore)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	jest.restoreAllMocks();
	await fake.stop();
});

function reply(fault: Fault, authorization: string | undefined, body: unknown): FakeReply {
	switch (fault.kind) {
		case 'status':
			return failure(fault.status, authorization);
		case 'reset':
			return { reset: true };
		case 'slow':
			return { delayMs: 1500, status: 200, body: phoneRegister(PHONE_ID) };
		default:
			return { status: 200, body: phoneRegister(PHONE_ID, { number: (body as IDataObject | undefined)?.phone_number ?? '+34910000000' }) };
	}
}

function expectNoSecret(texts: string[], where: string): void {
	for (const secret of SECRETS) {
		const leaks = texts.filter((text) => text.includes(secret));
		expect({ where, secret, leaks }).toEqual({ where, secret, leaks: [] });
	}
}

describe('no path shows the API key or the SIP password', () => {
	test('the sweep reaches what JSON.stringify skips: an error cause, a non-enumerable header', () => {
		const headers = Object.defineProperty({}, 'authorization', { value: `Bearer ${API_KEY}`, enumerable: false });
		const error = new Error('request failed', { cause: { config: { headers, data: { password: SIP_PASSWORD } } } });
		expect(JSON.stringify(error)).toBe('{}');
		const texts = strings(error);
		expect(texts).toContain(`Bearer ${API_KEY}`);
		expect(texts).toContain(SIP_PASSWORD);
	});

	test('the fake really receives both secrets, so the sweep can catch them', async () => {
		fake.handler = (request) => reply({ kind: 'ok' }, request.headers.authorization, request.body);
		fake.requests.length = 0;
		await engine.runDiga({ parameters: importPhone(), credentials: { apiKey: API_KEY, baseUrl: fake.url }, sipTrunk: TRUNK });
		expect(fake.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(JSON.stringify(fake.requests[0].body)).toContain(SIP_PASSWORD);
	});

	test.each(CASES.map((entry) => [entry.name, entry] as const))('%s', async (_name, { parameters, trunk, fault, fails }) => {
		printed.length = 0;
		fake.handler = (request) => reply(fault, request.headers.authorization, request.body);
		const baseUrl = fault.kind === 'refused' ? REFUSED_URL : fake.url;
		const [itemized, failed] = await Promise.all(
			[true, false].map(
				async (continueOnFail) =>
					await engine.runDiga({ parameters, credentials: { apiKey: API_KEY, baseUrl }, sipTrunk: trunk, continueOnFail, items: [{}, {}] }),
			),
		);
		expect(itemized.output).toHaveLength(2);
		expect(typeof itemized.output?.[0].json.error).toBe(fails ? 'string' : 'undefined');
		expect(typeof failed.error?.message).toBe(fails ? 'string' : 'undefined');
		expectNoSecret(strings(itemized.output), 'output items');
		expectNoSecret(strings(failed.error, nodesOnErrors), 'node error');
		expectNoSecret(strings([itemized.run, failed.run] as IRun[]), 'the run, with the workflow it ran');
		expectNoSecret(printedTexts(), 'console and process output');
	});

	test.each([401, 403, 422, 500])('the phone picker, on %i', async (status) => {
		printed.length = 0;
		fake.handler = (request) => failure(status, request.headers.authorization);
		const error = await engine.listSearch('searchPhones', { apiKey: API_KEY, baseUrl: fake.url }).then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(error).toBeInstanceOf(Error);
		expectNoSecret(strings(error, nodesOnErrors), 'picker error');
		expectNoSecret(printedTexts(), 'console and process output');
	});

	test('n8n logged at debug level in JSON during the sweep, so the log check had something to read', () => {
		expect(debugLines).toBeGreaterThan(100);
	});

	test('the errors carried their node, trunk selector and credential reference included, so the sweep read them', () => {
		expect(nodesOnErrors.length).toBeGreaterThan(50);
		expect(nodesOnErrors.some((node) => node.parameters.outboundTrunk === 'credential' && node.credentials?.digaApi !== undefined)).toBe(true);
	});
});

describe('no example workflow carries a secret', () => {
	const EXAMPLES = path.resolve(__dirname, '../examples');
	const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));

	/** Every key and string value at any depth, with the keys of the Diga nodes' parameters. */
	function keys(value: unknown): string[] {
		if (Array.isArray(value)) return value.flatMap(keys);
		if (value === null || typeof value !== 'object') return [];
		return Object.entries(value).flatMap(([key, entry]) => [key, ...keys(entry)]);
	}

	test.each(files)('%s', (file) => {
		const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { nodes: INode[] };
		for (const node of workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-diga.diga')) {
			expect(keys(node.parameters).filter((key) => /password|secret|apiKey/i.test(key))).toEqual([]);
			// Credentials are referenced by id and name only.
			for (const reference of Object.values(node.credentials ?? {})) expect(Object.keys(reference).sort()).toEqual(['id', 'name']);
		}
	});
});

describe('the key goes to Diga and nowhere else', () => {
	const updateNickname = () => updatePhone({ options: { maxRetries: 0 } });
	let diga: FakeDiga;
	let elsewhere: FakeDiga;
	beforeAll(async () => {
		diga = await startFakeDiga();
		elsewhere = await startFakeDiga((request) => ({ status: request.method === 'GET' ? 200 : 201, body: { id: 'elsewhere', data: [] } }));
	});
	afterAll(async () => {
		await diga.stop();
		await elsewhere.stop();
	});
	beforeEach(() => {
		diga.requests.length = 0;
		elsewhere.requests.length = 0;
	});

	const importWithTrunk = {
		resource: 'phone',
		operation: 'import',
		phoneNumber: '+34912345678',
		options: { maxRetries: 0 },
	};
	const makeCall = { resource: 'call', operation: 'make', phoneId: { __rl: true, mode: 'id', value: PHONE_ID }, toNumber: '+34612345678', options: { maxRetries: 0 } };

	test.each([
		[302, 'a GET with the bearer key', updateNickname()],
		[307, 'an Import with its body', importWithTrunk],
		[301, 'a Make Call that a client would turn into a GET', makeCall],
		[308, 'a Get Many', { resource: 'phone', operation: 'getAll', limit: 5, options: { maxRetries: 3 } }],
	])('a %i redirect is an error naming both hosts, never followed (%s)', async (status, _what, parameters) => {
		diga.handler = () => ({ status, headers: { location: `${elsewhere.url}/v1/somewhere` } });
		const { output, error } = await runAgainst(diga, parameters);
		expect(output).toBeUndefined();
		expect(error?.message).toContain(`${diga.url} answered ${status}, a redirect to ${new URL(elsewhere.url).host}`);
		expect(error?.description).toMatch(/Neither the API key nor the request was sent/);
		expect(diga.requests).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
	});

	test.each([
		['http://example.com', 'http://example.com'],
		['http://10.0.0.5:8080/', 'http://10.0.0.5:8080/'],
		['ftp://api.diga.io', 'ftp://api.diga.io'],
		['https://user:secret@api.diga.io', 'https://***@api.diga.io'],
		['api.diga.io', 'api.diga.io'],
	])('the Base URL %j is refused before any request, with a clear message', async (baseUrl, shown) => {
		const { output, error } = await runAgainst({ url: baseUrl }, updateNickname());
		expect(output).toBeUndefined();
		expect(error?.message).toBe(`The Base URL of the Diga API credential must start with https:// (it is "${shown}")`);
		expect(error?.description).toMatch(/Nothing was sent/);
		expect(JSON.stringify(error)).not.toContain('secret');
	});

	test('http to [::1] is let through to the connection (nothing listens there in this test)', async () => {
		const { error } = await runAgainst({ url: 'http://[::1]:9' }, updateNickname());
		expect(error?.message).toBe('Could not reach Diga: the connection was refused');
	});

	test.each(['http://localhost:PORT', 'http://127.0.0.1:PORT/'])('a test server on this machine may use http: %s', async (template) => {
		const port = new URL(diga.url).port;
		diga.handler = (request) => ({ status: 200, body: phoneRegister(request.path.split('/').pop() ?? '') });
		const { output, error } = await runAgainst({ url: template.replace('PORT', port) }, updateNickname());
		expect(error).toBeUndefined();
		expect(output?.[0].json.id).toBe(PHONE_ID);
	});
});
