// End to end: <upload-widget name="photo" required> in a real form, from the built ES module; the
// form submits values that the official Node SDK's PreloadedFile verifies, pointing at the bytes
// the server stored. Cloudinary's applyUploadWidget from the classic script does the same with
// hidden inputs. Runs in each engine (UW_ENGINE, through test/support/driver.mjs), after `npm run build`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { limits, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { TEST_CLOUDINARY_URL } from '../support/servers.mjs';

const require = createRequire(import.meta.url);
const cloudinary = require('cloudinary').v2;
const PreloadedFile = require('cloudinary/lib/preloaded_file');

const e2e = e2eSuite({
  pages: (env) => ({
    'profile.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Profile</title>
<script src="/page.js"></script><script type="module" src="/dist/upload-widget.js"></script></head>
<body><main><h1>Profile</h1><form action="/saved.html" method="get">
<label>Name <input name="person" value="Ada"></label>
<upload-widget name="photo" required inline ${widgetAttributes(env)}></upload-widget>
<button type="submit">Save</button></form></main></body></html>`,
    // The same form, its uploads going through the fault proxy (which can hold them mid-way).
    'profile-slow.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Profile</title>
<script src="/page.js"></script><script type="module" src="/dist/upload-widget.js"></script></head>
<body><main><h1>Profile</h1><form action="/saved.html" method="get">
<upload-widget name="photo" required inline cloud-name="${env.cloudName}" upload-preset="demo_unsigned" upload-prefix="${env.proxy}"></upload-widget>
<button type="submit">Save</button></form></main></body></html>`,
    'saved.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Saved</title></head><body><main><h1>Saved</h1></main></body></html>`,
    'legacy.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Legacy</title>
<script src="/page.js"></script><script src="/dist/upload-widget.iife.js"></script></head>
<body><main><h1>Legacy</h1><form id="legacy" action="/saved.html" method="get"><input id="upload_here" type="hidden">
<button type="submit">Save</button></form></main><script src="/legacy.js"></script></body></html>`,
    // Code as written for Cloudinary's widget: the results go into the element's form.
    'legacy.js': `cloudinary.applyUploadWidget('#upload_here', { cloudName: '${env.cloudName}', uploadPreset: 'demo_unsigned', uploadPrefix: '${env.server}' },
  (error, result) => window.events.push({ name: result.event, detail: result.info }));`,
    // Events, page errors and console warnings, kept in the page (WebDriver has no console events).
    'page.js': `${recordEvents(['success', 'queues-end'])}
window.warnings = [];
const warn = console.warn.bind(console);
console.warn = (...args) => { window.warnings.push(args.join(' ')); warn(...args); };`,
    // A widget the page's markup puts inside a disabled fieldset.
    'disabled.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Disabled</title>
<script src="/page.js"></script><script src="/dist/upload-widget.iife.js"></script></head>
<body><main><h1>Disabled</h1><form><fieldset disabled><upload-widget name="photo" required inline ${widgetAttributes(env)}></upload-widget></fieldset></form></main></body></html>`,
    // Two copies of the widget on one page: the classic script, then the ES module.
    'two-copies.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Two copies</title>
<script src="/page.js"></script><script src="/dist/upload-widget.iife.js"></script><script type="module" src="/dist/upload-widget.js"></script></head>
<body><main><h1>Two copies</h1><upload-widget inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
  }),
});

before(async () => {
  const { username: api_key, password: api_secret, host: cloud_name } = new URL(TEST_CLOUDINARY_URL);
  cloudinary.config({ cloud_name, api_key, api_secret });
});

/** The submitted values of `name`, read from the address of the page the form went to. */
const submitted = async (page, name) => new URL(await page.url()).searchParams.getAll(name);
const arrivedAt = (page, pattern) => until(async () => pattern.test(await page.url()), { what: `a page matching ${pattern}` });

test('a required photo field: the form waits for an upload, then submits values the Node SDK verifies', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/profile.html`);
  await page.waitForRole('button', 'Browse');

  // Nothing uploaded: Save does not leave the page, and the person lands in the widget.
  await page.click('button', 'Save');
  await page.waitFor(() => document.activeElement?.tagName === 'UPLOAD-WIDGET');
  assert.match(await page.url(), /profile\.html$/);
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').validationMessage), 'Please upload a file.');

  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#cc3366' } })
    .png()
    .toBuffer();
  const binary = randomBytes(200_000);
  await page.pickFiles([
    { name: 'face.png', mimeType: 'image/png', buffer: png },
    { name: 'cv.bin', mimeType: 'application/octet-stream', buffer: binary },
  ]);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const successes = await page.evaluate(() => window.events.filter((e) => e.name === 'success').map((e) => e.detail));

  await page.click('button', 'Save');
  await arrivedAt(page, /saved\.html/);
  assert.deepEqual(await submitted(page, 'person'), ['Ada']);
  const values = await submitted(page, 'photo');
  assert.equal(values.length, 2);
  for (const value of values) {
    const file = new PreloadedFile(value);
    // The Node SDK's is_valid() splits a raw file's extension off its public ID; Ruby's
    // PreloadedFile#valid? does not. For raw files, check the public ID with its extension.
    const valid = file.resource_type === 'raw' ? cloudinary.utils.verify_api_response_signature(file.filename, file.version, file.signature) : file.is_valid();
    assert.equal(valid, true, `${value} verifies`);
    const success = successes.find((s) => s.public_id === (file.resource_type === 'raw' ? file.filename : file.public_id));
    assert.ok(success, `${value} names an uploaded file`);
    const stored = Buffer.from(await (await fetch(success.secure_url)).arrayBuffer());
    assert.ok(stored.equals(success.original_filename === 'face' ? png : binary), `${value} points at the bytes picked`);
  }
  // A forged value does not verify.
  const forged = new PreloadedFile(values[0].replace(/#.*/, `#${'0'.repeat(40)}`));
  assert.equal(forged.is_valid(), false);

  // Back to the form: the browser gives the field its values again (the whole page from its
  // back/forward cache, or a new page whose field gets its state back).
  await page.back();
  await arrivedAt(page, /profile\.html/);
  await page.waitFor(() => document.querySelector('upload-widget')?.values?.length === 2);
  assert.deepEqual((await page.evaluate(() => document.querySelector('upload-widget').values)).sort(), [...values].sort());
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await page.close();
});

