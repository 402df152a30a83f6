// npm test: every suite, then one closing line `N passed, N failed` over all of them.
//   locales (lit-localize build) · typecheck (tsc: the widget, then the server's JSDoc) · lint and format (biome) · server and
//   locale-file tests (node:test) · unit tests (web-test-runner) in Chromium, Firefox ESR and
//   WebKitGTK (standing in for Safari), one line each · build · end-to-end tests (node:test;
//   Chromium through Playwright, then the files written for every engine in Firefox and WebKit)
//   · visual tests of the build in each engine · the package (npm pack into a consumer project;
//   framework examples) · the bench once at its smallest sizes (it still runs and prints every figure)
// Each test suite's counts come from a reporter that writes them as JSON (scripts/reporters/),
// never from the wording of the output a person reads.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const countsDir = mkdtempSync(join(tmpdir(), 'uw-counts-'));
let counter = 0;

/** A node:test run: the spec reporter for people, the counts reporter for this script. */
const nodeTest = (name, files, env) => {
  const counts = join(countsDir, `${++counter}.json`);
  const args = ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout'];
  args.push('--test-reporter=./scripts/reporters/node-counts.mjs', `--test-reporter-destination=${counts}`, ...files);
  return { name, command: 'node', args, env, counts };
};

/** A web-test-runner run in one engine; its counts reporter (web-test-runner.config.mjs) writes to UW_COUNTS. */
const unitTest = (engine) => {
  const counts = join(countsDir, `${++counter}.json`);
  return {
    name: `${engine} unit`,
    command: 'npx',
    args: ['web-test-runner', '--config', 'web-test-runner.config.mjs'],
    env: { UW_ENGINE: engine, UW_COUNTS: counts },
    counts,
  };
};

const suites = [
  // The generated locale modules are build output that the typecheck and the browser tests import.
  { name: 'locales', command: 'npx', args: ['lit-localize', 'build'] },
  { name: 'typecheck', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  // The server is plain .mjs with JSDoc types, checked as strictly as the widget (server/tsconfig.json).
  { name: 'server typecheck', command: 'npx', args: ['tsc', '-p', 'server/tsconfig.json'] },
  // `npm run lint`: Biome, the linter's rules and the formatter's layout (biome.json; `npm run format`
  // applies the layout); then knip, files, exports and dependencies nothing uses (knip.config.ts).
  { name: 'lint', command: 'npm', args: ['run', 'lint'] },
  nodeTest('server', ['test/server/', 'test/node/']),
  ...['chromium', 'firefox', 'webkit'].map(unitTest),
  { name: 'build', command: 'node', args: ['scripts/build.mjs'] },
  nodeTest('chromium e2e', ['test/e2e/']),
  // The end-to-end files written for every engine (test/support/driver.mjs); the others drive Playwright's Chromium.
  // Every end-to-end file runs on the driver (test/support/driver.mjs), in every engine.
  ...['firefox', 'webkit'].map((engine) => nodeTest(`${engine} e2e`, ['test/e2e/'], { UW_ENGINE: engine })),
  // The visual suite in each engine against its own baselines; the inspector's own tests (inspect.test.mjs) with Chromium's.
  nodeTest('chromium visual', ['test/visual/']),
  ...['firefox', 'webkit'].map((engine) => nodeTest(`${engine} visual`, ['test/visual/visual.test.mjs'], { UW_ENGINE: engine })),
  // The packed package in a consumer project: contents, Node import, strict types, React/Vue/Svelte with SSR.
  nodeTest('package', ['test/package/']),
  // `npm run bench` once at its smallest sizes: it still runs and prints every figure (figures are not asserted).
  nodeTest('bench', ['test/bench/']),
];

/** A suite's result: its reporter's counts; a step without tests is one check, passed when it exits 0. */
function countsOf(suite, code) {
  if (!suite.counts)
    return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0, failures: [{ name: 'exited with an error' }] };
  let counts;
  try {
    counts = JSON.parse(readFileSync(suite.counts, 'utf8').trim().split('\n').pop());
  } catch {
    return { passed: 0, failed: 1, skipped: 0, failures: [{ name: 'the runner wrote no counts' }] }; // the runner itself failed
  }
  // A run that counted nothing, or exited with an error that no test shows, did not pass.
  const unexplained = counts.passed === 0 || (code !== 0 && counts.failed === 0) ? 1 : 0;
  const failures = [...(counts.failures ?? []), ...(unexplained ? [{ name: `exited with code ${code} and no failed test` }] : [])];
  return { ...counts, failed: counts.failed + unexplained, failures };
}

function runSuite(suite) {
  return new Promise((resolve) => {
    console.log(`\n=== ${suite.name} ===`);
    const child = spawn(suite.command, suite.args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...suite.env } });
    child.on('close', (code) => resolve(countsOf(suite, code ?? 1)));
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const suite of suites) {
  const started = Date.now();
  const result = await runSuite(suite);
  passed += result.passed;
  failed += result.failed;
  skipped += result.skipped;
  const skips = result.skipped ? `, ${result.skipped} skipped` : '';
  lines.push(`${suite.name}: ${result.passed} passed, ${result.failed} failed${skips} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  // The failed tests by name and why, in the summary: the end of a long log is often all that is kept.
  for (const { name, reason } of result.failures ?? []) {
    lines.push(`  ✘ ${name}`);
    if (reason) lines.push(`      ${reason}`);
  }
}
rmSync(countsDir, { recursive: true, force: true });
console.log('\n=== summary ===');
for (const line of lines) console.log(`  ${line}`);
// Skipped tests say why in their names (an engine that cannot do what they need).
if (skipped) console.log(`${skipped} skipped (the reason is in each test's name)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
