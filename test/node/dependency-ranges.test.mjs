// The widget's two dependencies are caret ranges: pinned exactly, the next lit patch would put a
// second lit into every lit app that installs the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));

test('lit and @lit/localize are caret ranges, in package.json and its lockfile, and the only dependencies', () => {
  assert.deepEqual(pkg.dependencies, { '@lit/localize': '^0.12.2', lit: '^3.3.3' });
  assert.deepEqual(lock.packages[''].dependencies, pkg.dependencies);
});
