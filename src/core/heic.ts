// HEIC/HEIF pictures (iPhones' photos) as an ImageBitmap, for previews and for anything else that
// must see the pixels (cropping). The browser's own decoder first (Safari has one); else a
// WebAssembly build of libheif (heic-to), fetched only now, the first time a HEIC needs it, in a
// chunk of its own. It decodes in a worker it starts from a blob: address, which a strict CSP may
// refuse (worker-src without blob:, script-src without 'wasm-unsafe-eval'): then there is no
// picture, and the file still uploads as it is. Headless: no DOM, no words.

/** Longer than this and the decoder is given up on (a stuck worker, a huge file). */
const GIVE_UP_MS = 30_000;
/** Bigger files are not decoded at all. */
const MAX_BYTES = 50_000_000;

/** Whether the file says it is HEIC or HEIF, by type or name. */
export function isHeic(blob: Blob): boolean {
  if (/^image\/hei[cf](-sequence)?$/.test(blob.type)) return true;
  const name = blob instanceof File ? blob.name.toLowerCase() : '';
  return !blob.type && /\.hei[cf]$/.test(name);
}

/**
 * The picture at its full size, turned as its orientation says (`options` as createImageBitmap's), or
 * undefined when it cannot be decoded here.
 */
export async function decodeHeic(blob: Blob, options?: ImageBitmapOptions): Promise<ImageBitmap | undefined> {
  if (blob.size > MAX_BYTES) return undefined;
  try {
    return await createImageBitmap(blob, options);
  } catch {
    // Not decoded by the browser itself: libheif.
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const { heicTo } = await import('heic-to/csp');
    const given = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, GIVE_UP_MS, undefined)));
    return await Promise.race([heicTo({ blob, type: 'bitmap', options }), given]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
