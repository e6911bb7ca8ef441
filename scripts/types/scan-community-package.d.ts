// The part of n8n's community-package scanner (plain JavaScript, no types) that scripts/scan.ts uses.
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export interface ScanResult {
		passed: boolean;
		message?: string;
		/** ESLint's report of the violations, when there are some. */
		details?: string;
	}

	/** The file patterns n8n lints in a package's source. */
	export const SOURCE_FILE_PATTERNS: string[];

	/** n8n's offline lint leg: its own ESLint rules over the files of `packageDir` that match `filePatterns`. */
	export function analyzePackage(packageDir: string, filePatterns?: string[]): Promise<ScanResult>;
}
