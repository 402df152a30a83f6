// Every locale translates every message, with the same placeholders as the English source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const config = JSON.parse(readFileSync('lit-localize.json', 'utf8'));
const REQUIRED = ['ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'ko', 'nl', 'pl', 'pt-BR', 'ru', 'tr', 'zh-CN'];

function units(xml) {
  return [...xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
    id,
    source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1],
    target: /<target>([\s\S]*?)<\/target>/.exec(body)?.[1],
  }));
}

const placeholders = (text) => (text.match(/<x [^>]*\/>/g) ?? []).sort().join('|');

test('the configured locales include the fifteen the widget promises', () => {
  assert.deepEqual([...config.targetLocales].sort(), REQUIRED);
  assert.deepEqual(readdirSync('locales').filter((f) => f.endsWith('.xlf')).sort(), REQUIRED.map((l) => `${l}.xlf`).sort());
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
