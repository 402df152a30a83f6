// One small driver for end-to-end tests in three engines, so one test file runs in each:
// Chromium through Playwright, Firefox ESR through puppeteer-core (WebDriver BiDi), WebKitGTK's
// MiniBrowser through webdriverio (WebDriver classic, on Xvfb). A test does few things: open a page,
// pick files from disk, click by role and accessible name, press keys, read the page, wait.
// UW_ENGINE picks the engine (default chromium).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
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
    return textOf(el).replace(/\\s+/g, ' ').trim();
  };
  // Text content as a name: what aria-hidden hides is not part of it.
  const textOf = (node) => node.nodeType === 3 ? node.data
    : node.nodeType === 1 && node.getAttribute('aria-hidden') === 'true' ? ''
    : [...node.childNodes].map(textOf).join('');
  return deep('*').find((el) => (el.getAttribute('role') ?? implicit(el)) === role && el.checkVisibility() && nameOf(el) === name) ?? null;
}`;

// In the page: puts the page at rest for a screenshot (every animation, in shadow roots too,
// finished or, when endless, cancelled; no text caret) and gives the viewport rectangles of the
// elements that `masks` ({ selector, text? }) find.
const AT_REST = `(masks) => {
  const deep = ${DEEP_QUERY};
  const roots = [document, ...deep('*').filter((el) => el.shadowRoot).map((el) => el.shadowRoot)];
  for (const animation of roots.flatMap((root) => root.getAnimations())) {
    if (animation.effect?.getComputedTiming().endTime === Infinity) animation.cancel();
    else animation.finish();
  }
  for (const field of [...deep('input'), ...deep('textarea')]) field.style.caretColor = 'transparent';
  return masks.flatMap(({ selector, text }) =>
    deep(selector)
      .filter((el) => !text || (el.children.length === 0 && new RegExp(text).test(el.textContent.trim())))
      .map((el) => el.getBoundingClientRect())
      .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
  );
}`;

/** Paints each rectangle (CSS px; every engine here draws at one device pixel per CSS pixel) over the PNG in magenta. */
function paintOver(png, rects) {
  if (rects.length === 0) return png;
  const image = PNG.sync.read(png);
  for (const r of rects) {
    const [x0, y0] = [Math.max(0, Math.floor(r.x)), Math.max(0, Math.floor(r.y))];
    const [x1, y1] = [Math.min(image.width, Math.ceil(r.x + r.width)), Math.min(image.height, Math.ceil(r.y + r.height))];
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) image.data.set([255, 0, 255, 255], (y * image.width + x) * 4);
    }
  }
  return PNG.sync.write(image);
}

/**
 * What each engine's driver can do here: a touch screen; windows down to `minWidth`; a profile
 * kept on disk across launches; several tabs sharing storage (`newContext`); the page's console.
 */
export const limits = {
  touch: engine !== 'webkit',
  minWidth: engine === 'webkit' ? 447 : 0,
  profile: engine !== 'webkit',
  tabs: engine !== 'webkit',
  /** page.consoleMessages(): the page's console, the browser's own messages included. */
  console: engine !== 'webkit',
};

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

/** Clicks by role and name, or by selector, on a Playwright or puppeteer page. */
const clicks = (page) => ({
  click: (query) => clickFound(page, `(${BY_ROLE})(${JSON.stringify(query)})`),
  clickSelector: (selector) => clickFound(page, `(${DEEP_QUERY})(${JSON.stringify(selector)})[0] ?? null`),
});

/**
 * Starts the engine; `newPage()` gives a Page with the methods below, in a context of its own
 * (no storage shared with other pages); `newContext()` gives a context whose pages share storage,
 * as a person's tabs do. With `profile` (a folder), the browser keeps its storage there: closed
 * and launched again on the same folder, it finds what its pages kept (`limits.profile`).
 */
export async function launch({ profile } = {}) {
  if (engine === 'firefox') return launchFirefox({ profile });
  if (engine === 'webkit') return launchWebKit({ profile });
  return launchChromium({ profile });
}

async function launchChromium({ profile }) {
  const { chromium } = await import('playwright');
  const options = { executablePath: await findChrome(), headless: true, args: CHROME_ARGS };
  const persistent = profile ? await chromium.launchPersistentContext(profile, options) : null;
  const browser = persistent ? null : await chromium.launch(options);
  const contextOptions = ({ width = 1280, height = 720, touch = false } = {}) => ({
    viewport: { width, height },
    isMobile: touch,
    hasTouch: touch,
    deviceScaleFactor: 1,
  });
  const contextOf = (context, own) => ({
    newPage: async (size) => {
      const page = await context.newPage();
      if (size) await page.setViewportSize({ width: size.width ?? 1280, height: size.height ?? 720 });
      return chromiumPage(page, own ? () => context.close() : () => page.close());
    },
    close: () => context.close(),
  });
  return {
    /** Playwright's browser, for the few tests only Chromium can run (taking the network away). */
    playwright: browser,
    async newContext(size) {
      return contextOf(persistent ?? (await browser.newContext(contextOptions(size))), false);
    },
    async newPage(size) {
      if (persistent) return contextOf(persistent, false).newPage(size);
      const context = await browser.newContext(contextOptions(size));
      return contextOf(context, true).newPage();
    },
    close: () => (persistent ?? browser).close(),
  };
}

function chromiumPage(page, close) {
  // Listening from the start: Playwright turns file-chooser interception on asynchronously, so
  // a listener added at the key press can miss a chooser that opens at once.
  let chooserOpened = () => {};
  page.on('filechooser', (chooser) => chooserOpened(chooser));
  const logged = [];
  page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
  const nextChooser = (action) =>
    Promise.race([
      new Promise((resolve) => (chooserOpened = resolve)),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no file chooser opened within 5 s')), 5000)),
      action().then(() => new Promise(() => {})),
    ]);
  return page$({
    logged,
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    url: () => page.url(),
    back: () => page.goBack(),
    viewport: (w, h) => page.setViewportSize({ width: w, height: h }),
    png: () => page.screenshot(),
    chooserOnKey: async (key, paths) => {
      const chooser = await nextChooser(() => page.keyboard.press(key));
      await chooser.setFiles(paths);
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    ...clicks(page),
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
    close,
  });
}

async function launchFirefox({ profile }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const start = (prefs = {}) =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: findFirefox(),
      headless: true,
      extraPrefsFirefox: { ...FIREFOX_PREFS, ...prefs },
      ...(profile && { userDataDir: profile }),
    });
  const browser = await start();
  // Firefox takes a touch screen's media features (pointer: coarse, hover: none) from prefs, read
  // at launch: pages with touch get a second browser, started when first asked for.
  let touchBrowser;
  const sized = async (page, { width = 1280, height = 720, touch = false } = {}) => {
    await page.setViewport({ width, height, hasTouch: touch, isMobile: touch });
    return page;
  };
  // A kept profile lives in the default context; other pages each get a context of their own.
  const contextOf = (context, own) => ({
    newPage: async (size) => firefoxPage(await sized(await context.newPage(), size), own ? () => context.close() : null),
    close: () => (context === browser.defaultBrowserContext() ? Promise.resolve() : context.close()),
  });
  return {
    async newContext() {
      return contextOf(profile ? browser.defaultBrowserContext() : await browser.createBrowserContext(), false);
    },
    async newPage(size = {}) {
      if (size.touch) touchBrowser ??= start({ 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1, 'dom.w3c_touch_events.enabled': 1 });
      const owner = size.touch ? await touchBrowser : browser;
      if (profile) return contextOf(owner.defaultBrowserContext(), false).newPage(size);
      return contextOf(await owner.createBrowserContext(), true).newPage(size);
    },
    async close() {
      await browser.close();
      if (touchBrowser) await (await touchBrowser).close();
    },
  };
}

function firefoxPage(page, closeContext) {
  const logged = [];
  page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
  return page$({
    logged,
    viewport: (w, h) => page.setViewport({ width: w, height: h }),
    png: async () => Buffer.from(await page.screenshot()),
    chooserOnKey: async (key, paths) => {
      const [chooser] = await Promise.all([page.waitForFileChooser({ timeout: 5000 }), page.keyboard.press(key)]);
      await chooser.accept(paths);
    },
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
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
    ...clicks(page),
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
    close: async () => {
      await page.close();
      await closeContext?.();
    },
  });
}

async function launchWebKit({ profile }) {
  if (profile) throw new Error('WebKitWebDriver gives each session a storage of its own (see limits.profile)');
  const { remote } = await import('webdriverio');
  // A port of its own each time: a driver an earlier test file left behind on a fixed port would
  // answer /status and then hang every new session.
  let driver = await startWebKitDriver({ port: await freePort(), display: ':95' });
  const sessions = [];
  const session = () =>
    remote({
      hostname: '127.0.0.1',
      port: driver.port,
      path: '/',
      logLevel: 'error',
      capabilities: WEBKIT_CAPABILITIES,
      // Starting MiniBrowser takes a few seconds; one that has not answered in 45 s never will.
      connectionRetryTimeout: 45_000,
      connectionRetryCount: 0,
    });
  return {
    async newPage({ width = 1280, height = 720, touch = false } = {}) {
      if (touch) throw new Error('WebKitGTK cannot emulate a touch screen (see limits.touch)');
      // WebKitWebDriver holds one session: a page a failed test left open goes first.
      for (const open of sessions.splice(0)) await open.deleteSession().catch(() => {});
      let browser;
      try {
        browser = await session();
      } catch (e) {
        // Seen on a loaded machine: WebKitWebDriver stops answering new sessions. A new driver does.
        console.error(`[driver] WebKit's session did not start (${e.message}); starting a new WebKitWebDriver`);
        await driver.stop();
        driver = await startWebKitDriver({ port: await freePort(), display: ':95' });
        browser = await session();
      }
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
        // WebDriver classic has no console events, and MiniBrowser driven by WebKitWebDriver
        // prints none (--enable-write-console-messages-to-stdout works only outside automation).
        logged: null,
        viewport,
        png: async () => Buffer.from(await browser.takeScreenshot(), 'base64'),
        // WebDriver classic does not report a file chooser opening.
        chooserOnKey: null,
        goto: (url) => browser.url(url),
        reload: () => browser.refresh(),
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
          const moves = [
            { type: 'pointerMove', duration: 0, x: Math.round(from.x), y: Math.round(from.y) },
            { type: 'pointerDown', button: 0 },
          ];
          for (let i = 1; i <= steps; i++) {
            moves.push({
              type: 'pointerMove',
              duration: 20,
              x: Math.round(from.x + ((to.x - from.x) * i) / steps),
              y: Math.round(from.y + ((to.y - from.y) * i) / steps),
            });
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
    newContext() {
      throw new Error('WebKitWebDriver drives one window per session (see limits.tabs)');
    },
    async close() {
      for (const session of sessions.splice(0)) await session.deleteSession().catch(() => {});
      await driver.stop();
    },
  };
}

