// The layers of docs/architecture.md, held: which folder of src/ may import which (type imports and
// lazy import()s included). The headless core's own rule, with the libraries it may use, is
// core-imports.test.mjs; that src/ has no import cycle is import-cycles.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const SRC = 'src';

/**
 * Each folder (or loose file of src/) and what it may import besides itself. A loose file is named
 * with its extension; `*` is anything. Words and the core sit at the bottom; views and sources above
 * them; the element above those; the lazy parts' list and the classic script's loader name modules
 * of every layer, since they load them.
 */
const ALLOWED = {
  core: [],
  generated: [],
  i18n: ['core', 'generated'],
  theme: ['options.ts'],
  views: ['core', 'i18n', 'lazy', 'define.ts', 'dispatch.ts', 'options.ts'],
  sources: ['core', 'i18n', 'lazy', 'views', 'define.ts', 'dispatch.ts', 'options.ts'],
  element: ['core', 'i18n', 'lazy', 'sources', 'theme', 'views', 'define.ts', 'dispatch.ts', 'options.ts'],
  lazy: ['core', 'element', 'i18n', 'sources', 'theme', 'views'],
  classic: ['*'],
  compat: ['events.ts', 'options.ts', 'upload-widget.ts'],
  frameworks: ['core', 'events.ts', 'index.ts', 'options.ts', 'upload-widget.ts'],
  'options.ts': ['core'],
  'events.ts': ['core'],
  'dispatch.ts': ['events.ts'],
  'define.ts': ['version.ts'],
  'version.ts': [],
  'server.ts': ['version.ts'],
  'upload-widget.styles.ts': ['theme'],
  'upload-widget.ts': [
    'core',
    'element',
    'i18n',
    'lazy',
    'sources',
    'views',
    'define.ts',
    'dispatch.ts',
    'events.ts',
    'options.ts',
    'upload-widget.styles.ts',
    'version.ts',
  ],
  'index.ts': ['*'],
  'cloudinary-global.ts': ['*'],
};

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** The folder of src/ a file is in, or its own name when it lies in src/ itself. */
const layerOf = (file) => relative(SRC, file).split('/')[0];

/** Relative specifiers a file imports: static, re-exported, side-effect, lazy and `typeof import()`. */
const importsOf = (text) => [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);

/** Each import that the table does not allow, for files given as path → text; and the layers seen. */
function check(files) {
  const layers = new Set();
  const found = [];
  for (const [file, text] of files) {
    const layer = layerOf(file);
    layers.add(layer);
    const allowed = ALLOWED[layer];
    if (!allowed) {
      found.push(`${relative(SRC, file)}: its layer "${layer}" is not in this table`);
      continue;
    }
    for (const spec of importsOf(text)) {
      const target = layerOf(normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts'));
      if (target !== layer && !allowed.includes('*') && !allowed.includes(target)) found.push(`${relative(SRC, file)} imports ${spec} (${target})`);
    }
  }
  return { found, layers };
}

test('every folder of src/ imports only the layers below it (docs/architecture.md)', () => {
  const { found, layers } = check([...sources(SRC)].map((file) => [file, readFileSync(file, 'utf8')]));
  assert.deepEqual(found, []);
  // A row for a folder that is gone would hold nothing.
  assert.deepEqual(
    Object.keys(ALLOWED).filter((layer) => !layers.has(layer)),
    [],
  );
});

test('the table catches an import that points up a layer, a type import included', () => {
  const { found } = check([
    ['src/views/row.ts', "import type { QueueHost } from '../element/queue-host.js';\nimport { msg } from '@lit/localize';"],
    ['src/core/store.ts', "const m = await import('../views/icons.js');"],
    ['src/i18n/plural.ts', "import { formatCount } from './format.js';"],
  ]);
  assert.deepEqual(found, ['views/row.ts imports ../element/queue-host.js (element)', 'core/store.ts imports ../views/icons.js (views)']);
});
