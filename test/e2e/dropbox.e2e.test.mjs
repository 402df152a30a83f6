// End to end, the Dropbox source: its tab loads dropins.js (here the fake of
// test/support/provider-fakes-dropbox.mjs, on an origin of its own that the page's CSP allows), a
// person picks files in the Chooser by keyboard alone, and their direct links go to the upload
// server, which fetches them from "Dropbox": the stored bytes are the fake account's. Cancelling
// leaves the queue as it was; a script that cannot load, a missing app key and an insecure page
// are each said in words. The built classic script, in each engine (UW_ENGINE, test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { e2eSuite, events, focusChooseButton, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { startFakeDropbox } from '../support/provider-fakes-dropbox.mjs';
import { serveStatic } from '../support/static.mjs';

const FILES = {
  'holiday.jpg': randomBytes(70_000),
  'report.pdf': randomBytes(180_000),
  'notes.txt': randomBytes(4_000),
};

// axe from the page's own origin: under this CSP (no 'unsafe-eval') a driver cannot inject it as a string.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let dropbox;
/** A page on an origin that is not secure (http:// on this machine's network address), or null. */
let insecure;

const page$ = (env, { key = 'test-app-key', script, extra = '' } = {}) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dropbox</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/events.js"></script><script src="/axe.js"></script></head>
<body><main><h1>Dropbox</h1><upload-widget inline sources="local,dropbox" default-source="dropbox" ${key ? `dropbox-app-key="${key}"` : ''}
dropbox-script-url="${script ?? dropbox.scriptUrl}" ${extra} ${widgetAttributes(env)}></upload-widget></main></body></html>`;

/** Serves the same pages and dist/ on this machine's network address: http:// there is not a secure context. */
async function startInsecure(pageHtml, headers) {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address;
  if (!address) return null;
  const files = serveStatic(process.cwd(), { headers });
  const server = createServer((req, res) => {
    if (req.url.startsWith('/dist/')) return files(req, res);
    if (req.url === '/events.js') return res.writeHead(200, { 'Content-Type': 'text/javascript', ...headers }).end(recordEvents([]));
    if (req.url === '/axe.js') return res.writeHead(200, { 'Content-Type': 'text/javascript', ...headers }).end(AXE);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(pageHtml);
  });
  try {
    await new Promise((resolve, reject) => server.once('error', reject).listen(0, address, resolve));
  } catch {
    return null;
  }
  return { url: `http://${address}:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

// The fake's origin is allowed to run its script; the CSP-blocked page points at another one.
const csp = () => `default-src 'self'; script-src 'self' ${dropbox.url}; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'`;

const e2e = e2eSuite(
  () => ({
    headers: { 'Content-Security-Policy': csp() },
    pages: (env) => ({
      'index.html': page$(env),
      'max-two.html': page$(env, { extra: 'max-files="2"' }),
      'missing.html': page$(env, { script: dropbox.missingScriptUrl }),
      'blocked.html': page$(env, { script: dropbox.scriptUrl.replace('127.0.0.1', 'localhost') }),
      'no-key.html': page$(env, { key: '' }),
      'events.js': recordEvents(['upload-added', 'success', 'error', 'queues-end']),
      'axe.js': AXE,
    }),
  }),
  {
    first: async () => {
      dropbox = await startFakeDropbox({ files: FILES });
    },
    ready: async ({ servers: { env } }) => {
      insecure = await startInsecure(page$(env), { 'Content-Security-Policy': csp().replace("connect-src 'self'", `connect-src 'self' ${env.server}`) });
    },
    last: async () => {
      await insecure?.close();
      await dropbox?.close();
    },
  },
);

const fakeDialogOpen = (page) => page.waitFor(() => !!document.querySelector('dialog.fake-dropbox-chooser[open]'));
/** The label (or text) of what has focus in the page's light DOM: the fake Chooser lives there. */
const focusedInChooser = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
  });

test('two files picked in the Chooser by keyboard alone arrive on the upload server byte for byte', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('index.html'));
  await focusChooseButton(page, 'Dropbox');
  assert.deepEqual(await page.axe(), []);
  await page.press('Enter');
  await fakeDialogOpen(page);
  // The Chooser was asked for direct links, several files, with the site's key.
  assert.deepEqual(await page.evaluate(() => window.dropboxChooseCalls), [
    { appKey: 'test-app-key', linkType: 'direct', multiselect: true, extensions: null, sizeLimit: null },
  ]);
  assert.equal(await focusedInChooser(page), 'holiday.jpg');
  await page.press('Space');
  await page.press('Tab');
  await page.press('Space');
  assert.equal(await focusedInChooser(page), 'report.pdf');
  await page.press('Tab');
  await page.press('Tab');
  assert.equal(await focusedInChooser(page), 'Choose');
  await page.press('Enter');

  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const all = await events(page);
  assert.deepEqual(
    all.filter((e) => e.name === 'error' || e.name === 'csp-violation'),
    [],
  );
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  const successes = all.filter((e) => e.name === 'success').map((e) => e.detail);
  const nameOf = (info) => Object.keys(FILES).find((name) => FILES[name].length === info.bytes);
  assert.deepEqual(successes.map(nameOf).sort(), ['holiday.jpg', 'report.pdf']);
  for (const info of successes) {
    const name = nameOf(info);
    const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
    assert.ok(stored.equals(FILES[name]), `${name}: the stored bytes are the Dropbox file's`);
  }
  // The upload server fetched the direct links; the browser never downloaded the files.
  const fetched = dropbox.requests.filter((r) => r.path.startsWith('/1/view/'));
  assert.equal(fetched.length, 2);
  // After the pick, focus is on the batch's progress.
  assert.equal((await page.focused()).part, 'queue-header');
  await page.close();
});

