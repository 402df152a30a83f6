// npm run build:
//   dist/upload-widget.js        ES module (`import 'upload-widget'`); lazy parts are chunks it imports on demand
//   dist/cloudinary.js           ES module (`upload-widget/cloudinary`): the element plus window.cloudinary
//   dist/upload-widget.server.js what the package resolves to without a DOM (Node, SSR, edge): defines nothing
//   dist/upload-widget.iife.js   classic <script> (with window.cloudinary); its lazy parts load from dist/parts/
//   dist/parts/*.js              those parts for the classic script, sharing its lit, localize and state
//   dist/parts/hash-worker.js    the classic script's worker that hashes files (MD5); the ES module hashes on the page
//   dist/parts/image-worker.js   the classic script's worker that redraws pictures (downscale, re-encode, fit); the ES module redraws on the page
//   dist/parts/pdf.worker.mjs    pdf.js's worker for the classic script's PDF previews; the ES module runs it on the page
//   dist/locales/*.js            one module per extra language, loaded on demand by both bundles
//   dist/types/                  type declarations (the element's attributes and events added for
//                                lit-analyzer and web-component-analyzer: scripts/declare-attributes.mjs)
//   custom-elements.json         the custom-elements manifest (custom-elements-manifest.config.mjs)
import { execSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { build } from 'vite';
import { minifyLitCssPlugin } from './minify-lit-css.mjs';
import { minifyLitHtmlPlugin } from './minify-lit-html.mjs';
import { declareAttributes } from './declare-attributes.mjs';
import { narrowRuntime, recordModules, sharedRuntime } from './shared-runtime.mjs';

const run = (command) => execSync(command, { stdio: 'inherit' });
/** The modules the classic script bundles, so the parts' build can refuse a second copy. */
const classicModules = new Set();
/** The exports of each handed-over module that the lazy parts read (scripts/shared-runtime.mjs). */
const runtimeUsed = new Map();

/**
 * The lazy parts, read from their one list in src/lazy/load-part.ts (`'name': () => import('../dir/name.js')`,
 * a part named after its module): name → its source. Each is built to dist/parts/<name>.js.
 */
function readParts() {
  const source = readFileSync('src/lazy/load-part.ts', 'utf8');
  const list = /const PARTS = \{([^}]*)\};/.exec(source)?.[1] ?? '';
  // A name that needs no quotes has none (the formatter takes them off).
  const parts = [...list.matchAll(/^\s*'?([\w-]+)'?: \(\) => import\('([./\w-]+)\.js'\),$/gm)].map(([, name, spec]) => {
    if (basename(spec) !== name) throw new Error(`src/lazy/load-part.ts: the part '${name}' is named after its module (${basename(spec)})`);
    return [name, relative('.', resolve('src/lazy', `${spec}.ts`))];
  });
  const lines = list.split('\n').filter((line) => line.trim()).length;
  if (!parts.length || parts.length !== lines)
    throw new Error("src/lazy/load-part.ts: PARTS has one `'name': () => import('../dir/name.js'),` per line, and nothing else");
  return Object.fromEntries(parts);
}
const PARTS = readParts();

/**
 * Swaps modules by what they resolve to, whoever imports them and however the path is written
 * (an alias on the import's text missed `../lazy/load-part.js` once, and every part was bundled).
 */
function swapModules(swaps) {
  const byPath = new Map(Object.entries(swaps).map(([from, to]) => [resolve(from), resolve(to)]));
  return {
    name: 'uw-swap-modules',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/^\.{1,2}\//.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && byPath.has(resolved.id) ? byPath.get(resolved.id) : null;
    },
  };
}

/**
 * Imports of `entry` become the package's own name, left to the consumer's resolver (browser or
 * node entry); React stays the consumer's too.
 */
function importSelf(entry) {
  const self = resolve(entry);
  return {
    name: 'uw-import-self',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source === 'react' || source.startsWith('react/')) return { id: source, external: true };
      if (!importer || !/^\.{1,2}\//.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === self ? { id: 'upload-widget', external: true } : null;
    },
  };
}

