// A vite plugin that drops the indentation inside lit `html` and `svg` templates. lit keeps their
// text as written, and no JS minifier touches template text. In HTML a run of whitespace that holds
// a line break renders as one space, so each such run becomes a single line break: the same DOM
// for layout and for assistive technology, fewer bytes. Templates whose text holds a backslash are
// left as written (escapes), and so is anything that is not a template tagged `html` or `svg`.
import MagicString from 'magic-string';

const TAGS = new Set(['html', 'svg']);
const INDENTED_BREAK = /[ \t]*\n\s*/g;

/** Every quasi (static text) of every html`…`/svg`…` in an ESTree program. */
function* htmlQuasis(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* htmlQuasis(child);
    return;
  }
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && TAGS.has(node.tag.name)) {
    yield* node.quasi.quasis;
  }
  for (const key of Object.keys(node)) if (key !== 'type' && typeof node[key] === 'object') yield* htmlQuasis(node[key]);
}

/**
 * @param {string} code JavaScript
 * @param {object} program its ESTree AST
 */
function minifyLitHtml(code, program, id = 'input.js') {
  const s = new MagicString(code);
  for (const quasi of htmlQuasis(program)) {
    const raw = code.slice(quasi.start, quasi.end);
    // Positions that do not frame the raw text exactly, or escapes: leave it alone.
    if (raw !== quasi.value.raw || raw.includes('\\')) continue;
    const collapsed = raw.replace(INDENTED_BREAK, '\n');
    if (collapsed !== raw && quasi.end > quasi.start) s.overwrite(quasi.start, quasi.end, collapsed);
  }
  return { code: s.toString(), map: s.generateMap({ source: id, hires: 'boundary', includeContent: true }) };
}

export function minifyLitHtmlPlugin() {
  return {
    name: 'minify-lit-html',
    apply: 'build',
    transform(code, id) {
      // Runs on the project's own modules once TypeScript is stripped (a normal-order plugin).
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|svg)`/.test(code)) return null;
      return minifyLitHtml(code, this.parse(code), id);
    },
  };
}
