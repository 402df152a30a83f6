// custom-elements.json, as the build wrote it: the element with its options, events, parts and
// custom properties, each described; and the README's tables naming exactly the same things.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

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

test("the README's events table, parts and custom properties name exactly the manifest's", () => {
  const events = new Set(tableUnder('### Events').flatMap(([first]) => namesIn(first)));
  assert.deepEqual([...events].sort(), element.events.map((e) => e.name).sort());
  const partsLine = readme.slice(readme.indexOf('**Parts** for `::part()`:'), readme.indexOf('### Languages'));
  assert.deepEqual(namesIn(partsLine.slice(partsLine.indexOf(':') + 1)).sort(), element.cssParts.map((p) => p.name).sort());
  const theming = readme.slice(readme.indexOf('### Theming'), readme.indexOf('**Why five defaults'));
  const props = new Set([...theming.matchAll(/`(--uw-[\w-]+)`/g)].map((m) => m[1]));
  assert.deepEqual([...props].sort(), element.cssProperties.map((p) => p.name).sort());
});
