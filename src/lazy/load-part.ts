// The rarely used parts (sources other than local files, crop, the Advanced panel, the resume
// keeper, Cloudinary-style page thumbnails, the image and encryption work, the Cloudinary
// destination) load on demand. In the ES build and in development they are ordinary dynamic
// imports (the bundler makes them chunks); the classic-script build swaps this module for
// load-part-iife.ts, which loads the same parts from dist/parts/.
const PARTS = {
  camera: () => import('../sources/camera-source.js'),
  url: () => import('../sources/url-source.js'),
  dropbox: () => import('../sources/dropbox-source.js'),
  'image-search': () => import('../sources/image-search-source.js'),
  unsplash: () => import('../sources/unsplash-source.js'),
  'google-drive': () => import('../sources/google-drive-source.js'),
  crop: () => import('../views/crop-view.js'),
  advanced: () => import('../views/advanced-options.js'),
  resume: () => import('../core/resume-keeper.js'),
  thumbnails: () => import('../page-thumbnails.js'),
  image: () => import('../core/image-work.js'),
  cloudinary: () => import('../core/cloudinary-destination.js'),
  previews: () => import('../core/thumbnail.js'),
};

export type Part = keyof typeof PARTS;

const loaded = new Map<Part, Promise<unknown>>();

export function loadPart(part: Part): Promise<unknown> {
  let promise = loaded.get(part);
  if (!promise) loaded.set(part, (promise = PARTS[part]()));
  return promise;
}
