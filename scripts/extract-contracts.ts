/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a script that runs in Node, not code that n8n loads */
/**
 * Makes the facts-only extracts of Diga's official OpenAPI documents that the tests, Prism and the
 * end-to-end suite read (test/contracts/openapi.<date>.json), and their provenance
 * (test/contracts/provenance.json: where each document came from, the sha256 of the document and
 * of the extract).
 *
 *   npm run contracts:extract -- <official openapi.json> [more files]
 *   npm run contracts:extract -- --check [official openapi.json ...]
 *
 * Diga publishes the documents in their public docs repository (Diga-io/docs,
 * api-reference/openapi.json); each version is kept under its publication date, e.g.
 * openapi.2026-07-22.json. The date comes from the file name (or from info.version when that is a
 * date); `--date=YYYY-MM-DD` names it for a single file that carries neither.
 *
 * An extract keeps the facts a client and a contract check need: paths and methods, parameters,
 * request and response bodies, schemas with their types, formats, enums, constants, defaults,
 * required fields and limits, components, security schemes, servers' URLs. It leaves out all of
 * Diga's prose and sample data: every `description`, `summary`, `title` (info.title, a name, is
 * kept: OpenAPI requires it), `example`, `examples`, `externalDocs`, `$comment` and `x-*`
 * extension. A Response object keeps an empty `description` because OpenAPI requires the key; the
 * extract stays a valid OpenAPI document for Prism and Ajv. Keys stay in the document's own order
 * (Prism matches paths in that order), so the same document always gives the same bytes.
 *
 * `--check` writes nothing: it extracts each given document again (by default every contract in
 * provenance.json, read from $DIGA_CONTRACTS_DIR or ../shared/diga-api/ beside the repository) and
 * compares with the extract and provenance in the repository. It exits 1 on any difference and says
 * plainly which documents it could not find and so did not check.
 *
 * Run with the project's TypeScript runner: `npx tsx scripts/extract-contracts.ts ...` (what the npm
 * script does).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_DIR = path.resolve(__dirname, '..');
export const EXTRACTS_DIR = path.join(REPO_DIR, 'test', 'contracts');
export const PROVENANCE_FILE = 'provenance.json';
export const SOURCE_REPOSITORY = 'Diga-io/docs';
export const SOURCE_PATH = 'api-reference/openapi.json';
export const EXTRACTOR = 'scripts/extract-contracts.ts';
export const REGENERATE = 'npm run contracts:extract -- <official openapi.json> [more files]';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ContractProvenance {
	extract: { file: string; bytes: number; sha256: string };
	source: {
		repository: string;
		path: string;
		date: string;
		openapi: string | null;
		infoVersion: string | null;
		bytes: number;
		sha256: string;
	};
}

export interface Provenance {
	extractor: string;
	regenerate: string;
	contracts: Record<string, ContractProvenance>;
}

// ---------------------------------------------------------------------------------------------
// The extract
// ---------------------------------------------------------------------------------------------

/** Keys that are prose or sample data wherever they are keywords (not names in a map). */
const PROSE_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', '$comment']);

function isObject(value: Json | undefined): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProse(key: string): boolean {
	return PROSE_KEYS.has(key) || key.startsWith('x-');
}

/** A map from names to `each(value)`: the names are data, kept as they are, in their order. */
function map(value: Json, each: (item: Json) => Json): Json {
	if (!isObject(value)) return value;
	const out: JsonObject = {};
	for (const [name, item] of Object.entries(value)) out[name] = each(item);
	return out;
}

function list(value: Json, each: (item: Json) => Json): Json {
	return Array.isArray(value) ? value.map(each) : value;
}

/**
 * An object of some OpenAPI or JSON Schema type: prose keys dropped, the keys in `walk` handled by
 * their function, every other key kept as data (enum, const, default, required, type, ...).
 */
function object(value: Json, walk: Record<string, (item: Json) => Json> = {}): Json {
	if (!isObject(value)) return value;
	const out: JsonObject = {};
	for (const [key, item] of Object.entries(value)) {
		if (isProse(key)) continue;
		const handler = walk[key];
		out[key] = handler ? handler(item) : item;
	}
	return out;
}

