// One small driver for end-to-end tests in three engines, so one test file runs in each:
// Chromium through Playwright, Firefox ESR through puppeteer-core (WebDriver BiDi), WebKitGTK's
// MiniBrowser through webdriverio (WebDriver classic, on Xvfb). A test does few things: open a page,
// pick files from disk, click by role and accessible name, press keys, read the page, wait.
// UW_ENGINE picks the engine (default chromium).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_ARGS, findChrome } from '../../scripts/chrome.mjs';
import { FIREFOX_PREFS, WEBKIT_CAPABILITIES, findFirefox, startWebKitDriver } from '../../scripts/engines.mjs';
import { chord, webdriverKeyActions } from '../../scripts/wtr-keys.mjs';

export const engine = process.env.UW_ENGINE ?? 'chromium';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');



// In the page: the elements matching `selector` through open shadow roots, as Playwright reads
// CSS: each descendant step ("uw-queue li[data-status=done]") may cross into shadow roots.
export const DEEP_QUERY = `(selector) => {
  const within = (root, part) => {
    const found = [...root.querySelectorAll(part)];
    if (root.shadowRoot) found.push(...within(root.shadowRoot, part));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...within(el.shadowRoot, part));
    return found;
  };
  let scope = [document];
  for (const part of selector.trim().split(/\\s+(?![^\\[]*\\])/)) scope = [...new Set(scope.flatMap((root) => within(root, part)))];
  return scope;
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

/** Playwright's and puppeteer's pages alike: clicks the element `expression` finds, if any. */
async function clickFound(page, expression) {
  const element = (await page.evaluateHandle(expression)).asElement();
  if (!element) return false;
  await element.click();
  return true;
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
    async newPage({ width = 1280, height = 720 } = {}) {
      const page = await browser.newPage({ viewport: { width, height } });
      // Listening from the start: Playwright turns file-chooser interception on asynchronously, so
      // a listener added at the key press can miss a chooser that opens at once.
      let chooserOpened = () => {};
      page.on('filechooser', (chooser) => chooserOpened(chooser));
      const nextChooser = (action) =>
        Promise.race([
          new Promise((resolve) => (chooserOpened = resolve)),
          new Promise((_, reject) => setTimeout(() => reject(new Error('no file chooser opened within 5 s')), 5000)),
          action().then(() => new Promise(() => {})),
        ]);
      return page$({
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        url: () => page.url(),
        back: () => page.goBack(),
        viewport: (w, h) => page.setViewportSize({ width: w, height: h }),
        screenshot: (path) => page.screenshot({ path }),
        chooserOnKey: async (key, paths) => {
          const chooser = await nextChooser(() => page.keyboard.press(key));
          await chooser.setFiles(paths);
        },
        press: (key) => page.keyboard.press(key),
        type: (text) => page.keyboard.type(text),
        click: (query) => clickFound(page, `(${BY_ROLE})(${JSON.stringify(query)})`),
        clickSelector: (selector) => clickFound(page, `(${DEEP_QUERY})(${JSON.stringify(selector)})[0] ?? null`),
        drag: async (from, to, steps) => {
          await page.mouse.move(from.x, from.y);
          await page.mouse.down();
          await page.mouse.move(to.x, to.y, { steps });
          await page.mouse.up();
        },
        setFiles: (paths) => page.locator('upload-widget input[type=file]').setInputFiles(paths),
        chooserOnClick: async (selector) => {
          const element = (await page.evaluateHandle(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]`)).asElement();
          const chooser = await nextChooser(() => element.click());
          return { multiple: chooser.isMultiple() };
        },
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
    async newPage({ width = 1280, height = 720 } = {}) {
      const page = await browser.newPage();
      await page.setViewport({ width, height });
      return page$({
        viewport: (w, h) => page.setViewport({ width: w, height: h }),
        screenshot: (path) => page.screenshot({ path }),
        chooserOnKey: async (key, paths) => {
          const [chooser] = await Promise.all([page.waitForFileChooser({ timeout: 5000 }), page.keyboard.press(key)]);
          await chooser.accept(paths);
        },
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        // The page's own address: puppeteer's page.url() misses a return from the back/forward cache.
        url: () => page.evaluate(() => location.href).catch(() => page.url()),
        // puppeteer's goBack() waits for events Firefox's BiDi does not send on a back/forward-cache return.
        back: () => page.evaluate(() => history.back()),
        press: async (key) => {
          const keys = chord(key);
          const main = keys.pop();
          for (const m of keys) await page.keyboard.down(m);
          await page.keyboard.press(main === 'Space' ? ' ' : main);
          for (const m of keys.reverse()) await page.keyboard.up(m);
        },
        type: (text) => page.keyboard.type(text),
        click: (query) => clickFound(page, `(${BY_ROLE})(${JSON.stringify(query)})`),
        clickSelector: (selector) => clickFound(page, `(${DEEP_QUERY})(${JSON.stringify(selector)})[0] ?? null`),
        drag: async (from, to, steps) => {
          await page.mouse.move(from.x, from.y);
          await page.mouse.down();
          for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
          await page.mouse.up();
        },
        setFiles: async (paths) => {
          const handle = await page.evaluateHandle(`(${DEEP_QUERY})('input[type=file]')[0]`);
          await handle.asElement().uploadFile(...paths);
        },
        chooserOnClick: async (selector) => {
          const element = (await page.evaluateHandle(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]`)).asElement();
          const [chooser] = await Promise.all([page.waitForFileChooser({ timeout: 5000 }), element.click()]);
          const multiple = chooser.isMultiple();
          await chooser.cancel();
          return { multiple };
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
    async newPage({ width = 1280, height = 720 } = {}) {
      // WebKitWebDriver holds one session: a page a failed test left open goes first.
      for (const session of sessions.splice(0)) await session.deleteSession().catch(() => {});
      const browser = await remote({
        hostname: '127.0.0.1',
        port: driver.port,
        path: '/',
        logLevel: 'error',
        capabilities: WEBKIT_CAPABILITIES,
      });
      sessions.push(browser);
      const run = (fn, arg) => browser.execute(`return (${fn})(arguments[0])`, arg);
      // WebDriver sizes the window: make its inner size (the viewport) what was asked for.
      const viewport = async (w, h) => {
        await browser.setWindowSize(w, h);
        const inner = await browser.execute('return [innerWidth, innerHeight]');
        await browser.setWindowSize(w + (w - inner[0]), h + (h - inner[1]));
      };
      await viewport(width, height);
      return page$({
        viewport,
        screenshot: (path) => browser.saveScreenshot(path),
        // WebDriver classic does not report a file chooser opening.
        chooserOnKey: null,
        goto: (url) => browser.url(url),
        evaluate: (fn, arg) => run(typeof fn === 'string' ? `() => (${fn})` : fn, arg),
        url: () => browser.getUrl(),
        back: () => browser.back(),
        press: (key) => webdriverKeyActions(browser, [key]),
        // Each character down and up in turn (wdio's keys() sends all downs first, losing repeats).
        type: (text) => webdriverKeyActions(browser, [...text]),
        click: async (query) => {
          const found = await browser.execute(`return (${BY_ROLE})(arguments[0])`, query);
          if (!found) return false;
          await (await browser.$(found)).click();
          return true;
        },
        clickSelector: async (selector) => {
          const found = await browser.execute(`return (${DEEP_QUERY})(arguments[0])[0] ?? null`, selector);
          if (!found) return false;
          await (await browser.$(found)).click();
          return true;
        },
        drag: async (from, to, steps) => {
          const moves = [{ type: 'pointerMove', duration: 0, x: Math.round(from.x), y: Math.round(from.y) }, { type: 'pointerDown', button: 0 }];
          for (let i = 1; i <= steps; i++) {
            moves.push({ type: 'pointerMove', duration: 20, x: Math.round(from.x + ((to.x - from.x) * i) / steps), y: Math.round(from.y + ((to.y - from.y) * i) / steps) });
          }
          moves.push({ type: 'pointerUp', button: 0 });
          await browser.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: moves }]);
          await browser.releaseActions();
        },
        setFiles: async (paths) => {
          const found = await browser.execute(`return (${DEEP_QUERY})('input[type=file]')[0]`);
          await (await browser.$(found)).addValue(paths.join('\n'));
        },
        // WebDriver classic does not report a file chooser opening.
        chooserOnClick: null,
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
    /** Clicks the first element matching `selector` anywhere in the page, waiting for it. */
    clickSelector: (selector, { timeout = 10000 } = {}) => until(() => p.clickSelector(selector), { timeout, what: selector }),
    /** Drags the mouse from one point of the viewport to another, in `steps` moves. */
    drag: (from, to, steps = 8) => p.drag(from, to, steps),
    /** Whether this engine's driver can see a file chooser open. */
    canSeeFileChooser: Boolean(p.chooserOnClick),
    /** Presses `key` and picks `files` in the file chooser it opens. */
    async chooserOnKey(key, files) {
      const { paths } = filesOnDisk(files);
      await p.chooserOnKey(key, paths);
    },
    /** Sets the viewport's size in CSS pixels. */
    viewport: (width, height) => p.viewport(width, height),
    /** A PNG of the viewport, written to `path`. */
    screenshot: (path) => p.screenshot(path),
    /** Whether the first element matching `selector` is rendered and visible. */
    visible: (selector) => p.evaluate(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]?.checkVisibility() ?? false`),
    /** Clicks the first element matching `selector` and gives the file chooser that opened: { multiple }. */
    chooserOnClick: (selector) => p.chooserOnClick(selector),
    /** Focuses the first visible element with this role and accessible name, waiting for it. */
    focusRole: (role, name, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(() => { const el = (${BY_ROLE})(${JSON.stringify({ role, name })}); el?.focus(); return !!el; })()`), { timeout, what: `${role} "${name}"` }),
    /** Focuses the first element matching `selector` anywhere in the page, waiting for it. */
    focus: (selector, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(() => { const el = (${DEEP_QUERY})(${JSON.stringify(selector)})[0]; el?.focus(); return !!el; })()`), { timeout, what: selector }),
    /** The text of the first element matching `selector`, waiting for one. */
    text: (selector, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]?.textContent ?? null`), { timeout, what: selector }).then((t) => t),
    /** The viewport rectangle of the first element matching `selector`. */
    box: (selector) =>
      p.evaluate(`(() => { const r = (${DEEP_QUERY})(${JSON.stringify(selector)})[0]?.getBoundingClientRect(); return r && { x: r.x, y: r.y, width: r.width, height: r.height }; })()`),
    /** What has focus, through shadow roots: tag, part, data-action, role and name. */
    focused: () =>
      p.evaluate(`(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return { tag: el?.tagName.toLowerCase(), part: el?.getAttribute('part'), action: el?.getAttribute('data-action'), role: el?.getAttribute('role'), label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() };
      })()`),
    /** axe-core's violations inside the widget (page-level rules are about the host page). */
    async axe() {
      if (!(await p.evaluate(`'axe' in window`))) await p.evaluate(`(() => { (0, eval)(${JSON.stringify(AXE_SOURCE)}); return true; })()`);
      // Colours mid-animation (a dialog fading in) are not the colours a person reads. Each shadow
      // root is asked for its own (WebKit's document.getAnimations() leaves them out); endless
      // ones (a spinner) are not waited for past 2 s.
      await p.evaluate(`(() => {
        const roots = [document, ...(${DEEP_QUERY})('*').filter((el) => el.shadowRoot).map((el) => el.shadowRoot)];
        const running = roots.flatMap((root) => root.getAnimations()).map((a) => a.finished.catch(() => {}));
        return Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 2000))]).then(() => true);
      })()`);
      return p.evaluate(`axe.run({ include: [['upload-widget']] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`);
    },
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

