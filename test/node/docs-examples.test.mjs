// The README's and docs/architecture.md's example of a site's own source, and docs/architecture.md's
// presigned-PUT destination, are the code the plugins end-to-end test runs
// (test/e2e/plugins.e2e.test.mjs), so the examples shown are ones that work.
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

/** The destination, from `widget.destination =` to its closing line. */
const destinationCode = (text) => {
  const start = text.indexOf('widget.destination = (context) => ({');
  const end = text.indexOf('\n});\n', start);
  assert.ok(start >= 0 && end > start, 'the presigned-PUT destination is in the text');
  return text.slice(start, end + 4);
};

const e2eTest = read('test/e2e/plugins.e2e.test.mjs');
const tested = sourceCode(e2eTest);

for (const doc of ['README.md', 'docs/architecture.md']) {
  test(`${doc} shows the asset library source the plugins e2e test runs`, () => {
    assert.equal(sourceCode(read(doc)), tested);
  });
}

test('docs/architecture.md shows the presigned-PUT destination the plugins e2e test runs', () => {
  const shown = read('docs/architecture.md');
  // The test's copy is inside a template literal: its backticks and dollars are escaped there.
  assert.equal(destinationCode(shown), destinationCode(e2eTest).replace(/\\([`$])/g, '$1'));
  // Written against the package alone.
  assert.match(shown, /\nimport \{ uploadRequest \} from 'upload-widget';/);
});