const schemaKeywords: Record<string, (item: Json) => Json> = {
	items: (item) => schema(item),
	additionalProperties: (item) => schema(item),
	unevaluatedProperties: (item) => schema(item),
	unevaluatedItems: (item) => schema(item),
	additionalItems: (item) => schema(item),
	propertyNames: (item) => schema(item),
	contains: (item) => schema(item),
	contentSchema: (item) => schema(item),
	not: (item) => schema(item),
	if: (item) => schema(item),
	then: (item) => schema(item),
	else: (item) => schema(item),
	allOf: (item) => list(item, schema),
	anyOf: (item) => list(item, schema),
	oneOf: (item) => list(item, schema),
	prefixItems: (item) => list(item, schema),
	properties: (item) => map(item, schema),
	patternProperties: (item) => map(item, schema),
	dependentSchemas: (item) => map(item, schema),
	$defs: (item) => map(item, schema),
	definitions: (item) => map(item, schema),
	discriminator: (item) => object(item),
};

function schema(value: Json): Json {
	// `items` as a list of schemas is the older tuple form.
	return Array.isArray(value) ? value.map(schema) : object(value, schemaKeywords);
}

function mediaType(value: Json): Json {
	return object(value, { schema, encoding: (item) => map(item, encoding) });
}

function encoding(value: Json): Json {
	return object(value, { headers: (item) => map(item, header) });
}

function content(value: Json): Json {
	return map(value, mediaType);
}

function parameter(value: Json): Json {
	return object(value, { schema, content });
}

function header(value: Json): Json {
	return object(value, { schema, content });
}

function requestBody(value: Json): Json {
	return object(value, { content });
}

function response(value: Json): Json {
	const out = object(value, { headers: (item) => map(item, header), content, links: (item) => map(item, link) });
	// OpenAPI requires a Response's description; keep the key, without Diga's words.
	if (isObject(out) && isObject(value) && !('$ref' in value)) return { description: '', ...out };
	return out;
}

function link(value: Json): Json {
	return object(value, { server });
}

function server(value: Json): Json {
	return object(value, { variables: (item) => map(item, (variable) => object(variable)) });
}

function operation(value: Json): Json {
	return object(value, {
		parameters: (item) => list(item, parameter),
		requestBody,
		responses: (item) => map(item, response),
		callbacks: (item) => map(item, (callback) => map(callback, pathItem)),
		servers: (item) => list(item, server),
	});
}

function pathItem(value: Json): Json {
	return object(value, {
		parameters: (item) => list(item, parameter),
		servers: (item) => list(item, server),
		get: operation,
		put: operation,
		post: operation,
		delete: operation,
		options: operation,
		head: operation,
		patch: operation,
		trace: operation,
	});
}

function securityScheme(value: Json): Json {
	return object(value, {
		// An OAuth flow's scopes map names to prose: keep the names.
		flows: (flows) => map(flows, (flow) => object(flow, { scopes: (scopes) => map(scopes, () => '') })),
	});
}

function components(value: Json): Json {
	const out = object(value, {
		schemas: (item) => map(item, schema),
		responses: (item) => map(item, response),
		parameters: (item) => map(item, parameter),
		requestBodies: (item) => map(item, requestBody),
		headers: (item) => map(item, header),
		securitySchemes: (item) => map(item, securityScheme),
		links: (item) => map(item, link),
		callbacks: (item) => map(item, (callback) => map(callback, pathItem)),
		pathItems: (item) => map(item, pathItem),
	});
	return out;
}

