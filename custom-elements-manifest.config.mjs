// `npm run build` writes custom-elements.json with @custom-elements-manifest/analyzer, from the
// JSDoc in src/. The element's options are declared once: each one's field and doc in its interface
// (CloudinaryOptions and EngineOptions in src/core/engine-options.ts, WidgetOptions in
// src/options.ts) and its row (kind, default, whether it is an attribute) in its layer's spec table
// (ENGINE_OPTION_SPECS, WIDGET_OPTION_SPECS); its events once (EngineEventMap in
// src/core/engine-events.ts, WidgetEventMap in src/events.ts). This plugin turns those into the
// element's attributes, properties and events, so the manifest cannot drift from the code.
//
// The manifest describes the shipped package: one module, `dist/upload-widget.js` (what
// `import 'upload-widget'` loads), not the sources, which are not in the package. Attribute types
// are what an attribute's text may be (`comma list or JSON array`, `JSON object`, a union of
// words), property types are TypeScript's, with the options' aliases of word unions expanded.
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const ELEMENT_MODULE = 'src/upload-widget.ts';
const INDEX_MODULE = 'src/index.ts';
const SHIPPED_MODULE = 'dist/upload-widget.js';

/** What an attribute's text may be, by the option's kind (its spec row's `kind`); functions and plugins have no attribute. */
const ATTRIBUTE_SYNTAX = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  list: 'comma list or JSON array',
  json: 'JSON object',
  element: 'CSS selector',
  // A signature string; the function form is a property.
  'string-or-function': 'string',
};
const WORD_UNION = /^'[^']*'(\s*\|\s*'[^']*')*$/;

/** An option's value as an attribute writes it: `'local'` → `local`, `['local', 'url']` → `local,url`. */
function attributeDefault(text) {
  if (text === undefined) return undefined;
  const words = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  if (text.startsWith('[')) return words.join(',');
  return words.length === 1 ? words[0] : text;
}

