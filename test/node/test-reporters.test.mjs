// npm test's summary names the failed tests (scripts/reporters/): the end of a long log is often
// all that a CI run keeps, and "2 failed" alone sends a person back to re-run everything.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

test('the node:test counts reporter counts passes, failures and skips, and names each failed test with its file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uw-reporter-'));
  try {
    const file = join(dir, 'sample.test.mjs');
    writeFileSync(
      file,
      `import { test, describe } from 'node:test';
test('adds', () => {});
test('breaks', () => { throw new Error('no'); });
test('waits', { skip: 'not here' }, () => {});
describe('a group', () => { test('breaks inside', () => { throw new Error('no'); }); });
`,
    );
    const out = join(dir, 'counts.json');
    const reporter = resolve('scripts/reporters/node-counts.mjs');
    // Without NODE_TEST_CONTEXT, which would make the child report to this run instead of its reporter.
    const { NODE_TEST_CONTEXT, ...env } = process.env;
    const run = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, `--test-reporter-destination=${out}`, file], {
      encoding: 'utf8',
      env,
    });
    assert.notEqual(run.status, 0, 'a run with failures exits with an error');
    const counts = JSON.parse(readFileSync(out, 'utf8').trim());
    assert.equal(counts.passed, 1);
    assert.equal(counts.failed, 2);
    assert.equal(counts.skipped, 1);
    assert.deepEqual(counts.failures.map((f) => f.name.split(': ').pop()).sort(), ['breaks', 'breaks inside']);
    // With why, from the thrown error, not node:test's wrapper.
    assert.deepEqual(
      counts.failures.map((f) => f.reason),
      ['no', 'no'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
