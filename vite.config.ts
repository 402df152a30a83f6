import { defineConfig, type Plugin } from 'vite';
import { minifyLitCssPlugin } from './scripts/minify-lit-css.mjs';

/**
 * Locales load from `./locales/<code>.js` next to the code (dist/locales/ in a build). In the dev
 * server the code is src/i18n/, so those requests are answered from the generated sources.
 */
const devLocales: Plugin = {
  name: 'upload-widget-dev-locales',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const match = /^\/src\/i18n\/locales\/([\w-]+)\.js$/.exec(req.url ?? '');
      if (match) req.url = `/src/generated/locales/${match[1]}.ts`;
      next();
    });
  },
};

// The dev server's configuration (npm start). Bundles are built by scripts/build.mjs.
export default defineConfig({
  plugins: [devLocales, minifyLitCssPlugin()],
  build: {
    lib: {
      entry: 'src/index.ts',
      name: 'UploadWidget',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'upload-widget.js' : 'upload-widget.iife.js'),
    },
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // src/i18n/localization.ts reads import.meta.url only where the IIFE has no currentScript.
        if (warning.code === 'EMPTY_IMPORT_META') return;
        warn(warning);
      },
    },
  },
});
