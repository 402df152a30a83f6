// The lazy parts: what only some pages or some moments need (sources other than local files, crop,
// the Advanced panel, the minimized bar, the resume keeper, Cloudinary-style page thumbnails, the image and encryption
// work, the theme, the queue rows' previews and icon glyphs and their PDF pages (pdf.js), the reader of Cloudinary-style `text` overrides). This list is the one list of them: in the ES build and in
// development they are ordinary dynamic imports (the bundler makes them chunks); the classic-script
// build swaps this module for classic/load-part.ts, which loads the same parts from dist/parts/, and
// scripts/build.mjs reads this list to build them there: each part is named after its module, and
// its file is dist/parts/<name>.js.
// What every upload needs (the Cloudinary destination) is no part: it is bundled.
import { partNotLoaded } from './part-error.js';

const PARTS = {
  'camera-source': () => import('../sources/camera-source.js'),
  'screen-source': () => import('../sources/screen-source.js'),
  'audio-source': () => import('../sources/audio-source.js'),
  'url-source': () => import('../sources/url-source.js'),
  'dropbox-source': () => import('../sources/dropbox-source.js'),
  'image-search-source': () => import('../sources/image-search-source.js'),
  'unsplash-source': () => import('../sources/unsplash-source.js'),
  'google-drive-source': () => import('../sources/google-drive-source.js'),
  'crop-view': () => import('../views/crop-view.js'),
  'advanced-options': () => import('../views/advanced-options.js'),
  'resume-keeper': () => import('../core/resume-keeper.js'),
  'page-thumbnails': () => import('../element/page-thumbnails.js'),
  'image-work': () => import('../core/image-work.js'),
  'file-hash': () => import('../core/file-hash.js'),
  'meta-fields': () => import('../core/meta-fields.js'),
  'stored-files-controller': () => import('../element/stored-files-controller.js'),
  'apply-theme': () => import('../theme/apply-theme.js'),
  'row-previews': () => import('../views/row-previews.js'),
  'pdf-preview': () => import('../views/pdf-preview.js'),
  'minimized-bar': () => import('../views/minimized-bar.js'),
  'text-overrides': () => import('../i18n/text-overrides.js'),
  'queue-view': () => import('../views/queue-view.js'),
  announcer: () => import('../element/announcer.js'),
};

export type Part = keyof typeof PARTS;

const loaded = new Map<Part, Promise<unknown>>();

/** Loads a part once; a part that cannot load rejects with a `part-not-loaded` problem naming its address. */
export function loadPart(part: Part): Promise<unknown> {
  let promise = loaded.get(part);
  if (!promise) loaded.set(part, (promise = PARTS[part]().catch((e: unknown) => Promise.reject(partNotLoaded(e, part)))));
  return promise;
}
