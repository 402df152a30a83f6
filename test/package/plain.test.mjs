// The packed package as people take it without a framework, in Chromium against the local server:
//   - one file: only `upload-widget.iife.js`, copied out of the installed package to a "CDN" folder
//     of its own, as the README's script tag shows; it must upload on its own (plain and chunked);
//   - a Vite + TypeScript (strict) site: type-checked with the consumer's own tsc, built with its
//     own vite, run in the browser;
//   - the install itself: no warning on this Node (a user's `npm install upload-widget`).
// Runs after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { STRICT_TS, makeConsumer } from '../support/consumer.mjs';
import { startE2E, widgetAttributes } from '../support/e2e.mjs';

let consumer;
let e2e;

/** Every file under `dir`, by its path relative to `base`. */
const filesUnder = (dir, base = dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [[relative(base, path), readFileSync(path, 'utf8')]];
  });

/** Records what a user of the page would notice going wrong. */
function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  page.on('requestfailed', (r) => problems.push(`failed ${r.url()}`));
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
  return problems;
}

/** The page's own list of uploaded files: "name: secure_url" lines, written by its success listener. */
async function uploadedLines(page, count) {
  const items = page.getByRole('list', { name: 'Uploaded files' }).getByRole('listitem');
  await items.nth(count - 1).waitFor({ timeout: 30000 });
  return items.allTextContents();
}

const SUCCESS_LIST = `const list = document.querySelector('#uploaded');
  widget.addEventListener('success', (e) => {
    const item = document.createElement('li');
    item.textContent = e.detail.original_filename + ': ' + e.detail.secure_url;
    list.append(item);
  });`;

before(async () => {
  consumer = makeConsumer(['vite', 'typescript']);
  e2e = await startE2E({
    pages: async (env) => {
      const pages = {};
      // One file, nothing beside it.
      pages['cdn/upload-widget.iife.js'] = readFileSync(join(consumer, 'node_modules/upload-widget/dist/upload-widget.iife.js'), 'utf8');
      pages['one-file/index.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>One file</title>
<script src="/cdn/upload-widget.iife.js"></script></head><body><main><h1>One file</h1>
<upload-widget inline ${widgetAttributes(env)} max-chunk-size="5242880"></upload-widget>
<ol id="uploaded" aria-label="Uploaded files"></ol></main>
<script>const widget = document.querySelector('upload-widget');
  ${SUCCESS_LIST}</script></body></html>`;

      // A Vite + TypeScript strict site.
      const site = join(consumer, 'site');
      mkdirSync(join(site, 'src'), { recursive: true });
      writeFileSync(
        join(site, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: STRICT_TS,
          include: ['src'],
        }),
      );
      writeFileSync(
        join(site, 'index.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Vite site</title>
<script type="module" src="/src/main.ts"></script></head><body><main><h1>Vite site</h1>
<button id="open" type="button">Add photos</button>
<upload-widget ${widgetAttributes(env)}></upload-widget>
<ol id="uploaded" aria-label="Uploaded files"></ol></main></body></html>`,
      );
      writeFileSync(
        join(site, 'src/main.ts'),
        `import 'upload-widget';

// Typed by the package: the tag name gives the element's class, the event name its detail.
const widget = document.querySelector('upload-widget');
if (!widget) throw new Error('no widget');
widget.sources = ['local'];
const list = document.querySelector<HTMLOListElement>('#uploaded');
widget.addEventListener('success', (event) => {
  const item = document.createElement('li');
  const url: string = event.detail.secure_url;
  item.textContent = event.detail.original_filename + ': ' + url;
  list?.append(item);
});
document.querySelector('#open')?.addEventListener('click', () => widget.open());
`,
      );
      const bin = (name) => join(consumer, 'node_modules/.bin', name);
      execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: site, encoding: 'utf8' });
      execFileSync(bin('vite'), ['build', '--base', '/site/', '--logLevel', 'warn'], { cwd: site, encoding: 'utf8' });
      for (const [path, text] of filesUnder(join(site, 'dist'))) pages[`site/${path}`] = text;
      return pages;
    },
  });
});

