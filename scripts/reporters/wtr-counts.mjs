// A web-test-runner reporter for scripts/test.mjs: the run's counts, written as JSON to the file
// UW_COUNTS names ({ passed, failed, skipped }), read from the sessions' results rather than
// from the default reporter's wording. A session that failed outside any test counts as a failure.
import { writeFileSync } from 'node:fs';

export function countsReporter(file = process.env.UW_COUNTS) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) counts.skipped += 1;
          else if (test.passed) counts.passed += 1;
          else counts.failed += 1;
        }
        for (const child of suite?.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        walk(session.testResults);
        if (session.errors?.length || (!session.passed && !session.testResults)) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
