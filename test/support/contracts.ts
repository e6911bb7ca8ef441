/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * Diga's OpenAPI contracts as request-body validators. The repository keeps a facts-only extract of
 * each of Diga's official documents in test/contracts/ (paths, parameters, schemas, enums, required
 * fields; none of Diga's prose or examples), made by scripts/extract-contracts.ts, with the sha256 of
 * source and extract in test/contracts/provenance.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const CONTRACTS_DIR = path.resolve(__dirname, '../contracts');

export const CONTRACT_NAMES = ['2026-04-07', '2026-07-22'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface Contract {
	name: ContractName;
	file: string;
}

export const CONTRACTS: readonly Contract[] = CONTRACT_NAMES.map((name) => ({
	name,
	file: contractFile(name),
}));

export function contractFile(name: ContractName): string {
	return path.join(CONTRACTS_DIR, `openapi.${name}.json`);
}

/**
 * The contracts Prism serves to a real n8n (end-to-end and editor suites): the extracts, or the
 * openapi.<date>.json files of DIGA_CONTRACTS_DIR (e.g. Diga's official documents). `missing` says why
 * one cannot be served, and how to fix it.
 */
export function servedContracts(): Array<Contract & { missing?: string }> {
	const dir = process.env.DIGA_CONTRACTS_DIR;
	return CONTRACT_NAMES.map((name) => {
		const file = dir ? path.resolve(dir, `openapi.${name}.json`) : contractFile(name);
		if (existsSync(file)) return { name, file };
		const missing = dir
			? `${file} not found (DIGA_CONTRACTS_DIR=${dir} has no openapi.${name}.json)`
			: `${file} not found (the repository keeps it in test/contracts/; restore it with git, or regenerate it with npm run contracts:extract)`;
		return { name, file, missing };
	});
}

interface OpenApiDocument {
	paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
}

interface LoadedContract {
	ajv: Ajv2020;
	id: string;
	document: OpenApiDocument;
}

const loaded = new Map<ContractName, LoadedContract>();

function formatsIn(node: unknown, found = new Set<string>()): Set<string> {
	if (Array.isArray(node)) {
		for (const item of node) formatsIn(item, found);
	} else if (typeof node === 'object' && node !== null) {
		for (const [key, value] of Object.entries(node)) {
			if (key === 'format' && typeof value === 'string') found.add(value);
			else formatsIn(value, found);
		}
	}
	return found;
}

/**
 * One Ajv per document, holding the whole document under its own id so that the contract's
 * `#/components/schemas/...` references resolve as written. OpenAPI 3.1 schemas are JSON Schema
 * 2020-12; OpenAPI's own keywords (discriminator, example) are not validation keywords, hence
 * `strict: false`. Formats Ajv does not know (the 2026-04 document's "phone", "binary") are
 * accepted as they are: the contract names them but does not define them.
 */
function load(contract: Contract): LoadedContract {
	const cached = loaded.get(contract.name);
	if (cached) return cached;
	const document = JSON.parse(readFileSync(contract.file, 'utf8')) as OpenApiDocument;
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	for (const format of formatsIn(document)) {
		if (!ajv.formats[format]) ajv.addFormat(format, true);
	}
	const id = `https://diga.test/openapi.${contract.name}.json`;
	ajv.addSchema({ ...document, $id: id });
	const result = { ajv, id, document };
	loaded.set(contract.name, result);
	return result;
}

function pointer(segments: string[]): string {
	return segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

function describeError(error: ErrorObject): string {
	const where = error.instancePath === '' ? '(body)' : error.instancePath;
	return `${where} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}

/**
 * A validator for the `application/json` request body of one operation, e.g.
 * `requestBodyValidator(contract, 'post', '/v1/phone/import')`. It returns the violations, an
 * empty list when the body is valid. The document is read on the first validation.
 */
export function requestBodyValidator(contract: Contract, method: string, apiPath: string): (body: unknown) => string[] {
	let validate: ValidateFunction | undefined;
	return (body) => {
		validate ??= compile(contract, method.toLowerCase(), apiPath);
		return validate(body) ? [] : (validate.errors ?? []).map(describeError);
	};
}

function compile(contract: Contract, method: string, apiPath: string): ValidateFunction {
	const { ajv, id, document } = load(contract);
	if (document.paths[apiPath]?.[method]?.requestBody?.content?.['application/json']?.schema === undefined) {
		throw new Error(`${contract.name}: ${method.toUpperCase()} ${apiPath} has no application/json request body`);
	}
	return ajv.compile({
		$ref: `${id}#/${pointer(['paths', apiPath, method, 'requestBody', 'content', 'application/json', 'schema'])}`,
	});
}
