// The parts' build step that makes a lazy part use the classic script's lit, localize and stateful
// modules (scripts/shared-runtime.mjs), run through vite as the build runs it: the handed-over
// imports read the global, each part asking for exactly the names it uses (recorded, so the classic
// script hands over only those: narrowRuntime), and a part that would bundle its own copy of a
// stateful module the classic script has fails the build, naming it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { handedOver, narrowRuntime, sharedRuntime } from '../../scripts/shared-runtime.mjs';

// Inside the project, so the part resolves lit and src/ as a real part does.
const DIR = resolve('test-results/shared-runtime');
const SRC = resolve('src');

async function buildPart(name, code, classicModules = new Set(), used = new Map()) {
  const entry = resolve(DIR, `${name}.ts`);
  writeFileSync(entry, code);
  await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [sharedRuntime(classicModules, used)],
    build: { outDir: resolve(DIR, 'out'), emptyOutDir: false, minify: false, lib: { entry, formats: ['es'], fileName: () => `${name}.js` } },
  });
  return resolve(DIR, 'out', `${name}.js`);
}

before(() => mkdirSync(DIR, { recursive: true }));
after(() => process.env.KEEP || rmSync(DIR, { recursive: true, force: true }));

test('what classic/load-part.ts hands over is read from its namespace imports', () => {
  const shared = handedOver();
  for (const key of ['lit', 'directive', 'localize', 'text']) assert.ok(key in shared, key);
  assert.equal(shared.lit, 'lit');
});

test("a directive the classic script does not use (repeat) is bundled into the part, reading lit-html's internals from the script's lit", async () => {
  const used = new Map();
  const out = await buildPart('directive', "import { repeat } from 'lit/directives/repeat.js';\nexport const used = [repeat];", new Set(), used);
  const code = readFileSync(out, 'utf8');
  // lit-html's own files, which the directive imports, are the script's (lit re-exports them whole): no second lit-html.
  assert.doesNotMatch(code, /litHtmlVersions/);
  assert.match(code, /globalThis\.__uploadWidgetRuntime\.lit\b/);
  assert.ok(used.get('lit')?.has('_$LH'), "lit-html's internals are asked of the script's lit");
  assert.ok(used.get('directive')?.has('directive'), 'the directive base comes from the script');
});

test('a part reads lit, localize and the text overrides from the classic script, never bundling them', async () => {
  const used = new Map();
  const out = await buildPart(
    'reads-global',
    `import { html, LitElement } from 'lit';
import { msg } from '@lit/localize';
import { t } from '${SRC}/i18n/text.js';
export const used = [html, LitElement, msg, t];`,
    new Set(),
    used,
  );
  const code = readFileSync(out, 'utf8');
  assert.doesNotMatch(code, /litHtmlVersions|lit-localize-status|reactiveElementVersions/);
  // The built part takes exactly what the page's runtime gives it.
  const runtime = {
    lit: { html: 'html from the script', LitElement: 'LitElement from the script' },
    localize: { msg: 'msg from the script' },
    text: { t: 't from the script' },
  };
  // Exactly the names the part uses are asked for, and recorded for the classic script's build.
  const names = (key) =>
    [...new RegExp(`(?:const|var|let) \\{([^}]*)\\} = globalThis\\.__uploadWidgetRuntime\\.${key};`).exec(code)[1].split(',')]
      .map((n) => n.trim().split(':')[0])
      .sort();
  assert.deepEqual(names('lit'), ['LitElement', 'html']);
  assert.deepEqual(names('localize'), ['msg']);
  assert.deepEqual(names('text'), ['t']);
  assert.deepEqual(Object.fromEntries([...used].map(([key, set]) => [key, [...set].sort()])), { lit: ['LitElement', 'html'], localize: ['msg'], text: ['t'] });
  globalThis.__uploadWidgetRuntime = runtime;
  try {
    const { used } = await import(pathToFileURL(out).href);
    assert.deepEqual(used, ['html from the script', 'LitElement from the script', 'msg from the script', 't from the script']);
  } finally {
    delete globalThis.__uploadWidgetRuntime;
  }
});

test('a part that would bundle its own copy of a stateful module the classic script has fails the build, naming it', async () => {
  // src/i18n/localization.ts keeps the strings of the loaded languages: not handed over, so a copy would load them twice.
  const localization = resolve(SRC, 'i18n/localization.ts');
  await assert.rejects(
    buildPart('second-copy', `import * as l from '${SRC}/i18n/localization.js';\nexport const used = l;`, new Set([localization])),
    /bundles its own copy of src\/i18n\/localization\.ts, which the classic script has too: hand it over in src\/classic\/load-part\.ts/,
  );
  // The same part is fine for a build whose classic script does not have the module.
  await buildPart('second-copy-alone', `import * as l from '${SRC}/i18n/localization.js';\nexport const used = l;`);
});

test("the classic script hands over only what the parts read: classic/load-part.ts's namespace imports become named ones", () => {
  const file = resolve(SRC, 'classic/load-part.ts');
  const source = readFileSync(file, 'utf8');
  const used = new Map([
    ['lit', new Set(['html', 'LitElement'])],
    ['options', new Set(['*'])],
  ]);
  const { code } = narrowRuntime(used).transform(source, file);
  assert.match(code, /^import \{ LitElement as lit\$0, html as lit\$1 \} from 'lit';\nconst lit = \{ "LitElement": lit\$0, "html": lit\$1 \};$/m);
  // A part that takes a whole namespace gets it; modules no part named stay as they are.
  assert.match(code, /^import \* as options from '\.\.\/options\.js';$/m);
  assert.match(code, /^import \* as directive from 'lit\/directive\.js';$/m);
  assert.equal(narrowRuntime(used).transform('export {};', resolve(SRC, 'index.ts')), null);
});

test('no handed-over module reaches src/lazy/load-part.ts through its imports (the handed-over values would be undefined in that cycle)', () => {
  const start = Object.values(handedOver())
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(SRC, 'lazy', spec).replace(/\.js$/, '.ts'));
  const seen = new Set();
  const visit = (file, path) => {
    if (seen.has(file)) return;
    seen.add(file);
    assert.notEqual(file, resolve(SRC, 'lazy/load-part.ts'), `${path.join(' → ')} imports src/lazy/load-part.ts`);
    const source = readFileSync(file, 'utf8');
    // Value imports only: a type import leaves no edge at run time.
    for (const [, spec] of source.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)';$/gms)) {
      visit(resolve(file, '..', spec).replace(/\.js$/, '.ts'), [...path, spec]);
    }
  };
  for (const file of start) visit(file, [file.replace(`${SRC}/`, '')]);
  assert.ok(seen.size > start.length, 'the walk followed imports');
});
