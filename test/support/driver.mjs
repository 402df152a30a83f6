// One small driver for end-to-end tests in three engines, so one test file runs in each:
// Chromium through Playwright, Firefox ESR through puppeteer-core (WebDriver BiDi), WebKitGTK's
// MiniBrowser through webdriverio (WebDriver classic, on Xvfb). A test does few things: open a page,
// pick files from disk, click by role and accessible name, press keys, read the page, wait.
// UW_ENGINE picks the engine (default chromium).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { FIREFOX_PREFS, MINIBROWSER, MINIBROWSER_ARGS, findFirefox, startWebKitDriver } from '../../scripts/engines.mjs';

export const engine = process.env.UW_ENGINE ?? 'chromium';

// In the page: every element matching `selector` in the document and in every open shadow root.
export const DEEP_QUERY = `(selector) => {
  const found = [];
  const visit = (root) => {
    found.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return found;
}`;

// In the page: the first element with this role and accessible name, through shadow roots (the
// roles and names these tests use: explicit roles, buttons, links, inputs by their label).
const BY_ROLE = `({ role, name }) => {
  const deep = ${DEEP_QUERY};
  const implicit = (el) => ({ BUTTON: 'button', A: el.hasAttribute('href') ? 'link' : '', TEXTAREA: 'textbox', SELECT: 'combobox', UL: 'list', OL: 'list', LI: 'listitem' })[el.tagName]
    ?? (el.tagName === 'INPUT' ? ({ button: 'button', submit: 'button', checkbox: 'checkbox', radio: 'radio' })[el.type] ?? 'textbox' : '');
  const nameOf = (el) => {
    const root = el.getRootNode();
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return labelledBy.split(' ').map((id) => root.getElementById?.(id)?.textContent ?? '').join(' ').trim();
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    if (el.id && root.querySelector) {
      const label = root.querySelector('label[for="' + el.id + '"]');
      if (label) return label.textContent.trim();
    }
    return (el.textContent ?? '').replace(/\\s+/g, ' ').trim();
  };
  return deep('*').find((el) => (el.getAttribute('role') ?? implicit(el)) === role && el.checkVisibility() && nameOf(el) === name) ?? null;
}`;

