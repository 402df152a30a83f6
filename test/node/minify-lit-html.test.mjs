// The build's lit-html whitespace step, run through vite as the build runs it: indentation inside
// html`…`/svg`…` goes, what the HTML means stays, and nothing else is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { minifyLitHtmlPlugin } from '../../scripts/minify-lit-html.mjs';

const FIXTURE = `
const html = (strings) => strings.raw;
const svg = (strings) => strings.raw;
const css = (strings) => strings.raw;
const lib = { html };
const inner = (x: string) => html\`<li>
      \${x}
    </li>\`;
export const nested = html\`<ul>
    \${['a'].map((x) => inner(x))}
    \${true ? html\`<b>one</b>
        <i>two</i>\` : ''}
  </ul>\`;
export const list = inner('a');
export const picture = svg\`<svg viewBox="0 0 2 2">
    <path d="M0 0"/>
  </svg>\`;
export const style = css\`
  :host {
    display: block;
  }
\`;
export const plain = \`line one
    line two\`;
export const escaped = html\`<p>a\\u0041
    b</p>\`;
export const member = lib.html\`<p>
    kept</p>\`;
`;

let out;
test.before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'uw-html-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'fixture.ts'), FIXTURE);
  await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    plugins: [minifyLitHtmlPlugin()],
    build: { outDir: join(dir, 'dist'), minify: false, lib: { entry: join(dir, 'src', 'fixture.ts'), formats: ['es'], fileName: () => 'fixture.js' } },
  });
  out = await import(pathToFileURL(join(dir, 'dist', 'fixture.js')).href);
  test.after(() => rmSync(dir, { recursive: true, force: true }));
});

test('indentation after a line break goes; the break stays, so text and inline elements keep their space', () => {
  assert.deepEqual([...out.list], ['<li>\n', '\n</li>']);
  assert.deepEqual([...out.nested], ['<ul>\n', '\n', '\n</ul>']);
});

test('templates inside expressions and svg templates are collapsed too', () => {
  assert.deepEqual([...out.picture], ['<svg viewBox="0 0 2 2">\n<path d="M0 0"/>\n</svg>']);
});

test('css, untagged and member-tagged templates, and templates with escapes, stay as written', () => {
  assert.deepEqual([...out.style], ['\n  :host {\n    display: block;\n  }\n']);
  assert.equal(out.plain, 'line one\n    line two');
  assert.deepEqual([...out.escaped], ['<p>a\\u0041\n    b</p>']);
  assert.deepEqual([...out.member], ['<p>\n    kept</p>']);
});
