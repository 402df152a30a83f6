// End to end: the plugin interfaces are real. A page registers a source of its own (a company
// asset library fed by a JSON endpoint, written without lit) and gives the widget a destination
// of its own (a plain PUT to a presigned URL on an S3-like object store, sent with the kit's
// uploadRequest). A person picks two assets in the new tab; both arrive in the object store byte
// for byte, also through a connection reset and a silent store. The built classic script, under
// a strict CSP, in each engine (UW_ENGINE, through test/support/driver.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, until } from '../support/driver.mjs';
import { recordEvents, startE2E } from '../support/e2e.mjs';
import { startFaultProxy } from '../support/fault-proxy.mjs';
import { startObjectStore } from '../support/object-store.mjs';

const ASSETS = {
  'logo.bin': randomBytes(48_000),
  'brochure.bin': randomBytes(310_000),
  'price-list.bin': randomBytes(9_000),
};

let e2e;
let store;
/** In front of the object store, for the PUTs a test sends through it (fresh connections, so a reset reaches the page). */
let proxy;
let browser;

/** The page's own code: what docs/architecture.md shows, in full (the destination in destinationScript). */
const pageScript = () => `
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

// The test's hand on the site's server: window.presigned(url) changes the URL it hands out.
const fetchAsIs = window.fetch;
window.fetch = async (input, init) => {
  const answer = await fetchAsIs(input, init);
  if (!window.presigned || !String(input).endsWith('/presign')) return answer;
  const presign = await answer.json();
  return new Response(JSON.stringify({ ...presign, url: window.presigned(presign.url) }), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
};
`;

/**
 * The destination, run at the end of the body (the widget is there): what docs/architecture.md
 * shows from `widget.destination =` on. A module imports uploadRequest from 'upload-widget'; the
 * classic script's global holds the same exports.
 */
const destinationScript = (storeUrl) => `const { uploadRequest } = UploadWidget;
const STORE = ${JSON.stringify(storeUrl)};
const widget = document.querySelector('upload-widget');
// A plain PUT to a URL the site's server presigned (S3, R2, GCS and others work this way).
widget.destination = (context) => ({
  async upload(task) {
    const { item, body, signal } = task;
    if (!body) throw new Error('This storage takes files, not web addresses.');
    const answer = await fetch(\`\${STORE}/presign\`, { method: 'POST', body: JSON.stringify({ name: item.name, type: body.type }), signal });
    if (!answer.ok) throw new Error(\`The storage did not authorize the upload (\${answer.status}).\`);
    const { key, url, type } = await answer.json();
    // Sent as the engine sends its own: progress, the silence timeout, retries with backoff, the wait while offline, pause and cancel.
    const put = await uploadRequest({ method: 'PUT', url, body, headers: { 'Content-Type': type } }, task, context);
    if (put.status >= 300) throw new Error(\`The storage refused the file (\${put.status}).\`);
    return { public_id: key, version: 1, secure_url: \`\${STORE}/objects/\${key}\`, bytes: body.size, resource_type: 'raw' };
  },
});
`;

before(async () => {
  store = await startObjectStore();
  proxy = await startFaultProxy({ target: store.url, keepAlive: false });
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self' ${store.url} ${proxy.url}`;
  e2e = await startE2E({
    chromium: false,
    headers: { 'Content-Security-Policy': csp },
    pages: () => ({
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plugins</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/events.js"></script><script src="/plugins.js"></script></head>
<body><upload-widget inline sources="local,assets" default-source="assets"></upload-widget><script src="/destination.js"></script></body></html>`,
      'events.js': recordEvents(['upload-added', 'success', 'error', 'queues-end']),
      'plugins.js': pageScript(),
      'destination.js': destinationScript(store.url),
      'assets.json': JSON.stringify(Object.keys(ASSETS).map((name) => ({ name, url: `/assets/${name}` }))),
      ...Object.fromEntries(Object.entries(ASSETS).map(([name, bytes]) => [`assets/${name}`, bytes])),
    }),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await e2e?.close();
  await proxy?.close();
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
    window.presigned = (url) => url.replace(/signature=../, 'signature=00');
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

test('the destination sends through the kit: a PUT whose connection is reset and one the store leaves unanswered are tried again, and the object arrives whole', async () => {
  const page = await browser.newPage();
  await page.goto(e2e.url('index.html'));
  await page.waitForRole('tab', 'Company assets');
  // The presigned URL goes through the fault proxy; the store drops after 2 s of silence.
  await page.evaluate((via) => {
    window.presigned = (url) => via + url.slice(url.indexOf('/objects/'));
    document.querySelector('upload-widget').requestTimeout = 2000;
  }, proxy.url);
  // Neither reaches the store: the first PUT's connection is reset while its body is held, the
  // second's body is read and thrown away with no answer.
  proxy.setRules([
    { id: 'cut', match: { method: 'PUT' }, action: 'stall', ms: 300, thenReset: true },
    { id: 'silent', match: { method: 'PUT' }, action: 'stall', drain: true, ms: 20_000 },
  ]);
  proxy.resetStats();
  await page.click('checkbox', 'brochure.bin');
  await page.click('button', 'Add selected');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 60000 });

  const events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'error' || e.name === 'csp-violation'),
    [],
  );
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  assert.deepEqual(
    proxy.stats().injected.map((i) => [i.rule, i.method]),
    [
      ['cut', 'PUT'],
      ['silent', 'PUT'],
    ],
  );
  // Only the third PUT went on to the store, whole.
  const bodies = proxy.stats().bodies.filter((b) => b.bytes > 0);
  assert.deepEqual(bodies, [{ contentRange: null, bytes: ASSETS['brochure.bin'].length, complete: true }]);
  const [info] = events.filter((e) => e.name === 'success').map((e) => e.detail);
  assert.equal(info.public_id.split('/')[1], 'brochure.bin');
  const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
  assert.ok(stored.equals(ASSETS['brochure.bin']), 'stored bytes differ');
  proxy.clearRules();
  await page.close();
});
