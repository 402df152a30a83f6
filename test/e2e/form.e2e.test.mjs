// End to end: <upload-widget name="photo" required> in a real form, from the built ES module; the
// form submits values that the official Node SDK's PreloadedFile verifies, pointing at the bytes
// the server stored. Cloudinary's applyUploadWidget from the classic script does the same with
// hidden inputs. Runs after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { recordEvents, startE2E, widgetAttributes } from '../support/e2e.mjs';
import { TEST_CLOUDINARY_URL } from '../support/servers.mjs';

const require = createRequire(import.meta.url);
const cloudinary = require('cloudinary').v2;
const PreloadedFile = require('cloudinary/lib/preloaded_file');

let e2e;
let servers;
let browser;

before(async () => {
  e2e = await startE2E({
    pages: (env) => ({
      'profile.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Profile</title>
<script type="module" src="/dist/upload-widget.js"></script><script src="/page.js"></script></head>
<body><main><h1>Profile</h1><form action="/saved.html" method="get">
<label>Name <input name="person" value="Ada"></label>
<upload-widget name="photo" required inline ${widgetAttributes(env)}></upload-widget>
<button type="submit">Save</button></form></main></body></html>`,
      'saved.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Saved</title></head><body><main><h1>Saved</h1></main></body></html>`,
      'legacy.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Legacy</title>
<script src="/dist/upload-widget.iife.js"></script></head>
<body><main><h1>Legacy</h1><form id="legacy" action="/saved.html" method="get"><input id="upload_here" type="hidden">
<button type="submit">Save</button></form></main><script src="/legacy.js"></script></body></html>`,
      // Code as written for Cloudinary's widget: the results go into the element's form.
      'legacy.js': `window.events = [];
cloudinary.applyUploadWidget('#upload_here', { cloudName: '${env.cloudName}', uploadPreset: 'demo_unsigned', uploadPrefix: '${env.server}' },
  (error, result) => window.events.push({ name: result.event, detail: result.info }));`,
      'page.js': recordEvents(['success', 'queues-end']),
      // Two copies of the widget on one page: the classic script, then the ES module.
      'two-copies.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two copies</title>
<script src="/dist/upload-widget.iife.js"></script><script type="module" src="/dist/upload-widget.js"></script></head>
<body><main><h1>Two copies</h1><upload-widget inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
    }),
  });
  ({ servers, browser } = e2e);
  const { username: api_key, password: api_secret, host: cloud_name } = new URL(TEST_CLOUDINARY_URL);
  cloudinary.config({ cloud_name, api_key, api_secret });
});

after(() => e2e?.close());

/** The submitted values of `name`, read from the page the form went to. */
const submitted = (page, name) => new URL(page.url()).searchParams.getAll(name);

test('a required photo field: the form waits for an upload, then submits values the Node SDK verifies', async () => {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${servers.upload.url}/profile.html`);
  const widget = page.locator('upload-widget');
  await widget.getByRole('button', { name: 'Browse' }).waitFor();

  // Nothing uploaded: Save does not leave the page, and the person lands in the widget.
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(page.url(), /profile\.html$/);
  assert.equal(await widget.evaluate((el) => el.validationMessage), 'Please upload a file.');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'UPLOAD-WIDGET');

  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#cc3366' } }).png().toBuffer();
  const binary = randomBytes(200_000);
  await page.locator('upload-widget input[type=file]').setInputFiles([
    { name: 'face.png', mimeType: 'image/png', buffer: png },
    { name: 'cv.bin', mimeType: 'application/octet-stream', buffer: binary },
  ]);
  await page.waitForFunction(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const successes = await page.evaluate(() => window.events.filter((e) => e.name === 'success').map((e) => e.detail));

  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/saved\.html/);
  assert.deepEqual(submitted(page, 'person'), ['Ada']);
  const values = submitted(page, 'photo');
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

  // Back to the form: the browser gives the field its values again.
  await page.goBack();
  await page.waitForURL(/profile\.html/);
  await widget.getByRole('button', { name: 'Browse' }).waitFor();
  await page.waitForFunction(() => document.querySelector('upload-widget').values.length === 2);
  assert.deepEqual((await widget.evaluate((el) => el.values)).sort(), [...values].sort());
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test("Cloudinary's applyUploadWidget: a button in place of the element, results as hidden inputs of its form", async () => {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${servers.upload.url}/legacy.html`);
  await page.getByRole('button', { name: 'Upload image' }).click();
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#33aa66' } }).png().toBuffer();
  await page.locator('upload-widget input[type=file]').setInputFiles([{ name: 'logo.png', mimeType: 'image/png', buffer: png }]);
  await page.waitForFunction(() => window.events.some((e) => e.name === 'success'), null, { timeout: 30000 });
  const success = await page.evaluate(() => window.events.find((e) => e.name === 'success').detail);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('upload-widget').isShowing());
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/saved\.html/);
  const [value] = submitted(page, 'image');
  const file = new PreloadedFile(value);
  assert.equal(file.is_valid(), true);
  assert.equal(file.public_id, success.public_id);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('a page that loads the widget twice keeps the first copy and says so, naming both versions', async () => {
  const page = await browser.newPage();
  const pageErrors = [];
  const warnings = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(`${servers.upload.url}/two-copies.html`);
  await page.locator('upload-widget').getByRole('button', { name: 'Browse' }).waitFor();
  // The module script runs after parsing: wait until it has, then read what it said.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/dist/upload-widget.js')));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  assert.deepEqual(pageErrors, []);
  const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  assert.deepEqual(
    warnings.filter((w) => w.includes('already defined')),
    [`[upload-widget] <upload-widget> ${version} is already defined on this page; this copy (${version}) is not used. Load the widget once per page.`],
  );
  await page.close();
});
