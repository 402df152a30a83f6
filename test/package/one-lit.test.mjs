// The build's sharing of lit: the classic script's lazy parts (dist/parts/) are built against the
// script's own lit and localize, handed over on a global (src/classic/load-part.ts, read by
// scripts/shared-runtime.mjs). A part that bundled a second copy (an import that escaped the
// sharing) would still run, but with a second lit (two template caches, sentinels that do not
// match) and a second localize (a language that never changes there). Each library leaves its own global marker: exactly one copy per bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../../dist');
/** What each library writes once per copy. */
const MARKERS = {
  'lit-html': 'litHtmlVersions',
  '@lit/reactive-element': 'reactiveElementVersions',
  'lit-element': 'litElementVersions',
  '@lit/localize': 'lit-localize-status',
};
const copiesIn = (files) =>
  Object.fromEntries(Object.entries(MARKERS).map(([name, marker]) => [name, files.filter((f) => readFileSync(f, 'utf8').includes(marker)).length]));
const js = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => resolve(dir, f));

test("the classic script's lazy parts carry no lit or localize of their own", () => {
  const parts = js(resolve(DIST, 'parts'));
  assert.ok(parts.length >= 6, `${parts.length} parts`);
  assert.deepEqual(copiesIn(parts), { 'lit-html': 0, '@lit/reactive-element': 0, 'lit-element': 0, '@lit/localize': 0 });
  assert.deepEqual(copiesIn([resolve(DIST, 'upload-widget.iife.js')]), { 'lit-html': 1, '@lit/reactive-element': 1, 'lit-element': 1, '@lit/localize': 1 });
});

test('the ES module build holds one copy of each, in one chunk its entries and lazy chunks share', () => {
  const files = js(DIST).filter((f) => !f.endsWith('.iife.js') && !f.endsWith('.server.js'));
  assert.deepEqual(copiesIn(files), { 'lit-html': 1, '@lit/reactive-element': 1, 'lit-element': 1, '@lit/localize': 1 });
});
