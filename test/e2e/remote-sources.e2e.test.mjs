// End to end, the remote sources: image search (Google's Custom Search JSON API) and Unsplash,
// each against a local fake that follows the provider's API (test/support/provider-fakes.mjs).
// By keyboard alone: search, pick two results, upload; the upload server fetches both addresses
// and stores exactly the fake's bytes. A provider's error becomes a line a person can act on, and
// axe passes on the way. The built classic script under a strict CSP, in each engine (UW_ENGINE,
// through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, until } from '../support/driver.mjs';
import { e2eSuite, events, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { OVER_QUOTA, startProviderFakes } from '../support/provider-fakes.mjs';

let fakes;

const page$ = (name, attributes) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>${name}</h1><upload-widget id="w" inline ${attributes}></upload-widget></main></body></html>`;

const e2e = e2eSuite(
  () => ({
    headers: {
      // What a site allows for these sources: the provider's API and its images. (WebKit's
      // WebDriver runs the driver's axe injection as page script, under the page's CSP.)
      'Content-Security-Policy': `default-src 'self'; script-src 'self'${engine === 'webkit' ? " 'unsafe-eval'" : ''}; style-src 'self'; img-src 'self' blob: data: ${fakes.url}; connect-src 'self' ${fakes.url}`,
    },
    pages: (env) => {
      const google = (key) => `google-api-key="${key}" google-search-engine-id="${fakes.keys.cx}" image-search-api-url="${fakes.google}"`;
      const unsplash = (key) => `unsplash-access-key="${key}" unsplash-api-url="${fakes.unsplash}"`;
      const base = `${widgetAttributes(env)} sources="local,image_search,unsplash"`;
      return {
        'search.html': page$('Image search', `${base} default-source="image_search" ${google(fakes.keys.google)} ${unsplash(fakes.keys.unsplash)}`),
        'sites.html': page$(
          'Sites',
          `${base} default-source="image_search" search-by-sites="all,commons.wikimedia.org" search-by-rights ${google(fakes.keys.google)}`,
        ),
        'unsplash.html': page$('Unsplash', `${base} default-source="unsplash" max-files="2" ${unsplash(fakes.keys.unsplash)}`),
        'bad-key.html': page$('Bad keys', `${base} default-source="image_search" ${google('wrong-key')} ${unsplash('wrong-key')}`),
        'over-quota.html': page$('Over quota', `${base} default-source="image_search" ${google(OVER_QUOTA)} ${unsplash(OVER_QUOTA)}`),
        'not-set-up.html': page$('Not set up', `${base} default-source="unsplash"`),
        'record.js': recordEvents(['success', 'error', 'queues-end']),
      };
    },
  }),
  {
    first: async () => {
      fakes = await startProviderFakes();
    },
    last: () => fakes?.close(),
  },
);

/** Searches by keyboard in the source `tag`: the field, the words, Enter; waits for results. */
async function search(page, tag, words) {
  await page.focus(`${tag} #q`);
  await page.type(words);
  await page.press('Enter');
}

/** Picks the first two results and uploads them, by keyboard alone; gives the uploaded addresses. */
async function pickTwoAndUpload(page, tag) {
  await page.shown(`${tag} .pick`);
  assert.deepEqual(await page.axe(), []);
  await page.focus(`${tag} .pick`); // the grid's one Tab stop
  await page.press('Space');
  await page.press('ArrowRight');
  await page.press('Space');
  const picked = await page.evaluate((tag) => {
    const source = document.querySelector('upload-widget').shadowRoot.querySelector(tag);
    return [...source.picked.values()].map((hit) => hit.url);
  }, tag);
  assert.equal(picked.length, 2);
  assert.equal((await page.text(`${tag} [part=upload-button]`)).trim(), 'Upload 2 images');
  await page.press('Tab');
  // From the grid, Tab reaches the pager and then the upload button.
  for (let i = 0; i < 6 && (await page.focused()).part !== 'upload-button'; i++) await page.press('Tab');
  assert.equal((await page.focused()).part, 'upload-button');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  return picked;
}

