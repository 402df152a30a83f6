// The classic script's lazy parts (dist/parts/) run beside the script and must use its copies of
// lit, localize and the widget's stateful modules (one template cache, one msg(), each widget's one
// language). src/classic/load-part.ts hands those modules over on a global, one namespace
// import each; these two plugins make the sharing follow from that file instead of a hand-kept list:
//   recordModules()   in the classic script's build: which modules it contains;
//   sharedRuntime()   in the parts' build: an import that resolves to a handed-over module reads the
//                     global, and a part that would still bundle its own copy of a module the classic
//                     script has fails the build; it records which exports the parts read;
//   narrowRuntime()   in the classic script's second build: only those exports are handed over, so
//                     the script's bundler drops what no part and no code of its own uses.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import MagicString from 'magic-string';

const RUNTIME_FILE = resolve('src/classic/load-part.ts');
/**
 * Modules a handed-over namespace re-exports whole (`export *`): a part that imports one of them
 * directly (lit's directives import lit-html's own files) reads the same namespace, so a directive
 * no code of the classic script uses (repeat) is bundled into the parts that use it, not handed over.
 */
const REEXPORTED_WHOLE = {
  // lit re-exports reactive-element whole too: lit's decorators, which the parts bring themselves, import it.
  lit: ['lit-html', '@lit/reactive-element', '@lit/reactive-element/css-tag.js'],
  directive: ['lit-html/directive.js'],
};
const GLOBAL = '__uploadWidgetRuntime';
const PREFIX = 'uw-runtime:';

/** The namespace imports of classic/load-part.ts ({ key: specifier }), checked against the global it sets. */
export function handedOver() {
  const source = readFileSync(RUNTIME_FILE, 'utf8');
  const imports = Object.fromEntries([...source.matchAll(/^import \* as (\w+) from '([^']+)';$/gm)].map(([, key, spec]) => [key, spec]));
  const object = new RegExp(`\\.${GLOBAL} = \\{([^}]*)\\}`).exec(source)?.[1] ?? '';
  const keys = object
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const missing = Object.keys(imports).filter((k) => !keys.includes(k));
  const unknown = keys.filter((k) => !(k in imports));
  if (missing.length || unknown.length || !keys.length) {
    throw new Error(
      `src/classic/load-part.ts: every namespace import is handed over on ${GLOBAL} and nothing else (missing: ${missing.join(', ') || '-'}; not imported: ${unknown.join(', ') || '-'})`,
    );
  }
  return imports;
}

const clean = (id) => id.split('?')[0];

/** In the classic script's build: records the modules it bundles into `into` (a Set). */
export function recordModules(into) {
  return {
    name: 'uw-record-modules',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') for (const id of chunk.moduleIds) into.add(clean(id));
    },
  };
}

/**
 * In the parts' build: handed-over modules read from the global; `mainModules` (recordModules' Set)
 * guards copies. The export names the parts read go into `used` (key → Set of names, or '*').
 */
export function sharedRuntime(mainModules, used = new Map()) {
  const byId = new Map();
  return {
    name: 'uw-shared-runtime',
    enforce: 'pre',
    async buildStart() {
      byId.clear();
      used.clear();
      for (const [key, spec] of Object.entries(handedOver())) {
        const resolved = await this.resolve(spec, RUNTIME_FILE, { skipSelf: true });
        if (!resolved) this.error(`src/classic/load-part.ts imports ${spec}, which does not resolve`);
        byId.set(clean(resolved.id), { key, spec: spec.startsWith('.') ? resolve(dirname(RUNTIME_FILE), spec) : spec });
        for (const inner of REEXPORTED_WHOLE[key] ?? []) {
          const whole = await this.resolve(inner, RUNTIME_FILE, { skipSelf: true });
          if (!whole) this.error(`${inner}, which ${spec} re-exports, does not resolve`);
          byId.set(clean(whole.id), { key, spec });
        }
      }
    },
    async resolveId(source, importer, options) {
      if (source.startsWith(PREFIX) || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const shared = resolved && byId.get(clean(resolved.id));
      // External: the chunk keeps an import of exactly the names it uses, rewritten below.
      return shared ? { id: PREFIX + shared.key, external: true } : null;
    },
    renderChunk(code, chunk) {
      const out = new MagicString(code);
      const runtime = `globalThis.${GLOBAL}`;
      const imports = /import\s*(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))\s*from\s*["']uw-runtime:(\w+)["'];?/g;
      for (const match of code.matchAll(imports)) {
        const [whole, names, namespace, key] = match;
        const seen = used.get(key) ?? new Set();
        used.set(key, seen);
        if (namespace) {
          seen.add('*');
          out.overwrite(match.index, match.index + whole.length, `const ${namespace} = ${runtime}.${key};`);
          continue;
        }
        const bindings = names
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => s.split(/\s+as\s+/));
        for (const [name] of bindings) seen.add(name);
        const pattern = bindings.map(([name, local]) => (local && local !== name ? `${name}: ${local}` : name)).join(', ');
        out.overwrite(match.index, match.index + whole.length, `const { ${pattern} } = ${runtime}.${key};`);
      }
      const rewritten = out.toString();
      if (rewritten.includes(`"${PREFIX}`)) this.error(`dist/parts/${chunk.fileName}: an import of the handed-over runtime was not rewritten`);
      return { code: rewritten, map: out.generateMap({ hires: true }) };
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const copies = chunk.moduleIds.map(clean).filter((id) => mainModules.has(id) && !byId.has(id) && STATEFUL.test(id));
        if (copies.length) {
          this.error(
            `dist/parts/${chunk.fileName} bundles its own copy of ${copies.map((id) => id.replace(`${resolve('.')}/`, '')).join(', ')}, which the classic script has too: hand it over in src/classic/load-part.ts`,
          );
        }
      }
    },
  };
}

/**
 * In the classic script's build: src/classic/load-part.ts hands over only the exports the parts
 * read (`used`, from sharedRuntime), instead of whole namespaces that keep every export alive.
 * The object holds the values as they are when classic/load-part.ts runs (a namespace's were live), so
 * no handed-over module may import src/lazy/load-part.ts: in that cycle it would hand over undefined.
 */
export function narrowRuntime(used) {
  return {
    name: 'uw-narrow-runtime',
    enforce: 'pre',
    transform(code, id) {
      if (clean(id) !== RUNTIME_FILE) return null;
      const out = new MagicString(code);
      for (const match of code.matchAll(/^import \* as (\w+) from '([^']+)';$/gm)) {
        const [whole, key, spec] = match;
        const names = used.get(key);
        if (!names || names.has('*')) continue;
        const list = [...names].sort();
        const locals = list.map((name, i) => `${name} as ${key}$${i}`).join(', ');
        const object = list.map((name, i) => `${JSON.stringify(name)}: ${key}$${i}`).join(', ');
        out.overwrite(match.index, match.index + whole.length, `import { ${locals} } from '${spec}';\nconst ${key} = { ${object} };`);
      }
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}

/**
 * Modules that must exist once on a page: libraries with module-level state (lit's caches and
 * sentinels, localize's msg()) and the widget's modules that keep any (i18n/language.ts holds the
 * language in force, which i18n/format.ts and msg() read). Pure helpers (file kinds) may be bundled into a part
 * as well; copying them costs bytes, never behaviour.
 */
const STATEFUL =
  /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/localize)\/|\/src\/(i18n\/|dispatch\.ts|options\.ts|views\/css-props\.ts|views\/shared-styles\.ts)/;
