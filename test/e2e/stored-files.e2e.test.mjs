// End to end, in the built classic script: a record's files given back to the widget. A form's
// widget has a `value` attribute holding the preloaded-file strings of two files stored before (an
// image and a PDF, uploaded to the local server by the test): they show as done rows (the image's
// thumbnail delivered by the server, drawn at its size), the form submits them as given, Remove
// takes one out of the form value, form.reset() brings it back, and nothing is uploaded again.
// Runs in each engine (UW_ENGINE, through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents } from '../support/e2e.mjs';
import { multipart, post, uploadUrl } from '../support/server-client.mjs';

let stored;

/** Uploads `bytes` to the local server as a site's backend would have, long before; gives its preloaded-file string. */
async function storeFile(env, bytes, name, type, resourceType) {
  const form = multipart({ upload_preset: 'demo_unsigned' }, { bytes, name, type });
  const { body: r } = await post(uploadUrl(env.server, env.cloudName, resourceType), form);
  const file = r.format && r.resource_type !== 'raw' ? `${r.public_id}.${r.format}` : r.public_id;
  return { ...r, preloaded: `${r.resource_type}/${r.type}/v${r.version}/${file}#${r.signature}` };
}

const e2e = e2eSuite({
  pages: async (env) => {
    const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#2a6f97' } })
      .png()
      .toBuffer();
    stored = [
      await storeFile(env, png, 'harbour.png', 'image/png', 'image'),
      await storeFile(env, Buffer.from('%PDF-1.4\n% a record’s document\n'), 'terms.pdf', 'application/pdf', 'raw'),
    ];
    return {
      'record.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>record</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Edit listing</h1><form id="f"><upload-widget inline name="photos" cloud-name="${env.cloudName}" upload-preset="demo_unsigned" upload-prefix="${env.server}"
 value="${stored.map((s) => s.preloaded).join(' ')}"></upload-widget></form></main></body></html>`,
      'record.js': recordEvents(['upload-added', 'success', 'queues-start', 'queues-end', 'error']),
    };
  },
});

const submitted = (page) => page.evaluate(() => new FormData(document.getElementById('f')).getAll('photos'));
const rows = (page) =>
  page.evaluate(`(${DEEP_QUERY})('[part=queue-item]').map((r) => ({
    name: r.querySelector('.name')?.textContent,
    status: r.dataset.status,
    img: (() => { const i = r.querySelector('img'); if (!i) return null; const b = i.getBoundingClientRect(); return { src: i.src, loaded: i.complete && i.naturalWidth > 0, width: b.width, height: b.height }; })(),
  }))`);

test('a value of two stored files shows two done rows (the image with its delivered thumbnail); the form submits them as given; Remove takes one out; reset brings it back; nothing is uploaded', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/record.html`);
  await until(async () => (await rows(page)).length === 2, { what: 'two rows' });
  await until(async () => (await rows(page))[0].img?.loaded, { what: 'the image’s thumbnail loaded' });
  const [image, pdf] = await rows(page);
  assert.equal(image.name, `${stored[0].public_id}.png`);
  assert.equal(image.status, 'done');
  assert.ok(image.img.src.startsWith(`${e2e.servers.upload.url}/${e2e.servers.env.cloudName}/image/upload/c_limit,h_60,w_90/`), image.img.src);
  assert.ok(image.img.width > 20 && image.img.height > 10, `thumbnail drawn at ${image.img.width}×${image.img.height}`);
  assert.deepEqual([pdf.name, pdf.status, pdf.img], [stored[1].public_id, 'done', null]);
  assert.deepEqual(
    await submitted(page),
    stored.map((s) => s.preloaded),
  );
  assert.match(await page.text('[part=queue-summary]'), /2 of 2 uploaded/);

  await page.focusRole('button', `Remove from list: ${stored[1].public_id}`);
  await page.press('Enter');
  await until(async () => (await rows(page)).length === 1, { what: 'the PDF’s row gone' });
  assert.deepEqual(await submitted(page), [stored[0].preloaded]);

  await page.evaluate(() => document.getElementById('f').reset());
  await until(async () => (await rows(page)).length === 2, { what: 'both rows back' });
  assert.deepEqual(
    await submitted(page),
    stored.map((s) => s.preloaded),
  );
  assert.deepEqual(await page.evaluate(() => window.events.map((e) => e.name)), [], 'no file added, uploaded or failed');
  await page.close();
});

test('a string that is not a preloaded file is left out with a warning naming it; the others show', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/record.html`);
  await until(async () => (await rows(page)).length === 2, { what: 'two rows' });
  await page.evaluate(
    (value) => {
      document.querySelector('upload-widget').value = value;
    },
    [stored[1].preloaded, 'not a file'],
  );
  await until(async () => (await rows(page)).length === 1, { what: 'one row' });
  assert.deepEqual(await submitted(page), [stored[1].preloaded]);
  const warnings = page.consoleMessages();
  if (warnings)
    assert.ok(
      warnings.some((w) => w.includes('"not a file" is not a preloaded-file string')),
      warnings.join('\n'),
    );
  await page.close();
});
