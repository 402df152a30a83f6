// Reading image sizes and scaling images down in the browser, off the main thread's layout work.

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

/**
 * Scales an image down to fit maxWidth×maxHeight, keeping its aspect ratio, its format and its
 * orientation as displayed (EXIF rotation is applied to the pixels, since the re-encoded file has no EXIF).
 */
export async function downscale(file: File, maxWidth = Infinity, maxHeight = Infinity): Promise<File> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, maxWidth / bitmap.width, maxHeight / bitmap.height);
    if (scale >= 1) return file;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const type = WRITABLE.has(file.type) ? file.type : 'image/png';
    const blob = await canvas.convertToBlob({ type, quality: 0.92 });
    const name = type === file.type ? file.name : `${file.name.replace(/\.[^.]*$/, '')}.png`;
    return new File([blob], name, { type, lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}
