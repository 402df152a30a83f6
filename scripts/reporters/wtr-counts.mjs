// A web-test-runner reporter for scripts/test.mjs: the run's counts, written as JSON to the file
// UW_COUNTS names ({ passed, failed, skipped }), read from the sessions' results rather than
// from the default reporter's wording. A session that failed outside any test counts as a failure.
// The failed tests' names go with the counts (`failures`), so the summary names them.
import { writeFileSync } from 'node:fs';

export function countsReporter(file = process.env.UW_COUNTS) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
      const walk = (suite, file, path) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) counts.skipped += 1;
          else if (test.passed) counts.passed += 1;
          else {
            counts.failed += 1;
            counts.failures.push(`${file}: ${[...path, test.name].join(' › ')}`);
          }
        }
        for (const child of suite?.suites ?? []) walk(child, file, [...path, child.name]);
      };
      for (const session of sessions) {
        const file = session.testFile.split('/').slice(-2).join('/');
        walk(session.testResults, file, []);
        if (session.errors?.length || (!session.passed && !session.testResults)) {
          counts.failed += 1;
          counts.failures.push(`${file}: ${session.errors?.[0]?.message?.split('\n')[0] ?? 'the file did not run'}`);
        }
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
