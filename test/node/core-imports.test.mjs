// The headless core (src/core/) stays headless: no lit, no @lit/localize (it returns problem codes
// that the UI words, src/i18n/problem-text.ts), no views, sources or element, not even the
// element's option and event types: the core has its own (engine-options.ts, engine-events.ts),
// which the element's extend. It imports nothing from outside src/core/ at all, statically or lazily,
// but the few libraries made for a headless job listed below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseSync } from 'vite';

const CORE = 'src/core';
/**
 * Libraries made for one headless job, bundled into the core's lazy parts: the MD5 of files
 * (src/core/md5.ts), and decoding HEIC pictures (src/core/heic.ts).
 */
const HEADLESS_LIBRARIES = new Set(['hash-wasm', 'js-md5', 'heic-to/csp']);

test('src/core imports nothing from outside src/core: no lit, @lit/localize, views, sources, or the element and its options', () => {
  const found = [];
  for (const file of readdirSync(CORE).filter((f) => f.endsWith('.ts'))) {
    const { module } = parseSync(file, readFileSync(`${CORE}/${file}`, 'utf8'));
    const specifiers = [
      ...module.staticImports.map((i) => i.moduleRequest.value),
      ...module.staticExports.flatMap((e) => e.entries.map((x) => x.moduleRequest?.value).filter(Boolean)),
      // import('…') and typeof import('…') types count too.
      ...[...readFileSync(`${CORE}/${file}`, 'utf8').matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]),
    ];
    for (const spec of specifiers) if (!spec.startsWith('./') && !HEADLESS_LIBRARIES.has(spec)) found.push(`${file}: ${spec}`);
  }
  assert.deepEqual(found, []);
});