/** Only the decorators the widget uses, in the classic script and its parts (src/classic/lit-decorators.ts). */
const LIT_DECORATORS = { find: /^lit\/decorators\.js$/, replacement: resolve('src/classic/lit-decorators.ts') };

/**
 * The licence notices of the libraries bundled into the previews' chunks (pdf.js; libheif through
 * heic-to, kept a chunk of its own so it can be replaced), after minifying.
 */
const pdfjs = JSON.parse(readFileSync('node_modules/pdfjs-dist/package.json', 'utf8'));
const heicTo = JSON.parse(readFileSync('node_modules/heic-to/package.json', 'utf8'));
const pdfjsNotice = (chunk) => {
  const has = (name) => chunk.moduleIds.some((id) => id.includes(`/node_modules/${name}/`));
  if (has('pdfjs-dist'))
    return `/* ${pdfjs.name} ${pdfjs.version} (pdf.js): Copyright Mozilla Foundation, ${pdfjs.license}, http://www.apache.org/licenses/LICENSE-2.0 */`;
  if (has('heic-to'))
    return `/* ${heicTo.name} ${heicTo.version} (libheif, libde265 in WebAssembly): ${heicTo.license}, https://www.gnu.org/licenses/lgpl-3.0.html */`;
  return '';
};

/** What every build shares. */
const base = (extra) => ({
  configFile: false,
  logLevel: 'warn',
  ...extra,
  plugins: [minifyLitCssPlugin(), minifyLitHtmlPlugin(), ...(extra.plugins ?? [])],
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    ...extra.build,
    rollupOptions: {
      // Vite leaves ES library output unminified; parts and locales are loaded as they are.
      output: { ...(extra.build?.minify ? { minify: true } : {}), ...extra.output },
      onwarn(warning, warn) {
        // src/i18n/localization.ts reads import.meta.url only where the IIFE has no currentScript.
        if (warning.code === 'EMPTY_IMPORT_META') return;
        warn(warning);
      },
    },
  },
});

run('npx lit-localize build');

