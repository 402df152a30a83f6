// End to end, the Google Drive source: its tab loads Google Identity Services and api.js (here the
// fakes of test/support/provider-fakes-google.mjs, on an origin of their own that the page's CSP
// allows), a person signs in and picks files in the Picker by keyboard alone, the widget fetches
// their bytes from "Drive" with the token (a Google Doc exported to PDF) and uploads them like local
// files: the stored bytes are the fake account's. Google's refusals (sign-in closed or denied, an
// unknown client, quota, an expired token, an export over 10 MB) are each said in words; what the
// queue would refuse is not fetched. The built classic script, in each engine (UW_ENGINE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { until } from '../support/driver.mjs';
import { e2eSuite, events, focusChooseButton, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { startFakeGoogle } from '../support/provider-fakes-google.mjs';

const FILES = {
  'holiday.jpg': randomBytes(70_000),
  'notes.txt': randomBytes(4_000),
  // Over 8 MB: fetched into more than one Blob, and uploaded in chunks.
  'film.mp4': randomBytes(20_000_000),
};
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(50_000)]);
const DOCS = {
  'Quarterly report': { mimeType: 'application/vnd.google-apps.document', exports: { 'application/pdf': PDF } },
  'Yearbook draft': { mimeType: 'application/vnd.google-apps.document', exports: { 'application/pdf': PDF }, tooLarge: true },
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// axe from the page's own origin: under this CSP (no 'unsafe-eval') a driver cannot inject it as a string.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let google;

const page$ = (env, { clientId = google.clientId, apiKey = google.apiKey, api = google.apiScriptUrl, extra = '' } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>google drive</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/events.js"></script><script src="/axe.js"></script></head>
<body><main><h1>Google Drive</h1><upload-widget inline sources="local,google_drive" default-source="google_drive"
${clientId ? `google-drive-client-id="${clientId}"` : ''} ${apiKey ? `google-api-key="${apiKey}"` : ''}
google-identity-script-url="${google.identityScriptUrl}" google-drive-script-url="${api}" google-drive-api-url="${google.driveApiUrl}"
${extra} ${widgetAttributes(env)}></upload-widget></main></body></html>`;

const e2e = e2eSuite(
  () => ({
    headers: {
      'Content-Security-Policy': `default-src 'self'; script-src 'self' ${google.url}; style-src 'self'; img-src 'self' blob: data:; connect-src 'self' ${google.url}`,
    },
    pages: (env) => ({
      'index.html': page$(env),
      'small.html': page$(env, { extra: 'max-file-size="50000"' }),
      'unknown-client.html': page$(env, { clientId: '999999999999-nosuchclient.apps.googleusercontent.com' }),
      'missing.html': page$(env, { api: google.missingScriptUrl }),
      'no-setup.html': page$(env, { clientId: '' }),
      'events.js': recordEvents(['upload-added', 'success', 'error', 'queues-end']),
      'axe.js': AXE,
    }),
  }),
  {
    first: async () => {
      google = await startFakeGoogle({
        files: FILES,
        docs: { ...DOCS, 'Budget 2026': { mimeType: 'application/vnd.google-apps.spreadsheet', exports: { [XLSX]: PDF } } },
      });
    },
    last: () => google?.close(),
  },
);

const dialogOpen = (page, cls) => page.waitFor((c) => !!document.querySelector(`dialog.${c}[open]`), cls);
const signInOpen = (page) => dialogOpen(page, 'fake-google-signin');
const pickerOpen = (page) => dialogOpen(page, 'fake-google-picker');
/** The label (or text) of what has focus in the page's light DOM, where Google's windows are. */
const focusedOutside = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
  });
const alertText = (page) => page.text('uw-google-drive-source [role=alert]', { timeout: 20000 });

/** Enter on the button, Allow in Google's sign-in window: the Picker opens. */
async function signIn(page) {
  await page.press('Enter');
  await signInOpen(page);
  assert.equal(await focusedOutside(page), 'Allow');
  await page.press('Enter');
  await pickerOpen(page);
}

/** Ticks the Picker's files with these names (Tab to each, Space), then Tab to Select and Enter. */
async function pickByKeyboard(page, names) {
  const listed = await page.evaluate(() => [...document.querySelectorAll('dialog.fake-google-picker label')].map((l) => l.textContent));
  let at = 0;
  for (const name of names) {
    const index = listed.indexOf(name);
    assert.ok(index >= at, `${name} is listed after the previous pick`);
    for (; at < index; at++) await page.press('Tab');
    assert.equal(await focusedOutside(page), name);
    await page.press('Space');
  }
  for (; at < listed.length; at++) await page.press('Tab');
  assert.equal(await focusedOutside(page), 'Select');
  await page.press('Enter');
}

test('a file and a Google Doc picked by keyboard alone arrive on the upload server byte for byte (the Doc as PDF)', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('index.html'));
  await focusChooseButton(page, 'Google Drive');
  assert.deepEqual(await page.axe(), []);
  await signIn(page);
  // The token was asked for with the drive.file scope; the Picker got it, the key and the project number.
  const [tokenRequest] = await page.evaluate(() => window.googleTokenRequests);
  assert.deepEqual(tokenRequest, { client_id: google.clientId, scope: 'https://www.googleapis.com/auth/drive.file', prompt: '' });
  const [call] = await page.evaluate(() => window.googlePickerCalls);
  assert.match(call.token, /^ya29\.fake-/);
  assert.deepEqual(
    { ...call, token: undefined },
    {
      token: undefined,
      developerKey: google.apiKey,
      appId: '424242424242',
      multiselect: true,
      maxItems: null,
      mimeTypes: null,
      locale: 'en',
    },
  );
  await pickByKeyboard(page, ['holiday.jpg', 'Quarterly report']);

  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const all = await events(page);
  assert.deepEqual(
    all.filter((e) => e.name === 'error' || e.name === 'csp-violation'),
    [],
  );
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  const added = all.filter((e) => e.name === 'upload-added').map((e) => e.detail.file.name);
  assert.deepEqual(added, ['holiday.jpg', 'Quarterly report.pdf']);
  const successes = all.filter((e) => e.name === 'success').map((e) => e.detail);
  assert.equal(successes.length, 2);
  for (const info of successes) {
    const expected = info.bytes === PDF.length ? PDF : FILES['holiday.jpg'];
    const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
    assert.ok(stored.equals(expected), `${info.original_filename}: the stored bytes are the Drive file's`);
  }
  // The bytes came from Drive's API with the token: the file as media, the Doc exported to PDF.
  const drive = google.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/drive/v3/'));
  assert.deepEqual(
    drive.map((r) => [r.path.endsWith('/export') ? 'export' : 'media', r.query.alt ?? r.query.mimeType, r.auth === `Bearer ${call.token}`]),
    [
      ['media', 'media', true],
      ['export', 'application/pdf', true],
    ],
  );
  assert.equal((await page.focused()).part, 'queue-header');
  await page.close();
});