/** Every success's stored file is byte for byte one of the fake's images that were picked. */
async function assertStored(page, picked) {
  const all = await events(page);
  assert.deepEqual(
    all.filter((e) => e.name === 'error' || e.name === 'csp-violation'),
    [],
  );
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  const successes = all.filter((e) => e.name === 'success').map((e) => e.detail);
  assert.equal(successes.length, 2);
  const matched = [];
  for (const info of successes) {
    const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
    const which = picked.find((address) => fakes.bytesOf(address).equals(stored));
    assert.ok(which, `${info.secure_url}: the stored bytes are one of the picked images`);
    matched.push(which);
  }
  assert.deepEqual(matched.sort(), [...picked].sort());
}

test('image search: search, page, pick two by keyboard; both arrive byte for byte', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('search.html'));
  await page.shown('uw-image-search-source #q');
  assert.deepEqual(await page.axe(), []);
  const before = fakes.requests.length;
  await search(page, 'uw-image-search-source', 'red boats');
  await page.shown('uw-image-search-source .pick');
  const asked = fakes.requests.slice(before).filter((r) => r.path === '/customsearch/v1');
  assert.deepEqual(asked.at(-1).params, {
    key: fakes.keys.google,
    cx: fakes.keys.cx,
    q: 'red boats',
    searchType: 'image',
    num: '10',
    start: '1',
  });
  assert.equal(
    await page.evaluate(
      () => document.querySelector('upload-widget').shadowRoot.querySelector('uw-image-search-source').shadowRoot.querySelectorAll('.pick').length,
    ),
    10,
  );
  // Paging: Next asks for start=11, Previous comes back; the third page is the last (23 results).
  await page.focus('uw-image-search-source [part=next]');
  await page.press('Enter');
  await until(() => fakes.requests.at(-1)?.params.start === '11');
  await page.waitFor(() => {
    const root = document.querySelector('upload-widget').shadowRoot.querySelector('uw-image-search-source').shadowRoot;
    return root.querySelector('img')?.getAttribute('alt') === 'red boats 11 - example.com';
  });
  await page.focus('uw-image-search-source [part=previous]');
  await page.press('Enter');
  await page.waitFor(() => {
    const root = document.querySelector('upload-widget').shadowRoot.querySelector('uw-image-search-source').shadowRoot;
    return root.querySelector('img')?.getAttribute('alt') === 'red boats 1 - example.com';
  });
  const picked = await pickTwoAndUpload(page, 'uw-image-search-source');
  await assertStored(page, picked);
  await page.close();
});

test('image search: the site picker and the usage-rights filter reach Google as siteSearch and rights', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('sites.html'));
  await page.shown('uw-image-search-source select[part=site]');
  assert.deepEqual(await page.texts('uw-image-search-source select[part=site] option'), ['All sites', 'commons.wikimedia.org']);
  assert.deepEqual(await page.axe(), []);
  await search(page, 'uw-image-search-source', 'lighthouse');
  await page.shown('uw-image-search-source .pick');
  assert.equal(fakes.requests.at(-1).params.siteSearch, undefined);
  // Choosing a site or a license, by keyboard, searches again at once.
  await page.focus('uw-image-search-source select[part=site]');
  await page.press('ArrowDown');
  await until(() => fakes.requests.at(-1)?.params.siteSearch);
  await page.focus('uw-image-search-source select[part=rights]');
  await page.press('ArrowDown');
  await page.press('ArrowDown');
  // Two steps down: "Free to use or share, even commercially" (the first step searched with "free").
  await until(() => fakes.requests.at(-1)?.params.rights === 'cc_publicdomain|cc_attribute|cc_sharealike|cc_nonderived');
  const { params } = fakes.requests.at(-1);
  assert.equal(params.siteSearch, 'commons.wikimedia.org');
  assert.equal(params.siteSearchFilter, 'i');
  assert.equal(params.rights, 'cc_publicdomain|cc_attribute|cc_sharealike|cc_nonderived');
  await page.close();
});

