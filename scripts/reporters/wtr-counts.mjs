// A web-test-runner reporter for scripts/test.mjs: the run's counts, written as JSON to the file
// UW_COUNTS names ({ passed, failed, skipped }), read from the sessions' results rather than
// from the default reporter's wording. A session that failed outside any test counts as a failure.
// The failed tests go with the counts (`failures`: { name, reason }), so the summary names them and
// says why.
import { writeFileSync } from 'node:fs';
import { reasonOf } from './node-counts.mjs';

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
            counts.failures.push({ name: `${file}: ${[...path, test.name].join(' › ')}`, reason: reasonOf(test.error) });
          }
        }
        for (const child of suite?.suites ?? []) walk(child, file, [...path, child.name]);
      };
      for (const session of sessions) {
        const file = session.testFile.split('/').slice(-2).join('/');
        walk(session.testResults, file, []);
        if (session.errors?.length || (!session.passed && !session.testResults)) {
          counts.failed += 1;
          counts.failures.push({ name: file, reason: session.errors?.length ? reasonOf(session.errors[0]) : 'the file did not run' });
        }
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