/** A TCP port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The Page every engine gives, built on its few primitives. */
function page$(p) {
  return {
    goto: p.goto,
    /** Reloads the page, as a person pressing F5. */
    reload: p.reload,
    url: p.url,
    back: p.back,
    press: p.press,
    type: p.type,
    close: p.close,
    /**
     * What the page's console said so far, "<level>: <text>" each (console calls and the browser's
     * own messages, such as a form control it cannot focus). Not in WebKit (`limits.console`): null.
     */
    consoleMessages: () => (p.logged ? [...p.logged] : null),
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
    /**
     * A PNG (Buffer) of the viewport as a person sees it at rest: animations finished, no text
     * caret, and each element `mask` finds painted over in magenta (parts that move with the
     * machine's timing). `mask`: selectors, or { selector, text } for the matching elements
     * whose own text matches the regular expression `text`.
     */
    async png({ mask = [] } = {}) {
      const rects = await p.evaluate(`(${AT_REST})(${JSON.stringify(mask.map((m) => (typeof m === 'string' ? { selector: m } : m)))})`);
      return paintOver(await p.png(), rects);
    },
    /** A PNG of the viewport, written to `path`. */
    async screenshot(path) {
      writeFileSync(path, await p.png());
    },
    /** Waits until the first element matching `selector` (through shadow roots) is rendered and visible. */
    shown: (selector, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]?.checkVisibility() ?? false`), { timeout, what: `${selector} to show` }),
    /** Whether the first element matching `selector` is rendered and visible. */
    visible: (selector) => p.evaluate(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]?.checkVisibility() ?? false`),
    /** Clicks the first element matching `selector` and gives the file chooser that opened: { multiple }. */
    chooserOnClick: (selector) => p.chooserOnClick(selector),
    /** Focuses the first visible element with this role and accessible name, waiting for it. */
    focusRole: (role, name, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(() => { const el = (${BY_ROLE})(${JSON.stringify({ role, name })}); el?.focus(); return !!el; })()`), {
        timeout,
        what: `${role} "${name}"`,
      }),
    /** Focuses the first element matching `selector` anywhere in the page, waiting for it. */
    focus: (selector, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(() => { const el = (${DEEP_QUERY})(${JSON.stringify(selector)})[0]; el?.focus(); return !!el; })()`), {
        timeout,
        what: selector,
      }),
    /** The text of the first element matching `selector`, waiting for one. */
    text: (selector, { timeout = 10000 } = {}) =>
      until(() => p.evaluate(`(${DEEP_QUERY})(${JSON.stringify(selector)})[0]?.textContent ?? null`), { timeout, what: selector }).then((t) => t),
    /** The viewport rectangle of the first element matching `selector`. */
    box: (selector) =>
      p.evaluate(
        `(() => { const r = (${DEEP_QUERY})(${JSON.stringify(selector)})[0]?.getBoundingClientRect(); return r && { x: r.x, y: r.y, width: r.width, height: r.height }; })()`,
      ),
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
      return p.evaluate(
        `axe.run({ include: [['upload-widget']] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
      );
    },
    /** Picks these files on disk (their names, sizes and dates as they are) in the widget's file input. */
    async pickPaths(paths) {
      // The local source renders its input a moment after the dialog opens.
      await until(() => p.evaluate(`(${DEEP_QUERY})('input[type=file]').length > 0`), { what: 'the file input' });
      await p.setFiles(paths);
    },
    /** Picks files ({ name, buffer }) in the widget's file input, as a person would through the file chooser. */
    async pickFiles(files) {
      const { paths, remove } = filesOnDisk(files);
      try {
        await this.pickPaths(paths);
      } finally {
        // The browser has read the paths into File objects; the bytes are read as they upload.
        setTimeout(remove, 60_000).unref();
      }
    },
  };
}
