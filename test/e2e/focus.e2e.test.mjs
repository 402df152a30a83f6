// End to end, in the built classic script: focus is never lost and never stuck. After files are
// added, after a row is removed, when the queue empties, at the close question, in the source tabs;
// and the drop zone opens the file picker wherever it is clicked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { focusedElement, recordEvents, startE2E, widgetAttributes } from '../support/e2e.mjs';

let e2e;
let servers;
let browser;

before(async () => {
  e2e = await startE2E({
    pages: (env) => ({
      'modal.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>focus</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Focus</h1><button id="opener">Upload files</button>
<upload-widget id="w" ${widgetAttributes(env)} max-file-size="5000"></upload-widget></main></body></html>`,
      'record.js': recordEvents(['display-changed', 'close', 'success', 'queues-end', 'error']),
    }),
  });
  ({ servers, browser } = e2e);
});

after(() => e2e?.close());

async function openModal() {
  const page = await browser.newPage();
  await page.goto(`${servers.upload.url}/modal.html`);
  await page.locator('#opener').click();
  await page.locator('upload-widget').getByRole('button', { name: 'Browse' }).waitFor();
  return page;
}

const files = (...names) => names.map((name, i) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.alloc(name.startsWith('big') ? 9000 : 100 + i, i) }));

test('after files are picked, focus lands on the batch summary, not on the page', async () => {
  const page = await openModal();
  await page.locator('upload-widget').getByRole('button', { name: 'Browse' }).focus();
  await page.locator('upload-widget input[type=file]').setInputFiles(files('a.bin', 'b.bin'));
  await page.waitForFunction(() => window.events.some((e) => e.name === 'queues-end'));
  assert.equal((await focusedElement(page)).part, 'queue-summary');
  await page.close();
});

test('removing a row moves focus to the next row; removing the last returns to the sources with focus on the selected tab', async () => {
  const page = await openModal();
  await page.locator('upload-widget input[type=file]').setInputFiles(files('a.bin', 'big.bin', 'c.bin'));
  await page.waitForFunction(() => window.events.some((e) => e.name === 'queues-end'));
  // Tab from the summary reaches the list's one Tab stop.
  const first = page.locator('upload-widget').getByRole('button', { name: 'Remove from list: a.bin' });
  await first.focus();
  await page.keyboard.press('Enter');
  assert.equal((await focusedElement(page)).label, 'Remove from list: big.bin');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focusedElement(page)).label, 'Remove from list: c.bin');
  await page.keyboard.press('Enter');
  assert.equal((await focusedElement(page)).label, 'Remove from list: big.bin', 'the row before, when there is no next one');
  await page.keyboard.press('Enter');
  // The queue emptied: back to the sources, never a dead end.
  await page.locator('upload-widget').getByRole('button', { name: 'Browse' }).waitFor();
  const now = await focusedElement(page);
  assert.equal(now.role, 'tab');
  assert.match(now.label, /My files/);
  await page.close();
});

test('a refused file reads differently from a failed one, and Retry is the failed row\'s first action', async () => {
  const page = await openModal();
  await page.evaluate(() => document.querySelector('upload-widget').setAttribute('upload-preset', 'missing_preset'));
  await page.locator('upload-widget input[type=file]').setInputFiles(files('ok.bin', 'big.bin'));
  const failed = page.locator('upload-widget [part=queue-item][data-status=failed]');
  const refused = page.locator('upload-widget [part=queue-item][data-status=refused]');
  await failed.waitFor();
  await refused.waitFor();
  assert.match(await failed.textContent(), /Failed/);
  assert.match(await refused.textContent(), /Not allowed/);
  assert.deepEqual(await failed.locator('button').evaluateAll((b) => b.map((x) => x.dataset.action)), ['retry', 'remove']);
  assert.deepEqual(await refused.locator('button').evaluateAll((b) => b.map((x) => x.dataset.action)), ['remove']);
  // Both are counted in the summary, each with its own word.
  const summary = (await page.locator('upload-widget [part=queue-summary]').textContent()).replace(/\s+/g, ' ');
  assert.match(summary, /0 of 2 uploaded/);
  assert.match(summary, /1 failed/);
  assert.match(summary, /1 not allowed/);
  // Retry keeps focus in the row, on what the row offers next.
  await failed.getByRole('button', { name: 'Retry: ok.bin' }).click();
  await page.waitForFunction(() => window.events.filter((e) => e.name === 'error').length >= 2);
  const after = await focusedElement(page);
  assert.equal(after.tag, 'button');
  assert.match(after.label, /ok\.bin$/);
  await page.close();
});

test('the close question takes focus on Keep open; Escape there keeps the widget open', async () => {
  const page = await openModal();
  // A stalled upload keeps the queue busy.
  await fetch(`${servers.proxy.url}/__proxy/rules`, { method: 'PUT', body: JSON.stringify([{ match: { method: 'POST' }, action: 'stall', times: 5 }]) });
  await page.evaluate((proxy) => document.querySelector('upload-widget').setAttribute('upload-prefix', proxy), servers.proxy.url);
  await page.locator('upload-widget input[type=file]').setInputFiles(files('slow.bin'));
  await page.locator('upload-widget [part=queue-item][data-status=uploading]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('upload-widget [role=alertdialog]').waitFor();
  assert.equal((await focusedElement(page)).label, 'Keep open');
  await page.keyboard.press('Escape');
  await page.locator('upload-widget [role=alertdialog]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').isShowing()), true);
  assert.notEqual((await focusedElement(page)).tag, 'body');
  await page.evaluate(() => document.querySelector('upload-widget').abort());
  await fetch(`${servers.proxy.url}/__proxy/rules`, { method: 'DELETE' });
  await page.close();
});

test('arrow keys move from the focused tab, not from the selected one', async () => {
  const page = await openModal();
  const tabs = page.locator('upload-widget').getByRole('tab');
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  assert.match((await focusedElement(page)).label, /Web address/);
  await page.keyboard.press('ArrowRight');
  assert.match((await focusedElement(page)).label, /Camera/);
  await page.keyboard.press('ArrowLeft');
  assert.match((await focusedElement(page)).label, /Web address/);
  await page.close();
});

test('a click anywhere on the drop zone opens the file picker', async () => {
  const page = await openModal();
  const title = page.locator('upload-widget [part=drop-area] .title');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), title.click()]);
  assert.equal(chooser.isMultiple(), true);
  await page.close();
});

test('Done closes the finished queue and focus returns to the opener', async () => {
  const page = await openModal();
  await page.locator('upload-widget input[type=file]').setInputFiles(files('a.bin'));
  const done = page.locator('upload-widget').getByRole('button', { name: 'Done', exact: true });
  await done.click();
  await page.waitForFunction(() => window.events.some((e) => e.name === 'close'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'opener');
  await page.close();
});