function jsdocText(ts, node) {
  return (ts.getJSDocCommentsAndTags(node) ?? [])
    .map((doc) => (typeof doc.comment === 'string' ? doc.comment : (ts.getTextOfJSDocComment?.(doc.comment) ?? '')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An expression without its `as const` and `satisfies …`. */
function bare(ts, node) {
  while (node && (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node))) node = node.expression;
  return node;
}

const INTERFACES = new Set(['WidgetOptions', 'EngineOptions', 'CloudinaryOptions']);
const SPEC_TABLES = new Set(['ENGINE_OPTION_SPECS', 'WIDGET_OPTION_SPECS']);

function uploadWidgetPlugin() {
  const options = [];
  /** Each option's spec row: { kind, default, objectOnly } as source text. */
  const specs = new Map();
  const events = [];
  /** Type aliases that are unions of words (`CoordinatesMode`), expanded in the manifest. */
  const wordUnions = new Map();
  /** Names src/index.ts exports as types only: not in the module's JavaScript exports. */
  const typeOnly = new Set();
  const expand = (type) => wordUnions.get(type) ?? type;
  return {
    name: 'upload-widget-options-and-events',
    analyzePhase({ ts, node, moduleDoc }) {
      const path = moduleDoc.path;
      if (ts.isTypeAliasDeclaration(node) && WORD_UNION.test(node.type.getText())) wordUnions.set(node.name.text, node.type.getText());
      if (path === INDEX_MODULE && ts.isExportDeclaration(node) && node.isTypeOnly && node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const e of node.exportClause.elements) typeOnly.add(e.name.text);
      }
      if (path === 'src/options.ts' || path === 'src/core/engine-options.ts') {
        if (ts.isInterfaceDeclaration(node) && INTERFACES.has(node.name.text)) {
          for (const member of node.members) {
            if (!ts.isPropertySignature(member)) continue;
            options.push({ name: member.name.getText(), type: member.type.getText().replace(/\s+/g, ' '), description: jsdocText(ts, member) });
          }
        }
        const table = ts.isVariableDeclaration(node) && SPEC_TABLES.has(node.name.getText()) && bare(ts, node.initializer);
        for (const row of table && ts.isObjectLiteralExpression(table) ? table.properties : []) {
          const spec = {};
          for (const p of ts.isPropertyAssignment(row) && ts.isObjectLiteralExpression(row.initializer) ? row.initializer.properties : []) {
            if (ts.isPropertyAssignment(p)) spec[p.name.getText()] = p.initializer.getText().replace(/_/g, '');
          }
          specs.set(row.name.getText(), spec);
        }
      }
      const eventMap = (path === 'src/events.ts' && 'WidgetEventMap') || (path === 'src/core/engine-events.ts' && 'EngineEventMap');
      if (eventMap && ts.isInterfaceDeclaration(node) && node.name.text === eventMap) {
        for (const member of node.members) {
          events.push({
            name: member.name.getText().replace(/'/g, ''),
            type: { text: `CustomEvent<${member.type.getText().replace(/\s+/g, ' ')}>` },
            description: jsdocText(ts, member),
          });
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      const source = modules.find((m) => m.path === ELEMENT_MODULE);
      const index = modules.find((m) => m.path === INDEX_MODULE);
      const element = source.declarations.find((d) => d.name === 'UploadWidget');
      element.customElement = true;
      element.tagName = 'upload-widget';
      // One module, the shipped file: the element's declaration, and what it exports at run time.
      const declaration = { name: 'UploadWidget', module: SHIPPED_MODULE };
      const module = {
        kind: 'javascript-module',
        path: SHIPPED_MODULE,
        declarations: [element],
        exports: [
          ...(index.exports ?? [])
            .filter((e) => e.kind === 'js' && !typeOnly.has(e.name))
            .map((e) =>
              e.name === 'UploadWidget'
                ? { kind: 'js', name: e.name, declaration }
                : { kind: 'js', name: e.name, declaration: { name: e.name, module: SHIPPED_MODULE } },
            ),
          { kind: 'custom-element-definition', name: 'upload-widget', declaration },
        ],
      };
      customElementsManifest.modules = [module];
      const own = new Set((element.members ?? []).map((m) => m.name));
      element.attributes = (element.attributes ?? []).filter((a) => !options.some((o) => o.name === a.fieldName) && a.fieldName !== 'apiSecret');
      for (const option of options) {
        const spec = specs.get(option.name);
        if (!spec) throw new Error(`custom-elements-manifest.config.mjs: ${option.name} has no row in a spec table`);
        const kind = spec.kind.replace(/'/g, '');
        // An option given in the options object only (Cloudinary's `form`: `form` keeps its HTML meaning).
        if (spec.objectOnly === 'true' || own.has(option.name)) continue;
        const type = expand(option.type);
        const base = {
          name: option.name,
          type: { text: type },
          ...(spec.default !== undefined ? { default: spec.default } : {}),
          description: option.description,
        };
        // Functions and plugins are properties only.
        const attribute = kind !== 'function' && kind !== 'plugin';
        element.members.push({ kind: 'field', ...base, privacy: 'public', ...(attribute ? { attribute: kebab(option.name) } : {}) });
        if (!attribute) continue;
        // A JSON option holding a list (metaFields) is written as an array.
        const syntax = kind === 'string' && WORD_UNION.test(type) ? type : kind === 'json' && type.endsWith('[]') ? 'JSON array' : ATTRIBUTE_SYNTAX[kind];
        if (!syntax) throw new Error(`custom-elements-manifest.config.mjs: no attribute syntax for ${option.name}'s kind ${kind}`);
        const value = attributeDefault(base.default);
        element.attributes.push({
          name: kebab(option.name),
          type: { text: syntax },
          ...(value !== undefined ? { default: value } : {}),
          description: option.description,
          fieldName: option.name,
        });
      }
      // The element's own attributes: `name` is text; `disabled` (an accessor over the attribute) and `required` are boolean.
      // `value` (a record's files) is text too: preloaded-file strings separated by spaces or commas, or a JSON array.
      const oneLine = (text) => text?.replace(/\s+/g, ' ');
      element.attributes = element.attributes.map((a) =>
        a.name === 'name'
          ? { ...a, type: { text: 'string' } }
          : a.name === 'value'
            ? { ...a, type: { text: 'string' }, description: oneLine(a.description) }
            : a,
      );
      for (const m of element.members) if (m.name === 'value') m.description = oneLine(m.description);
      const disabled = element.members.find((m) => m.name === 'disabled');
      if (!element.attributes.some((a) => a.name === 'disabled')) {
        element.attributes.push({
          name: 'disabled',
          type: { text: 'boolean' },
          default: 'false',
          description: disabled.description.replace(/\s+/g, ' '),
          fieldName: 'disabled',
        });
        disabled.attribute = 'disabled';
        disabled.reflects = true;
      }
      element.events = events;
      // What a page uses: not private or protected members, the platform's form callbacks, or typing overloads.
      // apiSecret exists only to be refused: no tool should offer it.
      const internal = new Set([
        'addEventListener',
        'removeEventListener',
        'formResetCallback',
        'formStateRestoreCallback',
        'formDisabledCallback',
        'formAssociated',
        'apiSecret',
      ]);
      element.members = element.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !internal.has(m.name));
      // The form control's base class (src/element/form-associated.ts) is not a module of the package:
      // its members are listed as the element's own, and the element's superclass is lit's.
      for (const m of [...element.members, ...element.attributes]) delete m.inheritedFrom;
      element.superclass = { name: 'LitElement', package: 'lit' };
    },
  };
}

export default {
  globs: [
    'src/upload-widget.ts',
    'src/element/form-associated.ts',
    'src/index.ts',
    'src/options.ts',
    'src/events.ts',
    'src/core/engine-options.ts',
    'src/core/engine-events.ts',
    'src/core/crop.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [uploadWidgetPlugin()],
};
