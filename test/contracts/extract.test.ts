/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * The contract extracts in this folder are what scripts/extract-contracts.ts wrote, unedited: each
 * one's sha256 matches test/contracts/provenance.json, and each is already facts-only (extracting it
 * again changes no byte). Needs nothing outside the repository. Whether the extracts still match
 * Diga's official documents is `npm run contracts:extract -- --check <official openapi.json ...>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
	EXTRACTS_DIR,
	extractContract,
	extractFileName,
	PROVENANCE_FILE,
	serialize,
	sha256,
	SOURCE_PATH,
	SOURCE_REPOSITORY,
	type Provenance,
} from '../../scripts/extract-contracts';
import { CONTRACT_NAMES, CONTRACTS_DIR, contractFile } from '../support/contracts';

const provenanceText = readFileSync(path.join(EXTRACTS_DIR, PROVENANCE_FILE), 'utf8');
const provenance = JSON.parse(provenanceText) as Provenance;

describe('contract extracts (test/contracts/)', () => {
	test('the tests, Prism and the validators read the extracts in this folder', () => {
		expect(CONTRACTS_DIR).toBe(EXTRACTS_DIR);
		expect(CONTRACT_NAMES.map((name) => contractFile(name))).toEqual(CONTRACT_NAMES.map((name) => path.join(EXTRACTS_DIR, extractFileName(name))));
	});

	test('provenance.json lists exactly the contracts in this folder, and is as the script writes it', () => {
		const files = readdirSync(EXTRACTS_DIR)
			.filter((file) => /^openapi\..*\.json$/.test(file))
			.sort();
		expect(Object.keys(provenance.contracts)).toEqual([...CONTRACT_NAMES]);
		expect(files).toEqual(CONTRACT_NAMES.map(extractFileName));
		expect(serialize(provenance)).toBe(provenanceText);
	});

	describe.each(CONTRACT_NAMES)('contract %s', (name) => {
		const text = readFileSync(contractFile(name), 'utf8');
		const entry = provenance.contracts[name];

		test("names its source: Diga's public docs repository, the document's date and sha256", () => {
			expect(entry.source).toEqual({
				repository: SOURCE_REPOSITORY,
				path: SOURCE_PATH,
				date: name,
				openapi: expect.stringMatching(/^3\.\d+\.\d+$/),
				infoVersion: expect.any(String),
				bytes: expect.any(Number),
				sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			});
		});

		test('the extract has the sha256 and size provenance.json records (no hand edit)', () => {
			expect(entry.extract).toEqual({
				file: extractFileName(name),
				bytes: Buffer.byteLength(text),
				sha256: sha256(text),
			});
		});

		test('the extract is facts only: extracting it again changes no byte', () => {
			expect(serialize(extractContract(JSON.parse(text)))).toBe(text);
		});
	});
});

