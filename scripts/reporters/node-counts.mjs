// A node:test reporter for scripts/test.mjs: the run's counts as one line of JSON
// ({ passed, failed, skipped }), read from the test events rather than from the spec reporter's
// wording. Suites (describe) are not tests; a file that fails to load counts as a failure.
// The failed tests go with the counts (`failures`: { name, reason }), so the summary names them and
// says why (a CI run often keeps only the end of its log).
export default async function* nodeCounts(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const { type, data } of source) {
    if ((type !== 'test:pass' && type !== 'test:fail') || data.details?.type === 'suite') continue;
    if (type === 'test:fail') {
      counts.failed += 1;
      counts.failures.push({ name: `${(data.file ?? '').split('/').slice(-2).join('/')}: ${data.name}`, reason: reasonOf(data.details?.error) });
    } else if (data.skip !== undefined || data.todo !== undefined) counts.skipped += 1;
    else counts.passed += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}

/** The first lines of why a test failed: node:test wraps the thrown error as its cause. */
export function reasonOf(error) {
  const thrown = error?.cause ?? error;
  const text = String(thrown?.message ?? thrown ?? '');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, 3)
    .join(' / ')
    .slice(0, 400);
}
