// Every locale translates every message, with the same placeholders as the English source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const config = JSON.parse(readFileSync('lit-localize.json', 'utf8'));
const REQUIRED = [
  'ar',
  'bg',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'es',
  'fi',
  'fr',
  'he',
  'hi',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'nb',
  'nl',
  'pl',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-CN',
];

function units(xml) {
  return [...xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
    id,
    source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1],
    target: /<target>([\s\S]*?)<\/target>/.exec(body)?.[1],
  }));
}

const placeholders = (text) => (text.match(/<x [^>]*\/>/g) ?? []).sort().join('|');

test('the configured locales include the thirty-two the widget promises (English and 31 more)', () => {
  assert.deepEqual([...config.targetLocales].sort(), REQUIRED);
  assert.deepEqual(
    readdirSync('locales')
      .filter((f) => f.endsWith('.xlf'))
      .sort(),
    REQUIRED.map((l) => `${l}.xlf`).sort(),
  );
});

for (const locale of REQUIRED) {
  test(`${locale}: every message has a translation with the source's placeholders`, () => {
    const all = units(readFileSync(`locales/${locale}.xlf`, 'utf8'));
    assert.ok(all.length > 100, `${locale}: only ${all.length} messages`);
    const missing = all.filter((u) => !u.target?.trim()).map((u) => `${u.id} "${u.source}"`);
    assert.deepEqual(missing, [], `${locale} lacks translations`);
    const broken = all.filter((u) => placeholders(u.source) !== placeholders(u.target)).map((u) => u.id);
    assert.deepEqual(broken, [], `${locale}: placeholders differ`);
  });
}

// Plural messages carry their own branches (src/i18n/plural.ts): each language writes the
// categories its CLDR rules have, no others, always with `other`, and nothing outside the branches.
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const isPlural = (text) => /^\s*(?:(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\}\s*)+$/.test(text);

for (const locale of REQUIRED) {
  test(`${locale}: every plural message has exactly the language's plural categories, each with its count`, () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const plurals = units(readFileSync(`locales/${locale}.xlf`, 'utf8')).filter((u) => isPlural(u.source));
    assert.ok(plurals.length >= 4, `${locale}: only ${plurals.length} plural messages found`);
    for (const { id, target } of plurals) {
      assert.ok(isPlural(target), `${locale} ${id}: text outside the branches in "${target}"`);
      const branches = new Map([...target.matchAll(BRANCH)].map(([, key, text]) => [key, text]));
      const named = [...branches.keys()].filter((k) => !k.startsWith('='));
      assert.ok(branches.has('other'), `${locale} ${id}: no "other" branch`);
      assert.deepEqual(
        named.filter((k) => !categories.includes(k)),
        [],
        `${locale} ${id}: categories the language does not have`,
      );
      assert.deepEqual(
        categories.filter((k) => !branches.has(k)),
        [],
        `${locale} ${id}: categories missing`,
      );
      // Branches that stand for many numbers must show the number.
      for (const key of ['few', 'many', 'other']) {
        if (branches.has(key)) assert.match(branches.get(key), /#/, `${locale} ${id}: "${key}" has no #`);
      }
    }
  });
}
