// npm run bench: the widget against plain XHR uploads of the same files, in the same Chromium, to
// the local server, in the same run: the element as people use it (the built classic script, its
// defaults, the dialog open, the queue on screen; bench/element.mjs) and its upload engine alone.
// Prints ratios; asserts nothing.
//   BENCH_RUNS     runs per small-file measurement, median taken (default 5: the machine is shared and noisy)
//   BENCH_BIG_MB   sizes of the chunked big files in MiB (default 96,1024; 0 skips them)
//   BENCH_BIG_RUNS runs per big-file measurement (default 3; median and spread printed)
//   BENCH_CHUNKS   maxConcurrentChunks values tried on the big files (default 1,2,3,4)
//   BENCH_C        concurrencies for the small files (default 1,2,3,4,6)
//   BENCH_SMALL    how many small files (default 200)
//   BENCH_DIST     the build the element bench loads (default dist/, built first when older than src/)
//   BENCH_ELEMENT_QUEUED  tiny files waiting behind the small ones in the element's queue (default 10000; 0 skips)
//   BENCH_QUEUE_FILES, BENCH_QUEUE_STEPS  the queue's sizes (default 10000,100000) and scroll jumps (bench/queue.mjs)
import { benchQueue, QUEUE_SIZES } from './queue.mjs';
import { benchBundleSize } from './bundle-size.mjs';
import { benchElementBig, benchElementSmall, elementRoutes, ensureBuilt } from './element.mjs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { findChrome, CHROME_ARGS } from '../scripts/chrome.mjs';
import { startServer } from '../server/index.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 5);
const BIG_SIZES_MB = (process.env.BENCH_BIG_MB ?? '96,1024')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const BIG_RUNS = Math.max(1, Number(process.env.BENCH_BIG_RUNS) || 3);
const CHUNK_PARALLEL = (process.env.BENCH_CHUNKS || '1,2,3,4')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const BIG_BYTES = Math.max(0, ...BIG_SIZES_MB) * 2 ** 20;
const SMALL_COUNT = Math.max(1, Number(process.env.BENCH_SMALL) || 200);
const SMALL_SIZE = 256 * 1024;
const ELEMENT_QUEUED = Math.max(0, Number(process.env.BENCH_ELEMENT_QUEUED ?? 10000) || 0);
const CONCURRENCIES = (process.env.BENCH_C || '1,2,3,4,6')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

const started = Date.now();
const log = (line) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Writes `bytes` of patterned data to `path`, 1 MiB at a time (never the whole file in memory). */
async function writeBigFile(path, bytes) {
  const block = randomBytes(2 ** 20);
  const fh = await open(path, 'w');
  try {
    for (let at = 0, n = 0; at < bytes; at += block.length, n++) {
      block.writeUInt32LE(n, 0); // every MiB differs, so a misplaced chunk would show in the tests' checks
      await fh.write(block, 0, Math.min(block.length, bytes - at));
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'uw-bench-'));
const dataDir = join(tmp, 'data');
let server;
let browser;
const cleanup = async () => {
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));
process.on('SIGTERM', () => cleanup().finally(() => process.exit(143)));

