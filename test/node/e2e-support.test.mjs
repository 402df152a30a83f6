// The end-to-end suites' own support (test/support/e2e.mjs): a setup that fails leaves nothing
// running, so the file ends with its failure instead of hanging the whole run (a package test's
// consumer that did not type-check once held the run for 26 minutes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const SUPPORT = resolve(import.meta.dirname, '../support/e2e.mjs');

test('startE2E closes its servers when the pages cannot be made, and the process ends', () => {
  const script = `import { startE2E } from ${JSON.stringify(SUPPORT)};
try {
  await startE2E({ chromium: false, pages: async () => { throw new Error('no pages'); } });
  console.log('started');
} catch (e) {
  console.log('failed: ' + e.message);
}`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.signal, null, `the process was still running after 30 s: ${run.stderr}`);
  assert.equal(run.stdout.trim(), 'failed: no pages');
});
