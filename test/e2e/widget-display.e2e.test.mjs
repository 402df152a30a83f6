// End to end: the widget as a person meets it — modal and inline, Cloudinary's methods and
// display events, keyboard alone, the narrow layout, Cloudinary's global API, and axe audits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { axe, recordEvents, startE2E, widgetAttributes } from '../support/e2e.mjs';

let e2e;
let servers;
let browser;

before(async () => {
  e2e = await startE2E({
    pages: (env) => ({
      'modal.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>modal</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Modal</h1><button id="opener">Upload files</button>
<upload-widget id="w" ${widgetAttributes(env)}></upload-widget></main></body></html>`,
      'inline.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>inline</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Inline</h1><upload-widget id="w" inline ${widgetAttributes(env)}></upload-widget><div id="thumbs"></div></main></body></html>`,
      'compat.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>compat</title>
<script src="/dist/upload-widget.iife.js"></script></head><body><main><h1>Compat</h1><button id="opener">Upload</button></main>
<script src="/compat.js"></script></body></html>`,
      'module.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>module</title>
<script type="module" src="/dist/upload-widget.js"></script><script src="/record.js"></script></head>
<body><main><h1>ES module</h1><upload-widget id="w" inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
      'record.js': recordEvents(['display-changed', 'close', 'source-changed', 'success', 'queues-end', 'error', 'show-completed']),
      // The way sites call Cloudinary's widget today, unchanged.
      'compat.js': `window.results = [];
const widget = cloudinary.createUploadWidget(
  { cloudName: '${env.cloudName}', uploadPreset: 'demo_unsigned', uploadPrefix: '${env.server}', sources: ['local', 'url', 'dropbox'] },
  (error, result) => window.results.push({ error, event: result.event, info: result.info }),
);
document.querySelector('#opener').addEventListener('click', () => widget.open(), false);
window.widget = widget;`,
    }),
  });
  ({ servers, browser } = e2e);
});

after(() => e2e?.close());

async function events(page, name) {
  return page.evaluate((n) => window.events.filter((e) => e.name === n).map((e) => e.detail), name);
}

test('modal: open() shows a dialog with focus inside; Escape closes it and focus returns to the opener', async () => {
  const page = await browser.newPage();
  await page.goto(`${servers.upload.url}/modal.html`);
  assert.equal(await page.locator('upload-widget dialog').isVisible(), false);
  await page.locator('#opener').focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('upload-widget dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').isShowing()), true);
  assert.deepEqual(await events(page, 'display-changed'), ['shown']);
  // Focus is inside the widget, and Tab keeps it there (the page behind is inert).
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'w', `Tab ${i + 1} left the widget`);
  }
  assert.deepEqual(await axe(page), []);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(await events(page, 'display-changed'), ['shown', 'hidden']);
  assert.equal((await events(page, 'close')).length, 1);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'opener');
  await page.close();
});

test('methods: minimize, expand, hide, show, update and destroy, with display-changed events', async () => {
  const page = await browser.newPage();
  await page.goto(`${servers.upload.url}/modal.html`);
  const state = () =>
    page.evaluate(() => {
      const w = document.querySelector('upload-widget');
      return w ? { showing: w.isShowing(), minimized: w.isMinimized(), destroyed: w.isDestroyed() } : 'removed';
    });
  await page.evaluate(() => document.querySelector('upload-widget').open('url'));
  await page.locator('upload-widget [role=tab][aria-selected=true]').waitFor();
  assert.equal(await page.locator('upload-widget [role=tab][aria-selected=true]').getAttribute('data-source'), 'url');
  await page.evaluate(() => document.querySelector('upload-widget').minimize());
  assert.deepEqual(await state(), { showing: false, minimized: true, destroyed: false });
  const bar = page.locator('upload-widget [part=minimized]');
  await bar.click();
  assert.deepEqual(await state(), { showing: true, minimized: false, destroyed: false });
  await page.evaluate(() => document.querySelector('upload-widget').hide());
  await page.evaluate(() => document.querySelector('upload-widget').show());
  await page.evaluate(() => document.querySelector('upload-widget').update({ sources: ['camera', 'local'], defaultSource: 'camera' }));
  const tabOrder = await page.evaluate(async () => {
    const w = document.querySelector('upload-widget');
    await w.updateComplete;
    const tabs = w.shadowRoot.querySelector('uw-source-tabs');
    await tabs.updateComplete;
    return [...tabs.shadowRoot.querySelectorAll('[role=tab]')].map((t) => t.dataset.source);
  });
  assert.deepEqual(tabOrder, ['camera', 'local']);
  assert.deepEqual(await events(page, 'display-changed'), ['shown', 'minimized', 'expanded', 'hidden', 'shown']);
  const handle = await page.evaluate(async () => {
    const w = document.querySelector('upload-widget');
    await w.destroy();
    return { destroyed: w.isDestroyed(), inPage: document.contains(w) };
  });
  assert.deepEqual(handle, { destroyed: true, inPage: false });
  await page.close();
});

test('keyboard alone: arrow keys switch sources, Browse picks files, the upload lands on the server', async () => {
  const page = await browser.newPage();
  // Listening before anything happens: Playwright turns file-chooser interception on asynchronously,
  // so a listener added at the key press can miss a chooser that opens at once.
  const chooser = new Promise((resolve) => page.once('filechooser', resolve));
  await page.goto(`${servers.upload.url}/inline.html`);
  await page.locator('upload-widget [role=tab]').first().waitFor();
  await page.locator('upload-widget [role=tab][aria-selected=true]').focus();
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await events(page, 'source-changed'), [{ source: 'url' }]);
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').shadowRoot.querySelector('uw-source-tabs').shadowRoot.activeElement?.dataset.source), 'url');
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await events(page, 'source-changed'), [{ source: 'url' }, { source: 'local' }]);
  // Tab from the tab list reaches the Browse button; Enter opens the file chooser.
  const browse = page.locator('upload-widget').getByRole('button', { name: 'Browse' });
  for (let i = 0; i < 5 && !(await browse.evaluate((b) => b.matches(':focus'))); i++) await page.keyboard.press('Tab');
  assert.equal(await browse.evaluate((b) => b.matches(':focus')), true, 'Browse is reachable with Tab');
  const bytes = randomBytes(123_456);
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([{ name: 'keyboard.bin', mimeType: 'application/octet-stream', buffer: bytes }]);
  await page.waitForFunction(() => window.events.some((e) => e.name === 'queues-end'));
  const [info] = await events(page, 'success');
  const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
  assert.ok(stored.equals(bytes));
  assert.deepEqual(await axe(page), []);
  await page.close();
});

test('narrow screens: below 768 px the sources fold into a menu, and the widget fits 320 px', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${servers.upload.url}/inline.html`);
  const menu = page.locator('upload-widget [part=source-menu-button]');
  await menu.waitFor();
  assert.equal(await page.locator('upload-widget [role=tablist]').isVisible(), false);
  await menu.click();
  assert.equal(await page.locator('upload-widget [role=tablist]').isVisible(), true);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/narrow-360.png', fullPage: true });
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no horizontal scrolling at 320 px');
  assert.deepEqual(await axe(page), []);
  await page.close();
});

test('Cloudinary’s global API: createUploadWidget, open, callback results; unknown sources warned about once', async () => {
  const page = await browser.newPage();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(`${servers.upload.url}/compat.html`);
  await page.locator('#opener').click();
  await page.locator('upload-widget dialog').waitFor({ state: 'visible' });
  const bytes = randomBytes(5000);
  await page.locator('upload-widget input[type=file]').setInputFiles([{ name: 'compat.bin', mimeType: 'application/octet-stream', buffer: bytes }]);
  await page.waitForFunction(() => window.results.some((r) => r.event === 'queues-end'));
  const results = await page.evaluate(() => window.results);
  assert.deepEqual(
    results.map((r) => r.event).filter((e) => ['display-changed', 'upload-added', 'queues-start', 'success', 'queues-end'].includes(e)),
    ['display-changed', 'upload-added', 'queues-start', 'success', 'queues-end'],
  );
  const end = results.find((r) => r.event === 'queues-end');
  const url = end.info.files[0].uploadInfo.secure_url;
  assert.ok(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(bytes));
  assert.equal(warnings.filter((w) => w.includes('dropbox')).length, 1);
  await page.close();
});

test('Hebrew lays the modal out right to left (screenshot kept in test-results/rtl-he.png)', async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.goto(`${servers.upload.url}/modal.html`);
  await page.evaluate(() => {
    const w = document.querySelector('upload-widget');
    w.setAttribute('language', 'he');
    w.open();
  });
  const title = page.locator('upload-widget [part=title]');
  await page.waitForFunction(() => {
    const t = document.querySelector('upload-widget').shadowRoot.querySelector('[part=title]');
    return t && t.textContent.trim() !== 'Upload files';
  });
  const close = page.locator('upload-widget [part=close-button]');
  const [titleBox, closeBox] = [await title.boundingBox(), await close.boundingBox()];
  assert.ok(closeBox.x < titleBox.x, 'the close button sits on the left in a right-to-left layout');
  assert.equal(await page.locator('upload-widget [part=base]').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/rtl-he.png' });
  await page.close();
});

test('the ES module build uploads too, and fetches the camera part only when its tab opens', async () => {
  const page = await browser.newPage();
  const scripts = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await page.goto(`${servers.upload.url}/module.html`);
  await page.locator('upload-widget [role=tab]').first().waitFor();
  assert.equal(await page.evaluate(() => Boolean(customElements.get('uw-camera-source'))), false);
  assert.ok(!scripts.some((s) => s.includes('camera')), 'no camera code before the tab opens');
  await page.locator('upload-widget [role=tab][data-source=camera]').click();
  await page.waitForFunction(() => Boolean(customElements.get('uw-camera-source')));
  await page.locator('upload-widget [role=tab][data-source=local]').click();
  const bytes = randomBytes(2048);
  await page.locator('upload-widget input[type=file]').setInputFiles([{ name: 'module.bin', mimeType: 'application/octet-stream', buffer: bytes }]);
  await page.waitForFunction(() => window.events.some((e) => e.name === 'queues-end'));
  const [info] = await events(page, 'success');
  assert.ok(Buffer.from(await (await fetch(info.secure_url)).arrayBuffer()).equals(bytes));
  await page.close();
});
