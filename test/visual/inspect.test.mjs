// The geometry checker itself, on small synthetic pages: each check finds the defect it is for,
// and stays quiet on what a person does not see (hidden, inert, screen-reader-only text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright';
import { findChrome, CHROME_ARGS } from '../../scripts/chrome.mjs';
import { inspectWidget } from './inspect.mjs';

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: await findChrome(), headless: true, args: CHROME_ARGS });
});
after(() => browser?.close());

/** A page whose <upload-widget> has `shadow` as its shadow DOM. */
async function check(shadow, { touch = false, viewport = { width: 600, height: 400 } } = {}) {
  const page = await browser.newPage({ viewport });
  await page.setContent(`<!doctype html><body style="margin:0;background:#fff"><upload-widget></upload-widget></body>`);
  await page.evaluate((html) => {
    const root = document.querySelector('upload-widget').attachShadow({ mode: 'open' });
    root.innerHTML = html;
  }, shadow);
  const problems = await page.evaluate(inspectWidget, { touch });
  await page.close();
  return problems;
}

const CLEAN = `<style>div{font:16px sans-serif;color:#000;background:#fff} button{width:100px;height:44px}</style>
<div><p>Upload files</p><button>Browse</button></div>`;

test('a clean view has no problems, at desktop and on touch', async () => {
  assert.deepEqual(await check(CLEAN), []);
  assert.deepEqual(await check(CLEAN, { touch: true }), []);
});

test('size: a collapsed row or button is found', async () => {
  const problems = await check(
    `<ul><li part="queue-item" style="height:2px;overflow:hidden">a.png</li></ul><button style="height:3px;padding:0;border:0">x</button>`,
  );
  assert.ok(
    problems.some((p) => p.startsWith('size:') && p.includes('queue-item')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.startsWith('size:') && p.includes('<button')),
    problems.join('\n'),
  );
});

test('viewport: a control outside the viewport is found', async () => {
  const problems = await check(`<button style="position:fixed;left:580px;top:10px;width:60px;height:30px">Go</button>`);
  assert.ok(
    problems.some((p) => p.startsWith('viewport:')),
    problems.join('\n'),
  );
});

test('overlap: a button drawn over text is found, its own label is not', async () => {
  const problems = await check(`<div style="position:relative;font:16px sans-serif"><span>Uploading · 49%</span>
    <button style="position:absolute;left:0;top:0;width:80px;height:24px">Pause</button></div>`);
  assert.ok(
    problems.some((p) => p.startsWith('overlap:') && p.includes('Uploading')),
    problems.join('\n'),
  );
  assert.ok(!problems.some((p) => p.includes('the text "Pause"')), problems.join('\n'));
});

test('clipped: cut-off text needs a title; with one it passes', async () => {
  const long = 'a-very-long-file-name-that-does-not-fit-in-its-row.png';
  const style = 'display:block;width:80px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;font:16px sans-serif';
  const without = await check(`<span style="${style}">${long}</span>`);
  assert.ok(
    without.some((p) => p.startsWith('clipped:')),
    without.join('\n'),
  );
  assert.deepEqual(await check(`<span style="${style}" title="${long}">${long}</span>`), []);
});

test('target: on touch, a 30 px button is found; at desktop it is fine', async () => {
  const small = `<button style="width:30px;height:30px">×</button>`;
  assert.ok((await check(small, { touch: true })).some((p) => p.startsWith('target:')));
  assert.deepEqual(await check(small), []);
});

test('contrast: grey text on grey is found, against the real background through the shadow host', async () => {
  const problems = await check(`<div style="background:#e4ebf1;font:15px sans-serif"><p style="color:#d73a2f">Only http:// addresses</p></div>`);
  assert.ok(
    problems.some((p) => p.startsWith('contrast:') && p.includes('3.8')),
    problems.join('\n'),
  );
  // Large text needs 3:1 only.
  assert.deepEqual(await check(`<div style="background:#e4ebf1"><p style="color:#d73a2f;font:700 24px sans-serif">Big</p></div>`), []);
});

test('contrast: an invisible progress track is found', async () => {
  const problems = await check(
    `<div style="background:#fff"><span role="progressbar" style="display:block;width:200px;height:6px;background:#e4ebf1"><span style="display:block;height:100%;width:50%;background:#0078ff"></span></span></div>`,
  );
  assert.ok(
    problems.some((p) => p.startsWith('contrast:') && p.includes('track')),
    problems.join('\n'),
  );
});

test('what a person does not see is not checked: hidden, inert, screen-reader-only', async () => {
  const problems = await check(
    `<div style="background:#fff;font:16px sans-serif">
    <p hidden style="color:#eee">hidden</p>
    <div inert><p style="color:#eee">inert</p></div>
    <span style="position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);color:#eee">for screen readers</span>
    <button style="display:none;width:2px;height:2px">gone</button></div>`,
    { touch: true },
  );
  assert.deepEqual(problems, []);
});
