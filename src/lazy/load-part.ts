// The rarely used parts (camera, crop) load on demand. In the ES build and in development they
// are ordinary dynamic imports (the bundler makes them chunks); the classic-script build swaps
// this module for load-part-iife.ts.
export type Part = 'camera' | 'crop';

const loaded = new Map<Part, Promise<unknown>>();

export function loadPart(part: Part): Promise<unknown> {
  let promise = loaded.get(part);
  if (!promise) {
    promise = part === 'camera' ? import('../sources/camera-source.js') : import('../views/crop-view.js');
    loaded.set(part, promise);
  }
  return promise;
}