after(async () => {
  await e2e?.close();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

test('the classic script alone, with nothing beside it, uploads a file and a chunked big file; the server has the bytes', async () => {
  const page = await e2e.browser.newPage();
  const problems = watch(page);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(e2e.url('one-file/index.html'));
  const widget = page.locator('upload-widget');
  await widget.getByRole('button', { name: 'Browse' }).waitFor();
  const png = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#33aa66' } })
    .png()
    .toBuffer();
  // Over the 5 MiB chunk size: two chunks.
  const big = randomBytes(6 * 1024 * 1024 + 12_345);
  await page.locator('upload-widget input[type=file]').setInputFiles([
    { name: 'small.png', mimeType: 'image/png', buffer: png },
    { name: 'big.bin', mimeType: 'application/octet-stream', buffer: big },
  ]);
  const lines = await uploadedLines(page, 2);
  for (const line of lines) {
    const [name, url] = line.split(': ');
    const stored = Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.ok(stored.equals(name === 'small' ? png : big), `${line}: the bytes picked`);
  }
  // Without the queue's view the widget lists the files in a plain list, with their state.
  const rows = await widget.getByRole('list', { name: 'Files' }).getByRole('listitem').allTextContents();
  assert.deepEqual(rows.map((text) => text.replace(/\s+/g, ' ').trim()).sort(), ['big.bin Done', 'small.png Done']);
  // Beside the script, the page may only have asked for the niceties an upload tries and does
  // without (the queue's full view, shown as a plain list without it; keeping a chunked file across
  // a reload; hashing, to verify the bytes stored; the announcer, whose live regions stay empty
  // without it): no other part.
  const NICETIES = [
    '/cdn/parts/queue-view.js',
    '/cdn/parts/row-previews.js',
    '/cdn/parts/resume-keeper.js',
    '/cdn/parts/file-hash.js',
    '/cdn/parts/announcer.js',
  ];
  assert.deepEqual(
    requested.filter((path) => path.startsWith('/cdn/') && !NICETIES.includes(path)),
    ['/cdn/upload-widget.iife.js'],
  );
  // Their absence is not the person's problem: no notice in the panel, no error, nothing else failed.
  assert.equal(await page.evaluate(() => document.querySelector('upload-widget').shadowRoot.querySelector('[part=part-problem]')), null);
  const niceties = problems.filter((p) => NICETIES.some((path) => p.endsWith(path)));
  // The browser's own console line for each of those 404s, and nothing more.
  let consoleLines = niceties.filter((p) => p.startsWith('404 ')).length;
  const rest = problems.filter(
    (p) => !niceties.includes(p) && !(p.startsWith('Failed to load resource: the server responded with a status of 404') && consoleLines-- > 0),
  );
  assert.deepEqual(rest, []);
  await page.close();
});

test('a Vite + strict TypeScript site type-checks against the package, builds, and uploads; the server has the bytes', async () => {
  const page = await e2e.browser.newPage();
  const problems = watch(page);
  await page.goto(e2e.url('site/index.html'));
  await page.getByRole('button', { name: 'Add photos' }).click();
  const widget = page.locator('upload-widget');
  await widget.getByRole('button', { name: 'Browse' }).waitFor();
  const png = await sharp({ create: { width: 20, height: 30, channels: 3, background: '#aa3366' } })
    .png()
    .toBuffer();
  await page.locator('upload-widget input[type=file]').setInputFiles([{ name: 'vite.png', mimeType: 'image/png', buffer: png }]);
  const [line] = await uploadedLines(page, 1);
  const stored = Buffer.from(await (await fetch(line.split(': ')[1])).arrayBuffer());
  assert.ok(stored.equals(png), 'the bytes picked');
  assert.deepEqual(problems, []);
  await page.close();
});

test('installing the package alone prints no warning on this Node (no engine or peer complaints)', () => {
  const alone = makeConsumer();
  try {
    const said = readFileSync(join(alone, 'npm-install.log'), 'utf8');
    assert.doesNotMatch(said, /warn/i, said);
    assert.ok(statSync(join(alone, 'node_modules/upload-widget/dist/upload-widget.iife.js')).size > 0);
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
});
