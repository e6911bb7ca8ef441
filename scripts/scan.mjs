// The offline lint leg of n8n's community-package scanner, on the source and on the packed tarball,
// exactly as n8n runs it on submission (the provenance and download legs need a real publish).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'diga-scan-'));
try {
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const legs = [
		['source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
		['tarball', await analyzePackage(join(work, 'package'), ['**/*.js', 'package.json'])],
	];
	let passed = true;
	for (const [leg, result] of legs) {
		console.log(`scan ${leg}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
		if (!result.passed) {
			passed = false;
			console.log(result.details ?? '');
		}
	}
	process.exitCode = passed ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
