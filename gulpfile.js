const { src, dest } = require('gulp');

/** Icons and codex files are not TypeScript, so tsc leaves them behind; n8n loads them from dist/. */
function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:icons'] = copyAssets;
