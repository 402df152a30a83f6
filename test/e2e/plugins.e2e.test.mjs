// End to end: the plugin interfaces are real. A page registers a source of its own (a company
// asset library fed by a JSON endpoint, written without lit) and gives the widget a destination
// of its own (a plain PUT to a presigned URL on an S3-like object store). A person picks two
// assets in the new tab; both arrive in the object store byte for byte. The built classic script,
// under a strict CSP, in each engine (UW_ENGINE, through test/support/driver.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, until } from '../support/driver.mjs';
import { recordEvents, startE2E } from '../support/e2e.mjs';
import { startObjectStore } from '../support/object-store.mjs';

const ASSETS = {
  'logo.bin': randomBytes(48_000),
  'brochure.bin': randomBytes(310_000),
  'price-list.bin': randomBytes(9_000),
};

let e2e;
let store;
let browser;

/** The page's own code: what docs/architecture.md shows, in full. */
const pageScript = (storeUrl) => `
// A source: any custom element. The widget sets .options and .active; it answers with files-picked.
class AssetLibrarySource extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const assets = await (await fetch('/assets.json')).json();
    const group = document.createElement('fieldset');
    group.append(Object.assign(document.createElement('legend'), { textContent: 'Company assets' }));
    assets.forEach((asset, i) => {
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', id: 'asset-' + i, value: asset.url, name: asset.name });
      group.append(box, Object.assign(document.createElement('label'), { htmlFor: box.id, textContent: asset.name }));
    });
    const add = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Add selected' });
    add.addEventListener('click', async () => {
      const picked = [...root.querySelectorAll('input:checked')];
      const files = await Promise.all(
        picked.map(async (box) => new File([await (await fetch(box.value)).blob()], box.name, { type: 'application/octet-stream' })),
      );
      this.dispatchEvent(new CustomEvent('files-picked', { detail: files })); // on the source itself: the widget listens there, the page never sees it
    });
    root.append(group, add);
  }
}
customElements.define('asset-library-source', AssetLibrarySource);
customElements.get('upload-widget').registerSource({ id: 'assets', tag: 'asset-library-source', label: () => 'Company assets' });

// A destination: an object with upload(task). Here, a PUT to a URL the site's server presigned.
const STORE = ${JSON.stringify(storeUrl)};
const presignedPut = {
  async upload({ item, body, signal, progress }) {
    if (!body) throw new Error('This storage takes files, not web addresses.');
    const answer = await fetch(STORE + '/presign', { method: 'POST', body: JSON.stringify({ name: item.name, type: body.type }), signal });
    if (!answer.ok) throw new Error('The storage did not authorize the upload (' + answer.status + ').');
    const { key, url, type } = await answer.json();
    await new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', window.tamper ? url.replace(/signature=../, 'signature=00') : url);
      xhr.setRequestHeader('Content-Type', type);
      xhr.upload.onprogress = (e) => progress(e.loaded);
      xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error('The storage refused the file (' + xhr.status + ').')));
      xhr.onerror = () => reject(new Error('The storage could not be reached.'));
      xhr.onabort = () => reject(signal.reason);
      signal.addEventListener('abort', () => xhr.abort());
      xhr.send(body);
    });
    return { public_id: key, version: 1, secure_url: STORE + '/objects/' + key, bytes: body.size, resource_type: 'raw' };
  },
};
document.addEventListener('DOMContentLoaded', () => (document.querySelector('upload-widget').destination = presignedPut));
`;

before(async () => {
  store = await startObjectStore();
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self' ${store.url}`;
  e2e = await startE2E({
    chromium: false,
    headers: { 'Content-Security-Policy': csp },
    pages: () => ({
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plugins</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/events.js"></script><script src="/plugins.js"></script></head>
<body><upload-widget inline sources="local,assets" default-source="assets"></upload-widget></body></html>`,
      'events.js': recordEvents(['upload-added', 'success', 'error', 'queues-end']),
      'plugins.js': pageScript(store.url),
      'assets.json': JSON.stringify(Object.keys(ASSETS).map((name) => ({ name, url: `/assets/${name}` }))),
      ...Object.fromEntries(Object.entries(ASSETS).map(([name, bytes]) => [`assets/${name}`, bytes])),
    }),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await e2e?.close();
  await store?.close();
});

test("a site's own source and destination: two assets picked in its tab arrive in its object store, byte for byte", async () => {
  const page = await browser.newPage();
  await page.goto(e2e.url('index.html'));
  await page.waitForRole('tab', 'Company assets');
  // Its tab is the default one and its element shows what its JSON endpoint lists.
  await page.click('checkbox', 'logo.bin');
  await page.click('checkbox', 'brochure.bin');
  await page.click('button', 'Add selected');

  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'error' || e.name === 'csp-violation'),
    [],
  );
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  const successes = events.filter((e) => e.name === 'success').map((e) => e.detail);
  assert.deepEqual(successes.map((s) => s.public_id.split('/')[1]).sort(), ['brochure.bin', 'logo.bin']);
  for (const info of successes) {
    const name = info.public_id.split('/')[1];
    // What the page was told is where the bytes are; the store holds exactly the asset's bytes.
    const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
    assert.ok(stored.equals(ASSETS[name]), `${name}: stored bytes differ`);
  }
  assert.equal(store.objects.size, 2);
  const rows = await until(async () => {
    const texts = await page.texts('li[data-status=done]');
    return texts.length === 2 && texts;
  });
  assert.ok(rows.some((text) => /brochure\.bin/.test(text)));
  await page.close();
});

test("a destination's refusal becomes the file's error, in its own words, and nothing is stored", async () => {
  const page = await browser.newPage();
  await page.goto(e2e.url('index.html'));
  await page.waitForRole('tab', 'Company assets');
  await page.evaluate(() => {
    window.tamper = true;
  });
  const before = store.objects.size;
  await page.click('checkbox', 'price-list.bin');
  await page.click('button', 'Add selected');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const errors = (await page.evaluate(() => window.events)).filter((e) => e.name === 'error').map((e) => e.detail.message);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /price-list\.bin/);
  assert.match(errors[0], /The storage refused the file \(403\)\./);
  assert.equal(store.objects.size, before);
  await page.waitForRole('button', 'Retry failed');
  await page.close();
});
