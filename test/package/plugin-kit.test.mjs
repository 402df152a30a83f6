// The published types: no member marked @internal ships (tsconfig.build.json strips them, and none
// is left to strip), and the plugin kit a site writes a destination or a source against is
// exported from the package's entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TYPES = 'dist/types';

function* declarations(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (name.endsWith('.d.ts')) yield path;
  }
}

test('dist/types has no @internal member', () => {
  const marked = [...declarations(TYPES)].filter((file) => readFileSync(file, 'utf8').includes('@internal'));
  assert.deepEqual(marked, []);
});

test('the package entry exports the plugin kit', () => {
  const entry = readFileSync(join(TYPES, 'index.d.ts'), 'utf8');
  for (const name of [
    'Destination',
    'DestinationContext',
    'DestinationOption',
    'UploadTask',
    'ResumeStore',
    'CancelledByHook',
    'SourcePlugin',
    'SourceElement',
  ]) {
    assert.match(entry, new RegExp(`\\b${name}\\b`), `${name} is exported`);
  }
});
