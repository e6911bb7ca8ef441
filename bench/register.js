/**
 * Lets Node run the TypeScript bench and the test harness it reuses (test/support/*.ts) without a
 * build step: each .ts file is transpiled by the project's own `typescript` as it is required.
 * Transpile only, no type check (`npx tsc --noEmit` and the tests do that). Used as
 * `node --require ./bench/register.js bench/run.ts`.
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
};

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};
