// npm run build:
//   dist/upload-widget.js        ES module (`import 'upload-widget'`); lazy parts are chunks it imports on demand
//   dist/cloudinary.js           ES module (`upload-widget/cloudinary`): the element plus window.cloudinary
//   dist/upload-widget.server.js what the package resolves to without a DOM (Node, SSR, edge): defines nothing
//   dist/upload-widget.iife.js   classic <script> (with window.cloudinary); its lazy parts load from dist/parts/
//   dist/parts/*.js              those parts for the classic script, sharing its lit, localize and state
//   dist/locales/*.js            one module per extra language, loaded on demand by both bundles
//   dist/types/                  type declarations
//   custom-elements.json         the custom-elements manifest (custom-elements-manifest.config.mjs)
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { minifyLitCssPlugin } from './minify-lit-css.mjs';
import { minifyLitHtmlPlugin } from './minify-lit-html.mjs';
import { recordModules, sharedRuntime } from './shared-runtime.mjs';

const run = (command) => execSync(command, { stdio: 'inherit' });
/** The modules the classic script bundles, so the parts' build can refuse a second copy. */
const classicModules = new Set();

/** The lazy parts of the classic script, built apart and loaded from dist/parts/. */
const PARTS = {
  'camera-source': 'src/sources/camera-source.ts',
  'crop-view': 'src/views/crop-view.ts',
  'advanced-options': 'src/views/advanced-options.ts',
  'resume-keeper': 'src/core/resume-keeper.ts',
  'url-source': 'src/sources/url-source.ts',
  'page-thumbnails': 'src/page-thumbnails.ts',
  'image-work': 'src/core/image-work.ts',
  'cloudinary-destination': 'src/core/cloudinary-destination.ts',
  thumbnail: 'src/core/thumbnail.ts',
  'dropbox-source': 'src/sources/dropbox-source.ts',
  'image-search-source': 'src/sources/image-search-source.ts',
  'unsplash-source': 'src/sources/unsplash-source.ts',
  'google-drive-source': 'src/sources/google-drive-source.ts',
};

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

await build(
  base({
    // The classic script cannot split code: its lazy parts and languages load by URL from beside it.
    plugins: [
      swapModules({ 'src/lazy/load-part.ts': 'src/lazy/load-part-iife.ts', 'src/i18n/load-locale.ts': 'src/i18n/load-locale-iife.ts' }),
      recordModules(classicModules),
    ],
    resolve: {
      alias: [
        // Only what the widget uses of @lit/localize: its parts get the namespace (src/i18n/localize-iife.ts).
        { find: /^@lit\/localize$/, replacement: resolve('src/i18n/localize-iife.ts') },
      ],
    },
    build: {
      outDir: 'dist',
      lib: { entry: 'src/cloudinary-global.ts', name: 'UploadWidget', formats: ['iife'], fileName: () => 'upload-widget.iife.js' },
    },
  }),
);

// A lazy part inside the classic script means a loadPart import was not swapped: every part would ride along.
const inlined = Object.values(PARTS).filter((path) => classicModules.has(resolve(path)));
if (inlined.length)
  throw new Error(`The classic script bundles its lazy parts (${inlined.join(', ')}): is src/lazy/load-part.ts swapped for load-part-iife.ts?`);

await build(
  base({
    // They use the classic script's lit, localize and stateful modules (scripts/shared-runtime.mjs).
    plugins: [sharedRuntime(classicModules)],
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
  }),
);

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
console.log(
  `Built dist/upload-widget.js, dist/upload-widget.iife.js, dist/parts/, dist/locales/ (${locales.length} locales), dist/types/ and custom-elements.json.`,
);
