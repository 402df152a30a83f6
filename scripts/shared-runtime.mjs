// The classic script's lazy parts (dist/parts/) run beside the script and must use its copies of
// lit, localize and the widget's stateful modules (one template cache, one msg(), each widget's one
// language). src/lazy/load-part-iife.ts hands those modules over on a global, one namespace
// import each; these two plugins make the sharing follow from that file instead of a hand-kept list:
//   recordModules()   in the classic script's build: which modules it contains;
//   sharedRuntime()   in the parts' build: an import that resolves to a handed-over module reads the
//                     global (with the export names of the real module), and a part that would still
//                     bundle its own copy of a module the classic script has fails the build.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSync } from 'vite';

const RUNTIME_FILE = resolve('src/lazy/load-part-iife.ts');
const GLOBAL = '__uploadWidgetRuntime';
const PREFIX = '\0uw-runtime:';

/** The namespace imports of load-part-iife.ts ({ key: specifier }), checked against the global it sets. */
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
      `src/lazy/load-part-iife.ts: every namespace import is handed over on ${GLOBAL} and nothing else (missing: ${missing.join(', ') || '-'}; not imported: ${unknown.join(', ') || '-'})`,
    );
  }
  return imports;
}

/** The value exports of a module: TypeScript sources read by vite's parser (oxc), packages by importing them. */
async function exportNames(id, spec) {
  if (!/\.ts$/.test(id)) return Object.keys(await import(spec)).filter((name) => name !== 'default');
  const { module, errors } = parseSync(id, readFileSync(id, 'utf8'));
  if (errors.length) throw new Error(`${id}: ${errors[0].message}`);
  return module.staticExports.flatMap((e) =>
    e.entries.flatMap((entry) => {
      if (entry.exportName.kind !== 'Name') throw new Error(`${id}: a handed-over module names each export (no export * or default)`);
      return entry.isType ? [] : [entry.exportName.name];
    }),
  );
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

/** In the parts' build: handed-over modules read from the global; `mainModules` (recordModules' Set) guards copies. */
export function sharedRuntime(mainModules) {
  const byId = new Map();
  return {
    name: 'uw-shared-runtime',
    enforce: 'pre',
    async buildStart() {
      byId.clear();
      for (const [key, spec] of Object.entries(handedOver())) {
        const resolved = await this.resolve(spec, RUNTIME_FILE, { skipSelf: true });
        if (!resolved) this.error(`src/lazy/load-part-iife.ts imports ${spec}, which does not resolve`);
        byId.set(clean(resolved.id), { key, spec: spec.startsWith('.') ? resolve('src/lazy', spec) : spec });
      }
    },
    async resolveId(source, importer, options) {
      if (source.startsWith(PREFIX) || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const shared = resolved && byId.get(clean(resolved.id));
      return shared ? PREFIX + shared.key : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const key = id.slice(PREFIX.length);
      const [moduleId, { spec }] = [...byId].find(([, v]) => v.key === key);
      const names = await exportNames(moduleId, spec);
      return `const { ${names.join(', ')} } = globalThis.${GLOBAL}.${key};\nexport { ${names.join(', ')} };\n`;
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const copies = chunk.moduleIds.map(clean).filter((id) => mainModules.has(id) && !byId.has(id) && STATEFUL.test(id));
        if (copies.length) {
          this.error(
            `dist/parts/${chunk.fileName} bundles its own copy of ${copies.map((id) => id.replace(`${resolve('.')}/`, '')).join(', ')}, which the classic script has too: hand it over in src/lazy/load-part-iife.ts`,
          );
        }
      }
    },
  };
}

/**
 * Modules that must exist once on a page: libraries with module-level state (lit's caches and
 * sentinels, localize's msg()) and the widget's modules that keep any (core/format.ts asks
 * i18n/language.ts for the locale in force). Pure helpers (file kinds) may be bundled into a part
 * as well; copying them costs bytes, never behaviour.
 */
const STATEFUL =
  /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/localize)\/|\/src\/(i18n\/|core\/format\.ts|dispatch\.ts|options\.ts|views\/css-props\.ts|views\/shared-styles\.ts)/;