test('a big file shows its progress in the tab while it arrives, and Cancel (keyboard) stops it with the queue untouched', async (t) => {
  // Drive sends half the file, then holds the rest until the test is over.
  google.held.add('film.mp4');
  t.after(() => google.held.delete('film.mp4'));
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('index.html'));
  await focusChooseButton(page, 'Google Drive');
  await signIn(page);
  await pickByKeyboard(page, ['film.mp4']);
  await page.shown('uw-google-drive-source [role=progressbar]');
  assert.equal(await page.text('uw-google-drive-source h3'), 'Fetching from Google Drive…');
  assert.match((await page.texts('uw-google-drive-source .name'))[0], /film\.mp4/);
  // Half there: "10 MB of 20 MB", 50 %.
  await page.waitFor(() => {
    const deep = (root) => [root, ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? deep(el.shadowRoot) : []))];
    const bar = deep(document).flatMap((r) => [...r.querySelectorAll('[role=progressbar]')])[0];
    const now = Number(bar?.getAttribute('aria-valuenow'));
    return now === 50;
  });
  assert.equal((await page.texts('uw-google-drive-source .bytes'))[0], '10 MB of 20 MB');
  assert.deepEqual(await page.axe(), []);
  // Focus went to Cancel; Enter stops the transfer.
  assert.equal((await page.focused()).label, 'Cancel');
  await page.press('Enter');
  await page.waitFor(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('part') === 'google-drive-button';
  });
  assert.deepEqual(await events(page), []);
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').items.length), 0);
  await page.close();
});

test('a big file fetched to the end goes up like a local one', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('index.html'));
  await focusChooseButton(page, 'Google Drive');
  await signIn(page);
  await pickByKeyboard(page, ['film.mp4']);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const [info] = (await events(page)).filter((e) => e.name === 'success').map((e) => e.detail);
  assert.ok(Buffer.from(await (await fetch(info.secure_url)).arrayBuffer()).equals(FILES['film.mp4']));
  await page.close();
});

test('a file over maxFileSize is refused in the queue with the usual reason, without being fetched', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('small.html'));
  const before = google.requests.length;
  await focusChooseButton(page, 'Google Drive');
  await signIn(page);
  await pickByKeyboard(page, ['holiday.jpg', 'notes.txt']);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const all = await events(page);
  const errors = all.filter((e) => e.name === 'error').map((e) => e.detail.message);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /holiday\.jpg/);
  assert.equal(all.filter((e) => e.name === 'success').length, 1);
  const fetched = google.requests.slice(before).filter((r) => r.method === 'GET' && r.path.startsWith('/drive/v3/'));
  assert.equal(fetched.length, 1, 'only notes.txt was fetched');
  await page.close();
});

