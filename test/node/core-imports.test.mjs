// The headless core (src/core/) stays headless: no lit, no @lit/localize (it returns problem codes
// that the UI words, src/i18n/problem-text.ts), no views, sources or element. What it may still
// import from outside src/core/ is listed here, so a new dependency is a decision, not an accident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseSync } from 'vite';

const CORE = 'src/core';
/** Imports from outside src/core/ that the core still has: types and defaults of the widget's options and events (issue 14 moves them into the core). */
const ALLOWED_OUTSIDE = new Set(['../options.js', '../events.js']);

test('src/core imports nothing from lit, @lit/localize, the views, the sources or the element', () => {
  const found = [];
  for (const file of readdirSync(CORE).filter((f) => f.endsWith('.ts'))) {
    const { module } = parseSync(file, readFileSync(`${CORE}/${file}`, 'utf8'));
    const specifiers = [
      ...module.staticImports.map((i) => i.moduleRequest.value),
      ...module.staticExports.flatMap((e) => e.entries.map((x) => x.moduleRequest?.value).filter(Boolean)),
    ];
    for (const spec of specifiers) if (!spec.startsWith('./') && !ALLOWED_OUTSIDE.has(spec)) found.push(`${file}: ${spec}`);
  }
  assert.deepEqual(found, []);
});
