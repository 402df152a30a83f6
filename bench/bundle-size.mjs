// Bundle sizes, gzip -9, of a fresh `npm run build`: the script-tag bundle against its budget,
// and the parts it loads on demand.
import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 40 * 1000;
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
/** The budget's own measure, `gzip -9 -c <file> | wc -c` (gzip's deflate differs from zlib's by some bytes); zlib where there is no gzip. */
function gzipCli(path) {
  try {
    return execFileSync('gzip', ['-9', '-c', path]).length;
  } catch {
    return gz(path);
  }
}
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

export function benchBundleSize() {
  execSync('node scripts/build.mjs', { stdio: 'ignore' });
  const iife = gzipCli('dist/upload-widget.iife.js');
  const parts = readdirSync('dist/parts').filter((f) => f.endsWith('.js'));
  const partsTotal = parts.reduce((sum, f) => sum + gz(`dist/parts/${f}`), 0);
  const locales = readdirSync('dist/locales').filter((f) => f.endsWith('.js') && !f.startsWith('lit-localize'));
  const largestLocale = Math.max(...locales.map((f) => gz(`dist/locales/${f}`)));
  return [
    {
      name: 'script-tag bundle, gzip -9 (uploads on its own, English)',
      value: kb(iife),
      baseline: kb(BUDGET),
      ratio: (iife / BUDGET).toFixed(2),
      goal: '≤ 40 KB',
    },
    { name: 'its lazy parts together (dist/parts/), loaded on first use (no goal)', value: kb(partsTotal), goal: '' },
    { name: 'largest locale, loaded on demand (no goal)', value: kb(largestLocale), goal: '' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of benchBundleSize()) console.log(`${row.name}: ${row.value}${row.ratio ? ` (${row.ratio} of the budget)` : ''}`);
}
