// A vite plugin that minifies the static text of lit `css` tagged templates (indentation,
// newlines, comments): lit ships them as strings, which no JS minifier touches. Interpolations
// (${...}) are kept as written. Only whitespace and comments are removed, so the CSS is unchanged.

/**
 * The palette (--uw-color-*) and --uw-frame-background are declared on the widget's :host, so a
 * fallback after them in an inner view's CSS is never used in the bundle: it goes.
 */
const PALETTE_FALLBACK = /var\((--uw-(?:color-[a-z-]+|frame-background)),[^()]*\)/g;

function minifyCssText(text) {
  return text
    .replace(PALETTE_FALLBACK, 'var($1)')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/** Rewrites every css`…` in `code`; returns the new code. */
export function minifyLitCss(code) {
  let out = '';
  let i = 0;
  for (;;) {
    const start = code.indexOf('css`', i);
    if (start < 0) return out + code.slice(i);
    out += code.slice(i, start + 4);
    let j = start + 4;
    let segment = '';
    let depth = 0;
    let expr = '';
    for (; j < code.length; j++) {
      const c = code[j];
      if (depth === 0) {
        if (c === '\\') {
          segment += c + code[++j];
        } else if (c === '`') {
          out += minifyCssText(segment);
          break;
        } else if (c === '$' && code[j + 1] === '{') {
          out += minifyCssText(segment) + ' ';
          segment = '';
          depth = 1;
          expr = '${';
          j++;
        } else segment += c;
      } else {
        expr += c;
        if (c === '{') depth++;
        else if (c === '}' && --depth === 0) {
          out += expr + ' ';
          expr = '';
        }
      }
    }
    out += '`';
    i = j + 1;
  }
}

export function minifyLitCssPlugin() {
  return {
    name: 'minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: minifyLitCss(code), map: null };
    },
  };
}
