// End to end, in the built classic script: what reaches a page is only what the manifest documents.
// The page records every CustomEvent dispatched anywhere (the widget's views included) and which of
// them reached its window; a full flow (open, switch sources, the Advanced panel, a crop, an
// upload, Show completed, Done) must send the views' own intents (files-picked, source-select,
// crop-finish, item-action…) without any of them reaching the page, and every event that does
// reach it must be one custom-elements.json lists for <upload-widget>. Runs in each engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { until } from '../support/driver.mjs';
import { e2eSuite, widgetAttributes } from '../support/e2e.mjs';

/** Before the widget's script: every CustomEvent dispatched is noted, and a capture listener on window notes it if it arrives there. */
const RECORD = `window.dispatched = new Set();
window.reached = new Map();
const dispatch = EventTarget.prototype.dispatchEvent;
EventTarget.prototype.dispatchEvent = function (event) {
  if (event instanceof CustomEvent && !window.dispatched.has(event.type)) {
    window.dispatched.add(event.type);
    window.addEventListener(event.type, (e) => e instanceof CustomEvent && window.reached.set(e.type, (window.reached.get(e.type) ?? 0) + 1), true);
  }
  return dispatch.call(this, event);
};`;

const documented = () => {
  const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
  const widget = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'upload-widget');
  return new Set(widget.events.map((e) => e.name));
};

const e2e = e2eSuite({
  pages: (env) => ({
    'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>page events</title>
<script src="/record.js"></script><script src="/dist/upload-widget.iife.js"></script></head>
<body><main><upload-widget ${widgetAttributes(env)} cropping show-advanced-options show-completed-button sources="local,url"></upload-widget></main></body></html>`,
    'record.js': RECORD,
  }),
});

test('a full flow: the views’ intents never reach the page; everything that does is documented', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/index.html`);
  await page.waitFor(() => Boolean(customElements.get('upload-widget')));
  await page.evaluate(() => document.querySelector('upload-widget').open());
  await page.click('tab', 'Web address');
  await page.click('tab', 'My files');
  await page.click('button', 'Advanced');
  await page.focusRole('textbox', 'Public ID');
  await page.type('holiday');
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
  await page.pickFiles([{ name: 'one.png', mimeType: 'image/png', buffer: png }]);
  await page.click('button', 'Crop');
  await page.waitFor(() => document.querySelector('upload-widget').items.some((i) => i.status === 'done'), null, { timeout: 30_000 });
  await page.click('button', 'Show completed');
  await page.click('button', 'Done');
  await until(() => page.evaluate(() => window.reached.has('close')), { what: 'the widget closed' });

  const dispatched = await page.evaluate(() => [...window.dispatched]);
  const counts = await page.evaluate(() => Object.fromEntries(window.reached));
  const reached = Object.keys(counts);
  // The flow went through the views' intents (so this test can see a leak)…
  for (const name of ['files-picked', 'source-select', 'advanced-change', 'crop-finish', 'crop-done', 'show-completed', 'done']) {
    assert.ok(dispatched.includes(name), `${name} was sent (sent: ${dispatched.join(', ')})`);
  }
  // …and the page saw only documented events, among them the public ones of this flow.
  // lit-localize-status is @lit/localize's own window event (a language loading), documented by
  // that library; a page's own localized lit elements only re-render on it.
  const allowed = new Set([...documented(), 'lit-localize-status']);
  assert.deepEqual(
    reached.filter((name) => !allowed.has(name)),
    [],
    `undocumented events reached the page (reached: ${reached.join(', ')})`,
  );
  for (const name of ['display-changed', 'source-changed', 'publicid', 'upload-added', 'success', 'show-completed', 'close']) {
    assert.ok(reached.includes(name), `${name} reached the page`);
  }
  // Show completed reached the page once (the widget's, with the files), not the view's intent as well.
  assert.equal(counts['show-completed'], 1);
  await page.close();
});
