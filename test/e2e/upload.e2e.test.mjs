// End to end: the built classic-script bundle in a page, a person picking two files, and the
// bytes the server stored compared with the files picked. Runs in each engine (UW_ENGINE, through
// test/support/driver.mjs), after `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { DEEP_QUERY, engine, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';

// A strict policy: no inline script or style, nothing but this origin. The widget must work under it.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'";

const e2e = e2eSuite({
  headers: { 'Content-Security-Policy': CSP },
  pages: (env) => ({
    'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>e2e</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/page.js"></script></head>
<body><upload-widget inline ${widgetAttributes(env)}></upload-widget></body></html>`,
    // Records the widget's events where the test can read them (inline scripts are not allowed by the CSP).
    'page.js': recordEvents(['upload-added', 'queues-start', 'success', 'error', 'queues-end', 'network-lost', 'network-restored']),
  }),
});

test('a person picks an image and a binary; both arrive on the server byte for byte, under a strict CSP', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/index.html`);
  await page.waitForRole('button', 'Browse');

  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
  const binary = randomBytes(700_000);
  await page.pickFiles([
    { name: 'photo.png', mimeType: 'image/png', buffer: png },
    { name: 'archive.bin', mimeType: 'application/octet-stream', buffer: binary },
  ]);

  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'csp-violation'),
    [],
  );
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  const successes = events.filter((e) => e.name === 'success').map((e) => e.detail);
  assert.equal(successes.length, 2);
  const byName = Object.fromEntries(successes.map((s) => [s.original_filename, s]));
  assert.equal(byName.photo.width, 64);
  assert.equal(byName.photo.resource_type, 'image');

  for (const [info, bytes] of [
    [byName.photo, png],
    [byName.archive, binary],
  ]) {
    const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
    assert.ok(stored.equals(bytes), `${info.original_filename}: stored bytes differ`);
  }

  // The queue shows both files as done, with their names.
  const rows = await until(async () => {
    const texts = await page.texts('li[data-status=done]');
    return texts.length === 2 && texts;
  });
  assert.ok(rows.some((text) => /photo\.png/.test(text)));
  await page.close();
});

test('image limits, whose work loads on first use: a picture too wide arrives downscaled, one too small is refused in words', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/index.html`);
  await page.waitForRole('button', 'Browse');
  await page.evaluate(() => {
    const el = document.querySelector('upload-widget');
    el.setAttribute('max-image-width', '120');
    el.setAttribute('min-image-width', '40');
  });
  const picture = (width, height) =>
    sharp({ create: { width, height, channels: 3, background: '#cc6633' } })
      .png()
      .toBuffer();
  await page.pickFiles([
    { name: 'wide.png', buffer: await picture(480, 240) },
    { name: 'tiny.png', buffer: await picture(20, 20) },
  ]);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  assert.deepEqual(
    events.filter((e) => e.name === 'csp-violation'),
    [],
  );
  const [wide] = events.filter((e) => e.name === 'success').map((e) => e.detail);
  assert.deepEqual([wide.original_filename, wide.width, wide.height], ['wide', 120, 60]);
  const refused = events.filter((e) => e.name === 'error').map((e) => e.detail.message);
  assert.deepEqual(refused, ['tiny.png is 20×20 pixels; images must be at least 40 pixels wide.']);
  // The work came as its own part, from beside the classic script.
  assert.ok(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/dist/parts/image-work.js'))));
  await page.close();
});

test('a failed upload shows a readable message on the item and dispatches error', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/index.html`);
  await page.waitForRole('button', 'Browse');
  await page.evaluate(() => document.querySelector('upload-widget').setAttribute('upload-preset', 'missing_preset'));
  await page.pickFiles([{ name: 'nope.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
  const reason = `(${DEEP_QUERY})('li[data-status=failed] .reason').map((el) => ({ text: el.textContent, title: el.getAttribute('title') }))[0]`;
  const message = await page.waitFor(reason, null, { timeout: 15000 });
  // The row names the file once, above the reason; the reason's title and the error event keep it whole.
  assert.match(message.text, /^\s*Upload preset not found\s*$/);
  assert.match(message.title, /nope\.txt: .*preset/i);
  const errors = await page.evaluate(() => window.events.filter((e) => e.name === 'error').map((e) => e.detail.message));
  assert.equal(errors.length, 1);
  assert.match(errors[0], /nope\.txt: .*preset/i);
  await page.close();
});

test(`offline mid-upload: the widget says so, waits without spending retries, and finishes by itself when the network is back${
  engine === 'chromium' ? '' : ` [skipped in ${engine}: only Playwright's Chromium can take the browser offline here]`
}`, { skip: engine !== 'chromium' }, async () => {
  const page = await e2e.browser.playwright.newPage();
  await page.goto(`${e2e.servers.upload.url}/index.html`);
  await page.evaluate(() => document.querySelector('upload-widget').setAttribute('max-chunk-size', String(5 * 2 ** 20)));
  const since = (await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=0`)).json()).at(-1)?.seq ?? 0;
  const bytes = randomBytes(4 * 5 * 2 ** 20 + 12345);
  await page.locator('upload-widget input[type=file]').setInputFiles([{ name: 'journey.bin', mimeType: 'application/octet-stream', buffer: bytes }]);
  // Offline as soon as the server has the first chunk: the middle ones are on their way.
  const mine = async () =>
    (await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=${since}`)).json()).filter((r) =>
      r.headers['content-range']?.endsWith(`/${bytes.length}`),
    );
  for (let i = 0; i < 300 && !(await mine()).some((r) => r.status === 200); i++) await new Promise((r) => setTimeout(r, 20));
  await page.context().setOffline(true);
  await page.waitForFunction(() => window.events.some((e) => e.name === 'network-lost'), null, { timeout: 10000 });
  const banner = page.locator('upload-widget uw-queue .summary [role=status]');
  await banner.waitFor({ timeout: 5000 });
  assert.equal((await banner.textContent()).trim(), 'Offline: uploads will go on when the connection is back.');
  // A while offline: nothing fails, and no retry is spent.
  await new Promise((r) => setTimeout(r, 2500));
  let events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'error' || e.name === 'queues-end'),
    [],
  );
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').controller.items[0].retries), 0);
  await page.context().setOffline(false);
  await page.waitForFunction(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 60000 });
  events = await page.evaluate(() => window.events);
  assert.ok(events.some((e) => e.name === 'network-restored'));
  const success = events.find((e) => e.name === 'success')?.detail;
  assert.ok(success, JSON.stringify(events.filter((e) => e.name === 'error')));
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').controller.items[0].retries), 0);
  assert.ok(Buffer.from(await (await fetch(success.secure_url)).arrayBuffer()).equals(bytes), 'stored bytes differ');
  // Every chunk the server answered was answered once: nothing acknowledged was sent again.
  const ok = (await mine()).filter((r) => r.status === 200).map((r) => r.headers['content-range']);
  assert.equal(new Set(ok).size, ok.length);
  assert.equal(ok.length, 5);
  assert.equal(await banner.count(), 0, 'the offline notice is gone');
  await page.close();
});
