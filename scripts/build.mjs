// npm run build: the two bundles (ES module + classic script), one module per extra locale in
// dist/locales/ (loaded on demand, never part of the bundles), and the type declarations.
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { build } from 'vite';

const run = (command) => execSync(command, { stdio: 'inherit' });
run('npx lit-localize build');
await build({ logLevel: 'warn' });
const locales = readdirSync('src/generated/locales').filter((f) => f.endsWith('.ts'));
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/locales',
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: Object.fromEntries(locales.map((f) => [f.replace(/\.ts$/, ''), `src/generated/locales/${f}`])),
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
run('npx tsc -p tsconfig.build.json');
console.log(`Built dist/upload-widget.js, dist/upload-widget.iife.js, dist/locales/ (${locales.length} locales) and dist/types/.`);