/** The facts-only extract of one OpenAPI 3.x document (a new object; the input is not changed). */
export function extractContract(document: unknown): JsonObject {
	const doc = document as Json;
	if (!isObject(doc) || typeof doc.openapi !== 'string' || !isObject(doc.paths)) {
		throw new Error('not an OpenAPI 3 document (no "openapi" version or no "paths")');
	}
	const out: JsonObject = {};
	for (const [key, item] of Object.entries(doc)) {
		if (isProse(key)) continue;
		switch (key) {
			case 'info': {
				// A name and a version (both required by OpenAPI); no description, contact or terms.
				const info: JsonObject = {};
				if (isObject(item)) {
					if (item.title !== undefined) info.title = item.title;
					if (item.version !== undefined) info.version = item.version;
				}
				out.info = info;
				break;
			}
			case 'servers':
				out.servers = list(item, server);
				break;
			case 'paths':
				out.paths = map(item, pathItem);
				break;
			case 'webhooks':
				out.webhooks = map(item, pathItem);
				break;
			case 'components':
				out.components = components(item);
				break;
			case 'tags':
				// Tag names only; their descriptions and links are prose.
				out.tags = list(item, (tag) => object(tag));
				break;
			default:
				out[key] = item; // openapi, jsonSchemaDialect, security
		}
	}
	return out;
}

/** The bytes of a JSON file as this project writes them: tab-indented, a final newline. */
export function serialize(value: unknown): string {
	return `${JSON.stringify(value, null, '\t')}\n`;
}

export function sha256(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

const DATE_RE = /(\d{4}-\d{2}-\d{2})/;

/** The contract's date: from the file name, else from info.version when that is a date. */
export function contractDate(file: string, document: unknown, override?: string): string {
	if (override) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(override)) throw new Error(`--date must be YYYY-MM-DD, not "${override}"`);
		return override;
	}
	const fromName = DATE_RE.exec(path.basename(file));
	if (fromName) return fromName[1];
	const version = isObject(document as Json) ? (document as JsonObject).info : undefined;
	const fromVersion = isObject(version) && typeof version.version === 'string' ? DATE_RE.exec(version.version) : null;
	if (fromVersion) return fromVersion[1];
	throw new Error(`${file}: no date in the file name or info.version; name it with --date=YYYY-MM-DD`);
}

export function extractFileName(date: string): string {
	return `openapi.${date}.json`;
}

export interface Extracted {
	date: string;
	text: string;
	provenance: ContractProvenance;
}

/** Everything the script writes for one official document, computed from its bytes. */
export function extractFile(file: string, dateOverride?: string): Extracted {
	const raw = readFileSync(file);
	const document = JSON.parse(raw.toString('utf8')) as unknown;
	const date = contractDate(file, document, dateOverride);
	const text = serialize(extractContract(document));
	const doc = document as JsonObject;
	const info = isObject(doc.info) ? doc.info : {};
	return {
		date,
		text,
		provenance: {
			extract: { file: extractFileName(date), bytes: Buffer.byteLength(text), sha256: sha256(text) },
			source: {
				repository: SOURCE_REPOSITORY,
				path: SOURCE_PATH,
				date,
				openapi: typeof doc.openapi === 'string' ? doc.openapi : null,
				infoVersion: typeof info.version === 'string' ? info.version : null,
				bytes: raw.length,
				sha256: sha256(raw),
			},
		},
	};
}

export function readProvenance(dir = EXTRACTS_DIR): Provenance {
	const file = path.join(dir, PROVENANCE_FILE);
	if (!existsSync(file)) return { extractor: EXTRACTOR, regenerate: REGENERATE, contracts: {} };
	return JSON.parse(readFileSync(file, 'utf8')) as Provenance;
}

