// Small previews of image files in their own shape, decoded only on demand and released when no longer
// wanted. Headless: createImageBitmap decodes off the main thread, in a window or a worker.
import type { CropRect } from '../core/crop.js';
import { cropOf } from '../core/crop-of.js';
import { jpegOrientation } from '../core/orientation.js';

/** What a row shows of its file: a picture in its own shape, and a video's length. */
export interface Preview {
  readonly bitmap: ImageBitmap;
  /** A video's length in seconds. */
  readonly duration?: number;
}

/** Makes the preview of a file, its long side `size`: undefined when there is none to make. */
export type PreviewDecoder = (file: Blob, size: number, crop?: CropRect) => Promise<Preview | undefined>;

/** Bigger files are not worth decoding for a 48-pixel preview; they get their type icon. */
const MAX_DECODE_BYTES = 50_000_000;

/**
 * A preview of the image that keeps its shape, its long side `size` long (a portrait photo's is
 * taller than wide), turned as its EXIF orientation says; or undefined when the browser cannot
 * decode it (HEIC outside Safari, PSD, a damaged file…). The decoder scales while decoding, so a
 * 24-megapixel photo never exists at full size in memory.
 */
export async function decodeThumbnail(file: Blob, size: number, crop?: CropRect): Promise<ImageBitmap | undefined> {
  if (file.size > MAX_DECODE_BYTES) return undefined;
  const options = { imageOrientation: 'from-image', resizeQuality: 'medium' } as const;
  try {
    // A cropped file: the crop rectangle (in the image's pixels), its long side `size` long.
    if (crop && crop.width > 0 && crop.height > 0) {
      const wide = crop.width >= crop.height;
      const resize = wide ? { resizeWidth: size } : { resizeHeight: size };
      // A turned photo: engines differ on whether a source rectangle is in its turned pixels
      // (Firefox takes it in the stored ones), so it is turned whole first, then cut.
      if ((await jpegOrientation(file)) > 1) {
        const upright = await createImageBitmap(file, { imageOrientation: 'from-image' });
        try {
          return await createImageBitmap(upright, crop.x, crop.y, crop.width, crop.height, { resizeQuality: 'medium', ...resize });
        } finally {
          upright.close();
        }
      }
      return await createImageBitmap(file, crop.x, crop.y, crop.width, crop.height, { ...options, ...resize });
    }
    // Only one side is given so the other keeps the aspect ratio (of the turned picture); a tall
    // picture is decoded again by its height, so that its long side is `size` long.
    const wide = await createImageBitmap(file, { ...options, resizeWidth: size });
    if (wide.height <= size) return wide;
    wide.close();
    return await createImageBitmap(file, { ...options, resizeHeight: size });
  } catch {
    return undefined;
  }
}

/** Previews of pictures only: decodeThumbnail's bitmap. */
const imagePreview: PreviewDecoder = async (file, size, crop) => {
  const bitmap = await decodeThumbnail(file, size, crop);
  return bitmap && { bitmap };
};

/**
 * Decodes previews for the ids a view asks for, a few at a time, in the order asked; forgets
 * wishes that stop mattering before they are decoded (a fast scroll passes hundreds of rows) and
 * closes bitmaps the view no longer shows.
 */
export class ThumbnailLoader {
  /** A decoded preview, or null for a file the browser cannot decode (asked once, not again). */
  private readonly ready = new Map<string, Preview | null>();
  private readonly waiting = new Map<string, { file: Blob; crop?: CropRect }>();
  private readonly running = new Set<string>();
  /** Decodes in flight whose rows left the screen: their result is closed on arrival. */
  private readonly unwanted = new Set<string>();
  private closed = false;

  /**
   * @param size the previews' long side, in device pixels
   * @param onReady called when a preview finishes decoding, so the view can show it
   * @param concurrency decodes in flight at once (each holds a decoder thread and memory)
   * @param decode makes a file's preview (pictures only, unless given one that knows more)
   */
  constructor(
    private readonly size: number,
    private readonly onReady: (id: string) => void,
    private readonly concurrency = 3,
    private readonly decode: PreviewDecoder = imagePreview,
  ) {}

  /** The preview if decoded; null if it cannot be; undefined while unknown. */
  get(id: string): Preview | null | undefined {
    return this.ready.get(id);
  }

  /** Asks for a preview; does nothing when it is ready, decoding or already asked for. */
  request(id: string, file: Blob, overrides?: Readonly<Record<string, unknown>>): void {
    this.unwanted.delete(id);
    if (this.closed || this.ready.has(id) || this.running.has(id) || this.waiting.has(id)) return;
    this.waiting.set(id, { file, crop: cropOf(overrides) });
    this.pump();
  }

  /** Closes previews and forgets wishes for every id not in `keep` (the rows still on screen). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const [id, preview] of this.ready) {
      if (keep.has(id)) continue;
      preview?.bitmap.close();
      this.ready.delete(id);
    }
    for (const id of this.waiting.keys()) if (!keep.has(id)) this.waiting.delete(id);
    for (const id of this.running) if (!keep.has(id)) this.unwanted.add(id);
  }

  /** How many previews are held in memory (for tests and the benchmark). */
  get held(): number {
    let n = 0;
    for (const preview of this.ready.values()) if (preview) n++;
    return n;
  }

  dispose(): void {
    this.closed = true;
    this.waiting.clear();
    this.retainOnly(new Set());
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.waiting.size) {
      const [id, { file, crop }] = this.waiting.entries().next().value as [string, { file: Blob; crop?: CropRect }];
      this.waiting.delete(id);
      this.running.add(id);
      void this.decode(file, this.size, crop)
        .catch(() => undefined)
        .then((preview) => {
          this.running.delete(id);
          if (this.closed || this.unwanted.delete(id)) {
            preview?.bitmap.close();
          } else {
            this.ready.set(id, preview ?? null);
            this.onReady(id);
          }
          this.pump();
        });
    }
  }
}
