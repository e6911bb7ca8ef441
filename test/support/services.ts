/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test support that runs Postgres and Redis for n8n's queue mode, not code that n8n loads */
/**
 * Postgres and Redis for n8n's queue mode (test/queue/, bench/queue.ts): Debian's `postgresql` and
 * `redis-server`, installed with apt-get when missing (as root, or with sudo), each started on a free
 * loopback port with its data in a temporary folder, stopped and removed by stop(). Postgres refuses to
 * run as root: as root, initdb and postgres run as Debian's `postgres` user (runuser), which owns the
 * temporary folder. Nothing listens beyond 127.0.0.1; Postgres trusts local connections (throwaway data).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { freePort, stopProcess } from './net';

const PG_ROOT = '/usr/lib/postgresql';
const IS_ROOT = process.getuid?.() === 0;
/** The ordinary user Postgres runs as when this runs as root (Debian's postgresql package creates it). */
const PG_USER = 'postgres';
export const PG_DATABASE = 'n8n';
export const PG_ROLE = 'n8n';

const log = (message: string) => console.log(`[services] ${message}`);

/** The bin folder of the newest Postgres Debian installed (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBin(): string | undefined {
	if (!existsSync(PG_ROOT)) return undefined;
	const majors = readdirSync(PG_ROOT)
		.filter((name) => existsSync(path.join(PG_ROOT, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(PG_ROOT, majors[0], 'bin') : undefined;
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

function runSync(command: string, args: string[], what: string): string {
	const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

/** Installs Debian's postgresql and redis-server with apt-get when either is missing. */
export function ensureServices(): void {
	const missing = [...(postgresBin() ? [] : ['postgresql']), ...(onPath('redis-server') ? [] : ['redis-server'])];
	if (missing.length === 0) return;
	if (!onPath('apt-get')) throw new Error(`n8n's queue mode needs ${missing.join(' and ')}; install them (Debian/Ubuntu: apt-get install ${missing.join(' ')}) and run again.`);
	const sudo = IS_ROOT ? [] : ['sudo'];
	const apt = (args: string[]) => (sudo.length ? runSync('sudo', ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], 'apt-get') : runSync('apt-get', args, 'apt-get'));
	log(`Installing ${missing.join(', ')} with apt-get ...`);
	apt(['update', '-qq']);
	apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
	// Debian's packages start their own system-wide services where systemd runs; this harness starts its own.
	if (!postgresBin() || !onPath('redis-server')) throw new Error(`apt-get installed ${missing.join(', ')}, but ${!postgresBin() ? 'initdb' : 'redis-server'} is still not found`);
}

/** Runs a command as the user Postgres runs as: that user when this is root, else this user. */
const asPgUser = (command: string, args: string[]): [string, string[]] => (IS_ROOT ? ['runuser', ['-u', PG_USER, '--', command, ...args]] : [command, args]);

export interface Service {
	port: number;
	stop(): Promise<void>;
	log(): string;
}

export interface Postgres extends Service {
	/** Runs SQL with psql as the n8n role; returns psql's unaligned, tuples-only output. */
	sql(query: string): string;
	/** Environment for n8n: DB_TYPE=postgresdb and where to connect. */
	env: Record<string, string>;
}

function collect(child: ChildProcess): () => string {
	let output = '';
	child.stdout?.on('data', (data) => (output += String(data)));
	child.stderr?.on('data', (data) => (output += String(data)));
	return () => output;
}

/** A fresh Postgres cluster with role and database `n8n`, on a free loopback port. */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	if (!bin) throw new Error('Postgres is not installed: call ensureServices() first');
	const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-diga-pg-'));
	const data = path.join(dir, 'data');
	if (IS_ROOT) runSync('chown', [`${PG_USER}:`, dir], 'chown');
	chmodSync(dir, 0o700);
	const [initCommand, initArgs] = asPgUser(path.join(bin, 'initdb'), ['-D', data, '-U', PG_ROLE, '-A', 'trust', '-E', 'UTF8', '--no-sync']);
	runSync(initCommand, initArgs, 'initdb');
	const port = await freePort();
	const [command, args] = asPgUser(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200',
	]);
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	const output = collect(child);
	const psql = (database: string, query: string) =>
		spawnSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_ROLE, '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', query], {
			encoding: 'utf8',
			maxBuffer: 512 * 1024 * 1024,
		});
	const stop = async () => {
		await stopProcess(child, 10_000);
		rmSync(dir, { recursive: true, force: true });
	};
	for (let tries = 0; psql('postgres', 'select 1').status !== 0; tries++) {
		if (child.exitCode !== null || tries > 120) {
			await stop();
			throw new Error(`Postgres did not start on port ${port}:\n${output()}`);
		}
		await delay(250);
	}
	const created = psql('postgres', `create database ${PG_DATABASE}`);
	if (created.status !== 0) throw new Error(`create database failed: ${created.stderr}`);
	log(`Postgres (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, data in ${dir}`);
	return {
		port,
		log: output,
		stop,
		sql: (query) => {
			const result = psql(PG_DATABASE, query);
			if (result.status !== 0) throw new Error(`psql failed: ${query}\n${result.stderr}`);
			return result.stdout;
		},
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: PG_DATABASE,
			DB_POSTGRESDB_USER: PG_ROLE,
			DB_POSTGRESDB_PASSWORD: '',
		},
	};
}

export interface Redis extends Service {
	/** Environment for n8n: where Bull's Redis is. */
	env: Record<string, string>;
}

/** Redis on a free loopback port, without persistence, its working folder temporary. */
export async function startRedis(): Promise<Redis> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-diga-redis-'));
	const port = await freePort();
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
	const output = collect(child);
	const stop = async () => {
		await stopProcess(child, 10_000);
		rmSync(dir, { recursive: true, force: true });
	};
	for (let tries = 0; !output().includes('Ready to accept connections'); tries++) {
		if (child.exitCode !== null || tries > 80) {
			await stop();
			throw new Error(`Redis did not start on port ${port}:\n${output()}`);
		}
		await delay(250);
	}
	log(`Redis on 127.0.0.1:${port}`);
	return { port, log: output, stop, env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) } };
}
