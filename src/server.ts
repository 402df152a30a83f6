// What `import 'upload-widget'` resolves to where there is no DOM: Node (server-side rendering in
// Next.js, Nuxt, SvelteKit, Astro; test runners) and edge runtimes. The same names as the browser
// entry (a module that imports any of them loads on the server too), nothing defined, no global
// touched: the page's <upload-widget> tags are rendered as they are and the element upgrades in
// the browser, which loads the browser entry.
export { VERSION } from './version.js';

const needsBrowser = (name: string) =>
  new Error(`${name} needs a browser: on the server, render <upload-widget> as a tag and let the page's script upgrade it.`);

const browserOnly = (name: string) =>
  class {
    constructor() {
      throw needsBrowser(name);
    }
  };

export const UploadWidget = browserOnly('UploadWidget');
export const UploadController = browserOnly('UploadController');
/** A site's destination module may name it at load time (`instanceof` checks); nothing is cancelled on a server. */
export class CancelledByHook extends Error {}
export function controllerServices(): never {
  throw needsBrowser('controllerServices');
}
export function uploadRequest(): Promise<never> {
  return Promise.reject(needsBrowser('uploadRequest'));
}
