// What every end-to-end file needs: the real servers, a folder of test pages served beside
// dist/ on the upload server's origin, Debian's Chromium, and axe scoped to the widget.
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright';
import { findChrome, CHROME_ARGS } from '../../scripts/chrome.mjs';
import { startTestServers } from './servers.mjs';
import { serveStatic } from './static.mjs';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Starts everything. `pages(env)` returns (or resolves to) { 'name.html': text, 'dir/file.js': text, … }
 * written to the page folder;
 * `headers` are sent with every page and file (e.g. a Content-Security-Policy); `chromium: false`
 * when the file drives its browser through test/support/driver.mjs.
 */
export async function startE2E({ pages, headers = {}, chromium: withChromium = true }) {
  const pageDir = mkdtempSync(join(tmpdir(), 'uw-e2e-'));
  const files = serveStatic(process.cwd(), { headers });
  const own = serveStatic(pageDir, { headers });
  /** The paths of the pages and files served, in order (a worker script's fetch is seen here, not in the page). */
  const served = [];
  const servers = await startTestServers({
    fallback: (req, res) => {
      served.push(new URL(req.url, 'http://x').pathname);
      return req.url.startsWith('/dist/') ? files(req, res) : own(req, res);
    },
  });
  for (const [name, text] of Object.entries(await pages(servers.env))) {
    mkdirSync(dirname(join(pageDir, name)), { recursive: true });
    writeFileSync(join(pageDir, name), text);
  }
  // Files written for several engines (test/support/driver.mjs) start their own browser.
  const browser = withChromium ? await chromium.launch({ executablePath: await findChrome(), headless: true, args: CHROME_ARGS }) : null;
  return {
    servers,
    browser,
    served,
    url: (path) => `${servers.upload.url}/${path}`,
    async close() {
      await browser?.close();
      await servers.close();
      rmSync(pageDir, { recursive: true, force: true });
    },
  };
}

/** The attributes that point a widget at the test server. */
export const widgetAttributes = (env) => `cloud-name="${env.cloudName}" upload-preset="demo_unsigned" upload-prefix="${env.server}"`;

/** axe-core inside the page, scoped to the widget (page-level rules are about the host page). */
export async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(() => window.axe.run({ include: [['upload-widget']] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A script for test pages that records the widget's events in window.events. */
export const recordEvents = (names) => `window.events = [];
// Errors the page did not catch (WebDriver classic has no page-error events: the page keeps them).
window.pageErrors = [];
window.addEventListener('error', (e) => window.pageErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.pageErrors.push(String(e.reason?.message ?? e.reason)));
document.addEventListener('DOMContentLoaded', () => {
  const el = document.querySelector('upload-widget');
  for (const name of ${JSON.stringify(names)}) {
    el.addEventListener(name, (e) => window.events.push({ name, detail: e.detail }));
  }
  document.querySelector('#opener')?.addEventListener('click', () => el.open());
});
document.addEventListener('securitypolicyviolation', (e) => window.events.push({ name: 'csp-violation', detail: e.violatedDirective }));`;

/** What has focus in the page, looking through shadow roots: tag, part, data-action, role and name. */
export function focusedElement(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      part: el?.getAttribute('part'),
      action: el?.getAttribute('data-action'),
      role: el?.getAttribute('role'),
      label: el?.getAttribute('aria-label') ?? el?.textContent?.trim(),
    };
  });
}