function withContracts(contracts: Record<string, ContractProvenance>): Provenance {
	const sorted: Record<string, ContractProvenance> = {};
	for (const date of Object.keys(contracts).sort()) sorted[date] = contracts[date];
	return { extractor: EXTRACTOR, regenerate: REGENERATE, contracts: sorted };
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

interface Options {
	check: boolean;
	out: string;
	date?: string;
	files: string[];
}

function parseArgs(argv: string[]): Options {
	const options: Options = { check: false, out: EXTRACTS_DIR, files: [] };
	for (const arg of argv) {
		if (arg === '--check') options.check = true;
		else if (arg.startsWith('--out=')) options.out = path.resolve(arg.slice('--out='.length));
		else if (arg.startsWith('--date=')) options.date = arg.slice('--date='.length);
		else if (arg === '--help' || arg === '-h') {
			console.log(readFileSync(__filename, 'utf8').split('*/')[0]);
			process.exit(0);
		} else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
		else options.files.push(path.resolve(arg));
	}
	if (options.date && options.files.length !== 1) throw new Error('--date names one file; give exactly one');
	return options;
}

function write(options: Options): void {
	if (options.files.length === 0) throw new Error(`no file given. Usage: ${REGENERATE}`);
	const provenance = readProvenance(options.out);
	const contracts = { ...provenance.contracts };
	for (const file of options.files) {
		const extracted = extractFile(file, options.date);
		const target = path.join(options.out, extracted.provenance.extract.file);
		const before = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
		writeFileSync(target, extracted.text);
		contracts[extracted.date] = extracted.provenance;
		const { source, extract } = extracted.provenance;
		console.log(
			`${path.relative(process.cwd(), file)} (${source.bytes} bytes, sha256 ${source.sha256})\n` +
				`  -> ${path.relative(process.cwd(), target)} (${extract.bytes} bytes, sha256 ${extract.sha256})` +
				(before === undefined ? ', new' : before === extracted.text ? ', unchanged' : ', changed'),
		);
	}
	writeFileSync(path.join(options.out, PROVENANCE_FILE), serialize(withContracts(contracts)));
	console.log(`${path.relative(process.cwd(), path.join(options.out, PROVENANCE_FILE))} updated`);
}

function check(options: Options): number {
	const provenance = readProvenance(options.out);
	let files = options.files;
	if (files.length === 0) {
		const dir = path.resolve(process.env.DIGA_CONTRACTS_DIR ?? path.join(REPO_DIR, '..', 'shared', 'diga-api'));
		files = Object.keys(provenance.contracts).map((date) => path.join(dir, extractFileName(date)));
	}
	let checked = 0;
	let failed = 0;
	const notFound: string[] = [];
	for (const file of files) {
		if (!existsSync(file)) {
			notFound.push(file);
			console.log(`NOT CHECKED ${file}: not found`);
			continue;
		}
		checked++;
		const extracted = extractFile(file, options.date);
		const recorded = provenance.contracts[extracted.date];
		const target = path.join(options.out, extracted.provenance.extract.file);
		const problems: string[] = [];
		if (!recorded) problems.push(`provenance.json has no entry for ${extracted.date}`);
		else {
			if (recorded.source.sha256 !== extracted.provenance.source.sha256) {
				problems.push(`the document's sha256 is ${extracted.provenance.source.sha256}, provenance.json records ${recorded.source.sha256}`);
			}
			if (JSON.stringify(recorded) !== JSON.stringify(extracted.provenance)) problems.push('provenance.json differs from what the extraction records');
		}
		if (!existsSync(target)) problems.push(`${target} is missing`);
		else if (readFileSync(target, 'utf8') !== extracted.text) problems.push(`${path.relative(REPO_DIR, target)} differs from a fresh extraction`);
		if (problems.length) {
			failed++;
			console.log(`DIFFERENT ${file}:\n  ${problems.join('\n  ')}`);
		} else {
			console.log(`SAME ${file} -> ${path.relative(REPO_DIR, target)} (sha256 ${extracted.provenance.extract.sha256})`);
		}
	}
	console.log(
		`checked ${checked} of ${files.length} document(s): ${checked - failed} same, ${failed} different` +
			(notFound.length ? `, ${notFound.length} not found and not checked` : ''),
	);
	return failed > 0 ? 1 : 0;
}

function main(argv: string[]): number {
	const options = parseArgs(argv);
	if (options.check) return check(options);
	write(options);
	return 0;
}

if (require.main === module) {
	try {
		process.exitCode = main(process.argv.slice(2));
	} catch (error) {
		console.error(`extract-contracts: ${(error as Error).message}`);
		process.exitCode = 2;
	}
}
