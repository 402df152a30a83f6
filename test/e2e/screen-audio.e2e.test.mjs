// End to end, in the built classic script: the Screen and Audio tabs. A person records a couple of
// seconds from the (fake) microphone by keyboard and uses it: the server stores it, sound only
// (Cloudinary's "video" resource with an audio type), every byte. In Chromium, a person shares the
// (fake) screen and uses a screenshot: the server stores an image of its size. Runs in each engine
// (UW_ENGINE, through test/support/driver.mjs); Firefox and WebKitGTK cannot share a screen headless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';

const e2e = e2eSuite({
  pages: (env) => ({
    'capture.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>capture</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Capture</h1><upload-widget inline sources="local,screen,audio" ${widgetAttributes(env)}></upload-widget></main></body></html>`,
    'record.js': recordEvents(['upload-added', 'success', 'error']),
  }),
});

/** Waits for the control, focuses it and presses Enter (a person on the keyboard). */
async function press(page, selector) {
  await page.shown(selector, { timeout: 15_000 });
  await page.focus(selector);
  await page.press('Enter');
}

test('Audio: record two seconds by keyboard and use it; the server stores the recording, sound only, every byte', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/capture.html`);
  await page.clickSelector('[role=tab][data-source=audio]');
  await page.shown('uw-audio-source [part~=level]', { timeout: 15_000 });
  await press(page, 'uw-audio-source [part~=start-recording]');
  await until(async () => /0:02 of/.test((await page.text('uw-audio-source [role=timer]')) ?? ''), { what: 'two seconds recorded', timeout: 20_000 });
  await press(page, 'uw-audio-source [part~=stop-recording]');
  await press(page, 'uw-audio-source [part~=use]');
  await page.waitFor(() => window.events.some((e) => e.name === 'success' || e.name === 'error'), null, { timeout: 30_000 });
  const events = await page.evaluate(() => window.events);
  const added = events.find((e) => e.name === 'upload-added').detail.file;
  const success = events.find((e) => e.name === 'success')?.detail;
  assert.ok(success, JSON.stringify(events.find((e) => e.name === 'error')?.detail));
  assert.match(added.name, /^audio-.*\.(webm|ogg|m4a)$/);
  assert.match(added.type, /^audio\//);
  assert.equal(success.resource_type, 'video', 'Cloudinary files sound under video');
  const stored = await (await fetch(success.secure_url)).arrayBuffer();
  assert.equal(stored.byteLength, added.size, 'every byte stored');
  assert.ok(added.size > 1000, `${added.size} bytes`);
  await page.close();
});

test('Screen: share, take a screenshot and use it; the server stores an image of the screen’s size', {
  skip: engine !== 'chromium' && `${engine} cannot share a screen headless`,
}, async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/capture.html`);
  await page.clickSelector('[role=tab][data-source=screen]');
  await press(page, 'uw-screen-source [part~=share]');
  await until(
    () =>
      page.evaluate(
        () => document.querySelector('upload-widget').shadowRoot.querySelector('uw-screen-source').shadowRoot.querySelector('video.live').videoWidth > 0,
      ),
    {
      what: 'the shared screen',
    },
  );
  await press(page, 'uw-screen-source [part~=take-still]');
  await press(page, 'uw-screen-source [part~=use]');
  await page.waitFor(() => window.events.some((e) => e.name === 'success' || e.name === 'error'), null, { timeout: 30_000 });
  const success = await page.evaluate(() => window.events.find((e) => e.name === 'success')?.detail);
  assert.ok(success, 'stored');
  assert.equal(success.resource_type, 'image');
  assert.match(success.original_filename, /^screen-/);
  assert.ok(success.width > 100 && success.height > 100, `${success.width}×${success.height}`);
  await page.close();
});
