// Types for scripts/n8n-runtime.mjs, for the TypeScript scripts that import it (scripts/dev.ts).
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export const N8N_VERSION: string;
export const NODE_MAJOR: number;
export const PACKAGE_NAME: string;
export const NODE_TYPE: string;
export const DEV_ENCRYPTION_KEY: string;
export const REPO_DIR: string;
export const RUNTIME_DIR: string;
export const N8N_DIR: string;
export const N8N_BIN: string;
export const NODE24_DIR: string;
export const NODE24_PKG_DIR: string;
export const DEFAULT_USER_FOLDER: string;

export function nodeBinary(): string;
export function ensureN8n(): Promise<{ node: string; n8nBin: string }>;
export function installPackage(
	userFolder?: string,
	options?: { build?: boolean },
): Promise<{ installed: boolean; tarball: string; hash: string }>;
export function installBuildInPlace(userFolder?: string): string;
export function portInUse(port: number): Promise<boolean>;
export function n8nReady(baseUrl: string): Promise<boolean>;
export function n8nEnv(userFolder?: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
export function freePort(): Promise<number>;
export function spawnN8n(
	args: string[],
	options?: { userFolder?: string; env?: Record<string, string>; cwd?: string } & Omit<SpawnOptions, 'env' | 'cwd'>,
): ChildProcess;
export function runN8n(
	args: string[],
	options?: {
		userFolder?: string;
		env?: Record<string, string>;
		cwd?: string;
		input?: string;
		timeoutMs?: number;
		quiet?: boolean;
	},
): Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
