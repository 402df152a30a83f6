// A page opened from a file (file://) runs the classic script, which uploads on its own, but the
// browser refuses to load the script's lazy parts and languages beside it: say so once, plainly.
let warned = false;

export function warnIfFilePage(): void {
  // The page's own address: a bundler may rewrite the code's (import.meta.url) into a file: path.
  if (warned || globalThis.location?.protocol !== 'file:') return;
  warned = true;
  console.warn(
    '[upload-widget] A page opened from a file (file://) uploads, but cannot load the parts of the widget fetched on demand (camera, web address, crop, themes, languages…): serve it over http(s).',
  );
}
