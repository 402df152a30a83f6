// The queue with many files (10,000, and 100,000 as from a folder drop of a photo library): time
// from addFiles to the first painted queue, rows in the DOM, the longest task while scrolling top
// to bottom, and the page's memory with the files queued, each against a naive list of as many
// plain <li> rows measured in the same Chromium, in the same run.
//   node bench/queue.mjs              runs it alone and prints a table
//   benchQueue({ browser, files })    for bench/run.mjs: one size's rows of the table
//   BENCH_QUEUE_FILES   sizes, comma-separated (default 10000,100000)
//   BENCH_QUEUE_STEPS   scroll jumps top to bottom (default 200)
//   BENCH_RUNS          runs per size, median taken (default 3)
//
// Files: a folder drop hands the page one File per file, and each File is registered with the
// browser process, one at a time: here about 0.25 ms each on 2 cores, so 100,000 take 25-30 s.
// That is the picker's cost, not the queue's: they are made once per size, in the bench page,
// untimed, and every run (widget or baseline) gets a fresh same-origin <iframe> of that page that
// reads them from it and is removed afterwards, so no run inherits another's controller, DOM or
// garbage. The frames share the page's process, main thread and heap, as the widget in a page
// would.
//
// Memory: V8's heap plus Blink's own (Oilpan) heap of the page's renderer, as Chromium reports
// them (CDP Runtime.getHeapUsage: usedSize + embedderHeapUsedSize) after forced collections
// (HeapProfiler.collectGarbage): the JS objects (queue items, the store, the view's state) and the
// DOM and other Blink objects. The File objects count too (their JS wrappers and Blink objects),
// as a folder drop creates them as well; their bytes do not (a dropped file's stay on disk; here
// the one byte each lives in the browser process's blob store). Not counted: the renderer's
// compiled code, layout and paint memory, and the browser and GPU processes. MB = 10^6 bytes.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const QUEUE_SIZES = (process.env.BENCH_QUEUE_FILES || '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const STEPS = Math.max(1, Number(process.env.BENCH_QUEUE_STEPS) || 200);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 3);

