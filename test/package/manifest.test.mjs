// custom-elements.json, as the build wrote it: the element with its options, events, parts and
// custom properties, each described; and the README's tables naming exactly the same things.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COLUMN, OPTION_TABLES, writeColumn } from '../../scripts/readme-options.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'custom-elements.json'), 'utf8'));
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'upload-widget');
/** The element's own members that are not options. */
const NOT_OPTIONS = new Set([
  'version',
  'options',
  'name',
  'required',
  'disabled',
  'controller',
  'form',
  'values',
  'validity',
  'validationMessage',
  'effectiveOptions',
  'items',
]);
const optionFields = () => element.members.filter((m) => m.kind === 'field' && !m.static && !NOT_OPTIONS.has(m.name));

/** The markdown table rows under a heading, first cell and the rest. */
function tableUnder(heading) {
  const start = readme.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has "${heading}"`);
  const rows = [];
  for (const line of readme.slice(start).split('\n').slice(2)) {
    if (line.startsWith('#')) break;
    if (line.startsWith('|') && !/^\|\s*(-|option|event|palette key)/.test(line))
      rows.push(
        line
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
  }
  return rows;
}
const namesIn = (cell) => [...cell.matchAll(/`([\w-]+)/g)].map((m) => m[1]);

test('the manifest defines <upload-widget> and package.json points at it', () => {
  assert.ok(element, 'upload-widget is in the manifest');
  assert.equal(element.name, 'UploadWidget');
  assert.equal(JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).customElements, 'custom-elements.json');
  const definition = manifest.modules.flatMap((m) => m.exports ?? []).find((e) => e.kind === 'custom-element-definition');
  assert.equal(definition.name, 'upload-widget');
});

test('module paths are the shipped files (dist/…js), not the sources, which are not in the package', () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
  // Every module path and every `module` a declaration or export points at, wherever it is in the manifest.
  const paths = [];
  const walk = (node, key) => {
    if (typeof node === 'string' && (key === 'path' || key === 'module')) paths.push(node);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, Array.isArray(node) ? key : k);
  };
  walk(manifest.modules);
  assert.ok(paths.length >= 3, `${paths.length} paths`);
  for (const path of new Set(paths)) {
    assert.match(path, /^dist\/[\w/.-]+\.js$/, `${path} is a shipped JavaScript file`);
    assert.ok(existsSync(resolve(ROOT, path)), `${path} was built`);
    assert.ok(pkg.files.includes(path.split('/')[0]), `${path} is in the package's files`);
  }
  // The element's module is what `import 'upload-widget'` loads in a browser.
  const module = manifest.modules.find((m) => m.declarations?.some((d) => d.tagName === 'upload-widget'));
  assert.equal(`./${module.path}`, pkg.exports['.'].browser);
  assert.deepEqual(
    module.exports
      .filter((e) => e.kind === 'js')
      .map((e) => e.name)
      .sort(),
    ['CancelledByHook', 'UploadController', 'UploadWidget', 'VERSION', 'controllerServices', 'uploadRequest'],
    'its JavaScript exports, without the type-only ones',
  );
});

