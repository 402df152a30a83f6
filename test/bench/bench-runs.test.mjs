// `npm run bench` at its smallest sizes: it must still run to the end and print every figure.
// (A bench nobody runs breaks unseen: its page once listened with an API the engine no longer
// had, and the big-file runs waited forever.) It checks that figures are printed, not what they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SMALL = {
  BENCH_RUNS: '1',
  BENCH_C: '2',
  BENCH_SMALL: '4',
  BENCH_BIG_MB: '24', // over maxChunkSize: the chunk protocol runs
  BENCH_BIG_RUNS: '1',
  BENCH_CHUNKS: '4',
  BENCH_QUEUE_FILES: '300',
  BENCH_QUEUE_STEPS: '5',
  BENCH_ELEMENT_QUEUED: '20',
};

function runBench() {
  return new Promise((resolve) => {
    const child = spawn('node', ['bench/run.mjs'], { cwd: ROOT, env: { ...process.env, ...SMALL }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    // A bench that waits forever is what this test is for: stop it, and say where it was.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, out, err });
    });
  });
}

test('npm run bench runs to the end at its smallest sizes and prints every figure, with no warning', { timeout: 300_000 }, async () => {
  const { code, timedOut, out, err } = await runBench();
  // Its own lines and errors, without the browser's chatter.
  const log = err
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('[pid='))
    .slice(-20)
    .join('\n');
  assert.equal(timedOut, false, `the bench did not end within 4 minutes; its last lines:\n${log}`);
  assert.equal(code, 0, `the bench failed; its last lines:\n${log}`);
  assert.deepEqual(
    err.split('\n').filter((l) => /WARNING|page error/.test(l)),
    [],
  );
  const rows = [
    /^script-tag bundle, gzip .* \d+\.\d KB .*≤ 40 KB$/m,
    /^queue: 300 files added → first paint\s+\d+ ms/m,
    /^queue: 300 files, longest task scrolling top to bottom \(5 jumps\)\s+\d+ ms/m,
    // The element as people use it: the built classic script, the dialog open, the queue on screen.
    /^element: 4 × 256 KB, queue on screen \(3 at once\) vs plain XHR\s+\d+\.\d\d s\s+\d+\.\d\d s\s+\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\)\s+≤ 1\.15$/m,
    /^element: 4 × 256 KB, queue on screen, no file hashed, vs plain XHR\s+\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\)\s*$/m,
    /^element: 4 × 256 KB, longest frame gap while uploading\s+\d+ ms\s+\d+ ms\s+≤ 50 ms$/m,
    /^element: first request after upload-added \(first pick of the page\)\s+-?\d+ ms\s+≤ 30 ms$/m,
    /^element: 4 × 256 KB with 20 more files queued behind\s+\d+\.\d\d s/m,
    /^element: 24 MiB, queue on screen, defaults vs 1 request\s+\d+\.\d\d s\s+\d+\.\d\d s\s+\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\)\s+≤ 1\.10$/m,
    /^element: 24 MiB, longest frame gap while uploading\s+\d+ ms\s+\d+ ms\s+≤ 50 ms$/m,
    // The engine alone (no element), against the same baseline.
    /^engine: 4 × 256 KB, concurrency 2\s+\d+\.\d\d s\s+\d+\.\d\d s\s+\d+\.\d\d\s+≤ 1\.10$/m,
    /^engine: 24 MiB: 20 MB chunks, 4 at once vs 1 request \(default\)\s+\d+\.\d\d s\s+\d+\.\d\d s\s+\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\)\s+≤ 1\.10$/m,
    /^engine: 24 MiB: the chunk protocol by hand, 4 at once \(no goal\)\s+\d+\.\d\d s\s+\d+\.\d\d/m,
    /^engine: 24 MiB: peak JS heap during upload\s+\d+\.\d MB\s+\d+\.\d MB\s+< 64 MB$/m,
  ];
  for (const row of rows) assert.match(out, row);
});