/** Goals per size; sizes not named here are measured without one. Long tasks: ≤ 50 ms at every size. */
const GOALS = {
  10000: { firstPaint: 500 },
  100000: { firstPaint: 1500, memoryMB: 300 },
};
const TASK_GOAL = 50;
const ROWS_GOAL = 100;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const mb = (x) => `${x.toFixed(1)} MB`;
const started = Date.now();
const log = (line) => console.error(`[queue ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** The frames' code, bundled from src/ in memory (nothing is written to dist/). */
async function pageScript() {
  const bundle = await build({
    entryPoints: [join(ROOT, 'bench/queue-page.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: join(ROOT, 'tsconfig.json'),
    write: false,
    logLevel: 'warning',
  });
  return bundle.outputFiles[0].text;
}

// The bench page: it makes and holds the Files, and hosts one frame at a time, filling the viewport.
const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>queue bench</title>
<style>html, body { margin: 0; block-size: 100% } iframe { display: block; border: 0; inline-size: 100vw; block-size: 100vh }</style>
</head><body><script>
window.makeFiles = (n) => {
  window.benchFiles = Array.from({ length: n }, (_, i) => new File(['x'], \`file-\${i}.bin\`, { type: 'application/octet-stream' }));
};
window.openFrame = (script) => {
  document.querySelector('iframe')?.remove();
  const iframe = document.createElement('iframe');
  iframe.srcdoc = ${JSON.stringify(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>queue</title>
<style>body { font: 14px system-ui, sans-serif; margin: 16px } .frame { inline-size: 520px }
.naive { block-size: 360px; overflow-y: auto; margin: 0; padding: 0; list-style: none }
.naive li { block-size: 64px; box-sizing: border-box; border-block-end: 1px solid #e4ebf1 }</style>
</head><body></body></html>`)};
  return new Promise((resolve) => {
    iframe.addEventListener('load', () => {
      const s = iframe.contentDocument.createElement('script');
      s.type = 'module';
      s.textContent = script;
      iframe.contentDocument.head.append(s);
      resolve();
    }, { once: true });
    document.body.append(iframe);
  });
};
window.closeFrame = () => document.querySelector('iframe')?.remove();
</script></body></html>`;

/** The page's heap after forced collections, in MB (see the top of this file for what it counts). */
async function heapMB(cdp) {
  // More than one: a removed frame's window and what hangs from it can take a second collection.
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return (usage.usedSize + (usage.embedderHeapUsedSize ?? 0)) / 1e6;
}

/**
 * Runs the queue benchmark for `files` files in a page of `browser` (Playwright, Chromium) and
 * returns its rows of the table. `baseUrl`, when given, is the origin the page is opened on; the
 * queue itself never touches the network here.
 */
export async function benchQueue({ browser, files = QUEUE_SIZES[0] ?? 10_000, baseUrl, runs = RUNS, steps = STEPS } = {}) {
  const script = await pageScript();
  const n = files.toLocaleString('en');
  const goals = GOALS[files] ?? {};
  const widget = [];
  const naive = [];
  const review = [];
  const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
  try {
    if (baseUrl) await page.goto(baseUrl).catch(() => {});
    await page.setContent(PAGE_HTML);
    const cdp = await page.context().newCDPSession(page);
    const t = Date.now();
    await page.evaluate((count) => window.makeFiles(count), files);
    log(`${n} files made in the page in ${((Date.now() - t) / 1000).toFixed(1)} s (not timed: the picker's cost)`);

    for (let run = 0; run < runs; run++) {
      // Alternate the order, so neither side always runs first.
      const both = run % 2 === 0 ? ['widget', 'baseline', 'review'] : ['review', 'baseline', 'widget'];
      for (const side of both) {
        await page.evaluate((s) => window.openFrame(s), script);
        const frame = await (await page.$('iframe')).contentFrame();
        await frame.waitForFunction(() => 'queueBench' in window);
        const filesAlone = await heapMB(cdp);
        const added = await frame.evaluate(([s, count]) => window.queueBench[s].add(count), [side, files]);
        const scrolled = await frame.evaluate(([s, k]) => window.queueBench[s].scroll(k), [side, steps]);
        const memoryMB = await heapMB(cdp);
        await page.evaluate(() => window.closeFrame());
        const result = { ...added, ...scrolled, filesAlone, memoryMB };
        ({ widget, baseline: naive, review })[side].push(result);
        log(
          `${n} run ${run + 1} ${side}: first paint ${ms(result.firstPaint)}, longest task ${ms(result.longestTask)}, ${mb(memoryMB)} (files alone ${mb(filesAlone)})`,
        );
      }
    }
  } finally {
    await page.close();
  }
  for (const r of [...widget, ...review]) {
    if (r.lastShown !== `file-${files - 1}.bin`) throw new Error(`the queue did not show the last file at the end (${r.lastShown})`);
    if (r.setSize !== files) log(`WARNING: the first painted queue held ${r.setSize} of ${n} files`);
  }

  const pick = (rs, key) => median(rs.map((r) => r[key]));
  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '—');
  const firstPaint = pick(widget, 'firstPaint');
  const naivePaint = pick(naive, 'firstPaint');
  const rows = Math.max(...widget.map((r) => Math.max(r.rows, r.rowsAtEnd)));
  const task = pick(widget, 'longestTask');
  const naiveTask = pick(naive, 'longestTask');
  const memory = pick(widget, 'memoryMB');
  const naiveMemory = pick(naive, 'memoryMB');
  const gap = pick(widget, 'longestFrameGap');
  const naiveGap = pick(naive, 'longestFrameGap');
  return [
    {
      name: `queue: ${n} files added → first paint`,
      value: ms(firstPaint),
      baseline: ms(naivePaint),
      ratio: ratio(firstPaint, naivePaint),
      goal: goals.firstPaint ? `< ${ms(goals.firstPaint)}` : '',
      pass: goals.firstPaint ? firstPaint < goals.firstPaint : undefined,
    },
    {
      name: `queue: rows in the DOM with ${n} files`,
      value: String(rows),
      baseline: String(pick(naive, 'rows')),
      ratio: ratio(rows, pick(naive, 'rows')),
      goal: `< ${ROWS_GOAL}`,
      pass: rows < ROWS_GOAL,
    },
    // The longtask observer reports tasks over 50 ms only: 0 means none, which is the goal.
    {
      name: `queue: ${n} files, longest task scrolling top to bottom (${steps} jumps)`,
      value: ms(task),
      baseline: ms(naiveTask),
      ratio: ratio(task, naiveTask),
      goal: `≤ ${ms(TASK_GOAL)}`,
      pass: task <= TASK_GOAL,
    },
    {
      name: `queue: page memory with ${n} files queued (JS + Blink heap, after GC)`,
      value: mb(memory),
      baseline: mb(naiveMemory),
      ratio: ratio(memory, naiveMemory),
      goal: goals.memoryMB ? `< ${goals.memoryMB} MB` : '',
      pass: goals.memoryMB ? memory < goals.memoryMB : undefined,
    },
    { name: `queue: page memory, the ${n} Files alone, no view (no goal)`, value: mb(pick([...widget, ...naive], 'filesAlone')), goal: '' },
    { name: `queue: ${n} files, longest queue render while scrolling (no goal)`, value: ms(pick(widget, 'longestRender')), goal: '' },
    { name: `queue: ${n} files, longest frame gap scrolling (no goal)`, value: ms(gap), baseline: ms(naiveGap), ratio: ratio(gap, naiveGap), goal: '' },
    // Files held for review with two meta fields per row (inputs in every row, taller rows) and reorder handles.
    {
      name: `queue, review mode + 2 meta fields: ${n} files added → first paint`,
      value: ms(pick(review, 'firstPaint')),
      baseline: ms(naivePaint),
      ratio: ratio(pick(review, 'firstPaint'), naivePaint),
      goal: goals.firstPaint ? `< ${ms(goals.firstPaint)}` : '',
      pass: goals.firstPaint ? pick(review, 'firstPaint') < goals.firstPaint : undefined,
    },
    {
      name: `queue, review mode + 2 meta fields: ${n} files, longest task scrolling`,
      value: ms(pick(review, 'longestTask')),
      baseline: ms(naiveTask),
      ratio: ratio(pick(review, 'longestTask'), naiveTask),
      goal: `≤ ${ms(TASK_GOAL)}`,
      pass: pick(review, 'longestTask') <= TASK_GOAL,
    },
    {
      name: `queue, review mode + 2 meta fields: rows in the DOM, page memory with ${n} files`,
      value: `${Math.max(...review.map((r) => Math.max(r.rows, r.rowsAtEnd)))} · ${mb(pick(review, 'memoryMB'))}`,
      baseline: `${pick(naive, 'rows')} · ${mb(naiveMemory)}`,
      goal: '',
    },
  ];
}

function printTable(rows, version) {
  const table = [
    ['benchmark', 'widget', 'baseline', 'ratio', 'goal', ''],
    ...rows.map((r) => [r.name, r.value, r.baseline ?? '', r.ratio ?? '', r.goal, r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED']),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log(`Chromium ${version}; median of ${RUNS} runs; baseline = as many plain <li> rows appended at once`);
  for (const r of table)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { chromium } = await import('playwright');
  const { findChrome, CHROME_ARGS } = await import('../scripts/chrome.mjs');
  const browser = await chromium.launch({ executablePath: await findChrome(), headless: true, args: CHROME_ARGS });
  try {
    const rows = [];
    for (const files of QUEUE_SIZES) rows.push(...(await benchQueue({ browser, files })));
    printTable(rows, browser.version());
    console.log(`queue bench took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await browser.close();
  }
}
