// Reading image sizes and scaling images down in the browser, off the main thread's layout work.
import { drawTransform, isUpright, turnJpeg, turnedSize, type Turn } from './orientation.js';

/** The displayed size (EXIF orientation applied), or undefined when the browser cannot decode it. */
export async function imageSize(file: Blob): Promise<{ width: number; height: number } | undefined> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

/** Formats a canvas can write back; others are re-encoded as PNG (lossless) rather than refused. */
const WRITABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Extensions of the formats a file may be written in. */
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface RedrawTarget {
  /** Fits the image in this box, keeping its aspect ratio (never scales up). */
  maxWidth?: number;
  maxHeight?: number;
  /** Writes this format (`image/webp`, `image/jpeg`); the file's own when it can be written, else PNG. */
  type?: string;
  /** 0–1, for JPEG and WebP. */
  quality?: number;
  /** Turns (and mirrors) the pixels too. */
  turn?: Turn;
}

/**
 * The image drawn anew: scaled down to fit, and in another format when `type` says so. Its
 * orientation as displayed is applied to the pixels (the new file has no EXIF, nor any other
 * metadata); its name keeps the stem. Undefined when there is nothing to do, or when this browser
 * cannot write the format asked for (WebKit writes no WebP): the file then goes as it is.
 */
export async function redraw(
  file: File,
  { maxWidth = Infinity, maxHeight = Infinity, type: wanted, quality = 0.92, turn }: RedrawTarget,
  decode: (file: File) => Promise<ImageBitmap> = (f) => createImageBitmap(f, { imageOrientation: 'from-image' }),
): Promise<File | undefined> {
  const bitmap = await decode(file);
  try {
    const turned = turn && !isUpright(turn) ? turn : undefined;
    // The box is for the picture as it will be seen (turned).
    const seen = turned ? turnedSize(bitmap, turned) : bitmap;
    const scale = Math.min(1, maxWidth / seen.width, maxHeight / seen.height);
    const type = wanted ?? (WRITABLE.has(file.type) ? file.type : 'image/png');
    if (scale >= 1 && !wanted && !turned) return undefined;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const out = turned ? turnedSize({ width, height }, turned) : { width, height };
    const canvas = new OffscreenCanvas(out.width, out.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingQuality = 'high';
    if (turned) ctx.setTransform(...drawTransform({ width, height }, turned));
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type, quality });
    // A format the browser cannot write comes back as PNG.
    if (blob.type !== type) return undefined;
    const name = type === file.type ? file.name : `${file.name.replace(/\.[^.]*$/, '')}.${EXTENSIONS[type]}`;
    return new File([blob], name, { type, lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}

/**
 * Formats whose pixels can be turned: not animations (a canvas keeps one frame), drawings, nor HEIC
 * (no browser but Safari writes or decodes it; Cloudinary converts it on its side).
 */
export const canTurn = (type: string) => !/^image\/(gif|svg\+xml|hei[cf](-sequence)?)$/.test(type);

/**
 * The picture turned by `turn` (from how it is seen now). A JPEG keeps its image data byte for
 * byte (its Orientation tag is rewritten); other pictures are redrawn, PNG losslessly, JPEG and
 * WebP at a quality where no difference shows. Undefined when upright, or when this browser
 * cannot redraw it.
 */
export async function turnImage(file: File, turn: Turn): Promise<File | undefined> {
  if (isUpright(turn)) return undefined;
  return (await turnJpeg(file, turn)) ?? redraw(file, { turn, quality: 0.95 });
}

/** The limits a picture must fit: pixels (a box) and bytes. */
export interface FitLimits {
  maxWidth?: number;
  maxHeight?: number;
  maxBytes?: number;
}

/**
 * A picture made to fit `limits`, keeping its aspect ratio: first its pixels, then, while it has too
 * many bytes, written lossy (WebP where the browser writes it, else JPEG; a JPEG stays JPEG) and
 * scaled down step by step. Undefined when it cannot be made to fit.
 */
export async function fitImage(file: File, { maxWidth = Infinity, maxHeight = Infinity, maxBytes = Infinity }: FitLimits): Promise<File | undefined> {
  const size = await imageSize(file);
  if (!size) return undefined;
  const fitsBytes = (f: File) => f.size <= maxBytes;
  // Fewer pixels first, in its own format; often that is enough.
  const inBox = (await redraw(file, { maxWidth, maxHeight })) ?? file;
  if (fitsBytes(inBox)) return inBox;
  let type = file.type === 'image/jpeg' ? 'image/jpeg' : 'image/webp';
  const scaleToBox = Math.min(1, maxWidth / size.width, maxHeight / size.height);
  let scale = scaleToBox;
  let quality = 0.85;
  for (let attempt = 0; attempt < 10; attempt++) {
    const out = await redraw(file, {
      maxWidth: Math.max(1, Math.floor(size.width * scale)),
      maxHeight: Math.max(1, Math.floor(size.height * scale)),
      type,
      quality,
    });
    if (!out) {
      // This browser writes no WebP: JPEG instead.
      if (type === 'image/webp') type = 'image/jpeg';
      else return undefined;
      continue;
    }
    if (fitsBytes(out)) return out;
    // Bytes go roughly with the pixels: scale by the square root of what must go, a little more each time.
    scale *= Math.min(0.9, Math.sqrt(maxBytes / out.size) * 0.95);
    quality = Math.max(0.6, quality - 0.05);
  }
  return undefined;
}
