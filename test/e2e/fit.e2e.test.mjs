// End to end, in the built classic script: a picture refused for its size can be made to fit. A
// photo-like PNG over max-image-file-size is refused with the usual words and offers "Make smaller
// and upload" beside Remove; pressed (by keyboard), the picture is redrawn to fit, keeping its
// aspect ratio and its name's stem, and what the server stores is within the limit. A PDF over
// the limit is refused as before, with no such control. Runs in each engine (UW_ENGINE, through
// test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { photoPng } from '../support/pictures.mjs';

const LIMIT = 60_000;

const e2e = e2eSuite({
  pages: (env) => ({
    'fit.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>fit</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)} max-image-file-size="${LIMIT}" max-raw-file-size="${LIMIT}"></upload-widget></main></body></html>`,
    'record.js': recordEvents(['success', 'error', 'queues-end']),
  }),
});

/** The buttons of the row whose text includes `name`. */
const rowButtons = (name) =>
  `(${DEEP_QUERY})('[part=queue-item]').filter((r) => r.textContent.includes(${JSON.stringify(name)})).flatMap((r) => [...r.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')))`;

test('a picture over the byte limit offers "Make smaller and upload"; pressed, it arrives within the limit, its aspect ratio and name kept; a PDF over the limit is only refused', async () => {
  const png = await photoPng(1200, 800);
  assert.ok(png.length > LIMIT * 5);
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/fit.html`);
  await page.waitForRole('button', 'Browse');
  await page.pickFiles([
    { name: 'coast.png', mimeType: 'image/png', buffer: png },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMIT * 2, 32)]) },
  ]);
  await page.waitFor(() => window.events.filter((e) => e.name === 'error').length >= 2, null, { timeout: 30_000 });
  const refusals = await page.evaluate(() => window.events.filter((e) => e.name === 'error').map((e) => e.detail.message));
  assert.match(
    refusals.find((m) => m.startsWith('coast.png')),
    /coast\.png is .*; the largest file allowed here is 60 kB\./,
  );

  const coastActions = await until(
    async () => {
      const labels = await page.evaluate(rowButtons('coast.png'));
      return labels.length && labels;
    },
    { what: 'the refused picture row' },
  );
  assert.deepEqual(coastActions, ['Make smaller and upload: coast.png', 'Remove from list: coast.png']);
  assert.deepEqual(await page.evaluate(rowButtons('scan.pdf')), ['Remove from list: scan.pdf'], 'not for a PDF');

  const served = e2e.served.length;
  await page.focusRole('button', 'Make smaller and upload: coast.png');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'success'), null, { timeout: 30_000 });
  const success = await page.evaluate(() => window.events.find((e) => e.name === 'success').detail);
  assert.equal(success.original_filename, 'coast');
  assert.ok(e2e.served.slice(served).includes('/dist/parts/image-worker.js'), 'redrawn in the worker beside the classic script');
  const stored = Buffer.from(await (await fetch(success.secure_url)).arrayBuffer());
  assert.ok(stored.length <= LIMIT, `${stored.length} bytes stored, limit ${LIMIT}`);
  const meta = await sharp(stored).metadata();
  assert.ok(Math.abs(meta.width / meta.height - 1.5) < 0.01, `aspect ratio kept: ${meta.width}×${meta.height}`);
  console.log(`coast.png ${png.length} bytes, 1200×800 → ${meta.format} ${stored.length} bytes, ${meta.width}×${meta.height}`);
  // The row is done; the PDF is still refused.
  const statuses = await page.evaluate(() => document.querySelector('upload-widget').items.map((i) => [i.name.split('.')[0], i.status]));
  assert.deepEqual(statuses, [
    ['coast', 'done'],
    ['scan', 'refused'],
  ]);
  await page.close();
});
