// The rarely used parts (the camera and web-address sources, crop, the Advanced panel, the resume
// keeper, Cloudinary-style page thumbnails, the image and encryption work, the Cloudinary
// destination) load on demand. In the ES build and in development they
// are ordinary dynamic imports (the bundler makes them chunks); the classic-script build swaps
// this module for load-part-iife.ts.
export type Part = 'camera' | 'crop' | 'advanced' | 'resume' | 'url' | 'thumbnails' | 'image' | 'cloudinary' | 'image-search' | 'unsplash';

const loaded = new Map<Part, Promise<unknown>>();
/** The search sources (image_search, unsplash): one shared view module, two small adapters. */
const SEARCH_PARTS: Partial<Record<Part, () => Promise<unknown>>> = {
  'image-search': () => import('../sources/image-search-source.js'),
  unsplash: () => import('../sources/unsplash-source.js'),
};

export function loadPart(part: Part): Promise<unknown> {
  let promise = loaded.get(part);
  const search = SEARCH_PARTS[part];
  if (!promise && search) loaded.set(part, (promise = search()));
  if (!promise) {
    promise =
      part === 'camera'
        ? import('../sources/camera-source.js')
        : part === 'crop'
          ? import('../views/crop-view.js')
          : part === 'resume'
            ? import('../core/resume-keeper.js')
            : part === 'url'
              ? import('../sources/url-source.js')
              : part === 'thumbnails'
                ? import('../page-thumbnails.js')
                : part === 'image'
                  ? import('../core/image-work.js')
                  : part === 'cloudinary'
                    ? import('../core/cloudinary-destination.js')
                    : import('../views/advanced-options.js');
    loaded.set(part, promise);
  }
  return promise;
}
