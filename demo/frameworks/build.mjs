// Builds one framework example with vite, as a site would: the browser bundle
// (dist/client/client.js, which hydrates) and the server bundle (dist/server/server.js, whose
// render(config) returns the page's HTML). The example must sit in a project that has installed
// upload-widget and the framework (the framework tests make one from `npm pack`).
//   node demo/frameworks/build.mjs <folder of the example> <react|vue|svelte>
import { join, resolve } from 'node:path';
import { build } from 'vite';

async function pluginsFor(framework) {
  if (framework === 'vue') {
    const { default: vue } = await import('@vitejs/plugin-vue');
    // Vue must know <upload-widget> is a custom element, not a Vue component to resolve.
    return [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'upload-widget' } } })];
  }
  if (framework === 'svelte') {
    const { svelte } = await import('@sveltejs/vite-plugin-svelte');
    return [svelte()];
  }
  return [];
}

export async function buildExample(dir, framework) {
  const root = resolve(dir);
  const extension = framework === 'react' ? 'tsx' : 'ts';
  const common = {
    root,
    // Chunks (the widget's lazy parts, its languages) are found next to client.js, wherever it is served.
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: await pluginsFor(framework),
    // React 19's automatic JSX runtime.
    ...(framework === 'react' ? { oxc: { jsx: { runtime: 'automatic' } } } : {}),
  };
  await build({
    ...common,
    build: {
      outDir: 'dist/client',
      emptyOutDir: true,
      rollupOptions: { input: join(root, `entry-client.${extension}`), output: { entryFileNames: 'client.js' } },
    },
  });
  await build({
    ...common,
    build: {
      outDir: 'dist/server',
      emptyOutDir: true,
      ssr: join(root, `entry-server.${extension}`),
      rollupOptions: { output: { entryFileNames: 'server.js' } },
    },
  });
  return { client: join(root, 'dist/client/client.js'), server: join(root, 'dist/server/server.js') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, framework] = process.argv.slice(2);
  console.log(await buildExample(dir, framework));
}
