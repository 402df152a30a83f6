// The packed package installed in a consumer project, in Chromium. The React 19, Vue 3 and
// Svelte 5 examples (demo/frameworks/), built with vite (demo/frameworks/build.mjs): the page is
// rendered on the server in Node, hydrated, the widget opened through a ref, files picked, the
// framework's own code shows the `success` events, and the server holds the bytes. And a plain
// form using the installed module, whose submitted value the official Node SDK verifies.
// Runs after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { buildExample } from '../../demo/frameworks/build.mjs';
import { makeConsumer } from '../support/consumer.mjs';
import { startE2E } from '../support/e2e.mjs';
import { TEST_CLOUDINARY_URL } from '../support/servers.mjs';

const require = createRequire(import.meta.url);
const cloudinary = require('cloudinary').v2;
const PreloadedFile = require('cloudinary/lib/preloaded_file');

const ROOT = resolve(import.meta.dirname, '../..');
const FRAMEWORKS = ['react', 'vue', 'svelte'];
let consumer;
let e2e;

/** Every file under `dir`, by its path relative to `base`. */
const filesUnder = (dir, base = dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [[relative(base, path), readFileSync(path, 'utf8')]];
  });

before(async () => {
  consumer = makeConsumer(['react', 'react-dom', 'vue', 'svelte']);
  const built = {};
  for (const framework of FRAMEWORKS) {
    cpSync(join(ROOT, 'demo/frameworks', framework), join(consumer, framework), { recursive: true });
    built[framework] = await buildExample(join(consumer, framework), framework);
  }
  e2e = await startE2E({
    pages: async (env) => {
      const pages = {};
      const config = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server };
      for (const framework of FRAMEWORKS) {
        // Server-side rendering, in this Node process, with the consumer's node_modules.
        const { render } = await import(pathToFileURL(built[framework].server).href);
        const html = await render(config);
        pages[`${framework}/index.html`] =
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${framework}</title>
<script type="module" src="/${framework}/client.js"></script></head>
<body><div id="app" data-config='${JSON.stringify(config)}'>${html}</div></body></html>`;
        for (const [path, text] of filesUnder(join(consumer, framework, 'dist/client'))) pages[`${framework}/${path}`] = text;
      }
      // The installed package's own files, served as a site serves node_modules/upload-widget/dist/.
      for (const [path, text] of filesUnder(join(consumer, 'node_modules/upload-widget/dist')).filter(([p]) => p.endsWith('.js'))) pages[`pkg/${path}`] = text;
      pages['form/index.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Form</title>
<script type="module" src="/pkg/upload-widget.js"></script></head><body><main><h1>Profile</h1>
<form action="/form/saved.html" method="get"><upload-widget name="photo" required inline cloud-name="${config.cloudName}" upload-preset="demo_unsigned" upload-prefix="${config.uploadPrefix}"></upload-widget>
<button type="submit">Save</button></form></main></body></html>`;
      pages['form/saved.html'] =
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Saved</title></head><body><main><h1>Saved</h1></main></body></html>';
      return pages;
    },
  });
});

after(async () => {
  await e2e?.close();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

for (const framework of FRAMEWORKS) {
  test(`${framework}: rendered on the server, hydrated, options as properties, a ref opens it, success reaches the framework, bytes on the server`, async () => {
    const page = await e2e.browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
    const response = await page.goto(e2e.url(`${framework}/index.html`));
    // The server's HTML already has the element, configured by its attributes.
    const served = await response.text();
    assert.match(served, /<upload-widget cloud-name="[^"]+" upload-preset="demo_unsigned" upload-prefix="http:\/\/127\.0\.0\.1:\d+"/);

    await page.getByRole('button', { name: 'Upload photos' }).click();
    const widget = page.locator('upload-widget');
    await widget.getByRole('button', { name: 'Browse' }).waitFor();
    // `sources` was set as a property by the framework: one source, so no tabs.
    assert.equal(await widget.getByRole('tab').count(), 0);

    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#4455dd' } })
      .png()
      .toBuffer();
    const binary = randomBytes(150_000);
    await page.locator('upload-widget input[type=file]').setInputFiles([
      { name: `${framework}.png`, mimeType: 'image/png', buffer: png },
      { name: `${framework}.bin`, mimeType: 'application/octet-stream', buffer: binary },
    ]);
    // The framework's state, rendered by the framework.
    const list = page.getByRole('list', { name: 'Uploaded files' }).getByRole('listitem');
    await list.nth(1).waitFor({ timeout: 30000 });
    const lines = await list.allTextContents();
    assert.equal(lines.length, 2);
    for (const line of lines) {
      const [name, url] = line.split(': ');
      const stored = Buffer.from(await (await fetch(url)).arrayBuffer());
      assert.ok(stored.equals(name === framework && url.includes('/image/') ? png : binary), `${line}: the bytes picked`);
    }
    // Another language: its module was bundled by the site's vite like the rest of the package.
    await page.evaluate(() => document.querySelector('upload-widget').setAttribute('language', 'de'));
    await page.waitForFunction(() => {
      const title = document.querySelector('upload-widget').shadowRoot.querySelector('[part=title]');
      return title?.textContent.trim() === 'Upload-Warteschlange';
    });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a form with the installed package submits a photo value that the official Node SDK verifies', async () => {
  const { username: api_key, password: api_secret, host: cloud_name } = new URL(TEST_CLOUDINARY_URL);
  cloudinary.config({ cloud_name, api_key, api_secret });
  const page = await e2e.browser.newPage();
  await page.goto(e2e.url('form/index.html'));
  await page.locator('upload-widget').getByRole('button', { name: 'Browse' }).waitFor();
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#dd8844' } })
    .png()
    .toBuffer();
  await page.locator('upload-widget input[type=file]').setInputFiles([{ name: 'me.png', mimeType: 'image/png', buffer: png }]);
  await page.waitForFunction(() => document.querySelector('upload-widget').values.length === 1, null, { timeout: 30000 });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/saved\.html/);
  const [value] = new URL(page.url()).searchParams.getAll('photo');
  const photo = new PreloadedFile(value);
  assert.equal(photo.is_valid(), true, `${value} verifies`);
  const stored = Buffer.from(await (await fetch(`${e2e.url(cloud_name)}/image/upload/v${photo.version}/${photo.public_id}.${photo.format}`)).arrayBuffer());
  assert.ok(stored.equals(png), 'the value names the bytes picked');
  await page.close();
});