test("Google's refusals become readable words in the tab: sign-in closed, access denied", async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('index.html'));
  await focusChooseButton(page, 'Google Drive');
  await page.press('Enter');
  await signInOpen(page);
  await page.press('Escape');
  assert.match(await alertText(page), /The Google sign-in window was closed before access was given\. Try again to sign in\./);
  assert.deepEqual(await page.axe(), []);
  assert.equal((await page.focused()).part, 'google-drive-button');
  // Again, and Deny this time.
  await page.press('Enter');
  await signInOpen(page);
  await page.press('Tab');
  assert.equal(await focusedOutside(page), 'Deny');
  await page.press('Enter');
  await page.waitFor(() => !document.querySelector('dialog.fake-google-signin'));
  assert.match(await alertText(page), /Access to your Google Drive files was not given, so nothing was picked\./);
  assert.deepEqual(await events(page), []);
  await page.close();
});

test("an unknown client ID: Google's error page in the sign-in window, then words in the tab", async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('unknown-client.html'));
  await focusChooseButton(page, 'Google Drive');
  await page.press('Enter');
  await signInOpen(page);
  assert.match(await page.evaluate(() => document.querySelector('dialog.fake-google-signin').textContent), /invalid_client/);
  await page.press('Enter');
  assert.match(await alertText(page), /The Google sign-in window was closed before access was given/);
  await page.close();
});

test('quota (403 userRateLimitExceeded) after waiting, and an export over 10 MB: each file says why; nothing is queued', async () => {
  google.faults.set('notes.txt', 'userRateLimitExceeded');
  const before = google.requests.length;
  try {
    const page = await e2e.browser.newPage();
    await page.goto(e2e.url('index.html'));
    await focusChooseButton(page, 'Google Drive');
    await signIn(page);
    await pickByKeyboard(page, ['notes.txt', 'Yearbook draft']);
    const text = await page.text('uw-google-drive-source [role=alert]', { timeout: 30000 });
    assert.match(text, /notes\.txt: Google Drive is getting too many requests right now\. Try again in a minute\./);
    assert.match(text, /Yearbook draft\.pdf: Google Drive exports documents of up to 10 MB only\./);
    // Google asks for backoff: the rate-limited request was tried three times.
    assert.equal(google.requests.slice(before).filter((r) => r.method === 'GET' && r.query.alt === 'media').length, 3);
    assert.deepEqual(await page.axe(), []);
    assert.deepEqual(await events(page), []);
    await page.close();
  } finally {
    google.faults.delete('notes.txt');
  }
});

test('a token that expires (401) is asked for again once, and the file still arrives', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('index.html'));
  await focusChooseButton(page, 'Google Drive');
  await signIn(page);
  await pickByKeyboard(page, ['notes.txt']);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  // Google ends the token (revoked, or expired early); the page still holds it.
  google.expireTokens();
  await page.evaluate(() => {
    window.events.length = 0;
  });
  await page.click('button', 'Upload more');
  await page.click('button', 'Choose from Google Drive');
  await pickerOpen(page);
  await page.press('Space');
  await page.clickSelector('dialog.fake-google-picker button[value=select]');
  // Drive said 401: Google's sign-in window again, once.
  await signInOpen(page);
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  const all = await events(page);
  assert.equal(all.filter((e) => e.name === 'success').length, 1);
  assert.equal((await page.evaluate(() => window.googleTokenRequests)).length, 2);
  const statuses = google.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/drive/v3/')).slice(-2);
  assert.notEqual(statuses[0].auth, statuses[1].auth, 'the retry carried the new token');
  await page.close();
});

test("Google's scripts that cannot load (404): a readable message under the button, which tries again", async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('missing.html'));
  await focusChooseButton(page, 'Google Drive');
  await page.press('Enter');
  assert.match(await alertText(page), /Google Drive could not be reached, so its file picker did not open\. Check your connection and try again\./);
  assert.deepEqual(await page.axe(), []);
  assert.equal((await page.focused()).part, 'google-drive-button');
  // A second press asks for the script again.
  const asked = () => google.requests.filter((r) => r.path === '/js/missing-api.js').length;
  const before = asked();
  await page.press('Enter');
  await until(() => asked() > before, { what: 'the script asked for again' });
  assert.match(await alertText(page), /Google Drive could not be reached/);
  await page.close();
});

test('no client ID: the tab says Google Drive is not set up, offers no button and loads nothing from Google', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('no-setup.html'));
  await page.waitFor(() => !!document.querySelector('upload-widget').shadowRoot.querySelector('uw-google-drive-source')?.shadowRoot?.querySelector('.error'));
  assert.match(
    (await page.texts('uw-google-drive-source .error')).join(' '),
    /Google Drive is not set up on this site: it needs a Google client ID \(googleDriveClientId\)\./,
  );
  assert.equal(await page.visible('uw-google-drive-source button'), false);
  assert.deepEqual(await page.axe(), []);
  assert.equal(await page.evaluate(() => [...document.scripts].some((s) => s.src.includes('/gsi/') || s.src.includes('/js/api'))), false);
  await page.close();
});
