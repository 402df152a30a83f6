// The README's options tables get their "attribute syntax · type · default" column from
// custom-elements.json: `node scripts/readme-options.mjs` (after `npm run build`) rewrites that
// column, row by row, for the options each row names; test/package/manifest.test.mjs checks that the
// README holds what this makes. The other columns are written by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const OPTION_TABLES = ['### Options of the upload engine', '### Options of the interface'];
export const COLUMN = 'attribute syntax · type · default';

/** Text inside a table cell: a pipe would end the cell. */
const cell = (text) => text.replace(/\|/g, '\\|');
const code = (text) => `\`${cell(text)}\``;

/** The column's text for the options (camelCase names) or own attributes a row names. */
function columnFor(element, names) {
  const parts = names.map((name) => {
    const attribute = element.attributes.find((a) => a.fieldName === name);
    // A read-only member is the element's own (`form`, the form it is in): the option of that name is not a property.
    const field = element.members.find((m) => m.kind === 'field' && !m.static && !m.readonly && m.name === name);
    let text;
    if (!attribute && !field) text = 'options object only';
    else {
      const syntax = attribute ? attribute.type.text : 'property only';
      // A union of words reads as the words: `light` | `dark` | `auto`.
      const shown = /^'/.test(syntax) ? [...syntax.matchAll(/'([^']*)'/g)].map((m) => code(m[1])).join(' \\| ') : syntax;
      const type = (field?.type?.text ?? attribute.type.text).replace(/ \| undefined$/, '');
      const value = attribute ? attribute.default : field.default;
      text = `${shown} · ${code(type)} · ${value === undefined ? '—' : code(value)}`;
    }
    return names.length > 1 ? `${code(name)}: ${text}` : text;
  });
  return parts.join('<br>');
}

/** The names a row's first cell gives: `cloudName` (`cloud-name`), `preBatch(cb, data)` → the camelCase ones. */
const rowNames = (first) => [...first.matchAll(/`(\w+)(?=[`(])/g)].map((m) => m[1]);

/** The README with the column written from the manifest (or the rows that differ, with `check`). */
export function writeColumn(readme, element) {
  const lines = readme.split('\n');
  for (const heading of OPTION_TABLES) {
    let i = lines.indexOf(heading);
    if (i < 0) throw new Error(`README has no "${heading}"`);
    while (!lines[i].startsWith('|')) i++;
    const header = lines[i].split('|');
    if (header[2].trim() !== COLUMN) throw new Error(`${heading}: the table's second column is "${header[2].trim()}", not "${COLUMN}"`);
    for (i += 2; lines[i]?.startsWith('|'); i++) {
      const cells = lines[i].split(/(?<!\\)\|/);
      cells[2] = ` ${columnFor(element, rowNames(cells[1]))} `;
      lines[i] = cells.join('|');
    }
  }
  return lines.join('\n');
}

function manifestElement(path = resolve(ROOT, 'custom-elements.json')) {
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  return manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'upload-widget');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = resolve(ROOT, 'README.md');
  writeFileSync(path, writeColumn(readFileSync(path, 'utf8'), manifestElement()));
}
