// End to end: the classic script copied alone. A folder holding only upload-widget.iife.js (no
// parts/, no locales/), as a site that copies the one file of the embed snippet has: uploads work
// (plain, chunked, signed), and a lazy part the page asks for says in words that it could not be
// loaded, fires `error`, and loses nothing queued. Runs in each engine (UW_ENGINE, through
// test/support/driver.mjs), after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';

const MiB = 2 ** 20;
const page = (attrs, env) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>one file</title>
<script src="/cdn/upload-widget.iife.js"></script><script src="/page.js"></script></head>
<body><upload-widget inline ${widgetAttributes(env)} ${attrs}></upload-widget></body></html>`;

let fileDir;

const e2e = e2eSuite({
  pages: (env) => ({
    // The only file in /cdn/: its lazy parts would be /cdn/parts/*.js, which are not there.
    'cdn/upload-widget.iife.js': readFileSync('dist/upload-widget.iife.js', 'utf8'),
    'index.html': page('max-chunk-size="5242880" sources="local,camera"', env),
    'crop.html': page('cropping multiple="false"', env),
    'page.js': `${recordEvents(['upload-added', 'success', 'error', 'queues-end'])}
// A signed upload: the signature comes from the server's signing endpoint, through a function.
window.signed = (apiKey) => {
  const el = document.querySelector('upload-widget');
  el.removeAttribute('upload-preset');
  el.apiKey = apiKey;
  el.uploadSignature = (callback, params) =>
    fetch('/api/sign-upload', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ params_to_sign: params }) })
      .then((r) => r.json())
      .then((r) => callback(r.signature));
};`,
  }),
});

before(async () => {
  fileDir = mkdtempSync(join(tmpdir(), 'uw-one-file-'));
});

after(async () => {
  if (fileDir) rmSync(fileDir, { recursive: true, force: true });
});

const requestsSince = async (since) => (await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=${since}`)).json()).filter((r) => r.seq > since);
const lastSeq = async () => (await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=0`)).json()).at(-1)?.seq ?? 0;
const stored = async (info) => Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
const successes = (page) => page.evaluate(() => window.events.filter((e) => e.name === 'success').map((e) => e.detail));
const errors = (page) => page.evaluate(() => window.events.filter((e) => e.name === 'error').map((e) => e.detail.message));
const partUrl = (name) => `${e2e.servers.upload.url}/cdn/parts/${name}.js`;
const notLoaded = (name) => `Part of the widget could not be loaded: ${partUrl(name)}`;
/** The widget's notice that a part is missing, through shadow roots. */
const notice = (page) => page.evaluate(`(${DEEP_QUERY})('[part=part-problem]').map((el) => el.textContent.trim())`);

test('the classic script alone uploads: a small file, a 12 MB file in 5 MiB chunks, and a signed one, byte for byte', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/index.html`);
  await page.waitForRole('button', 'Browse');
  const since = await lastSeq();

  const small = randomBytes(70_000);
  const big = randomBytes(12_000_000);
  writeFileSync(join(fileDir, 'small.bin'), small);
  writeFileSync(join(fileDir, 'big.bin'), big);
  await page.pickPaths([join(fileDir, 'small.bin'), join(fileDir, 'big.bin')]);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 60000 });
  assert.deepEqual(await errors(page), []);
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  // The queue's view is a lazy part too: without it the files show as a plain list, each a row a
  // person can read (name and state, laid out with a real size), and no notice. The list is drawn
  // at the frame after the queue comes to rest: read once both rows are drawn done (or what they say then).
  const readRows = () =>
    page.evaluate(
      `(${DEEP_QUERY})('[part=queue-list] li').map((li) => [li.querySelector('.plain-name').textContent, li.textContent.replace(/\\s+/g, ' ').trim(), li.getBoundingClientRect().height])`,
    );
  const rows = await until(
    async () => {
      const now = await readRows();
      return now.length === 2 && now.every(([, text]) => text.endsWith(' Done')) && now;
    },
    { timeout: 2000, what: 'both rows drawn done' },
  ).catch(() => readRows());
  assert.deepEqual(rows.map(([name, text]) => [name, text]).sort(), [
    ['big.bin', 'big.bin Done'],
    ['small.bin', 'small.bin Done'],
  ]);
  for (const [name, , height] of rows) assert.ok(height >= 24, `${name}: row ${height}px high`);
  assert.deepEqual(await notice(page), []);

  const byName = Object.fromEntries((await successes(page)).map((s) => [s.original_filename, s]));
  assert.ok((await stored(byName.small)).equals(small), 'small.bin: stored bytes differ');
  assert.ok((await stored(byName.big)).equals(big), 'big.bin: stored bytes differ');
  // The big file went in chunks of 5 MiB: 0-5 MiB, 5-10 MiB, and the rest.
  const ranges = (await requestsSince(since))
    .filter((r) => r.status === 200 && r.headers['content-range']?.endsWith(`/${big.length}`))
    .map((r) => r.headers['content-range'])
    .sort((a, b) => Number(/\d+/.exec(a)[0]) - Number(/\d+/.exec(b)[0]));
  assert.deepEqual(ranges, [
    `bytes 0-${5 * MiB - 1}/${big.length}`,
    `bytes ${5 * MiB}-${10 * MiB - 1}/${big.length}`,
    `bytes ${10 * MiB}-${big.length - 1}/${big.length}`,
  ]);

  // Signed with a signature function: still nothing but the one script.
  await page.evaluate((apiKey) => window.signed(apiKey), e2e.servers.env.apiKey);
  await page.click('button', 'Upload more');
  const signed = randomBytes(3000);
  await page.pickFiles([{ name: 'signed.bin', mimeType: 'application/octet-stream', buffer: signed }]);
  const info = await until(async () => (await successes(page)).find((s) => s.original_filename === 'signed'), { timeout: 20000, what: 'the signed upload' });
  assert.ok((await stored(info)).equals(signed), 'signed.bin: stored bytes differ');
  assert.ok(
    (await requestsSince(since)).some((r) => /^[0-9a-f]{40}$/.test(r.params?.signature ?? '')),
    'a signed request reached the server',
  );

  // The uploader came inside the script: nothing was fetched from beside it for the uploads.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
  assert.deepEqual(
    fetched.filter((url) => /cloudinary-destination|upload-file|protocol/.test(url)),
    [],
  );
  await page.close();
});

