/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a script that runs in Node, not code that n8n loads */
/**
 * `npm run scan`: the offline lint leg of n8n's community-package scanner, on the source and on the
 * packed tarball, as n8n runs it on submission (its provenance and download legs need a real publish).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS, type ScanResult } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<boolean> {
	const work = mkdtempSync(path.join(tmpdir(), 'diga-scan-'));
	try {
		const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as Array<{
			filename: string;
		}>;
		execFileSync('tar', ['-xzf', path.join(work, filename), '-C', work]);
		// Without dist/ the tarball leg would lint nothing and pass: every file n8n loads must be in it.
		const { n8n } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		const missing = [...n8n.nodes, ...n8n.credentials].filter((file) => !existsSync(path.join(work, 'package', file)));
		if (missing.length > 0) throw new Error(`the packed tarball lacks ${missing.join(', ')}: run npm run build first`);
		const legs: Array<[string, ScanResult]> = [
			['source', await analyzePackage(ROOT, SOURCE_FILE_PATTERNS)],
			['tarball', await analyzePackage(path.join(work, 'package'), ['**/*.js', 'package.json'])],
		];
		for (const [leg, result] of legs) {
			console.log(`scan ${leg}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
			if (!result.passed) console.log(result.details ?? '');
		}
		return legs.every(([, result]) => result.passed);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	(passed) => (process.exitCode = passed ? 0 : 1),
	(error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	},
);
