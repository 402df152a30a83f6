// What a queue row shows of a file, by its type: a picture in its own shape (views/thumbnail.ts), a
// video's poster frame and length (video-poster.ts), a PDF's first page (pdf-preview.ts, a lazy
// part of its own: pdf.js loads only when a PDF is shown), a HEIC the browser cannot decode itself
// through libheif (core/heic.ts, its decoder a chunk of its own, loaded only for HEIC). Part of the
// row previews (row-previews.ts).
// Files of other types, and files the browser cannot decode, get no preview: the row shows their
// type icon, and they upload as they are.
import { decodeThumbnail, type Preview } from './thumbnail.js';
import type { CropRect } from '../core/crop.js';
import { extensionOf } from '../core/file-kind.js';
import { decodeHeic, isHeic } from '../core/heic.js';
import { videoPoster } from './video-poster.js';

const VIDEO_EXTENSIONS = new Set(['mp4', 'webm', 'mov', 'ogv', 'mkv', 'm4v', 'avi']);

/** A video by its type, else by its name (sound alone is not: it has no picture). */
export function isVideo(name: string, type: string): boolean {
  return type ? type.startsWith('video/') : VIDEO_EXTENSIONS.has(extensionOf(name));
}

/** A PDF by its type, else by its name. */
export function isPdf(name: string, type: string): boolean {
  return type === 'application/pdf' || (!type && extensionOf(name) === 'pdf');
}

/** A file's preview, its long side `size`; undefined when it has none. */
export async function decodePreview(file: Blob, size: number, crop?: CropRect): Promise<Preview | undefined> {
  const name = file instanceof File ? file.name : '';
  if (isVideo(name, file.type)) return videoPoster(file, size);
  if (isPdf(name, file.type)) {
    // The part with pdf.js: a failure to load it (offline, not deployed) is a PDF without a preview.
    const part = await import('./pdf-preview.js').catch(() => undefined);
    return part?.pdfFirstPage(file, size);
  }
  const bitmap = await decodeThumbnail(file, size, crop);
  if (bitmap) return { bitmap };
  return isHeic(file) ? heicPreview(file, size, crop) : undefined;
}

/** A HEIC the browser cannot decode itself: libheif's whole picture, scaled down (or its crop). */
async function heicPreview(file: Blob, size: number, crop?: CropRect): Promise<Preview | undefined> {
  const whole = await decodeHeic(file, { imageOrientation: 'from-image' });
  if (!whole) return undefined;
  try {
    const area = crop && crop.width > 0 && crop.height > 0 ? crop : { x: 0, y: 0, width: whole.width, height: whole.height };
    const resize = area.width >= area.height ? { resizeWidth: size } : { resizeHeight: size };
    return { bitmap: await createImageBitmap(whole, area.x, area.y, area.width, area.height, { ...resize, resizeQuality: 'medium' }) };
  } catch {
    return undefined;
  } finally {
    whole.close();
  }
}
