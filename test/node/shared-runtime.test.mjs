// The parts' build step that makes a lazy part use the classic script's lit, localize and stateful
// modules (scripts/shared-runtime.mjs), run through vite as the build runs it: the handed-over
// imports read the global with the real modules' export names, and a part that would bundle its
// own copy of a stateful module the classic script has fails the build, naming it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { handedOver, sharedRuntime } from '../../scripts/shared-runtime.mjs';

// Inside the project, so the part resolves lit and src/ as a real part does.
const DIR = resolve('test-results/shared-runtime');
const SRC = resolve('src');

async function buildPart(name, code, classicModules = new Set()) {
  const entry = resolve(DIR, `${name}.ts`);
  writeFileSync(entry, code);
  await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [sharedRuntime(classicModules)],
    build: { outDir: resolve(DIR, 'out'), emptyOutDir: false, minify: false, lib: { entry, formats: ['es'], fileName: () => `${name}.js` } },
  });
  return resolve(DIR, 'out', `${name}.js`);
}

before(() => mkdirSync(DIR, { recursive: true }));
after(() => process.env.KEEP || rmSync(DIR, { recursive: true, force: true }));

test('what load-part-iife.ts hands over is read from its namespace imports', () => {
  const shared = handedOver();
  for (const key of ['lit', 'decorators', 'repeat', 'localize', 'text']) assert.ok(key in shared, key);
  assert.equal(shared.lit, 'lit');
});

test('a part reads lit, localize and the text overrides from the classic script, never bundling them', async () => {
  const out = await buildPart(
    'reads-global',
    `import { html, LitElement } from 'lit';
import { msg } from '@lit/localize';
import { t } from '${SRC}/i18n/text.js';
export const used = [html, LitElement, msg, t];`,
  );
  const code = readFileSync(out, 'utf8');
  assert.doesNotMatch(code, /litHtmlVersions|lit-localize-status|reactiveElementVersions/);
  // The built part takes exactly what the page's runtime gives it.
  const runtime = {
    lit: { html: 'html from the script', LitElement: 'LitElement from the script' },
    localize: { msg: 'msg from the script' },
    text: { t: 't from the script' },
  };
  // Every export name of the real module is asked for; the runtime object is the script's module.
  const names = (key) =>
    [...new RegExp(`(?:const|var|let) \\{([^}]*)\\} = globalThis\\.__uploadWidgetRuntime\\.${key};`).exec(code)[1].split(',')].map((n) => n.trim());
  assert.ok(names('lit').includes('LitElement') && names('lit').includes('svg'), names('lit').join());
  assert.ok(names('localize').includes('msg') && names('localize').includes('str'));
  assert.ok(names('text').includes('t'));
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
    /bundles its own copy of src\/i18n\/localization\.ts, which the classic script has too: hand it over in src\/lazy\/load-part-iife\.ts/,
  );
  // The same part is fine for a build whose classic script does not have the module.
  await buildPart('second-copy-alone', `import * as l from '${SRC}/i18n/localization.js';\nexport const used = l;`);
});
