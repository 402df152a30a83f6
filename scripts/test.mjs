// npm test: every suite, then one closing line `N passed, N failed` over all of them.
//   locales (lit-localize build) · typecheck (tsc) · lint and format (biome) · server and locale-file tests (node:test) · unit tests
//   (web-test-runner) in Chromium, Firefox ESR and WebKitGTK (standing in for Safari), one line each
//   · build · end-to-end tests (node:test; Chromium through Playwright, then the files written for
//   every engine in Firefox and WebKit) · visual tests of the build in each engine
//   · the package (npm pack into a consumer project; framework examples)
import { spawn } from 'node:child_process';

/** End-to-end files that run in Firefox and WebKit too. */
const ENGINE_E2E = [
  'test/e2e/upload.e2e.test.mjs',
  'test/e2e/form.e2e.test.mjs',
  'test/e2e/sources.e2e.test.mjs',
  'test/e2e/focus.e2e.test.mjs',
  'test/e2e/widget-display.e2e.test.mjs',
  'test/e2e/resume.e2e.test.mjs',
];

const suites = [
  // The generated locale modules are build output that the typecheck and the browser tests import.
  { name: 'locales', command: 'npx', args: ['lit-localize', 'build'], count: exitOnly },
  { name: 'typecheck', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'], count: exitOnly },
  // Biome: the linter's rules and the formatter's layout (biome.json); `npm run format` applies the layout.
  { name: 'lint', command: 'npx', args: ['biome', 'ci', '.'], count: exitOnly },
  { name: 'server', command: 'node', args: ['--test', '--test-reporter=spec', 'test/server/', 'test/node/'], count: nodeTestCounts },
  ...['chromium', 'firefox', 'webkit'].map((engine) => ({
    name: `${engine} unit`,
    command: 'npx',
    args: ['web-test-runner', '--config', 'web-test-runner.config.mjs'],
    env: { UW_ENGINE: engine },
    count: wtrCounts,
  })),
  { name: 'build', command: 'node', args: ['scripts/build.mjs'], count: exitOnly },
  { name: 'chromium e2e', command: 'node', args: ['--test', '--test-reporter=spec', 'test/e2e/'], count: nodeTestCounts },
  // The end-to-end files written for every engine (test/support/driver.mjs); the others drive Playwright's Chromium.
  ...['firefox', 'webkit'].map((engine) => ({
    name: `${engine} e2e`,
    command: 'node',
    args: ['--test', '--test-reporter=spec', ...ENGINE_E2E],
    env: { UW_ENGINE: engine },
    count: nodeTestCounts,
  })),
  // The visual suite in each engine against its own baselines; the inspector's own tests (inspect.test.mjs) with Chromium's.
  { name: 'chromium visual', command: 'node', args: ['--test', '--test-reporter=spec', 'test/visual/'], count: nodeTestCounts },
  ...['firefox', 'webkit'].map((engine) => ({
    name: `${engine} visual`,
    command: 'node',
    args: ['--test', '--test-reporter=spec', 'test/visual/visual.test.mjs'],
    env: { UW_ENGINE: engine },
    count: nodeTestCounts,
  })),
  // The packed package in a consumer project: contents, Node import, strict types, React/Vue/Svelte with SSR.
  { name: 'package', command: 'node', args: ['--test', '--test-reporter=spec', 'test/package/'], count: nodeTestCounts },
];

function exitOnly(_output, code) {
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

function nodeTestCounts(output, code) {
  const pass = Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
  const fail = Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? 0);
  const skipped = Number(/ℹ skipped (\d+)/.exec(output)?.[1] ?? 0);
  return { passed: pass, skipped, failed: fail || (code !== 0 || pass === 0 ? 1 : 0) };
}

function wtrCounts(output, code) {
  // The progress line is redrawn; the last "N passed, N failed[, N skipped]" is the final count.
  const all = [...output.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)];
  const last = all[all.length - 1];
  const passed = Number(last?.[1] ?? 0);
  const failed = Number(last?.[2] ?? 0);
  const skipped = Number(last?.[3] ?? 0);
  // A run that counted nothing did not test anything: that is a failure, not a pass.
  return { passed, skipped, failed: failed || (code !== 0 || passed === 0 ? 1 : 0) };
}

function runSuite(suite) {
  return new Promise((resolve) => {
    console.log(`\n=== ${suite.name} ===`);
    const child = spawn(suite.command, suite.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...suite.env } });
    let output = '';
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    // Reporters colour their counts even without a terminal; read the plain text.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes taken out here.
    child.on('close', (code) => resolve(suite.count(output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''), code ?? 1)));
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
  skipped += result.skipped ?? 0;
  const skips = result.skipped ? `, ${result.skipped} skipped` : '';
  lines.push(`${suite.name}: ${result.passed} passed, ${result.failed} failed${skips} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log('\n=== summary ===');
for (const line of lines) console.log(`  ${line}`);
// Skipped tests say why in their names (an engine that cannot do what they need).
if (skipped) console.log(`${skipped} skipped (the reason is in each test's name)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
