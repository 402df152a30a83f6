// npm test: every suite, then one closing line `N passed, N failed` over all of them.
//   locales (lit-localize build) · typecheck (tsc) · server and locale-file tests (node:test) · unit tests in Chromium (web-test-runner)
//   · build · end-to-end tests (Playwright driving Chromium, node:test) · visual tests of the build
//   · the package (npm pack into a consumer project; framework examples)
import { spawn } from 'node:child_process';

const suites = [
  // The generated locale modules are build output that the typecheck and the browser tests import.
  { name: 'locales', command: 'npx', args: ['lit-localize', 'build'], count: exitOnly },
  { name: 'typecheck', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'], count: exitOnly },
  { name: 'server', command: 'node', args: ['--test', '--test-reporter=spec', 'test/server/', 'test/node/'], count: nodeTestCounts },
  { name: 'unit (browser)', command: 'npx', args: ['web-test-runner', '--config', 'web-test-runner.config.mjs'], count: wtrCounts },
  { name: 'build', command: 'node', args: ['scripts/build.mjs'], count: exitOnly },
  { name: 'e2e', command: 'node', args: ['--test', '--test-reporter=spec', 'test/e2e/'], count: nodeTestCounts },
  { name: 'visual', command: 'node', args: ['--test', '--test-reporter=spec', 'test/visual/'], count: nodeTestCounts },
  // The packed package in a consumer project: contents, Node import, strict types, React/Vue/Svelte with SSR.
  { name: 'package', command: 'node', args: ['--test', '--test-reporter=spec', 'test/package/'], count: nodeTestCounts },
];

function exitOnly(_output, code) {
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

function nodeTestCounts(output, code) {
  const pass = Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
  const fail = Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? 0);
  return { passed: pass, failed: fail || (code !== 0 || pass === 0 ? 1 : 0) };
}

function wtrCounts(output, code) {
  // The progress line is redrawn; the last "N passed, N failed" is the final count.
  const all = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all[all.length - 1];
  const passed = Number(last?.[1] ?? 0);
  const failed = Number(last?.[2] ?? 0);
  // A run that counted nothing did not test anything: that is a failure, not a pass.
  return { passed, failed: failed || (code !== 0 || passed === 0 ? 1 : 0) };
}

function runSuite(suite) {
  return new Promise((resolve) => {
    console.log(`\n=== ${suite.name} ===`);
    const child = spawn(suite.command, suite.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    // Reporters colour their counts even without a terminal; read the plain text.
    child.on('close', (code) => resolve(suite.count(output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''), code ?? 1)));
  });
}

let passed = 0;
let failed = 0;
const lines = [];
for (const suite of suites) {
  const started = Date.now();
  const result = await runSuite(suite);
  passed += result.passed;
  failed += result.failed;
  lines.push(`${suite.name}: ${result.passed} passed, ${result.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log('\n=== summary ===');
for (const line of lines) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
