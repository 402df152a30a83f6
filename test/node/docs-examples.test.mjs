// The README's and docs/architecture.md's example of a site's own source is the code the plugins
// end-to-end test runs (test/e2e/plugins.e2e.test.mjs), so the example shown is one that works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
/** The source's class and its define(), without comments at line ends (the docs explain more). */
const sourceCode = (text) => {
  const start = text.indexOf('class AssetLibrarySource extends HTMLElement {');
  const end = text.indexOf("customElements.define('asset-library-source', AssetLibrarySource);");
  assert.ok(start >= 0 && end > start, 'the asset library source is in the text');
  return text
    .slice(start, end)
    .split('\n')
    .map((line) => line.replace(/ \/\/ .*$/, '').trimEnd())
    .join('\n');
};

const tested = sourceCode(read('test/e2e/plugins.e2e.test.mjs'));

for (const doc of ['README.md', 'docs/architecture.md']) {
  test(`${doc} shows the asset library source the plugins e2e test runs`, () => {
    assert.equal(sourceCode(read(doc)), tested);
  });
}
