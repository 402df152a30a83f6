// A vite plugin that minifies lit `css` tagged templates with a real CSS minifier (lightningcss):
// lit ships their text as strings, which no JS minifier touches.
//
// Each ${…} is swapped for a placeholder identifier, the whole template is minified as one
// stylesheet, and the placeholders are swapped back. A template is left exactly as written when
// anything is doubtful: lightningcss cannot parse it, a placeholder is lost or duplicated, or the
// text holds escapes. So the worst this step can do is not save bytes; it cannot change meaning
// (an earlier hand-written minifier turned `${64}px` into `64 px`, and the queue vanished).
import MagicString from 'magic-string';
import { transform } from 'lightningcss';

/**
 * The palette (--uw-color-*) and --uw-frame-background are declared on the widget's :host, so a
 * fallback after them in an inner view's CSS is never used in the bundle: it goes.
 */
const PALETTE_FALLBACK = /var\((--uw-(?:color-[a-z-]+|frame-background)),[^()]*\)/g;

const placeholder = (index) => `uwph${index}x`;
const PLACEHOLDER = /uwph(\d+)x/g;
/** An expression that can be evaluated in another order without changing anything. */
const PURE_EXPRESSION = /^\s*[\w$.]+\s*$/;

/**
 * Finds every css`…` in `code`: the template's body range and its parts.
 * @returns {{ start: number, end: number, strings: string[], expressions: string[] }[]}
 */
export function findCssTemplates(code) {
  const found = [];
  let from = 0;
  for (;;) {
    const tag = code.indexOf('css`', from);
    if (tag < 0) return found;
    // `foocss\`` is another tag; only a bare `css` counts.
    if (/[\w$]/.test(code[tag - 1] ?? '')) {
      from = tag + 4;
      continue;
    }
    const start = tag + 4;
    const strings = [];
    const expressions = [];
    let segment = '';
    let j = start;
    for (; j < code.length; j++) {
      const c = code[j];
      if (c === '\\') {
        segment += c + code[++j];
      } else if (c === '`') {
        break;
      } else if (c === '$' && code[j + 1] === '{') {
        strings.push(segment);
        segment = '';
        let depth = 1;
        let expression = '';
        for (j += 2; j < code.length && depth > 0; j++) {
          if (code[j] === '{') depth++;
          else if (code[j] === '}' && --depth === 0) break;
          expression += code[j];
        }
        expressions.push(expression);
      } else {
        segment += c;
      }
    }
    strings.push(segment);
    found.push({ start, end: j, strings, expressions });
    from = j + 1;
  }
}

/**
 * The minified body of one template (what goes between the backticks), or null to keep it as
 * written.
 */
export function minifyTemplate(strings, expressions) {
  const text = strings.join('');
  if (/[\\`]|uwph\d/.test(text)) return null;
  let css = strings[0];
  for (let i = 0; i < expressions.length; i++) css += placeholder(i) + strings[i + 1];
  css = css.replace(PALETTE_FALLBACK, 'var($1)');
  let out;
  try {
    out = transform({ filename: 'lit.css', code: Buffer.from(css), minify: true, errorRecovery: false }).code.toString();
  } catch {
    return null;
  }
  if (/[\\`]|\$\{/.test(out)) return null;
  const seen = [...out.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));
  if (seen.length !== expressions.length || new Set(seen).size !== seen.length) return null;
  // lightningcss may reorder declarations; that reorders the expressions too, which is only
  // safe when they have no effects.
  const inOrder = seen.every((n, i) => n === i);
  if (!inOrder && !expressions.every((e) => PURE_EXPRESSION.test(e))) return null;
  return out.replace(PLACEHOLDER, (_m, n) => `\${${expressions[Number(n)]}}`);
}

/** Minifies every css`…` in `code`; returns the code and its source map. */
export function minifyLitCss(code, id = 'input.ts') {
  const s = new MagicString(code);
  for (const { start, end, strings, expressions } of findCssTemplates(code)) {
    const body = minifyTemplate(strings, expressions);
    if (body !== null && end > start) s.overwrite(start, end, body);
  }
  return { code: s.toString(), map: s.generateMap({ source: id, hires: 'boundary', includeContent: true }) };
}

export function minifyLitCssPlugin() {
  return {
    name: 'minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return minifyLitCss(code, id);
    },
  };
}
