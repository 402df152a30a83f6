// The build's lit-css minifier: it must never change what the CSS means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'lightningcss';
import { SourceMapConsumer } from 'source-map-js';
import { findCssTemplates, minifyLitCss, minifyTemplate } from '../../scripts/minify-lit-css.mjs';

const body = (code) => {
  const [t] = findCssTemplates(minifyLitCss(code).code);
  return t.strings.map((s, i) => s + (i < t.expressions.length ? `\${${t.expressions[i]}}` : '')).join('');
};

test('an interpolation next to a unit stays glued to it', () => {
  assert.equal(body('const s = css`\n  .row {\n    block-size: ${ROW}px;\n  }\n`;'), '.row{block-size:${ROW}px}');
  assert.equal(body('css`.a { inline-size: ${W}%; margin: -${M}px }`'), '.a{inline-size:${W}%;margin:-${M}px}');
});

test('calc() keeps the spaces its + and - need', () => {
  const out = body('css`.a { inset-block-start: calc(var(--i, 0) * ${H}px + 2px); inline-size: calc(100% - ${P}px) }`');
  assert.match(out, /calc\(var\(--i,0\) \* \$\{H\}px \+ 2px\)/);
  assert.match(out, /calc\(100% - \$\{P\}px\)/);
});

test('a shorthand and its longhand keep their order around an interpolation', () => {
  assert.equal(body('css`.a { padding: 4px; padding-inline: ${P}px }`'), '.a{padding:4px;padding-inline:${P}px}');
  assert.equal(body('css`.a { padding-inline: ${P}px; padding: 4px }`'), '.a{padding-inline:${P}px;padding:4px}');
  assert.equal(body('css`.a { border: 1px solid red; border-color: ${C} }`'), '.a{border:1px solid red;border-color:${C}}');
});

test('strings and url() keep their inside as written', () => {
  const out = body(`css\`.a::after { content: "a  {b};  c: d" } .b { background: url("x  y.png") }\``);
  assert.match(out, /content:"a {2}\{b\}; {2}c: d"/);
  assert.match(out, /url\("x {2}y\.png"\)/);
});

test('comments go, even ones holding braces', () => {
  assert.equal(body('css`/* a } b { */ .a { color: red /* c; */ }`'), '.a{color:red}');
});

test('an interpolation may stand for a selector or a property name', () => {
  assert.equal(body('css`${SEL} .b { color: red } .c { ${PROP}: 1px }`'), '${SEL} .b{color:red}.c{${PROP}:1px}');
});

test('a template that does not parse is kept exactly as written', () => {
  const code = 'const s = css`\n  .a { color: red; }\n  ${rule}\n`;';
  assert.equal(minifyLitCss(code).code, code);
  assert.equal(minifyTemplate(['.a { color: ', '; } }}} @@'], ['c']), null);
});

test('escapes and backticks keep the template as written', () => {
  const code = "css`.a::before { content: '\\\\2022' }`";
  assert.equal(minifyLitCss(code).code, code);
});

test('reordered declarations are accepted only for expressions without effects', () => {
  // lightningcss moves logical properties after physical ones; a call could then run out of order.
  const strings = ['.a { inset-block-start: ', 'px; block-size: ', 'px; display: grid }'];
  assert.ok(minifyTemplate(strings, ['A', 'B']));
  const withCalls = minifyTemplate(strings, ['next()', 'next()']);
  if (withCalls !== null) assert.ok(withCalls.indexOf('next()') >= 0 && /inset-block-start:\$\{next\(\)\}px.*block-size:\$\{next\(\)\}px/.test(withCalls));
});

test('palette fallbacks are dropped (the host declares every palette property), others kept', () => {
  const out = body('css`.a { color: var(--uw-color-error, #d73a2f); gap: var(--uw-space-1, 4px) }`');
  assert.match(out, /color:var\(--uw-color-error\)/);
  assert.match(out, /gap:var\(--uw-space-1,4px\)/);
});

test('other tagged templates and look-alike tags are untouched', () => {
  const code = 'html`<p>  a  </p>`; mycss`.a {  }`; const b = `css ${1}`;';
  assert.equal(minifyLitCss(code).code, code);
});

test('the source map points code after a template at its own line', () => {
  const code = ['const styles = css`', '  .a {', '    color: red;', '  }', '`;', 'export function marker() {}', ''].join('\n');
  const { code: out, map } = minifyLitCss(code, 'x.ts');
  const line = out.split('\n').findIndex((l) => l.includes('marker')) + 1;
  const column = out.split('\n')[line - 1].indexOf('marker');
  const original = new SourceMapConsumer(map).originalPositionFor({ line, column });
  assert.equal(original.source, 'x.ts');
  assert.equal(original.line, 6);
});

/** Every css`…` in src/, with sample values put in: the minified text must mean the same. */
function* sourceTemplates(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceTemplates(path);
    else if (entry.name.endsWith('.ts')) for (const t of findCssTemplates(readFileSync(path, 'utf8'))) yield { path, ...t };
  }
}

/**
 * lightningcss's own minified form, with the declarations of each block sorted: it may order
 * independent declarations differently when one value is an interpolation (overlapping ones,
 * shorthand and longhand, are checked on their own above).
 */
const canonical = (css) =>
  transform({ filename: 'c.css', code: Buffer.from(css), minify: true })
    .code.toString()
    .replace(/\{([^{}]*)\}/g, (_m, block) => `{${block.split(';').sort().join(';')}}`);
const fill = (strings, values) => strings.map((s, i) => s + (i < values.length ? values[i] : '')).join('');

test('every css template in src/ means the same after minifying', () => {
  let checked = 0;
  for (const { path, strings, expressions } of sourceTemplates('src')) {
    const minified = minifyTemplate(strings, expressions);
    if (minified === null) continue;
    // One value per distinct expression, so a swapped pair would show.
    const names = [...new Set(expressions)];
    const byName = Object.fromEntries(names.map((e, i) => [e, String(37 + i)]));
    const values = expressions.map((e) => byName[e]);
    const [t] = findCssTemplates(`css\`${minified}\``);
    const before = canonical(fill(strings, values).replace(/var\((--uw-(?:color-[a-z-]+|frame-background)),[^()]*\)/g, 'var($1)'));
    const after = canonical(
      fill(
        t.strings,
        t.expressions.map((e) => byName[e]),
      ),
    );
    assert.equal(after, before, path);
    // The bug this replaces: a space between an interpolation and its unit.
    assert.doesNotMatch(minified, /\}\s+(px|%|em|rem|ms|s|deg)\b/, path);
    checked++;
  }
  assert.ok(checked >= 10, `only ${checked} templates checked`);
});