test('unsplash: search, pick two by keyboard with credits shown; downloads tracked; both arrive byte for byte', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('unsplash.html'));
  await page.shown('uw-unsplash-source #q');
  assert.deepEqual(await page.axe(), []);
  await search(page, 'uw-unsplash-source', 'mountains');
  await page.shown('uw-unsplash-source .pick');
  const asked = fakes.requests.at(-1);
  assert.equal(asked.path, '/unsplash/search/photos');
  assert.equal(asked.authorization, `Client-ID ${fakes.keys.unsplash}`);
  assert.deepEqual(asked.params, { query: 'mountains', page: '1', per_page: '12' });
  // Unsplash's attribution: "Photo by <name> on Unsplash", both linked, with utm parameters.
  const credit = await page.evaluate(() => {
    const p = document.querySelector('upload-widget').shadowRoot.querySelector('uw-unsplash-source').shadowRoot.querySelector('.credit');
    return { text: p.textContent.replace(/\s+/g, ' ').trim(), links: [...p.querySelectorAll('a')].map((a) => a.href) };
  });
  assert.equal(credit.text, 'Photo by Person 1 on Unsplash');
  assert.match(credit.links[0], /^https:\/\/unsplash\.com\/@person1\?utm_source=[^&]+&utm_medium=referral$/);
  assert.match(credit.links[1], /^https:\/\/unsplash\.com\/\?utm_source=[^&]+&utm_medium=referral$/);
  // max-files="2": a third pick is refused with a message.
  await page.focus('uw-unsplash-source .pick');
  await page.press('ArrowRight');
  await page.press('ArrowRight');
  await page.press('Space');
  await page.press('Home');
  await page.press('Space');
  await page.press('ArrowRight');
  await page.press('Space');
  assert.match(await page.text('uw-unsplash-source [role=alert]'), /You can pick at most 2 images\./);
  const downloadsBefore = fakes.downloads.length;
  const picked = await pickTwoAndUploadFromPicked(page);
  await assertStored(page, picked);
  // One tracking call per uploaded photo, with the key.
  await until(() => fakes.downloads.length === downloadsBefore + 2);
  assert.deepEqual(fakes.downloads.slice(downloadsBefore).sort(), ['ph0to1', 'ph0to3']);
  assert.ok(fakes.requests.filter((r) => r.path.endsWith('/download')).every((r) => r.authorization === `Client-ID ${fakes.keys.unsplash}`));
  await page.close();
});

/** Uploads what is picked (two) by keyboard: Tab to the upload button, Enter. */
async function pickTwoAndUploadFromPicked(page) {
  const tag = 'uw-unsplash-source';
  const picked = await page.evaluate(
    (tag) => [...document.querySelector('upload-widget').shadowRoot.querySelector(tag).picked.values()].map((hit) => hit.url),
    tag,
  );
  assert.equal(picked.length, 2);
  assert.deepEqual(await page.axe(), []);
  await page.focus(`${tag} [part=next]`);
  for (let i = 0; i < 4 && (await page.focused()).part !== 'upload-button'; i++) await page.press('Tab');
  assert.equal((await page.focused()).part, 'upload-button');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30000 });
  return picked;
}

test("a provider's errors become readable messages: a wrong key, quota exceeded, a source not set up", async () => {
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('bad-key.html'));
  await search(page, 'uw-image-search-source', 'cats');
  assert.match(await page.text('uw-image-search-source [role=alert]'), /The service refused this site's key\. The site's owner needs to check it\./);
  assert.deepEqual(await page.axe(), []);
  await page.clickSelector('[role=tab][data-source=unsplash]');
  await search(page, 'uw-unsplash-source', 'cats');
  assert.match(await page.text('uw-unsplash-source [role=alert]'), /The service refused this site's key\./);

  await page.goto(e2e.url('over-quota.html'));
  await search(page, 'uw-image-search-source', 'cats');
  assert.match(await page.text('uw-image-search-source [role=alert]'), /too many searches for now\. Try again later\./);
  await page.clickSelector('[role=tab][data-source=unsplash]');
  await search(page, 'uw-unsplash-source', 'cats');
  assert.match(await page.text('uw-unsplash-source [role=alert]'), /too many searches for now\. Try again later\./);

  await page.goto(e2e.url('not-set-up.html'));
  await search(page, 'uw-unsplash-source', 'cats');
  assert.match(await page.text('uw-unsplash-source [role=alert]'), /not set up on this site yet \(it needs unsplashAccessKey\)/);
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await page.close();
});