test('attribute types say what the attribute text may be, not TypeScript types; defaults are attribute text', () => {
  const attributes = new Map(element.attributes.map((a) => [a.name, a]));
  const expected = {
    sources: 'comma list or JSON array',
    tags: 'comma list or JSON array',
    'client-allowed-formats': 'comma list or JSON array',
    'search-by-sites': 'comma list or JSON array',
    context: 'JSON object',
    styles: 'JSON object',
    text: 'JSON object',
    encryption: 'JSON object',
    theme: "'light' | 'dark' | 'auto'",
    'resource-type': "'auto' | 'image' | 'video' | 'raw'",
    'cropping-coordinates-mode': "'custom' | 'face'",
    'inline-container': 'CSS selector',
    thumbnails: 'CSS selector',
    'upload-signature': 'string',
    'cloud-name': 'string',
    name: 'string',
    'max-files': 'number',
    multiple: 'boolean',
    required: 'boolean',
    disabled: 'boolean',
  };
  for (const [name, type] of Object.entries(expected)) assert.equal(attributes.get(name)?.type?.text, type, `the ${name} attribute's type`);
  const syntaxes = /^(string|number|boolean|comma list or JSON array|JSON object|JSON array|CSS selector|'[^']*'( \| '[^']*')*)$/;
  for (const a of element.attributes) assert.match(a.type.text, syntaxes, `the ${a.name} attribute's type is attribute syntax`);
  assert.equal(attributes.get('sources').default, 'local,url,camera');
  assert.equal(attributes.get('field-name').default, 'image');
  assert.equal(attributes.get('resource-type').default, 'auto');
  assert.equal(attributes.get('max-chunk-size').default, '20000000');
  for (const a of element.attributes.filter((a) => a.default !== undefined))
    assert.doesNotMatch(a.default, /['"[\]]/, `the ${a.name} attribute's default is its text`);
  // Properties keep TypeScript's types, with aliases of word unions expanded.
  const fields = new Map(optionFields().map((f) => [f.name, f]));
  assert.equal(fields.get('croppingCoordinatesMode').type.text, "'custom' | 'face'");
  assert.equal(fields.get('theme').type.text, "'light' | 'dark' | 'auto'");
});

test('function-valued options have no attribute; disabled and every documented attribute are there', () => {
  const attributes = new Map(element.attributes.map((a) => [a.name, a]));
  const functions = ['preBatch', 'prepareUploadParams', 'getTags', 'getUploadPresets', 'destination'];
  for (const field of optionFields()) {
    const kebab = field.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (functions.includes(field.name)) {
      assert.equal(field.attribute, undefined, `${field.name} is a property only`);
      assert.ok(!attributes.has(kebab) && !element.attributes.some((a) => a.fieldName === field.name), `no ${kebab} attribute`);
    } else {
      assert.equal(field.attribute, kebab, `${field.name} is the ${kebab} attribute`);
      assert.equal(attributes.get(kebab)?.fieldName, field.name, `the ${kebab} attribute sets ${field.name}`);
    }
  }
  assert.ok(
    optionFields()
      .filter((f) => /Hook|Function|Destination/.test(f.type.text) && !/string/.test(f.type.text))
      .every((f) => functions.includes(f.name)),
    'every function-valued option is in the list above',
  );
  // The form field's own attributes, as the README's options table names them.
  for (const own of ['name', 'required', 'disabled']) {
    assert.ok(attributes.get(own)?.description, `the ${own} attribute, described`);
    assert.equal(attributes.get(own).fieldName, own);
  }
  assert.equal(element.members.find((m) => m.name === 'disabled').attribute, 'disabled');
});

test('every option is a property with a type, a one-line description, its default, and (unless a function) an attribute', () => {
  const fields = optionFields();
  assert.ok(fields.length >= 60, `${fields.length} options`);
  for (const field of fields) {
    assert.ok(field.type?.text, `${field.name} has a type`);
    assert.ok(field.description && !field.description.includes('\n'), `${field.name} has a one-line description`);
  }
  const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
  assert.equal(byName.maxChunkSize.default, '20000000');
  assert.equal(byName.maxChunkSize.attribute, 'max-chunk-size');
  assert.equal(byName.fieldName.default, "'image'");
  assert.equal(byName.preBatch.attribute, undefined);
  const attributes = new Map(element.attributes.map((a) => [a.name, a]));
  for (const field of fields.filter((f) => f.attribute)) assert.equal(attributes.get(field.attribute)?.fieldName, field.name);
  for (const own of ['name', 'required']) assert.ok(attributes.has(own), `the ${own} attribute`);
  // Secrets are refused, and no tool should suggest them.
  assert.ok(!attributes.has('api-secret') && !element.members.some((m) => m.name === 'apiSecret'));
});

test('every event has its detail type and a description; methods and parts and custom properties are described', () => {
  assert.equal(element.events.length, 22);
  const success = element.events.find((e) => e.name === 'success');
  assert.match(success.type.text, /^CustomEvent<UploadInfo & \{ id: string; batchId: string; path: string/);
  for (const event of element.events) assert.ok(event.description, `${event.name} is described`);
  for (const method of ['open', 'close', 'updateOptions', 'registerSource', 'destroy', 'addFiles', 'checkValidity']) {
    assert.ok(
      element.members.some((m) => m.kind === 'method' && m.name === method && m.description),
      `${method}() is described`,
    );
  }
  for (const part of element.cssParts) assert.ok(part.description, `part ${part.name} is described`);
  for (const prop of element.cssProperties) assert.ok(prop.description, `${prop.name} is described`);
});

test("the README's option tables name exactly the manifest's options", () => {
  const named = [...tableUnder('### Options of the upload engine'), ...tableUnder('### Options of the interface')].flatMap(([first]) => namesIn(first));
  // Attribute spellings in the table, `cloudName` (`cloud-name`), are the manifest's attributes.
  const attributes = new Set(element.attributes.map((a) => a.name));
  for (const name of named.filter((n) => n.includes('-'))) assert.ok(attributes.has(name), `the README's ${name} is an attribute`);
  const documented = new Set(named.filter((n) => !n.includes('-')));
  // The options object alone carries Cloudinary's `form`; the table names it with the rest.
  const expected = new Set([...optionFields().map((f) => f.name), 'form', 'name', 'required', 'disabled']);
  assert.deepEqual([...documented].filter((n) => !expected.has(n)).sort(), [], 'in the README, not in the manifest');
  assert.deepEqual([...expected].filter((n) => !documented.has(n)).sort(), [], 'in the manifest, not in the README');
});

test("the README's options tables have the attribute syntax · type · default column, as the manifest gives it", () => {
  for (const heading of OPTION_TABLES) {
    const table = readme.slice(readme.indexOf(`\n${heading}\n`));
    assert.match(table.slice(0, 300), new RegExp(`\\| option \\(attribute\\) \\| ${COLUMN} \\| meaning \\|`), `${heading}: the column`);
  }
  // Written by `node scripts/readme-options.mjs` from custom-elements.json; a row that differs names itself.
  const expected = writeColumn(readme, element).split('\n');
  const differing = readme.split('\n').filter((line, i) => line !== expected[i]);
  assert.deepEqual(differing, [], "rows whose column is not the manifest's (run node scripts/readme-options.mjs)");
  // Spot checks of what it says.
  assert.match(readme, /\| `sources` \| comma list or JSON array · `string\[\]` · `local,url,camera` \|/);
  assert.match(readme, /`context`: JSON object · `Record<string, string>` · —/);
  assert.match(readme, /`theme`: `light` \\\| `dark` \\\| `auto` · /);
  assert.match(readme, /\| `preBatch\(cb, data\)` \| property only · `PreBatchHook` · — \|/);
  assert.match(readme, /`disabled`: boolean · `boolean` · `false`/);
});

test("the README's events table, parts and custom properties name exactly the manifest's", () => {
  const events = new Set(tableUnder('### Events').flatMap(([first]) => namesIn(first)));
  assert.deepEqual([...events].sort(), element.events.map((e) => e.name).sort());
  const partsLine = readme.slice(readme.indexOf('**Parts** for `::part()`:'), readme.indexOf('### Languages'));
  assert.deepEqual(namesIn(partsLine.slice(partsLine.indexOf(':') + 1)).sort(), element.cssParts.map((p) => p.name).sort());
  const theming = readme.slice(readme.indexOf('### Theming'), readme.indexOf('**Why five defaults'));
  const props = new Set([...theming.matchAll(/`(--uw-[\w-]+)`/g)].map((m) => m[1]));
  assert.deepEqual([...props].sort(), element.cssProperties.map((p) => p.name).sort());
});
