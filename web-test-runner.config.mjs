// Unit tests run in Debian's Chromium through Playwright, against the real local upload
// server (and the fault proxy in front of it), started here once for the whole run.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChrome, CHROME_ARGS } from './scripts/chrome.mjs';
import { startTestServers } from './test/support/servers.mjs';

const servers = await startTestServers();
const stop = () => servers.close().finally(() => process.exit());
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

const executablePath = await findChrome();

export default {
  files: 'test/unit/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 60000 } },
  // Locales load from ./locales/<code>.js next to the code, as in dist/; here they come from the generated sources.
  middleware: [
    function localeModules(context, next) {
      const match = /^\/src\/i18n\/locales\/([\w-]+)\.js$/.exec(context.url);
      if (match) context.url = `/src/generated/locales/${match[1]}.ts`;
      return next();
    },
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<script>window.__TEST_ENV__ = ${JSON.stringify(servers.env)};</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROME_ARGS },
    }),
  ],
};
