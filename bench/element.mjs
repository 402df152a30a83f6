// The element as people use it, for bench/run.mjs: the built classic script (dist/) with its
// defaults, the dialog open, files picked through its file input, the queue on screen; beside it
// plain XHR of the same files in the same page, in interleaved rounds. Also the main thread while
// it uploads (longest gap between frames, long tasks), and how soon the first request leaves.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// BENCH_DIST: another build to measure (e.g. main's, for a before/after).
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const TYPES = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.map': 'application/json' };

/** The newest modification time under `dir` (files only). */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than src/ or locales/: the bench measures what ships. */
export function ensureBuilt(log) {
  if (process.env.BENCH_DIST) return;
  const script = join(DIST, 'upload-widget.iife.js');
  if (existsSync(script) && statSync(script).mtimeMs >= Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'locales')))) return;
  log('building dist/ (the element bench loads the built classic script)');
  execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
}

/** The element page's routes: /element.html, /element-page.js, and dist/ under /dist/. */
export async function elementRoutes() {
  const bundle = await build({
    entryPoints: [join(ROOT, 'bench/element-page.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const pageJs = bundle.outputFiles[0].text;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>element bench</title>
<script src="/dist/upload-widget.iife.js"></script><script type="module" src="/element-page.js"></script></head>
<body><input type="file" id="big"></body></html>`;
  const send = (res, type, body) => {
    res.writeHead(200, { 'Content-Type': type }).end(body);
    return true;
  };
  return (path, res) => {
    if (path === '/element.html') return send(res, TYPES['.html'], html);
    if (path === '/element-page.js') return send(res, TYPES['.js'], pageJs);
    if (path.startsWith('/dist/')) {
      const file = normalize(join(DIST, path.slice('/dist/'.length)));
      if (!file.startsWith(DIST) || !existsSync(file)) {
        res.writeHead(404).end();
        return true;
      }
      return send(res, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
    }
    return false;
  };
}

/** A fresh page with the element's script, set up for the server's cloud. */
async function elementPage({ browser, url, cloudName, log }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && log(`page error: ${m.text()}`));
  await page.goto(`${url}/element.html`);
  await page.waitForFunction(() => window.elementBench && customElements.get('upload-widget'));
  await page.evaluate((c) => window.elementBench.setup(c), cloudName);
  return page;
}

const summary = (runs) => ({
  ms: median(runs.map((r) => r.ms)),
  longestGap: Math.max(...runs.map((r) => r.longestGap)),
  gapMedian: median(runs.map((r) => r.longestGap)),
  longTasks: median(runs.map((r) => r.longTasks)),
  longestTask: Math.max(...runs.map((r) => r.longestTask)),
  firstRequestMs: median(runs.map((r) => r.firstRequestMs)),
});

/**
 * Many small files: the element (its default concurrency) against plain XHR at the same
 * concurrency, `runs` interleaved rounds; then the same small files with `queued` tiny files waiting
 * behind them (the time for the small ones).
 */
export async function benchElementSmall({ browser, url, cloudName, count, size, runs, queued, concurrency, check, dropAssets, log }) {
  const page = await elementPage({ browser, url, cloudName, log });
  await page.evaluate(([n, s]) => window.elementBench.makeSmallFiles(n, s), [count, size]);
  // Warm-up: the first pick loads the queue's part and builds the formatters; measured apart below.
  const first = await page.evaluate(() => window.elementBench.elementSmall());
  check('element warm-up', first, count);
  await page.evaluate((c) => window.elementBench.bareSmall(c), concurrency);
  await dropAssets();
  const element = [];
  const bare = [];
  const ratios = [];
  // Hashing's cost: the element with no file hashed (not verified, no copies looked for), in the
  // same rounds, against the element and against plain XHR; and the engine's alone: the widget
  // never opened, the files given by the page.
  const verifyRatios = [];
  const unhashedRatios = [];
  const unopenedRatios = [];
  // And with a prepareUploadParams that answers in 40 ms: what a site's signing server costs.
  const hookedRatios = [];
  const FN = {
    element: 'elementSmall',
    bare: 'bareSmall',
    unhashed: 'elementSmallUnhashed',
    unopened: 'elementSmallUnopened',
    hooked: 'elementSmallHooked',
  };
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ['element', 'bare', 'unhashed', 'unopened', 'hooked'] : ['hooked', 'unopened', 'unhashed', 'bare', 'element'];
    const got = {};
    for (const who of order) {
      got[who] = await page.evaluate(([fn, c]) => window.elementBench[fn](c), [FN[who], concurrency]);
      check(`${who} small`, got[who], count);
    }
    element.push(got.element);
    bare.push(got.bare);
    ratios.push(got.element.ms / got.bare.ms);
    verifyRatios.push(got.element.ms / got.unhashed.ms);
    unhashedRatios.push(got.unhashed.ms / got.bare.ms);
    unopenedRatios.push(got.unopened.ms / got.bare.ms);
    hookedRatios.push(got.hooked.ms / got.bare.ms);
    await dropAssets();
  }
  log(
    `element ${count} small: ${element.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(', ')} | bare ${bare.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(', ')}`,
  );
  let withQueued;
  if (queued > 0) {
    await page.evaluate((n) => window.elementBench.makeTinyFiles(n), queued);
    withQueued = await page.evaluate(() => window.elementBench.elementSmallWithQueued());
    check(`element small with ${queued} queued`, withQueued, count);
    await dropAssets();
  }
  await page.close();
  return {
    first,
    element: summary(element),
    bare: summary(bare),
    bareMs: median(bare.map((r) => r.ms)),
    ratio: median(ratios),
    spread: [Math.min(...ratios), Math.max(...ratios)],
    verify: { ratio: median(verifyRatios), spread: [Math.min(...verifyRatios), Math.max(...verifyRatios)] },
    unhashed: { ratio: median(unhashedRatios), spread: [Math.min(...unhashedRatios), Math.max(...unhashedRatios)] },
    unopened: { ratio: median(unopenedRatios), spread: [Math.min(...unopenedRatios), Math.max(...unopenedRatios)] },
    hooked: { ratio: median(hookedRatios), spread: [Math.min(...hookedRatios), Math.max(...hookedRatios)] },
    withQueued,
  };
}

/** One big file from disk: the element with its defaults against one plain XHR of the whole file. */
export async function benchElementBig({ browser, url, cloudName, path, bytes, runs, check, dropAssets, log }) {
  const one = async (fn) => {
    execFileSync('sync');
    const page = await elementPage({ browser, url, cloudName, log });
    await page.locator('#big').setInputFiles(path);
    const res = await page.evaluate((f) => window.elementBench[f](), fn);
    check(fn, res, 1);
    if (res.bytes !== bytes) log(`WARNING ${fn}: stored ${res.bytes} bytes, expected ${bytes}`);
    await page.close();
    await dropAssets();
    return res;
  };
  const element = [];
  const bare = [];
  const ratios = [];
  const verifyRatios = [];
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ['elementBig', 'bareBig', 'elementBigUnverified'] : ['elementBigUnverified', 'bareBig', 'elementBig'];
    const got = {};
    for (const fn of order) got[fn] = await one(fn);
    element.push(got.elementBig);
    bare.push(got.bareBig);
    ratios.push(got.elementBig.ms / got.bareBig.ms);
    verifyRatios.push(got.elementBig.ms / got.elementBigUnverified.ms);
  }
  log(`element big: ${element.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(', ')} | bare ${bare.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(', ')}`);
  return {
    element: summary(element),
    bare: summary(bare),
    bareMs: median(bare.map((r) => r.ms)),
    ratio: median(ratios),
    spread: [Math.min(...ratios), Math.max(...ratios)],
    verify: { ratio: median(verifyRatios), spread: [Math.min(...verifyRatios), Math.max(...verifyRatios)] },
    heapPeakMB: Math.max(...element.map((r) => r.heapPeakMB)),
  };
}