describe('extractContract', () => {
	const official = {
		openapi: '3.1.0',
		info: { title: 'Diga API', version: '0.1.0', description: 'About the API.', contact: { email: 'x@example.com' } },
		servers: [{ url: 'https://api.diga.io', description: 'Production' }],
		tags: [{ name: 'Phone', description: 'Phones.', externalDocs: { url: 'https://example.com' } }],
		externalDocs: { url: 'https://example.com' },
		'x-logo': { url: 'https://example.com/logo.png' },
		paths: {
			'/v1/phone/{phone_id}': {
				summary: 'One phone',
				patch: {
					tags: ['Phone'],
					summary: 'Update Phone',
					description: 'Updates a phone.',
					operationId: 'update_phone',
					'x-codeSamples': [{ lang: 'curl', source: 'curl ...' }],
					security: [{ CustomHTTPBearer: [] }],
					parameters: [
						{ name: 'phone_id', in: 'path', required: true, description: 'The phone.', example: 'abc', schema: { type: 'string', format: 'uuid', title: 'Phone Id' } },
					],
					requestBody: {
						required: true,
						description: 'The changes.',
						content: {
							'application/json': {
								schema: { $ref: '#/components/schemas/Update' },
								example: { nickname: 'Sales' },
								examples: { one: { summary: 'One', value: { nickname: 'Sales' } } },
							},
						},
					},
					responses: {
						'200': {
							description: 'The phone.',
							headers: { 'X-Id': { description: 'An id.', schema: { type: 'string' } } },
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Phone' }, example: { id: '1' } } },
						},
						'404': { $ref: '#/components/responses/NotFound' },
					},
				},
			},
		},
		components: {
			schemas: {
				Update: {
					type: 'object',
					title: 'Update',
					description: 'What may change.',
					properties: {
						// Properties named like prose keywords are data: kept.
						description: { type: 'string', title: 'Description', description: 'A description.', examples: ['x'] },
						title: { anyOf: [{ type: 'string', maxLength: 10, description: 'd' }, { type: 'null' }], default: null },
						example: { type: 'array', items: { type: 'string', enum: ['a', 'b'], 'x-enum-descriptions': ['A', 'B'] } },
					},
					required: ['description'],
					additionalProperties: { type: 'integer', description: 'n' },
					examples: [{ description: 'x' }],
				},
				Phone: {
					type: 'object',
					properties: { id: { type: 'string', format: 'uuid' }, status: { $ref: '#/components/schemas/Status' } },
					discriminator: { propertyName: 'status', mapping: { description: '#/components/schemas/Status' } },
					$comment: 'internal',
				},
				Status: { type: 'string', enum: ['reserved', 'assigned'], default: 'assigned', description: 'The status.' },
			},
			responses: { NotFound: { description: 'Not found.', content: { 'application/json': { schema: { type: 'object' } } } } },
			securitySchemes: { CustomHTTPBearer: { type: 'http', scheme: 'bearer', description: 'Bearer key.' } },
		},
	};

	test('keeps paths, methods, parameters, bodies, schemas, enums, defaults and security; drops every piece of prose', () => {
		expect(extractContract(official)).toEqual({
			openapi: '3.1.0',
			info: { title: 'Diga API', version: '0.1.0' },
			servers: [{ url: 'https://api.diga.io' }],
			tags: [{ name: 'Phone' }],
			paths: {
				'/v1/phone/{phone_id}': {
					patch: {
						tags: ['Phone'],
						operationId: 'update_phone',
						security: [{ CustomHTTPBearer: [] }],
						parameters: [{ name: 'phone_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
						requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Update' } } } },
						responses: {
							'200': {
								description: '',
								headers: { 'X-Id': { schema: { type: 'string' } } },
								content: { 'application/json': { schema: { $ref: '#/components/schemas/Phone' } } },
							},
							'404': { $ref: '#/components/responses/NotFound' },
						},
					},
				},
			},
			components: {
				schemas: {
					Update: {
						type: 'object',
						properties: {
							description: { type: 'string' },
							title: { anyOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }], default: null },
							example: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
						},
						required: ['description'],
						additionalProperties: { type: 'integer' },
					},
					Phone: {
						type: 'object',
						properties: { id: { type: 'string', format: 'uuid' }, status: { $ref: '#/components/schemas/Status' } },
						discriminator: { propertyName: 'status', mapping: { description: '#/components/schemas/Status' } },
					},
					Status: { type: 'string', enum: ['reserved', 'assigned'], default: 'assigned' },
				},
				responses: { NotFound: { description: '', content: { 'application/json': { schema: { type: 'object' } } } } },
				securitySchemes: { CustomHTTPBearer: { type: 'http', scheme: 'bearer' } },
			},
		});
	});

	test('gives the same bytes every time, keys in the document order, and leaves its input alone', () => {
		const before = JSON.stringify(official);
		const once = serialize(extractContract(official));
		expect(serialize(extractContract(JSON.parse(before)))).toBe(once);
		expect(serialize(extractContract(JSON.parse(once)))).toBe(once);
		expect(Object.keys(JSON.parse(once))).toEqual(['openapi', 'info', 'servers', 'tags', 'paths', 'components']);
		expect(JSON.stringify(official)).toBe(before);
	});

	test('refuses what is not an OpenAPI 3 document', () => {
		expect(() => extractContract({ swagger: '2.0', paths: {} })).toThrow(/not an OpenAPI 3 document/);
		expect(() => extractContract([])).toThrow(/not an OpenAPI 3 document/);
	});
});
