// `npm run build` writes custom-elements.json with @custom-elements-manifest/analyzer, from the
// JSDoc in src/. The element's options are declared once (WidgetOptions in src/options.ts, with
// their defaults in DEFAULT_OPTIONS and their kinds in OPTION_KINDS) and its events once
// (WidgetEventMap in src/events.ts); this plugin turns those into the element's attributes,
// properties and events, so the manifest cannot drift from the code.
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const ELEMENT_MODULE = 'src/upload-widget.ts';
const KEEP_MODULES = new Set([ELEMENT_MODULE, 'src/index.ts']);

function jsdocText(ts, node) {
  return (ts.getJSDocCommentsAndTags(node) ?? [])
    .map((doc) => (typeof doc.comment === 'string' ? doc.comment : (ts.getTextOfJSDocComment?.(doc.comment) ?? '')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function uploadWidgetPlugin() {
  const options = [];
  const defaults = new Map();
  const kinds = new Map();
  const events = [];
  return {
    name: 'upload-widget-options-and-events',
    analyzePhase({ ts, node, moduleDoc }) {
      const path = moduleDoc.path;
      // The engine's options (core/engine-options.ts) are the element's too: WidgetOptions extends them.
      if (path === 'src/options.ts' || path === 'src/core/engine-options.ts') {
        if (ts.isInterfaceDeclaration(node) && (node.name.text === 'WidgetOptions' || node.name.text === 'EngineOptions')) {
          for (const member of node.members) {
            if (!ts.isPropertySignature(member)) continue;
            options.push({ name: member.name.getText(), type: member.type.getText().replace(/\s+/g, ' '), description: jsdocText(ts, member) });
          }
        }
        if (ts.isVariableDeclaration(node) && ts.isObjectLiteralExpression(node.initializer ?? {})) {
          const target = ['DEFAULT_OPTIONS', 'ENGINE_DEFAULTS'].includes(node.name.getText())
            ? defaults
            : node.name.getText() === 'OPTION_KINDS'
              ? kinds
              : null;
          for (const p of target ? node.initializer.properties : []) {
            if (ts.isPropertyAssignment(p)) target.set(p.name.getText(), p.initializer.getText().replace(/_/g, ''));
          }
        }
      }
      if (
        ((path === 'src/events.ts' && node.name?.text === 'WidgetEventMap') ||
          (path === 'src/core/engine-events.ts' && node.name?.text === 'EngineEventMap')) &&
        ts.isInterfaceDeclaration(node)
      ) {
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
      customElementsManifest.modules = customElementsManifest.modules.filter((m) => KEEP_MODULES.has(m.path));
      const module = customElementsManifest.modules.find((m) => m.path === ELEMENT_MODULE);
      const element = module.declarations.find((d) => d.name === 'UploadWidget');
      element.customElement = true;
      element.tagName = 'upload-widget';
      module.exports = [
        ...(module.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'),
        { kind: 'custom-element-definition', name: 'upload-widget', declaration: { name: 'UploadWidget', module: ELEMENT_MODULE } },
      ];
      const own = new Set((element.members ?? []).map((m) => m.name));
      element.attributes = (element.attributes ?? []).filter((a) => !options.some((o) => o.name === a.fieldName) && a.fieldName !== 'apiSecret');
      for (const option of options) {
        const kind = kinds.get(option.name)?.replace(/'/g, '');
        // Cloudinary's `form` option comes in the options object only: `form` keeps its HTML meaning.
        if (option.name === 'form' || own.has(option.name)) continue;
        const base = {
          name: option.name,
          type: { text: option.type },
          ...(defaults.has(option.name) ? { default: defaults.get(option.name) } : {}),
          description: option.description,
        };
        element.members.push({ kind: 'field', ...base, privacy: 'public', ...(kind === 'function' ? {} : { attribute: kebab(option.name) }) });
        if (kind !== 'function') element.attributes.push({ ...base, name: kebab(option.name), fieldName: option.name });
      }
      element.events = events;
      // Cloudinary's update(options) shares its name with lit's lifecycle method, which the lit plugin leaves out.
      element.members.push({
        kind: 'method',
        name: 'update',
        parameters: [{ name: 'options', type: { text: 'Record<string, unknown>' } }],
        description:
          "Changes options on a live widget (Cloudinary's update(): secure, uploadSignature, getTags, preBatch, inlineContainer and fieldName are fixed).",
      });
      // What a page uses: not private or protected members, the platform's form callbacks, or typing overloads.
      // apiSecret exists only to be refused: no tool should offer it.
      const internal = new Set(['addEventListener', 'formResetCallback', 'formStateRestoreCallback', 'formDisabledCallback', 'formAssociated', 'apiSecret']);
      element.members = element.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !internal.has(m.name));
    },
  };
}

export default {
  globs: ['src/upload-widget.ts', 'src/index.ts', 'src/options.ts', 'src/events.ts', 'src/core/engine-options.ts', 'src/core/engine-events.ts'],
  outdir: '.',
  litelement: true,
  plugins: [uploadWidgetPlugin()],
};
