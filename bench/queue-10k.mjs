// The queue with 10,000 files: time from addFiles to the first painted queue, rows in the DOM,
// and the longest task while scrolling top to bottom, against a naive list of 10,000 plain <li>
// rows measured in the same Chromium, in the same run.
//   node bench/queue-10k.mjs    runs it alone and prints a table
//   benchQueue10k({ browser })  for bench/run.mjs: returns the table's rows
//   BENCH_QUEUE_FILES (default 10000), BENCH_QUEUE_STEPS (scroll jumps, default 200), BENCH_RUNS (median of, default 3)
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES = Math.max(1, Number(process.env.BENCH_QUEUE_FILES) || 10_000);
const STEPS = Math.max(1, Number(process.env.BENCH_QUEUE_STEPS) || 200);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 3);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (x) => `${Math.round(x)} ms`;

/** The page's code, bundled from src/ in memory (nothing is written to dist/). */
async function pageScript() {
  const bundle = await build({
    entryPoints: [join(ROOT, 'bench/queue-10k-page.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: join(ROOT, 'tsconfig.json'),
    write: false,
    logLevel: 'warning',
  });
  return bundle.outputFiles[0].text;
}

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>queue bench</title>
<style>body { font: 14px system-ui, sans-serif; margin: 16px } .frame { inline-size: 520px }
.naive { block-size: 360px; overflow-y: auto; margin: 0; padding: 0; list-style: none }
.naive li { block-size: 64px; box-sizing: border-box; border-block-end: 1px solid #e4ebf1 }</style>
</head><body></body></html>`;

/**
 * Runs the queue benchmark in a page of `browser` (Playwright). `baseUrl`, when given, is the
 * origin the page is opened on; the queue itself never touches the network here.
 */
export async function benchQueue10k({ browser, baseUrl } = {}) {
  const script = await pageScript();
  const widget = [];
  const naive = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh page per run, so one run's garbage does not land in the next one's timings.
    const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
    try {
      if (baseUrl) await page.goto(baseUrl).catch(() => {});
      await page.setContent(HTML);
      await page.addScriptTag({ content: script, type: 'module' });
      await page.waitForFunction(() => 'queueBench' in window);
      // Alternate the order, so neither side always runs on a warmer page.
      const both = run % 2 === 0 ? ['widget', 'baseline'] : ['baseline', 'widget'];
      for (const side of both) {
        const result = await page.evaluate(([s, n, steps]) => window.queueBench[s](n, steps), [side, FILES, STEPS]);
        (side === 'widget' ? widget : naive).push(result);
      }
    } finally {
      await page.close();
    }
  }
  const last = widget.at(-1);
  if (last.lastShown !== `file-${FILES - 1}.bin`) throw new Error(`the queue did not show the last file at the end (${last.lastShown})`);

  const pick = (runs, key) => median(runs.map((r) => r[key]));
  const firstPaint = pick(widget, 'firstPaint');
  const naivePaint = pick(naive, 'firstPaint');
  const rows = Math.max(...widget.map((r) => Math.max(r.rows, r.rowsAtEnd)));
  const task = pick(widget, 'longestTask');
  const naiveTask = pick(naive, 'longestTask');
  const gap = pick(widget, 'longestFrameGap');
  const naiveGap = pick(naive, 'longestFrameGap');
  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '—');
  const n = FILES.toLocaleString('en');
  return [
    {
      name: `queue: ${n} files added → first paint`,
      value: ms(firstPaint),
      baseline: ms(naivePaint),
      ratio: ratio(firstPaint, naivePaint),
      goal: '< 500 ms',
      pass: firstPaint < 500,
    },
    {
      name: `queue: rows in the DOM with ${n} files`,
      value: String(rows),
      baseline: String(pick(naive, 'rows')),
      ratio: ratio(rows, pick(naive, 'rows')),
      goal: '< 100',
      pass: rows < 100,
    },
    // Long tasks are only reported from 50 ms up: 0 means none.
    {
      name: `queue: longest task scrolling top to bottom (${STEPS} jumps)`,
      value: ms(task),
      baseline: ms(naiveTask),
      ratio: ratio(task, naiveTask),
      goal: '< 50 ms',
      pass: task < 50,
    },
    { name: 'queue: longest queue render while scrolling (no goal)', value: ms(pick(widget, 'longestRender')), goal: '' },
    { name: 'queue: longest frame gap scrolling (no goal)', value: ms(gap), baseline: ms(naiveGap), ratio: ratio(gap, naiveGap), goal: '' },
  ];
}

function printTable(rows, version) {
  const table = [
    ['benchmark', 'widget', 'baseline', 'ratio', 'goal', ''],
    ...rows.map((r) => [r.name, r.value, r.baseline ?? '', r.ratio ?? '', r.goal, r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED']),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log(`Chromium ${version}; median of ${RUNS} runs; baseline = ${FILES.toLocaleString('en')} plain <li> rows appended at once`);
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
    printTable(await benchQueue10k({ browser }), browser.version());
  } finally {
    await browser.close();
  }
}
