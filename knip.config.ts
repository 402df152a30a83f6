// knip: files, exports and dependencies nothing uses (npm run lint). The entry points are every
// way code is reached here that an import does not show: the package's entries, the modules the
// classic-script build swaps in, its workers, the scripts and servers run by name, the tests,
// the bench's pages and the demo's.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // The package's entries (package.json "exports"; scripts/build.mjs builds each; src/index.ts
    // is found through package.json).
    'src/cloudinary-global.ts',
    'src/server.ts',
    'src/frameworks/{react,vue,svelte}.ts',
    // The classic script's stand-ins, swapped in by module path in scripts/build.mjs, and its workers.
    'src/classic/{load-part,workers-url,pdf-worker,lit-decorators,load-locale,localize}.ts',
    'src/core/{hash,image}-worker.ts',
    // Run by name: package.json's scripts, scripts/test.mjs, docs/architecture.md (classic-sizes).
    'scripts/{build,ensure,start,test,classic-sizes}.mjs',
    'scripts/reporters/*.mjs',
    // The server package's entry (server/package.json "main"; its bin is run by package.json's scripts).
    'server/index.mjs',
    'bench/{run,server-load}.mjs',
    // The bench's pages load these with <script> tags.
    'bench/*.js',
    // The suites (node:test and web-test-runner).
    'test/**/*.test.{mjs,ts}',
    // The demo's pages (index.html, demo/*.html) and the framework examples test/package builds.
    'demo/*.ts',
    'demo/frameworks/**/*.{ts,tsx,jsx,mjs,vue,svelte}',
    'custom-elements-manifest.config.mjs',
  ],
  project: [
    'src/**/*.ts',
    'scripts/**/*.mjs',
    'server/**/*.mjs',
    'bench/**/*.{js,mjs}',
    'test/**/*.{mjs,ts}',
    'demo/**/*.{ts,tsx,jsx,mjs,vue,svelte}',
    '*.{mjs,ts}',
  ],
  ignore: ['dist/**'],
  // Programs from the machine, not from npm (scripts/engines.mjs, scripts/ensure.mjs, test/support/pictures.mjs).
  ignoreBinaries: ['Xvfb', 'WebKitWebDriver', 'apt-get', 'heif-enc'],
  ignoreDependencies: [
    // Read as a file (createRequire(…).resolve('axe-core/axe.min.js')) and put in the page.
    'axe-core',
    // Installed into test/package's consumer project from this one's (frameworks.test.mjs).
    'next',
    'svelte-check',
  ],
};

export default config;
