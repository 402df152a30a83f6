// The element's .d.ts as it ships (dist/types/upload-widget.d.ts, after `npm run build`), read the
// way lit-analyzer and web-component-analyzer read it: each attribute is a member of the class with
// `@attr <name>` in its comment, each event a `@fires <name>` of the class comment. (Checked by hand
// with `npx web-component-analyzer@2 analyze dist/types/upload-widget.d.ts`: 78 attributes, 22
// events, where there were 0 and 0; and with lit-analyzer 2 --strict on a lit template: no warning
// for correct attributes, properties and events, one for each typo.) The strict consumer in
// package.test.mjs type-checks this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'custom-elements.json'), 'utf8'));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'upload-widget');
const dts = readFileSync(resolve(ROOT, 'dist/types/upload-widget.d.ts'), 'utf8');
const CLASS_LINE = 'export declare class UploadWidget extends FormAssociatedElement {';
const classAt = dts.indexOf(CLASS_LINE);
const body = dts.slice(classAt);
const classComment = dts.slice(dts.lastIndexOf('/**', classAt), classAt);

/** The class's members with the comment right above each: name → { comment, declaration }. */
const members = new Map(
  [...body.matchAll(/^ {4}\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\n {4}((?:readonly |get )*([A-Za-z_$][\w$]*)[^\n]*)$/gm)].map((m) => [
    m[3],
    { comment: m[1], declaration: m[2] },
  ]),
);

test('every attribute of the manifest is a member of the class with @attr and a description (a list: @attr {string} and @prop)', () => {
  assert.ok(classAt > 0, 'the class is declared');
  assert.ok(element.attributes.length >= 78, `${element.attributes.length} attributes`);
  for (const attribute of element.attributes) {
    if (attribute.type.text === 'comma list or JSON array') {
      // Its text is not its property's array type: lit-analyzer checks `sources="local,url"` as a string.
      assert.match(
        classComment,
        new RegExp(`\\n \\* @attr \\{string\\} ${attribute.name} - comma list or JSON array: \\S`),
        `@attr {string} ${attribute.name}`,
      );
      assert.match(classComment, new RegExp(`\\n \\* @prop \\{string\\[\\]\\} ${attribute.fieldName} - \\S`), `@prop ${attribute.fieldName}`);
      assert.ok(!members.has(attribute.fieldName), `${attribute.fieldName} is typed by the interface, not a field`);
      continue;
    }
    const member = members.get(attribute.fieldName);
    assert.ok(member, `${attribute.fieldName} is declared in the class with a comment`);
    assert.match(member.comment, new RegExp(`\\n\\s*\\* @attr ${attribute.name}\\n`), `${attribute.fieldName} has @attr ${attribute.name}`);
    assert.match(member.comment, /^\s*\*\s*\S/, `${attribute.fieldName} is described`);
  }
  // Only what the manifest has: no attribute for a function, nor for the secret.
  const tagged = [...dts.matchAll(/@attr (?:\{string\} )?([\w-]+)/g)].map((m) => m[1]).sort();
  assert.deepEqual(tagged, element.attributes.map((a) => a.name).sort());
  // The lists keep their property type through the interface the class merges with.
  assert.match(dts, /export interface UploadWidget extends Omit<Partial<WidgetOptions>, 'form'>/);
});

test('every option is a declared field typed from WidgetOptions; functions without @attr', () => {
  for (const name of ['cloudName', 'context', 'maxFiles', 'theme', 'preBatch', 'destination', 'styles']) {
    assert.equal(members.get(name)?.declaration, `${name}?: WidgetOptions['${name}'];`, `${name} is declared`);
  }
  assert.doesNotMatch(members.get('preBatch').comment, /@attr/);
  assert.match(members.get('maxChunkSize').comment, /@default 20000000/);
  assert.ok(!members.has('apiSecret') || !/@attr/.test(members.get('apiSecret').comment), 'the secret has no attribute');
});

test('every event of the manifest is a @fires of the class comment, with its description', () => {
  assert.equal(element.events.length, 22);
  for (const event of element.events) {
    assert.match(classComment, new RegExp(`\\n \\* @fires ${event.name} - \\S`), `@fires ${event.name}`);
  }
});
