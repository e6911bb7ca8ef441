// Transitional: the n8n installer is test/support/n8n.ts. This file lets the plain-ESM scripts that still
// import it (the end-to-end and editor suites in scripts/e2e/ until they are TypeScript) load that module.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('tsx/cjs');
const runtime = require('../test/support/n8n.ts');

export const {
	N8N_VERSION,
	NODE_MAJOR,
	PACKAGE_NAME,
	NODE_TYPE,
	DEV_ENCRYPTION_KEY,
	REPO_DIR,
	RUNTIME_DIR,
	N8N_DIR,
	N8N_BIN,
	NODE24_DIR,
	NODE24_PKG_DIR,
	DEFAULT_USER_FOLDER,
	nodeBinary,
	ensureN8n,
	installPackage,
	installBuildInPlace,
	n8nEnv,
	spawnN8n,
	runN8n,
	freePort,
	portInUse,
	tempUserFolder,
} = runtime;