/** The field's message as the widget shows it, once visible. */
const shownMessage = async (page) => {
  await page.shown('upload-widget [part=field-error]');
  return (await page.text('upload-widget [part=field-error]')).trim();
};

/** Focus is inside the widget's shadow root, on one of its controls (not on the page, not on the bare host). */
const focusInWidget = (page) =>
  page.waitFor(() => {
    const host = document.querySelector('upload-widget');
    if (document.activeElement !== host) return false;
    let el = host.shadowRoot.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return Boolean(el) && el.matches('button, input, [tabindex], a[href]');
  });

const notFocusable = (page) => page.consoleMessages().filter((m) => /not focusable/i.test(m));

test('Save with no file, and Save mid-upload: the widget shows why, focus lands in it, and the console has no "not focusable"', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/profile-slow.html`);
  await page.waitForRole('button', 'Browse');
  await page.click('button', 'Save');
  assert.equal(await shownMessage(page), 'Please upload a file.');
  await focusInWidget(page);
  assert.match(await page.url(), /profile-slow\.html$/);

  // Mid-upload: the upload request is held by the proxy.
  e2e.servers.proxy.setRules([{ match: { method: 'POST' }, action: 'stall', ms: 60_000 }]);
  try {
    await page.pickFiles([{ name: 'held.bin', mimeType: 'application/octet-stream', buffer: randomBytes(50_000) }]);
    await page.waitFor(() => document.querySelector('upload-widget').validity.customError);
    await page.focusRole('button', 'Save');
    assert.equal((await page.focused()).label, 'Save');
    await page.click('button', 'Save');
    await page.waitFor(() => document.querySelector('upload-widget').shadowRoot.querySelector('[part=field-error]')?.textContent.includes('wait'));
    assert.equal(await shownMessage(page), 'Please wait until the files have uploaded.');
    await focusInWidget(page);
    assert.match(await page.url(), /profile-slow\.html$/);
  } finally {
    e2e.servers.proxy.setRules([]);
  }
  // Console messages reach the test a moment after the page logs them (not seen in WebKit: limits.console).
  await new Promise((r) => setTimeout(r, 500));
  if (limits.console) assert.deepEqual(notFocusable(page), []);
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await page.close();
});

test("Cloudinary's applyUploadWidget: a button in place of the element, results as hidden inputs of its form", async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/legacy.html`);
  await page.click('button', 'Upload image');
  await page.waitForRole('button', 'Browse');
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#33aa66' } })
    .png()
    .toBuffer();
  await page.pickFiles([{ name: 'logo.png', mimeType: 'image/png', buffer: png }]);
  await page.waitFor(() => window.events.some((e) => e.name === 'success'), null, { timeout: 30000 });
  const success = await page.evaluate(() => window.events.find((e) => e.name === 'success').detail);
  await page.press('Escape');
  await page.waitFor(() => !document.querySelector('upload-widget').isShowing());
  await page.click('button', 'Save');
  await arrivedAt(page, /saved\.html/);
  const [value] = await submitted(page, 'image');
  const file = new PreloadedFile(value);
  assert.equal(file.is_valid(), true);
  assert.equal(file.public_id, success.public_id);
  await page.close();
});

test('a page that loads the widget twice keeps the first copy and says so, naming both versions', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/two-copies.html`);
  await page.waitForRole('button', 'Browse');
  // The module script runs after parsing: wait until it has spoken.
  const warnings = await page.waitFor(() => {
    const found = window.warnings.filter((w) => w.includes('already defined'));
    return found.length && found;
  });
  const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  assert.deepEqual(warnings, [
    `[upload-widget] <upload-widget> ${version} is already defined on this page; this copy (${version}) is not used. Load the widget once per page.`,
  ]);
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await page.close();
});

test('a widget the page puts inside a disabled fieldset is disabled from the start', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/disabled.html`);
  await page.waitFor(() => Boolean(document.querySelector('upload-widget').shadowRoot?.querySelector('[part=base]')));
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').shadowRoot.querySelector('[part=base]').inert), true);
  await page.close();
});
