// End to end, in the built classic script under a strict Content-Security-Policy: verified bytes and
// files added twice. The fault proxy in front of the local server inverts one byte of an upload on
// the way: the widget hashes what it sent (in its worker, dist/parts/hash-worker.js) and the etag of
// what the server stored says otherwise, so the file fails, saying its bytes could not be verified;
// Retry stores it whole. The same bytes picked twice under two names go once; the copy's row says
// which file it repeats and offers "Upload anyway" and Remove. Runs in each engine (UW_ENGINE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents } from '../support/e2e.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self' http://127.0.0.1:*";

const e2e = e2eSuite({
  headers: { 'Content-Security-Policy': CSP },
  pages: (env) => ({
    'verify.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>verify</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Verify</h1><button type="button" id="opener">Upload files</button>
<upload-widget cloud-name="${env.cloudName}" upload-preset="demo_unsigned" upload-prefix="${env.proxy}"></upload-widget></main></body></html>`,
    'record.js': recordEvents(['success', 'error', 'queues-end']),
  }),
});

const proxyRules = (rules) => fetch(`${e2e.servers.proxy.url}/__proxy/rules`, { method: 'PUT', body: JSON.stringify(rules) });
const md5 = (buffer) => createHash('md5').update(buffer).digest('hex');
const rowText = (page, name) =>
  page.evaluate(
    `(${DEEP_QUERY})('[part=queue-item]').find((r) => r.querySelector('.name')?.textContent === ${JSON.stringify(name)})?.textContent.replace(/\\s+/g, ' ').trim() ?? ''`,
  );

async function openPage() {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/verify.html`);
  await page.clickSelector('#opener');
  await page.waitForRole('button', 'Browse');
  return page;
}

test('one byte changed on the way: the file fails saying its bytes could not be verified (hashed in the worker); Retry stores it byte for byte', async () => {
  await proxyRules([{ match: { method: 'POST' }, action: 'flip', times: 1 }]);
  const served = e2e.served.length;
  const page = await openPage();
  const picked = { name: 'scan.pdf', mimeType: 'application/pdf', buffer: randomBytes(700_000) };
  await page.pickFiles([picked]);

  await page.waitFor(() => window.events.some((e) => e.name === 'error'), null, { timeout: 30_000 });
  const error = await page.evaluate(() => window.events.find((e) => e.name === 'error').detail);
  assert.equal(error.file.name, 'scan.pdf');
  assert.match(error.message, /could not be verified/);
  assert.deepEqual(await page.evaluate(() => window.events.filter((e) => e.name === 'success')), [], 'no success for bytes the server did not store as sent');
  assert.ok(e2e.served.slice(served).includes('/dist/parts/hash-worker.js'), 'hashed in the worker, under the strict policy');
  // The row says so, and its Retry is a button a person can reach.
  await until(async () => /Failed.*could not be verified/.test(await rowText(page, 'scan.pdf')), { what: 'the row saying why it failed' });

  await page.focusRole('button', 'Retry: scan.pdf');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'success'), null, { timeout: 30_000 });
  const success = await page.evaluate(() => window.events.find((e) => e.name === 'success').detail);
  const stored = Buffer.from(await (await fetch(success.secure_url)).arrayBuffer());
  assert.ok(stored.equals(picked.buffer), 'the retry stored the picked bytes');
  assert.equal(success.etag, md5(picked.buffer));
  assert.deepEqual(await page.evaluate(() => window.events.filter((e) => e.name === 'csp-violation')), []);
  await page.close();
});

test('the same bytes picked twice under two names go once; the copy says which file it repeats, its buttons do not cover the words; "Upload anyway" sends it, Remove drops a third', async () => {
  await proxyRules([]);
  const page = await openPage();
  const bytes = randomBytes(90_000);
  await page.pickFiles([
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: bytes },
    { name: 'photo copy.jpg', mimeType: 'image/jpeg', buffer: bytes },
    { name: 'other.jpg', mimeType: 'image/jpeg', buffer: randomBytes(90_000) },
  ]);
  await page.waitFor(() => window.events.filter((e) => e.name === 'success').length === 2, null, { timeout: 30_000 });
  await until(async () => /Same file as photo\.jpg/.test(await rowText(page, 'photo copy.jpg')), { what: 'the copy’s row' });
  assert.match(await rowText(page, 'photo copy.jpg'), /Duplicate/);
  const stored = await page.evaluate(() =>
    window.events
      .filter((e) => e.name === 'success')
      .map((e) => e.detail.original_filename)
      .sort(),
  );
  assert.deepEqual(stored, ['other', 'photo']);
  assert.equal(await page.evaluate(() => window.events.some((e) => e.name === 'queues-end')), false, 'the copy waits for a decision');

  // The reason and the buttons are laid out side by side, every one with a real size.
  const layout = await page.evaluate(`(() => {
    const row = (${DEEP_QUERY})('[part=queue-item]').find((r) => r.querySelector('.name')?.textContent === 'photo copy.jpg');
    const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }; };
    return { row: box(row), reason: box(row.querySelector('.reason')), buttons: [...row.querySelectorAll('.actions button')].map((b) => ({ label: b.getAttribute('aria-label'), ...box(b) })) };
  })()`);
  assert.deepEqual(
    layout.buttons.map((b) => b.label),
    ['Upload anyway: photo copy.jpg', 'Remove from list: photo copy.jpg'],
  );
  assert.ok(layout.reason.width > 50 && layout.reason.height > 8, JSON.stringify(layout.reason));
  assert.ok(layout.reason.bottom <= layout.row.bottom + 0.5, `the reason line is inside its row (${layout.reason.bottom} > ${layout.row.bottom})`);
  for (const b of layout.buttons) {
    assert.ok(b.width >= 24 && b.height >= 24, `${b.label}: ${b.width}×${b.height}`);
    const overlaps = b.left < layout.reason.right && layout.reason.left < b.right && b.top < layout.reason.bottom && layout.reason.top < b.bottom;
    assert.ok(!overlaps, `${b.label} is drawn over the reason`);
  }

  await page.focusRole('button', 'Upload anyway: photo copy.jpg');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30_000 });
  const end = await page.evaluate(() =>
    window.events
      .find((e) => e.name === 'queues-end')
      .detail.files.map((f) => [f.name, f.status])
      .sort(),
  );
  assert.deepEqual(end, [
    ['other.jpg', 'success'],
    ['photo copy.jpg', 'success'],
    ['photo.jpg', 'success'],
  ]);

  // Picked a third time: held again, and Remove takes it off the list without sending it.
  await page.evaluate(() => {
    window.events = [];
  });
  await page.clickSelector('[data-action=upload-more]');
  await page.waitForRole('button', 'Browse');
  await page.pickFiles([{ name: 'photo again.jpg', mimeType: 'image/jpeg', buffer: bytes }]);
  await until(async () => /Same file as photo\.jpg/.test(await rowText(page, 'photo again.jpg')), { what: 'the third copy held' });
  await page.focusRole('button', 'Remove from list: photo again.jpg');
  await page.press('Enter');
  await until(async () => (await rowText(page, 'photo again.jpg')) === '', { what: 'the row gone' });
  await new Promise((r) => setTimeout(r, 800));
  assert.deepEqual(await page.evaluate(() => window.events.filter((e) => e.name === 'success')), [], 'nothing more was stored');
  await page.close();
});