test('a lazy part that is not beside the script (the camera) says so in words with its address, fires error, and keeps the queue', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/index.html`);
  await page.waitForRole('button', 'Browse');
  const kept = randomBytes(5000);
  await page.pickFiles([{ name: 'kept.bin', mimeType: 'application/octet-stream', buffer: kept }]);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 20000 });

  await page.click('button', 'Upload more');
  await page.click('tab', 'Camera');
  await page.waitFor(`(${DEEP_QUERY})('[part=part-problem]').length > 0`, null, { timeout: 10000 });
  assert.deepEqual(await notice(page), [notLoaded('camera-source')]);
  assert.deepEqual(await errors(page), [notLoaded('camera-source')]);
  // What was queued stays: the file is still in the queue, uploaded, and on the server.
  const items = await page.evaluate(() => document.querySelector('upload-widget').items.map((i) => [i.name, i.status]));
  assert.deepEqual(items, [['kept.bin', 'done']]);
  const [info] = await successes(page);
  assert.ok((await stored(info)).equals(kept));
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await page.close();
});

test('without the crop part, a picked image says the part could not be loaded, fires error, and still uploads', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/crop.html`);
  await page.waitForRole('button', 'Browse');
  // A 1×1 PNG: cropping applies to images.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await page.pickFiles([{ name: 'dot.png', mimeType: 'image/png', buffer: png }]);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 20000 });
  assert.deepEqual(await errors(page), [notLoaded('crop-view')]);
  assert.deepEqual(await notice(page), [notLoaded('crop-view')]);
  const [info] = await successes(page);
  assert.ok((await stored(info)).equals(png), 'dot.png: stored bytes differ');
  await page.close();
});