await build(
  base({
    // Chunks stay beside the entries: the code finds dist/locales/ next to its own URL.
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      lib: {
        entry: { 'upload-widget': 'src/index.ts', cloudinary: 'src/cloudinary-global.ts' },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
    output: { postBanner: pdfjsNotice },
  }),
);

await build(
  base({
    build: {
      outDir: 'dist',
      lib: { entry: 'src/server.ts', formats: ['es'], fileName: () => 'upload-widget.server.js' },
    },
  }),
);

// upload-widget/react, /vue, /svelte. The React component bundles @lit/react (tiny; the package's
// dependencies stay lit and @lit/localize) and imports React and the package's own entry, so a page
// defines the element once and a server gets its DOM-free stub through the `node` condition. The
// Vue and Svelte subpaths are types only: their modules are empty, for non-type imports.
const litReact = JSON.parse(readFileSync('node_modules/@lit/react/package.json', 'utf8'));
await build(
  base({
    plugins: [importSelf('src/index.ts')],
    build: {
      outDir: 'dist',
      lib: {
        entry: { react: 'src/frameworks/react.ts', vue: 'src/frameworks/vue.ts', svelte: 'src/frameworks/svelte.ts' },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
    // Next.js App Router: a Server Component may render <UploadWidget> as it is. The bundled library's notice.
    output: {
      banner: (chunk) =>
        chunk.name === 'react'
          ? `'use client';\n/* ${litReact.name} ${litReact.version}: Copyright 2018 Google LLC, SPDX-License-Identifier: BSD-3-Clause */`
          : '',
    },
  }),
);

/** The classic script; `plugins` add to its own. */
const buildClassic = (plugins) =>
  build(
    base({
      // The classic script cannot split code: its lazy parts and languages load by URL from beside it.
      plugins: [
        swapModules({
          'src/lazy/load-part.ts': 'src/classic/load-part.ts',
          'src/i18n/load-locale.ts': 'src/classic/load-locale.ts',
          'src/lazy/workers-url.ts': 'src/classic/workers-url.ts',
        }),
        recordModules(classicModules),
        ...plugins,
      ],
      resolve: {
        alias: [
          // Only what the widget uses of @lit/localize: its parts get the namespace (src/classic/localize.ts).
          { find: /^@lit\/localize$/, replacement: resolve('src/classic/localize.ts') },
          LIT_DECORATORS,
        ],
      },
      build: {
        outDir: 'dist',
        // UW_SOURCEMAP=1: a map beside it, to see what takes the budget (scripts/classic-sizes.mjs).
        sourcemap: process.env.UW_SOURCEMAP === '1',
        // terser's compressor leaves the classic script about 290 bytes (gzip) smaller than vite's default
        // minifier: the budget is 40 KB. Every e2e and visual test runs this output.
        minify: 'terser',
        terserOptions: { ecma: 2020, compress: { passes: 3 }, format: { comments: false } },
        lib: { entry: 'src/cloudinary-global.ts', name: 'UploadWidget', formats: ['iife'], fileName: () => 'upload-widget.iife.js' },
      },
    }),
  );

await buildClassic([]);

// A lazy part inside the classic script means a loadPart import was not swapped: every part would ride along.
const inlined = Object.values(PARTS).filter((path) => classicModules.has(resolve(path)));
if (inlined.length)
  throw new Error(`The classic script bundles its lazy parts (${inlined.join(', ')}): is src/lazy/load-part.ts swapped for classic/load-part.ts?`);

await build(
  base({
    // They use the classic script's lit, localize and stateful modules (scripts/shared-runtime.mjs).
    // The PDF previews start pdf.js's worker from beside them (src/lazy/pdf-worker.ts).
    plugins: [swapModules({ 'src/lazy/pdf-worker.ts': 'src/classic/pdf-worker.ts' }), sharedRuntime(classicModules, runtimeUsed)],
    resolve: { alias: [LIT_DECORATORS] },
    build: {
      outDir: 'dist/parts',
      emptyOutDir: true,
      // Loaded as they are by the classic script, so they ship minified.
      minify: true,
      lib: {
        entry: PARTS,
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
    output: { postBanner: pdfjsNotice },
  }),
);

// The classic script's workers (src/core/worker-jobs.ts starts them from beside the parts): classic
// worker scripts with their code inside, as a worker imports nothing from the page.
for (const [entry, name, fileName] of [
  ['src/core/hash-worker.ts', 'uploadWidgetHashWorker', 'hash-worker.js'],
  ['src/core/image-worker.ts', 'uploadWidgetImageWorker', 'image-worker.js'],
]) {
  await build(
    base({
      build: {
        outDir: 'dist/parts',
        emptyOutDir: false,
        minify: true,
        lib: { entry, name, formats: ['iife'], fileName: () => fileName },
      },
    }),
  );
}

// pdf.js's worker for the classic script's PDF previews (src/classic/pdf-worker.ts): a module
// worker script, as pdfjs-dist builds it (its licence header kept).
copyFileSync('node_modules/pdfjs-dist/build/pdf.worker.min.mjs', 'dist/parts/pdf.worker.mjs');

// Again, handing the parts only what they read: the classic script drops the rest (about 280 bytes gzip).
await buildClassic([narrowRuntime(runtimeUsed)]);

const locales = readdirSync('src/generated/locales').filter((f) => f.endsWith('.ts'));
await build(
  base({
    build: {
      outDir: 'dist/locales',
      emptyOutDir: true,
      minify: true,
      lib: {
        entry: Object.fromEntries(locales.map((f) => [f.replace(/\.ts$/, ''), `src/generated/locales/${f}`])),
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
  }),
);

run('npx tsc -p tsconfig.build.json');
execSync('npx custom-elements-manifest analyze', { stdio: 'ignore' });
// The manifest's attributes and events into the class's .d.ts, for lit-analyzer and web-component-analyzer.
declareAttributes();
console.log(
  `Built dist/upload-widget.js, dist/upload-widget.iife.js, dist/parts/, dist/locales/ (${locales.length} locales), dist/types/ and custom-elements.json.`,
);
