// End to end, in the built classic script: describing files before they go (meta-fields). Each
// picked file's row has labelled fields (Alt text, required; Caption); nothing is sent until
// "Upload N files"; a file whose required field is empty stays, its row saying so, and focus goes to
// that field; filled in, it goes; what the server stored as context is what the person typed.
// Runs in each engine (UW_ENGINE, through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents } from '../support/e2e.mjs';

const FIELDS = [
  { name: 'alt', label: 'Alt text', required: true },
  { name: 'caption', label: 'Caption' },
];

const e2e = e2eSuite({
  pages: (env) => ({
    'describe.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>describe</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Gallery</h1><upload-widget inline cloud-name="${env.cloudName}" upload-preset="demo_unsigned" upload-prefix="${env.server}"
 meta-fields='${JSON.stringify(FIELDS)}'></upload-widget></main></body></html>`,
    'record.js': recordEvents(['upload-added', 'success', 'error', 'queues-end']),
  }),
});

/** The row of file `name`: its text, and its fields' boxes with the name's. */
const row = (page, name) =>
  page.evaluate(`(() => {
    const row = (${DEEP_QUERY})('[part=queue-item]').find((r) => r.querySelector('.name')?.textContent === ${JSON.stringify(name)});
    if (!row) return null;
    const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }; };
    return {
      text: row.textContent.replace(/\\s+/g, ' ').trim(),
      row: box(row),
      name: box(row.querySelector('.name')),
      inputs: [...row.querySelectorAll('input')].map((i) => ({ field: i.dataset.field, label: i.closest('label').textContent.replace(/\\s+/g, ' ').trim(), invalid: i.getAttribute('aria-invalid'), ...box(i) })),
    };
  })()`);

/** The focused element, through shadow roots: its field and its row's file. */
const focusedField = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.tagName === 'INPUT' ? { field: el.dataset.field, file: el.closest('li')?.querySelector('.name')?.textContent } : null;
  });

async function typeInto(page, file, field, text) {
  await page.evaluate(`(() => {
    const row = (${DEEP_QUERY})('[part=queue-item]').find((r) => r.querySelector('.name')?.textContent === ${JSON.stringify(file)});
    row.querySelector('input[data-field=${field}]').focus();
  })()`);
  await page.type(text);
}

test('each file has labelled fields; Upload leaves the one without alt text waiting (saying so, focus in its field); filled in, it goes; the server stores the context typed', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/describe.html`);
  await page.waitForRole('button', 'Browse');
  await page.pickFiles([
    { name: 'door.bin', mimeType: 'application/octet-stream', buffer: randomBytes(20_000) },
    { name: 'window.bin', mimeType: 'application/octet-stream', buffer: randomBytes(30_000) },
  ]);
  await until(async () => (await row(page, 'window.bin'))?.inputs.length === 2, { what: 'the fields on the rows' });
  const door = await row(page, 'door.bin');
  assert.deepEqual(
    door.inputs.map((i) => [i.field, i.label]),
    [
      ['alt', 'Alt text *'],
      ['caption', 'Caption'],
    ],
  );
  // Laid out with real sizes, under the name, inside the row.
  for (const input of door.inputs) {
    assert.ok(input.width >= 120 && input.height >= 28, `${input.field}: ${input.width}×${input.height}`);
    assert.ok(input.top >= door.name.bottom - 0.5, `${input.field} is below the name`);
    assert.ok(input.bottom <= door.row.bottom + 0.5, `${input.field} is inside its row`);
  }
  assert.ok(door.inputs[1].top >= door.inputs[0].bottom, 'the fields do not overlap');

  await typeInto(page, 'door.bin', 'alt', 'A red door');
  await typeInto(page, 'door.bin', 'caption', 'Front | porch');
  assert.deepEqual(await page.evaluate(() => window.events.map((e) => e.name).filter((n) => n !== 'upload-added')), [], 'nothing sent before Upload');

  await page.focusRole('button', 'Upload 2 files');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'success'), null, { timeout: 30_000 });
  await until(async () => /fill in Alt text to upload this file/.test((await row(page, 'window.bin'))?.text ?? ''), { what: 'the reason on the waiting row' });
  assert.equal((await row(page, 'window.bin')).inputs[0].invalid, 'true');
  assert.deepEqual(await until(() => focusedField(page), { what: 'focus in a field' }), { field: 'alt', file: 'window.bin' });
  const error = await page.evaluate(() => window.events.find((e) => e.name === 'error')?.detail);
  assert.equal(error.file.name, 'window.bin');

  await page.type('A blue window');
  await until(async () => !/fill in/.test((await row(page, 'window.bin')).text), { what: 'the reason gone once typed' });
  await page.focusRole('button', 'Upload 1 file');
  await page.press('Enter');
  await page.waitFor(() => window.events.filter((e) => e.name === 'success').length === 2, null, { timeout: 30_000 });
  const stored = await page.evaluate(() =>
    window.events.filter((e) => e.name === 'success').map((e) => [e.detail.original_filename, e.detail.context?.custom]),
  );
  assert.deepEqual(stored, [
    ['door', { alt: 'A red door', caption: 'Front | porch' }],
    ['window', { alt: 'A blue window' }],
  ]);
  await page.close();
});
