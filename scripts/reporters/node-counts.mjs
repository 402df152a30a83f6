// A node:test reporter for scripts/test.mjs: the run's counts as one line of JSON
// ({ passed, failed, skipped }), read from the test events rather than from the spec reporter's
// wording. Suites (describe) are not tests; a file that fails to load counts as a failure.
// The failed tests' names go with the counts (`failures`), so the summary names them.
export default async function* nodeCounts(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const { type, data } of source) {
    if ((type !== 'test:pass' && type !== 'test:fail') || data.details?.type === 'suite') continue;
    if (type === 'test:fail') {
      counts.failed += 1;
      counts.failures.push(`${(data.file ?? '').split('/').slice(-2).join('/')}: ${data.name}`);
    } else if (data.skip !== undefined || data.todo !== undefined) counts.skipped += 1;
    else counts.passed += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}
