// What every end-to-end file needs: the real servers, a folder of test pages served beside
// dist/ on the upload server's origin, Debian's Chromium, and axe scoped to the widget; the
// suite's setup around its tests (e2eSuite), and reading what a page recorded.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright';
import { findChrome, CHROME_ARGS } from '../../scripts/chrome.mjs';
import { launch } from './driver.mjs';
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
  let browser = null;
  try {
    for (const [name, text] of Object.entries(await pages(servers.env))) {
      mkdirSync(dirname(join(pageDir, name)), { recursive: true });
      writeFileSync(join(pageDir, name), text);
    }
    // Files written for several engines (test/support/driver.mjs) start their own browser.
    if (withChromium) browser = await chromium.launch({ executablePath: await findChrome(), headless: true, args: CHROME_ARGS });
  } catch (e) {
    // The file's `after` gets nothing to close: what started here closes now, or its servers keep the run alive.
    await servers.close();
    rmSync(pageDir, { recursive: true, force: true });
    throw e;
  }
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

/**
 * An end-to-end file's setup: before its tests, startE2E(`options`) and a browser of UW_ENGINE's
 * engine (driver.mjs); after them, both closed. Gives the suite, filled in before the first test:
 * `servers`, `served`, `url(path)`, `browser` (the driver's) and `chromium` (startE2E's
 * Playwright Chromium, with `chromium: true`).
 *
 * What a file starts around the suite goes in `hooks`, to keep its order: node:test (Node 20)
 * starts a file's top-level `before` hooks together, without waiting for one to end. `first()`
 * runs before the servers start (a fake provider the pages point at: `options` can then be a
 * function, called after it), `ready(suite)` once the suite is up, `last()` after it closed.
 */
export function e2eSuite(options, { first, ready, last } = {}) {
  const suite = {};
  let started;
  before(async () => {
    await first?.();
    started = await startE2E({ chromium: false, ...(typeof options === 'function' ? options() : options) });
    Object.assign(suite, { servers: started.servers, served: started.served, url: started.url, chromium: started.browser });
    suite.browser = await launch();
    await ready?.(suite);
  });
  after(async () => {
    await suite.browser?.close();
    await started?.close();
    await last?.();
  });
  return suite;
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

/** The widget events the page recorded (recordEvents), in order: `{ name, detail }`. */
export const events = (page) => page.evaluate(() => window.events);

/** The details of the recorded events named `name`, in order. */
export const eventDetails = (page, name) => page.evaluate((n) => window.events.filter((e) => e.name === n).map((e) => e.detail), name);

/** Waits for the widget's event `name`; on a timeout, says what the page saw and where the queue stands. */
export async function untilEvent(page, name, timeout = 60_000) {
  try {
    await page.waitFor((n) => window.events.some((e) => e.name === n), name, { timeout });
  } catch (e) {
    const seen = await page.evaluate(() => ({
      events: window.events.map((e) => e.name),
      errors: window.pageErrors,
      items: document.querySelector('upload-widget')?.items.map((i) => `${i.name} ${i.status} ${i.uploadedBytes}`),
    }));
    throw new Error(`no ${name} event within ${timeout} ms: ${JSON.stringify(seen)}`, { cause: e });
  }
}

/**
 * Focus on the selected source tab, then Tab into its panel, by keyboard: the button "Choose from
 * `provider`" (its part: `dropbox-button` for Dropbox, `google-drive-button` for Google Drive).
 */
export async function focusChooseButton(page, provider) {
  await page.waitForRole('button', `Choose from ${provider}`);
  await page.focus('[role=tab][aria-selected=true]');
  await page.press('Tab');
  const focused = await page.focused();
  assert.equal(focused.part, `${provider.toLowerCase().replaceAll(' ', '-')}-button`, `focus is on ${JSON.stringify(focused)}`);
}