try {
  // The page imports src/, which imports the locale modules lit-localize generates from locales/*.xlf
  // (build output, absent from a fresh clone).
  execFileSync('npx', ['lit-localize', 'build'], { cwd: ROOT, stdio: 'ignore' });
  ensureBuilt(log);
  const elementRoute = await elementRoutes();
  // The page's code, bundled from src/ in memory.
  const bundle = await build({
    entryPoints: [join(ROOT, 'bench/page.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const pageJs = bundle.outputFiles[0].text;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/page.js"></script></head><body><input type="file" id="big"></body></html>`;

  server = await startServer({
    port: 0,
    dataDir,
    presets: { demo_unsigned: { unsigned: true } },
    maxRequestBytes: BIG_BYTES + 200 * 2 ** 20, // room for the single-request baseline
    // Same origin as the API: no CORS preflight for either contestant.
    fallback: (req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (elementRoute(path, res)) return;
      if (path === '/page.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(pageJs);
      if (path === '/') return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
      res.writeHead(404).end();
    },
  });
  const cloudName = server.config.cloudName;
  // Stored assets are not needed once counted: drop them so the data dir stays small.
  // A request the element cancelled may still be writing its file on the server: retried, not failed (ENOTEMPTY).
  const gone = { recursive: true, force: true, maxRetries: 5, retryDelay: 50 };
  const dropAssets = () => Promise.all([rm(join(dataDir, cloudName), gone), rm(join(dataDir, '.meta'), gone)]);

  browser = await chromium.launch({
    executablePath: await findChrome(),
    headless: true,
    args: [...CHROME_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const openPage = async () => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.bench);
    await page.evaluate((c) => window.bench.setup(c), cloudName);
    return page;
  };
  const check = (what, r, count) => {
    if (r.failed || r.ok !== count) log(`WARNING ${what}: ${r.ok}/${count} stored, ${r.failed} failed (${r.error})`);
  };

  // 1. Many small files, per concurrency.
  const page = await openPage();
  const defaults = await page.evaluate(() => window.bench.defaults());
  await page.evaluate(([n, s]) => window.bench.makeSmallFiles(n, s), [SMALL_COUNT, SMALL_SIZE]);
  log(`${SMALL_COUNT} × ${SMALL_SIZE / 1024} KB files made in the page; warming up`);
  await page.evaluate(() => window.bench.widgetSmall(3));
  await page.evaluate(() => window.bench.bareSmall(3));
  await dropAssets();
  const small = [];
  for (const [ci, c] of CONCURRENCIES.entries()) {
    const w = [];
    const b = [];
    const ratios = []; // per run: both sides ran back to back, so a load spike elsewhere hits both
    for (let r = 0; r < RUNS; r++) {
      // Alternate who goes first, so neither always gets the warmer (or more cluttered) disk.
      const order = (r + ci) % 2 === 0 ? ['widget', 'bare'] : ['bare', 'widget'];
      for (const who of order) {
        const res = await page.evaluate(([fn, cc]) => window.bench[fn](cc), [who === 'widget' ? 'widgetSmall' : 'bareSmall', c]);
        check(`${who} c=${c}`, res, SMALL_COUNT);
        (who === 'widget' ? w : b).push(res.ms);
      }
      ratios.push(w.at(-1) / b.at(-1));
      await dropAssets();
    }
    small.push({ c, wMed: median(w), bMed: median(b), ratio: median(ratios) });
    log(`c=${c}: widget ${w.map(sec).join(', ')} | bare ${b.map(sec).join(', ')}`);
  }
  await page.close();

  // The same small files through the element, at its default concurrency.
  const benchArgs = { browser, url: server.url, cloudName, check, dropAssets, log };
  const elementSmall = await benchElementSmall({
    ...benchArgs,
    count: SMALL_COUNT,
    size: SMALL_SIZE,
    runs: RUNS,
    queued: ELEMENT_QUEUED,
    concurrency: defaults.maxConcurrentUploads,
  });

  // 2. Big files from disk: chunked by the widget (at each chunk parallelism) vs one request, each
  // in a fresh page (so neither inherits the other's garbage in the heap figures), in alternating
  // order per run.
  const big = [];
  for (const sizeMB of BIG_SIZES_MB) {
    const bytes = sizeMB * 2 ** 20;
    const bigPath = join(tmp, `big-${sizeMB}.bin`);
    log(`writing ${sizeMB} MiB to ${bigPath}`);
    await writeBigFile(bigPath, bytes);
    const bigRun = async (fn, options = {}) => {
      // Flush the disk cache's dirty pages first: a run must not pay for the previous one's writes.
      execFileSync('sync');
      const p = await openPage();
      await p.locator('#big').setInputFiles(bigPath); // a disk-backed File: no bytes in JS
      const res = await p.evaluate(([f, o]) => window.bench[f](o), [fn, options]);
      check(fn, res, 1);
      if (res.bytes !== bytes) log(`WARNING ${fn}: stored ${res.bytes} bytes, expected ${bytes}`);
      await p.close();
      await dropAssets();
      return res;
    };
    const bare = [];
    const hand = [];
    const widget = new Map(CHUNK_PARALLEL.map((p) => [p, []]));
    const ratios = new Map(CHUNK_PARALLEL.map((p) => [p, []]));
    for (let r = 0; r < BIG_RUNS; r++) {
      // 0: one bare request; -1: the chunk protocol by hand (no goal, it tells the protocol's own cost).
      const order = r % 2 === 0 ? [0, -1, ...CHUNK_PARALLEL] : [...CHUNK_PARALLEL].reverse().concat(-1, 0);
      const got = new Map();
      for (const p of order)
        got.set(p, p === 0 ? await bigRun('bareBig') : p === -1 ? await bigRun('handBig') : await bigRun('widgetBig', { maxConcurrentChunks: p }));
      bare.push(got.get(0));
      hand.push(got.get(-1).ms / got.get(0).ms);
      for (const p of CHUNK_PARALLEL) {
        widget.get(p).push(got.get(p));
        ratios.get(p).push(got.get(p).ms / got.get(0).ms);
      }
      log(
        `${sizeMB} MiB run ${r + 1}: bare ${sec(got.get(0).ms)}; by hand ${sec(got.get(-1).ms)}; ${CHUNK_PARALLEL.map((p) => `${p} at once ${sec(got.get(p).ms)}`).join(', ')}`,
      );
    }
    const element = await benchElementBig({ ...benchArgs, path: bigPath, bytes, runs: BIG_RUNS });
    await rm(bigPath, { force: true });
    big.push({ sizeMB, bare, hand, widget, ratios, element });
  }

  // The queue view with 10,000 and 100,000 files: first paint, DOM rows, longest task while
  // scrolling, page memory (each size in a page of its own).
  const queueRows = [...benchBundleSize()];
  for (const files of QUEUE_SIZES) queueRows.push(...(await benchQueue({ browser, files })));

  // The table.
  const rows = [['benchmark', 'widget', 'baseline', 'ratio', 'goal']];
  for (const q of queueRows) rows.push([q.name, q.value, q.baseline ?? '', q.ratio ?? '', q.goal ?? '']);
  const ms = (x) => `${Math.round(x)} ms`;
  const ratioOf = (r) => `${r.ratio.toFixed(2)} (${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)})`;
  const es = elementSmall;
  const uploadsAtOnce = defaults.maxConcurrentUploads;
  rows.push([
    `element: ${SMALL_COUNT} × 256 KB, queue on screen (${uploadsAtOnce} at once) vs plain XHR`,
    sec(es.element.ms),
    sec(es.bareMs),
    ratioOf(es),
    '≤ 1.15',
  ]);
  rows.push([
    `element: ${SMALL_COUNT} × 256 KB, hashing on vs off (each file's MD5: verifyUploads, and checkDuplicates as these files share one size)`,
    '',
    '',
    ratioOf(es.verify),
    '',
  ]);
  rows.push([`element: ${SMALL_COUNT} × 256 KB, queue on screen, no file hashed, vs plain XHR`, '', '', ratioOf(es.unhashed), '']);
  rows.push([
    `element: ${SMALL_COUNT} × 256 KB, never opened (files by addFiles()) vs plain XHR: the engine without the view`,
    '',
    '',
    ratioOf(es.unopened),
    '',
  ]);
  rows.push([
    `element: the same, with a prepareUploadParams answering in 40 ms (a site's server per file) vs plain XHR without one`,
    '',
    '',
    ratioOf(es.hooked),
    '',
  ]);
  rows.push([`element: ${SMALL_COUNT} × 256 KB, longest frame gap while uploading`, ms(es.element.gapMedian), ms(es.bare.gapMedian), '', '≤ 50 ms']);
  rows.push([`element: ${SMALL_COUNT} × 256 KB, long tasks while uploading (longest)`, `${es.element.longTasks} (${ms(es.element.longestTask)})`, '', '', '']);
  rows.push([`element: first request after upload-added (first pick of the page)`, ms(es.first.firstRequestMs), '', '', '≤ 30 ms']);
  rows.push([`element: first request after upload-added (later picks)`, ms(es.element.firstRequestMs), '', '', '≤ 30 ms']);
  if (es.withQueued) {
    rows.push([
      `element: ${SMALL_COUNT} × 256 KB with ${ELEMENT_QUEUED} more files queued behind`,
      sec(es.withQueued.ms),
      sec(es.bareMs),
      (es.withQueued.ms / es.bareMs).toFixed(2),
      '',
    ]);
    rows.push([`element: the same, longest frame gap while uploading`, ms(es.withQueued.longestGap), '', '', '≤ 50 ms']);
  }
  for (const s of small) {
    rows.push([`engine: ${SMALL_COUNT} × 256 KB, concurrency ${s.c}`, sec(s.wMed), sec(s.bMed), s.ratio.toFixed(2), '≤ 1.10']);
  }
  const mb = (x) => `${x.toFixed(1)} MB`;
  const chunkMB = (defaults.maxChunkSize / 1e6).toFixed(0);
  const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  for (const b of big) {
    const name = b.sizeMB === 1024 ? '1 GiB' : `${b.sizeMB} MiB`;
    const bareMs = median(b.bare.map((x) => x.ms));
    const e = b.element;
    rows.push([`element: ${name}, queue on screen, defaults vs 1 request`, sec(e.element.ms), sec(e.bareMs), ratioOf(e), '≤ 1.10']);
    rows.push([`element: ${name}, verifyUploads on vs off (its MD5 computed in a worker)`, '', '', ratioOf(e.verify), '']);
    rows.push([`element: ${name}, longest frame gap while uploading`, ms(e.element.gapMedian), ms(e.bare.gapMedian), '', '≤ 50 ms']);
    rows.push([`element: ${name}, peak JS heap during upload`, mb(e.heapPeakMB), '', '', '< 64 MB']);
    for (const p of CHUNK_PARALLEL) {
      const widgetMs = median(b.widget.get(p).map((x) => x.ms));
      const isDefault = p === defaults.maxConcurrentChunks;
      rows.push([
        `engine: ${name}: ${chunkMB} MB chunks, ${p} at once vs 1 request${isDefault ? ' (default)' : ''}`,
        sec(widgetMs),
        sec(bareMs),
        `${median(b.ratios.get(p)).toFixed(2)} (${spread(b.ratios.get(p))})`,
        isDefault ? '≤ 1.10' : '',
      ]);
    }
    rows.push([
      `engine: ${name}: the chunk protocol by hand, ${defaults.maxConcurrentChunks} at once (no goal)`,
      '',
      sec(bareMs),
      `${median(b.hand).toFixed(2)} (${spread(b.hand)})`,
      '',
    ]);
    const heap = b.widget.get(defaults.maxConcurrentChunks) ?? b.widget.get(CHUNK_PARALLEL.at(-1));
    rows.push([
      `engine: ${name}: peak JS heap during upload`,
      mb(Math.max(...heap.map((x) => x.heapPeakMB))),
      mb(Math.max(...b.bare.map((x) => x.heapPeakMB))),
      '',
      '< 64 MB',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');

  const fastest = small.reduce((a, b) => (b.wMed < a.wMed ? b : a));
  const version = browser.version();
  console.log('');
  console.log(`environment: Chromium ${version}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model?.trim()}), ${new Date().toISOString()}`);
  console.log(
    `small files: median times of ${RUNS} runs, ratio = median of the per-run ratios (widget and baseline back to back); big files: ${BIG_RUNS} runs, median ratio (min–max); baseline = plain XHR + FormData, same fields, same concurrency (big files: the whole file in one request)`,
  );
  console.log('');
  for (const r of rows) console.log(line(r));
  console.log('');
  console.log(
    `fastest concurrency for ${SMALL_COUNT} × 256 KB: ${fastest.c} (widget ${sec(fastest.wMed)}; default maxConcurrentUploads is ${defaults.maxConcurrentUploads})`,
  );
  console.log(`bench took ${sec(Date.now() - started)}`);
} finally {
  await cleanup();
}
