// npm run build: the two bundles (ES module + classic script) and the type declarations.
import { execSync } from 'node:child_process';

const run = (command) => execSync(command, { stdio: 'inherit' });
run('npx vite build --logLevel warn');
run('npx tsc -p tsconfig.build.json');
console.log('Built dist/upload-widget.js, dist/upload-widget.iife.js and dist/types/.');
