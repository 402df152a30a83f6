import { defineConfig, type Plugin } from 'vite';

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
  plugins: [devLocales],
});
