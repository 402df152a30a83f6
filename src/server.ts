// What `import 'upload-widget'` resolves to where there is no DOM: Node (server-side rendering in
// Next.js, Nuxt, SvelteKit, Astro; test runners) and edge runtimes. The same names, nothing
// defined, no global touched: the page's <upload-widget> tags are rendered as they are and the
// element upgrades in the browser, which loads the browser entry.
export { VERSION } from './version.js';

const browserOnly = (name: string) =>
  class {
    constructor() {
      throw new Error(`${name} needs a browser: on the server, render <upload-widget> as a tag and let the page's script upgrade it.`);
    }
  };

export const UploadWidget = browserOnly('UploadWidget');
export const UploadController = browserOnly('UploadController');
