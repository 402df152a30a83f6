// The packed package installed in a consumer project, in Chromium. The React 19, Vue 3 and
// Svelte 5 examples (demo/frameworks/), built with vite (demo/frameworks/build.mjs): the page is
// rendered on the server in Node, hydrated, the widget opened through a ref, files picked, the
// framework's own code shows the `success` and `queues-end` events, and the server holds the
// bytes. React twice: with the package's component (upload-widget/react) and with a plain
// <upload-widget> whose camelCase props the server writes as lowercase attributes. A Next.js App
// Router app (demo/frameworks/next) through `next build` and `next start`, the same way. And a
// plain form using the installed module, whose submitted value the official Node SDK verifies.
// Runs after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
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
/** Each example folder of demo/frameworks/ built with vite, and its framework. */
const EXAMPLES = { react: 'react', 'react-element': 'react', vue: 'vue', svelte: 'svelte' };
let consumer;
let e2e;
let next;
/** Per example: its built bundles, or the error its build gave. */
const built = {};

/** Every file under `dir`, by its path relative to `base`. */
const filesUnder = (dir, base = dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [[relative(base, path), readFileSync(path, 'utf8')]];
  });

before(async () => {
  // TypeScript 5.9 for the type checks (svelte-check needs TypeScript's API, which this project's TypeScript 7 does not have).
  consumer = makeConsumer(['react', 'react-dom', '@types/react', '@types/react-dom', 'vue', 'svelte', 'next', 'svelte-check', 'typescript'], {
    pins: { typescript: 'node_modules/@lit/localize-tools/node_modules/typescript' },
  });
  for (const [example, framework] of Object.entries(EXAMPLES)) {
    cpSync(join(ROOT, 'demo/frameworks', example), join(consumer, example), { recursive: true });
    // A build that fails fails its own test, not the others.
    built[example] = await buildExample(join(consumer, example), framework).catch((error) => ({ error }));
  }
  cpSync(join(ROOT, 'demo/frameworks/next'), join(consumer, 'next'), { recursive: true });
  nextCommand(['build'], {});
  await once(next.process, 'exit');
  if (next.process.exitCode !== 0) built.next = { error: new Error(`next build:\n${next.output.join('')}`) };
  e2e = await startE2E({
    pages: async (env) => {
      const pages = {};
      const config = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server };
      for (const example of Object.keys(EXAMPLES).filter((name) => !built[name].error)) {
        // Server-side rendering, in this Node process, with the consumer's node_modules.
        const html = await import(pathToFileURL(built[example].server).href).then(
          ({ render }) => render(config),
          (error) => {
            built[example] = { error };
          },
        );
        if (built[example].error) continue;
        pages[`${example}/index.html`] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${example}</title>
<script type="module" src="/${example}/client.js"></script></head>
<body><div id="app" data-config='${JSON.stringify(config)}'>${html}</div></body></html>`;
        for (const [path, text] of filesUnder(join(consumer, example, 'dist/client'))) pages[`${example}/${path}`] = text;
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
  next?.process.kill();
  await e2e?.close();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

/** `next <args>` in the consumer's Next.js app, its output kept. */
function nextCommand(args, env) {
  const child = spawn(process.execPath, [join(consumer, 'node_modules/next/dist/bin/next'), ...args], {
    cwd: join(consumer, 'next'),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  next = { process: child, output: [] };
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => next.output.push(String(chunk)));
  return child;
}

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/** Opens the page, uploads a PNG and a binary file through the widget, and checks what the page's framework code and the server got. */
async function uploadThrough(url, name, { served, oneSource = true }) {
  const page = await e2e.browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
  const response = await page.goto(url);
  // The server's HTML already has the element, configured by its attributes.
  assert.match(await response.text(), served);

  await page.getByRole('button', { name: 'Upload photos' }).click();
  const widget = page.locator('upload-widget');
  await widget.getByRole('button', { name: 'Browse' }).waitFor();
  // `sources` was set as a property by the framework: one source, so no tabs.
  if (oneSource) assert.equal(await widget.getByRole('tab').count(), 0);

  const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#4455dd' } })
    .png()
    .toBuffer();
  const binary = randomBytes(150_000);
  await page.locator('upload-widget input[type=file]').setInputFiles([
    { name: `${name}.png`, mimeType: 'image/png', buffer: png },
    { name: `${name}.bin`, mimeType: 'application/octet-stream', buffer: binary },
  ]);
  // The framework's state, rendered by the framework.
  const list = page.getByRole('list', { name: 'Uploaded files' }).getByRole('listitem');
  await list.nth(1).waitFor({ timeout: 30000 });
  const lines = await list.allTextContents();
  assert.equal(lines.length, 2);
  for (const line of lines) {
    const [file, url] = line.split(': ');
    const stored = Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.ok(stored.equals(file === name && url.includes('/image/') ? png : binary), `${line}: the bytes picked`);
  }
  return { page, problems };
}

const SERVED = {
  react: /<upload-widget class="uploader" cloudName="[^"]+" uploadPreset="demo_unsigned" uploadPrefix="http:\/\/127\.0\.0\.1:\d+"/,
  'react-element': /<upload-widget class="uploader" cloudName="[^"]+" uploadPreset="demo_unsigned" uploadPrefix="http:\/\/127\.0\.0\.1:\d+"/,
  vue: /<upload-widget cloud-name="[^"]+" upload-preset="demo_unsigned" upload-prefix="http:\/\/127\.0\.0\.1:\d+"/,
  svelte: /<upload-widget cloud-name="[^"]+" upload-preset="demo_unsigned" upload-prefix="http:\/\/127\.0\.0\.1:\d+"/,
};

for (const example of Object.keys(EXAMPLES)) {
  test(`${example}: rendered on the server, hydrated, options as properties, a ref opens it, success reaches the framework, bytes on the server`, async () => {
    if (built[example].error) throw built[example].error;
    const { page, problems } = await uploadThrough(e2e.url(`${example}/index.html`), example, {
      served: SERVED[example],
      // A plain element's array props are not server-rendered, and React hydrates it without them.
      oneSource: example !== 'react-element',
    });
    if (EXAMPLES[example] === 'react') await page.getByRole('status').getByText('2 files finished').waitFor();
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

test('Next.js App Router: next build, next start; the component uploads after hydration, from a Server Component and in a client component whose onSuccess and onQueuesEnd fire', async () => {
  if (built.next?.error) throw built.next.error;
  const port = await freePort();
  nextCommand(['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    UW_CLOUD_NAME: e2e.servers.env.cloudName,
    UW_UPLOAD_PREFIX: e2e.servers.env.server,
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let tries = 0; ; tries++) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    assert.ok(tries < 150 && next.process.exitCode === null, `next start:\n${next.output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await serverComponentPage(`${url}server-component`);
  const { page, problems } = await uploadThrough(url, 'next', {
    served: /<upload-widget cloudName="[^"]+" uploadPreset="demo_unsigned" uploadPrefix="http:\/\/127\.0\.0\.1:\d+"/,
  });
  await page.getByRole('status').getByText('2 files finished').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

/** The component rendered straight from a Next.js Server Component: configured after hydration, it uploads. */
async function serverComponentPage(url) {
  const page = await e2e.browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
  await page.goto(url);
  const widget = page.locator('upload-widget');
  await widget.getByRole('button', { name: 'Browse' }).waitFor();
  // `sources`, an array, crossed from the server to the client component and was set as a property.
  await page.waitForFunction(() => document.querySelector('upload-widget').effectiveOptions.sources.join() === 'local');
  assert.equal(await widget.getByRole('tab').count(), 0);
  const success = page.evaluate(
    () => new Promise((resolve) => document.querySelector('upload-widget').addEventListener('success', (e) => resolve(e.detail.secure_url), { once: true })),
  );
  const bytes = randomBytes(20_000);
  await page.locator('upload-widget input[type=file]').setInputFiles([{ name: 'server-component.bin', mimeType: 'application/octet-stream', buffer: bytes }]);
  const stored = Buffer.from(await (await fetch(await success)).arrayBuffer());
  assert.ok(stored.equals(bytes), 'the bytes picked');
  assert.deepEqual(problems, []);
  await page.close();
}

/** Runs a package's command in the consumer project; its output. */
const inConsumer = (bin, args) => spawnSync(process.execPath, [join(consumer, 'node_modules', bin), ...args], { cwd: consumer, encoding: 'utf8' });

test('types: svelte-check passes the Svelte example (kebab-case attributes such as cloud-name={…}, camelCase properties, on<event> listeners)', () => {
  const check = inConsumer('svelte-check/bin/svelte-check', [
    '--workspace',
    join(consumer, 'svelte'),
    '--tsconfig',
    join(consumer, 'svelte/tsconfig.json'),
    '--output',
    'machine',
  ]);
  assert.match(check.stdout, /COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/, check.stdout + check.stderr);
  assert.equal(check.status, 0);
});

for (const example of ['react', 'react-element']) {
  test(`types: tsc --strict passes the ${example} example (the component's props and events, class on the element, the JSX types)`, () => {
    const check = inConsumer('typescript/bin/tsc', ['-p', `${example}/tsconfig.json`]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
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
