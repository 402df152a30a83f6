// End to end, in the built classic script: review before upload (auto-upload="false"). Picked files
// wait in the queue as "Ready" and nothing reaches the server (the fault proxy in front of it
// counts every request) until the person presses "Upload N files"; a file removed meanwhile never
// goes; preBatch runs at the press, with the files that go; the form is held while files wait.
// Runs in each engine (UW_ENGINE, through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents } from '../support/e2e.mjs';

const e2e = e2eSuite({
  pages: (env) => ({
    'review.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>review</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Review</h1><form id="f"><button type="button" id="opener">Upload files</button>
<upload-widget id="w" name="files" cloud-name="${env.cloudName}" upload-preset="demo_unsigned" upload-prefix="${env.proxy}" auto-upload="false"></upload-widget></form></main></body></html>`,
    'record.js': `${recordEvents(['upload-added', 'queues-start', 'success', 'error', 'queues-end'])}
window.preBatchCalls = [];
document.addEventListener('DOMContentLoaded', () => {
  const w = document.getElementById('w');
  w.preBatch = (cb, data) => {
    window.preBatchCalls.push(data.files.map((f) => f.name));
    cb();
  };
  document.getElementById('opener').addEventListener('click', () => w.open());
});`,
  }),
});

const forwarded = async () => (await (await fetch(`${e2e.servers.proxy.url}/__proxy/stats`)).json()).forwarded;

test('picked files wait as Ready with nothing sent; Remove drops one; "Upload 2 files" (focused, one Enter) runs preBatch with those two and they arrive byte for byte', async () => {
  await fetch(`${e2e.servers.proxy.url}/__proxy/stats`, { method: 'DELETE' });
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/review.html`);
  await page.clickSelector('#opener');
  await page.waitForRole('button', 'Browse');
  const files = ['a.bin', 'b.bin', 'c.bin'].map((name) => ({ name, mimeType: 'application/octet-stream', buffer: randomBytes(40_000) }));
  await page.pickFiles(files);

  // Three rows that say Ready, a summary that says so, and focus on the button that starts them.
  await until(async () => (await page.evaluate(`(${DEEP_QUERY})('[part=queue-item][data-status=held]').length`)) === 3, { what: 'three held rows' });
  const rows = await page.evaluate(`(${DEEP_QUERY})('[part=queue-item]').map((r) => r.textContent.replace(/\\s+/g, ' ').trim())`);
  for (const row of rows) assert.match(row, /Ready/, row);
  assert.match(await page.text('[part=queue-summary]'), /3 files ready to upload/);
  const focused = await until(
    async () => {
      const f = await page.focused();
      return f.action === 'upload' && f;
    },
    { what: 'focus on the upload button' },
  );
  assert.equal(focused.label, 'Upload 3 files');
  // The form is held while files wait, with a message that says what to do.
  assert.deepEqual(
    await page.evaluate(() => {
      const w = document.getElementById('w');
      return [document.getElementById('f').checkValidity(), w.validationMessage];
    }),
    [false, 'Please upload the files you added, or remove them.'],
  );

  // A while later still nothing has been sent, and no batch has started.
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(await forwarded(), 0, 'no request reached the server before the press');
  const early = await page.evaluate(() => window.events.map((e) => e.name));
  assert.deepEqual([...new Set(early)], ['upload-added']);
  assert.deepEqual(await page.evaluate(() => window.preBatchCalls), []);

  await page.focusRole('button', 'Remove from list: b.bin');
  await page.press('Enter');
  await until(async () => /Upload 2 files/.test(await page.text('[part=queue-footer]')), { what: 'the button for two files' });
  await page.focusRole('button', 'Upload 2 files');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30_000 });

  assert.deepEqual(await page.evaluate(() => window.preBatchCalls), [['a.bin', 'c.bin']], 'preBatch ran once, at the press, with the files that went');
  const events = await page.evaluate(() => window.events);
  const end = events.find((e) => e.name === 'queues-end');
  assert.deepEqual(end.detail.files.map((f) => [f.name, f.status]).sort(), [
    ['a.bin', 'success'],
    ['c.bin', 'success'],
  ]);
  for (const { detail } of events.filter((e) => e.name === 'success')) {
    const picked = files.find((f) => f.name.startsWith(detail.original_filename));
    const stored = Buffer.from(await (await fetch(detail.secure_url)).arrayBuffer());
    assert.ok(stored.equals(picked.buffer), `${detail.original_filename}: stored bytes differ`);
  }
  assert.equal(events.filter((e) => e.name === 'success').length, 2, 'b.bin never went');
  // Sent, the form has its two values and lets go.
  await until(() => page.evaluate(() => document.getElementById('f').checkValidity()), { what: 'the form valid again' });
  assert.equal(await page.evaluate(() => new FormData(document.getElementById('f')).getAll('files').length), 2);
  await page.close();
});

test('held files are put in order before they go: Alt+Up on a "Reorder" handle moves one (said to screen readers, focus kept), dragging a handle moves another; they upload and fill the form in that order', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/review.html`);
  await page.evaluate(() => document.getElementById('w').setAttribute('max-concurrent-uploads', '1'));
  await page.clickSelector('#opener');
  await page.waitForRole('button', 'Browse');
  const files = ['a.bin', 'b.bin', 'c.bin'].map((name) => ({ name, mimeType: 'application/octet-stream', buffer: randomBytes(20_000) }));
  await page.pickFiles(files);
  await until(async () => (await page.evaluate(`(${DEEP_QUERY})('[part=queue-item][data-status=held]').length`)) === 3, { what: 'three held rows' });
  const order = () => page.evaluate(() => document.getElementById('w').items.map((i) => i.name));

  await page.focusRole('button', 'Reorder c.bin');
  await page.press('Alt+ArrowUp');
  await until(async () => (await order()).join() === 'a.bin,c.bin,b.bin', { what: 'c.bin one place up' });
  assert.equal((await page.focused()).label, 'Reorder c.bin', 'focus stays with the moved file');
  const said = await until(() => page.evaluate(`(${DEEP_QUERY})('[aria-live=polite]')[0]?.textContent.trim()`), { what: 'the move said' });
  assert.equal(said, 'c.bin moved to position 2 of 3');

  // a.bin's handle dragged down past c.bin's row (a row's height: the handle's row to the next).
  const id = await page.evaluate(() => document.getElementById('w').items[0].id);
  const handle = await page.box(`li[data-id="${id}"] button[data-action=reorder]`);
  const row = await page.box(`li[data-id="${id}"]`);
  const start = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
  await page.drag(start, { x: start.x, y: start.y + row.height * 1.2 }, 8);
  await until(async () => (await order()).join() === 'c.bin,a.bin,b.bin', { what: 'a.bin dragged below c.bin' });

  await page.focusRole('button', 'Upload 3 files');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30_000 });
  const successes = await page.evaluate(() => window.events.filter((e) => e.name === 'success').map((e) => e.detail));
  assert.deepEqual(
    successes.map((s) => s.original_filename),
    ['c', 'a', 'b'],
    'uploaded one at a time, in the order set',
  );
  // Each form value names its file's public ID: in the same order.
  const values = await page.evaluate(() => new FormData(document.getElementById('f')).getAll('files'));
  const nameOf = (value) => successes.find((s) => value.includes(`/${s.public_id}`))?.original_filename;
  assert.deepEqual(values.map(nameOf), ['c', 'a', 'b'], `the form's values in that order: ${values.join(' ')}`);
  await page.close();
});