test('more files than maxFiles: the extra one is refused with the usual reason, the others upload', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('max-two.html'));
  await page.click('button', 'Choose from Dropbox');
  await fakeDialogOpen(page);
  await page.evaluate(() => {
    for (const box of document.querySelectorAll('dialog.fake-dropbox-chooser input')) box.checked = true;
  });
  await page.click('button', 'Choose');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const all = await events(page);
  assert.equal(all.filter((e) => e.name === 'success').length, 2);
  const errors = all.filter((e) => e.name === 'error').map((e) => e.detail.message);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /notes\.txt/);
  assert.match(errors[0], /2/);
  await page.close();
});

test('cancelling the Chooser leaves the queue untouched and focus on the button', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('index.html'));
  await focusChooseButton(page, 'Dropbox');
  await page.press('Enter');
  await fakeDialogOpen(page);
  await page.press('Space');
  await page.press('Escape');
  await page.waitFor(() => !document.querySelector('dialog.fake-dropbox-chooser'));
  await page.waitFor(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('part') === 'dropbox-button';
  });
  assert.deepEqual(await events(page), []);
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').items.length), 0);
  assert.ok(await page.visible('uw-dropbox-source [part=dropbox-button]'));
  await page.close();
});

for (const [file, why] of [
  ['missing.html', 'a script that is not there (404)'],
  ['blocked.html', "a script the page's Content-Security-Policy blocks"],
]) {
  test(`${why}: a readable message under the button, which tries again`, async () => {
    const page = await e2e.browser.newPage();
    await page.goto(e2e.url(file));
    await focusChooseButton(page, 'Dropbox');
    await page.press('Enter');
    const message = await page.text('uw-dropbox-source [role=alert]', { timeout: 25000 });
    assert.match(message, /Dropbox could not be reached, so its file chooser did not open\. Check your connection and try again\./);
    assert.deepEqual(await page.axe(), []);
    assert.equal(await page.evaluate(() => typeof window.Dropbox), 'undefined');
    // The button stays, described by the message, and a second press tries again.
    assert.equal((await page.focused()).part, 'dropbox-button');
    await page.press('Enter');
    await page.text('uw-dropbox-source [role=alert]', { timeout: 25000 });
    const all = await events(page);
    assert.deepEqual(
      all.filter((e) => e.name !== 'csp-violation'),
      [],
    );
    // The policy said no to the script, and only to it.
    const violations = all.filter((e) => e.name === 'csp-violation').map((e) => e.detail);
    assert.ok(
      file === 'blocked.html' ? violations.length > 0 && violations.every((v) => v.startsWith('script-src')) : violations.length === 0,
      String(violations),
    );
    await page.close();
  });
}

test('no app key: the tab says Dropbox is not set up, and offers no button', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('no-key.html'));
  await page.waitFor(() => !!document.querySelector('upload-widget').shadowRoot.querySelector('uw-dropbox-source')?.shadowRoot?.querySelector('.error'));
  assert.match((await page.texts('uw-dropbox-source .error')).join(' '), /Dropbox is not set up on this site: it needs a Dropbox app key\./);
  assert.equal(await page.visible('uw-dropbox-source button'), false);
  assert.deepEqual(await page.axe(), []);
  // Nothing was loaded from Dropbox.
  assert.equal(await page.evaluate(() => !!document.getElementById('dropboxjs')), false);
  await page.close();
});

test('an insecure page (http:// on a network address): the tab explains the Chooser needs https://', async (t) => {
  if (!insecure) return t.skip('this machine has no network address to serve an insecure page on');
  const page = await e2e.browser.newPage();
  await page.goto(insecure.url);
  assert.equal(await page.evaluate(() => window.isSecureContext), false);
  await page.waitFor(() => !!document.querySelector('upload-widget').shadowRoot.querySelector('uw-dropbox-source')?.shadowRoot?.querySelector('.error'));
  assert.match((await page.texts('uw-dropbox-source .error')).join(' '), /Dropbox opens only on secure pages\. Open this page at its https:\/\/ address/);
  assert.equal(await page.visible('uw-dropbox-source button'), false);
  assert.deepEqual(await page.axe(), []);
  assert.equal(await page.evaluate(() => !!document.getElementById('dropboxjs')), false);
  await page.close();
});
