// After tsc and the manifest (scripts/build.mjs): writes the element's attributes and events into
// dist/types/upload-widget.d.ts the way lit-analyzer and web-component-analyzer read them. In the
// sources the options reach the class through `interface UploadWidget extends WidgetOptions` and
// lit's properties through a spread, which those tools cannot follow; so each option becomes a
// declared field with its description and `@attr <attribute>` (a list, an `@attr {string}` and a
// `@prop` of the class comment), the element's own attributes get `@attr` too, and the class
// comment gets `@fires <event> - <description>`. Everything comes from
// custom-elements.json, itself made from src/options.ts and the event maps: nothing is listed twice.
// The form control's attributes (`name`, `required`, `disabled`, `value`) belong to the base class
// (src/element/form-associated.ts): their declarations are repeated in the element's class, as
// those tools read one class.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLASS_LINE = 'export declare class UploadWidget extends FormAssociatedElement {';
const LIST_SYNTAX = 'comma list or JSON array';

/** Text safe inside a JSDoc comment. */
const jsdocText = (text) => text.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/').trim();

export function declareAttributes(manifestPath = resolve(ROOT, 'custom-elements.json'), declarationPath = resolve(ROOT, 'dist/types/upload-widget.d.ts')) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'upload-widget');
  let dts = readFileSync(declarationPath, 'utf8');
  if (!dts.includes(CLASS_LINE)) throw new Error(`${declarationPath}: no "${CLASS_LINE}"`);
  // The base class's attribute members, each with its comment and every line declaring it (an accessor's get and set).
  const baseImport = dts.match(/^import \{ FormAssociatedElement \} from '\.\/([\w/-]+)\.js';$/m);
  if (!baseImport) throw new Error(`${declarationPath} does not import its base class FormAssociatedElement`);
  const basePath = resolve(dirname(declarationPath), `${baseImport[1]}.d.ts`);
  const base = readFileSync(basePath, 'utf8');
  const blocks = element.attributes.flatMap(({ fieldName }) => {
    const block = base.match(new RegExp(`^ {4}/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\n(?: {4}(?:readonly |get |set )*${fieldName}[?(:][^\\n]*\\n)+`, 'm'));
    return block ? [block[0]] : [];
  });
  if (!blocks.length) throw new Error(`${basePath}: no attribute's declaration found (name, required, disabled, value)`);
  dts = dts.replace(`${CLASS_LINE}\n`, `${CLASS_LINE}\n${blocks.join('')}`);
  if (dts.includes('@fires ')) throw new Error(`${declarationPath} already has its attributes and events declared`);
  if (!/import (?:type )?\{[^}]*\bWidgetOptions\b[^}]*\} from '\.\/options\.js';/.test(dts)) {
    throw new Error(`${declarationPath} does not import WidgetOptions, which the declared options are typed with`);
  }

  // Instance members tsc already declared in the class (own fields, accessors, methods); `static styles` is not the `styles` option.
  const classBody = dts.slice(dts.indexOf(CLASS_LINE));
  const declared = new Set([...classBody.matchAll(/^ {4}(?:readonly |get |set |private |protected )*([A-Za-z_$][\w$]*)[?(:<]/gm)].map((m) => m[1]));

  // The options: a declared field each, typed from WidgetOptions, with its description, attribute and
  // default. A list's attribute is text (`sources="local,url"`) where its property is an array, and
  // lit-analyzer would check the text against the array type: such an option is an `@attr {string}`
  // and a `@prop` of the class comment instead (its property's type comes from the interface above).
  // The base class's members (form, values, validity …) are the element's too: not options.
  const baseAt = base.indexOf('export declare abstract class FormAssociatedElement');
  if (baseAt < 0) throw new Error(`${basePath}: no FormAssociatedElement class`);
  const baseClass = base.slice(baseAt);
  for (const m of baseClass.matchAll(/^ {4}(?:readonly |get |set |private |protected |abstract )*([A-Za-z_$][\w$]*)[?(:<]/gm)) declared.add(m[1]);
  const options = element.members.filter((m) => m.kind === 'field' && !m.static && !declared.has(m.name));
  const isList = (m) => element.attributes.some((a) => a.fieldName === m.name && a.type.text === LIST_SYNTAX);
  const classTags = options
    .filter(isList)
    .flatMap((m) => [
      ` * @attr {string} ${m.attribute} - ${LIST_SYNTAX}: ${jsdocText(m.description ?? '')}`,
      ` * @prop {${m.type.text}} ${m.name} - ${jsdocText(m.description ?? '')}`,
    ]);
  const fields = options
    .filter((m) => !isList(m))
    .map((m) => {
      const lines = [jsdocText(m.description ?? '')];
      if (m.attribute) lines.push(`@attr ${m.attribute}`);
      if (m.default !== undefined) lines.push(`@default ${jsdocText(m.default)}`);
      return `    /**\n${lines.map((l) => `     * ${l}`).join('\n')}\n     */\n    ${m.name}?: WidgetOptions['${m.name}'];\n`;
    });

  // The element's own attributes (name, required, disabled): `@attr` added to the comment tsc kept.
  const classAt = dts.indexOf(CLASS_LINE);
  let body = dts.slice(classAt);
  for (const attribute of element.attributes.filter((a) => declared.has(a.fieldName))) {
    const member = new RegExp(`^ {4}(?:/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\n {4})?((?:get )?${attribute.fieldName}[?(:])`, 'm');
    if (!member.test(body)) throw new Error(`${declarationPath}: the ${attribute.fieldName} member is not in the class`);
    body = body.replace(member, (_all, comment, rest) => {
      const text = jsdocText(comment === undefined ? (attribute.description ?? '') : comment.replace(/^\s*\* ?/gm, ' '));
      return `    /**\n     * ${text}\n     * @attr ${attribute.name}\n     */\n    ${rest}`;
    });
  }
  dts = dts.slice(0, classAt) + body;

  // The lists' attributes and properties, and the events, in the class comment.
  const fires = [...classTags, ...element.events.map((e) => ` * @fires ${e.name} - ${jsdocText(e.description ?? '')}`)].join('\n');
  const commentEnd = dts.lastIndexOf(' */\n', classAt);
  if (commentEnd < 0 || dts.slice(commentEnd + 4, classAt).trim() !== '') throw new Error(`${declarationPath}: the class has no comment to add events to`);
  dts = `${dts.slice(0, commentEnd)} *\n${fires}\n${dts.slice(commentEnd, classAt)}${CLASS_LINE}\n${fields.join('')}${dts.slice(classAt + CLASS_LINE.length + 1)}`;
  writeFileSync(declarationPath, dts);
  return { options: options.length, attributes: element.attributes.length, events: element.events.length };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(declareAttributes());