/** Files for a file input, written to disk first (the WebDriver engines take paths). */
function filesOnDisk(files) {
  const dir = mkdtempSync(join(tmpdir(), 'uw-files-'));
  const paths = files.map(({ name, buffer }) => {
    const path = join(dir, name);
    writeFileSync(path, buffer);
    return path;
  });
  return { paths, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (an async function) until it gives a truthy value. */
export async function until(check, { timeout = 10000, what = 'the condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Starts the engine; `newPage()` gives a Page with the methods below. */
export async function launch() {
  if (engine === 'firefox') return launchFirefox();
  if (engine === 'webkit') return launchWebKit();
  return launchChromium();
}

async function launchChromium() {
  const { chromium } = await import('playwright');
  const browser = await chromium.launch({ executablePath: await findChrome(), headless: true, args: CHROME_ARGS });
  return {
    /** Playwright's browser, for the few tests only Chromium can run (taking the network away). */
    playwright: browser,
    async newPage() {
      const page = await browser.newPage();
      return page$({
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        url: () => page.url(),
        back: () => page.goBack(),
        press: (key) => page.keyboard.press(key),
        type: (text) => page.keyboard.type(text),
        click: async (query) => {
          const handle = await page.evaluateHandle(`(${BY_ROLE})(${JSON.stringify(query)})`);
          const element = handle.asElement();
          if (!element) return false;
          await element.click();
          return true;
        },
        setFiles: (paths) => page.locator('upload-widget input[type=file]').setInputFiles(paths),
        close: () => page.close(),
      });
    },
    close: () => browser.close(),
  };
}

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: findFirefox(), headless: true, extraPrefsFirefox: FIREFOX_PREFS });
  return {
    async newPage() {
      const page = await browser.newPage();
      return page$({
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        // The page's own address: puppeteer's page.url() misses a return from the back/forward cache.
        url: () => page.evaluate(() => location.href).catch(() => page.url()),
        // puppeteer's goBack() waits for events Firefox's BiDi does not send on a back/forward-cache return.
        back: () => page.evaluate(() => history.back()),
        press: (key) => page.keyboard.press(key === 'Space' ? ' ' : key),
        type: (text) => page.keyboard.type(text),
        click: async (query) => {
          const handle = await page.evaluateHandle(`(${BY_ROLE})(${JSON.stringify(query)})`);
          const element = handle.asElement();
          if (!element) return false;
          await element.click();
          return true;
        },
        setFiles: async (paths) => {
          const handle = await page.evaluateHandle(`(${DEEP_QUERY})('upload-widget input[type=file], input[type=file]')[0]`);
          await handle.asElement().uploadFile(...paths);
        },
        close: () => page.close(),
      });
    },
    close: () => browser.close(),
  };
}

async function launchWebKit() {
  const { remote } = await import('webdriverio');
  const driver = await startWebKitDriver({ port: 9425, display: ':95' });
  const sessions = [];
  return {
    async newPage() {
      // WebKitWebDriver holds one session: a page a failed test left open goes first.
      for (const session of sessions.splice(0)) await session.deleteSession().catch(() => {});
      const browser = await remote({
        hostname: '127.0.0.1',
        port: driver.port,
        path: '/',
        logLevel: 'error',
        capabilities: {
          browserName: 'MiniBrowser',
          'wdio:enforceWebDriverClassic': true,
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: MINIBROWSER_ARGS },
        },
      });
      sessions.push(browser);
      const run = (fn, arg) => browser.execute(`return (${fn})(arguments[0])`, arg);
      return page$({
        goto: (url) => browser.url(url),
        evaluate: (fn, arg) => run(typeof fn === 'string' ? `() => (${fn})` : fn, arg),
        url: () => browser.getUrl(),
        back: () => browser.back(),
        press: (key) => browser.keys(key === 'Space' ? ' ' : key),
        type: (text) => browser.keys([...text]),
        click: async (query) => {
          const found = await browser.execute(`return (${BY_ROLE})(arguments[0])`, query);
          if (!found) return false;
          await (await browser.$(found)).click();
          return true;
        },
        setFiles: async (paths) => {
          const found = await browser.execute(`return (${DEEP_QUERY})('input[type=file]')[0]`);
          await (await browser.$(found)).addValue(paths.join('\n'));
        },
        close: async () => {
          sessions.splice(sessions.indexOf(browser), 1);
          await browser.deleteSession();
        },
      });
    },
    async close() {
      for (const session of sessions.splice(0)) await session.deleteSession().catch(() => {});
      await driver.stop();
    },
  };
}

/** The Page every engine gives, built on its few primitives. */
function page$(p) {
  return {
    goto: p.goto,
    url: p.url,
    back: p.back,
    press: p.press,
    type: p.type,
    close: p.close,
    /** Runs `fn(arg)` in the page; the result must be JSON. */
    evaluate: (fn, arg) => p.evaluate(fn, arg),
    /** Waits until `fn(arg)`, run in the page, is truthy; gives its value. */
    waitFor: (fn, arg, { timeout = 10000 } = {}) => until(() => p.evaluate(fn, arg), { timeout, what: String(fn).slice(0, 80) }),
    /** Clicks the first visible element with this role and accessible name, waiting for it to show. */
    click: (role, name, { timeout = 10000 } = {}) => until(() => p.click({ role, name }), { timeout, what: `${role} "${name}"` }),
    /** Waits for an element with this role and name. */
    waitForRole: (role, name, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(${BY_ROLE})(${JSON.stringify({ role, name })}) !== null`), { timeout, what: `${role} "${name}"` }),
    /** The text of every element matching `selector` anywhere in the page, shadow roots included. */
    texts: (selector) => p.evaluate(`(${DEEP_QUERY})(${JSON.stringify(selector)}).map((el) => el.textContent)`),
    /** Picks files in the widget's file input, as a person would through the file chooser. */
    async pickFiles(files) {
      const { paths, remove } = filesOnDisk(files);
      try {
        await p.setFiles(paths);
      } finally {
        // The browser has read the paths into File objects; the bytes are read as they upload.
        setTimeout(remove, 60_000).unref();
      }
    },
  };
}
