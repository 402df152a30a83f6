// Screenshots against the baselines kept in the repository, one folder per engine (each draws
// text with its own fonts and hinting). A run with UPDATE_VISUAL=1 writes the baselines (review
// the diff before committing them); any other run compares, and on a mismatch leaves the actual
// image and a diff beside each other in test-results/visual/<engine>/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const BASELINES = 'test/visual/baselines';
export const RESULTS = 'test-results/visual';
/** The documentation's screenshots come from Chromium's run. */
export const DOCS = 'docs/screenshots';
export const UPDATING = process.env.UPDATE_VISUAL === '1';

/** Per-pixel colour distance that counts as different (pixelmatch's 0–1 scale; anti-aliasing is detected apart). */
const THRESHOLD = 0.1;
/** The share of pixels allowed to differ: font hinting and sub-pixel edges, never a moved row or button. */
const MAX_DIFF = 0.005;

/**
 * Compares `png` (a Buffer) with `engine`'s baseline `name`. Returns null when it matches (or the
 * baseline was written, with `unmasked` as Chromium's documentation screenshot), else a message
 * with the share of pixels that differ.
 */
export function compareWithBaseline(engine, name, png, unmasked = png) {
  const folder = join(BASELINES, engine);
  const results = join(RESULTS, engine);
  const file = join(folder, `${name}.png`);
  if (UPDATING) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, png);
    if (engine === 'chromium') {
      // The documentation shows the same run without the masks over moving parts.
      mkdirSync(DOCS, { recursive: true });
      writeFileSync(join(DOCS, `${name}.png`), unmasked);
    }
    return null;
  }
  if (!existsSync(file)) return `no baseline ${file}: run \`UW_ENGINE=${engine} npm run test:visual:update\` and review the images`;
  const expected = PNG.sync.read(readFileSync(file));
  const actual = PNG.sync.read(png);
  const fail = (message, diff) => {
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, `${name}.actual.png`), png);
    if (diff) writeFileSync(join(results, `${name}.diff.png`), PNG.sync.write(diff));
    return `${name}: ${message} (see ${results}/${name}.actual.png${diff ? ' and .diff.png' : ''})`;
  };
  if (expected.width !== actual.width || expected.height !== actual.height) {
    return fail(`size ${actual.width}×${actual.height}, baseline ${expected.width}×${expected.height}`);
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const different = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: THRESHOLD });
  const share = different / (actual.width * actual.height);
  return share > MAX_DIFF ? fail(`${(share * 100).toFixed(2)} % of pixels differ from the baseline (at most ${MAX_DIFF * 100} %)`, diff) : null;
}
