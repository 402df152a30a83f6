// Unit tests, against the real local upload server (and the fault proxy in front of it), started
// here once for the whole run, in one engine: UW_ENGINE=chromium (default; Debian's Chromium
// through Playwright), firefox (Debian's firefox-esr through puppeteer-core over WebDriver BiDi)
// or webkit (WebKitGTK's MiniBrowser through WebKitWebDriver, on an Xvfb display).
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChrome, CHROME_ARGS } from './scripts/chrome.mjs';
import { FIREFOX_PREFS, WEBKIT_CAPABILITIES, findFirefox, startWebKitDriver } from './scripts/engines.mjs';
import { countsReporter } from './scripts/reporters/wtr-counts.mjs';
import { puppeteerPageWithChords, webdriverLauncherWithKeys } from './scripts/wtr-keys.mjs';
import { startTestServers } from './test/support/servers.mjs';

const engine = process.env.UW_ENGINE ?? 'chromium';
const servers = await startTestServers();
const stoppers = [() => servers.close()];
const stop = () => Promise.allSettled(stoppers.map((s) => s())).finally(() => process.exit());
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

async function browsers() {
  if (engine === 'firefox') {
    const { chromeLauncher } = await import('@web/test-runner-chrome');
    const { default: puppeteer } = await import('puppeteer-core');
    // Given puppeteer-core, the Chrome launcher drives Firefox (and names itself "Firefox").
    return [
      chromeLauncher({
        puppeteer,
        createPage: puppeteerPageWithChords,
        launchOptions: { browser: 'firefox', executablePath: findFirefox(), headless: true, extraPrefsFirefox: FIREFOX_PREFS },
      }),
    ];
  }
  if (engine === 'webkit') {
    const { webdriverLauncher } = await import('@web/test-runner-webdriver');
    const driver = await startWebKitDriver({ port: 9420 });
    stoppers.push(() => driver.stop());
    return [
      webdriverLauncherWithKeys(
        webdriverLauncher({
          hostname: '127.0.0.1',
          port: driver.port,
          path: '/',
          logLevel: 'error',
          capabilities: WEBKIT_CAPABILITIES,
        }),
      ),
    ];
  }
  return [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: await findChrome(), headless: true, args: CHROME_ARGS } })];
}

export default {
  files: 'test/unit/**/*.test.ts',
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 60000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<script>window.__TEST_ENV__ = ${JSON.stringify(servers.env)};</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
  browsers: await browsers(),
  // The usual output, and the counts npm test reads (UW_COUNTS).
  reporters: [defaultReporter(), countsReporter()],
};
