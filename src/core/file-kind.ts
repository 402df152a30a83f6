// What Cloudinary would call a file (image, video or raw) and its format, from name and type.
import type { ResourceKind } from './types.js';

/** Formats Cloudinary treats as images even where browsers give no image/* type. */
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp', 'tif', 'tiff', 'ico', 'svg', 'heic', 'heif', 'jxl', 'psd']);
const VIDEO_EXTENSIONS = new Set(['mp4', 'webm', 'mov', 'ogv', 'mkv', 'avi', 'm4v', 'mp3', 'wav', 'ogg', 'aac', 'm4a', 'flac']);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function kindOf(name: string, mimeType: string): ResourceKind {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/') || mimeType.startsWith('audio/')) return 'video';
  const ext = extensionOf(name);
  if (IMAGE_EXTENSIONS.has(ext)) return 'image';
  if (VIDEO_EXTENSIONS.has(ext)) return 'video';
  return 'raw';
}

/** jpg and jpeg, tif and tiff name one format. */
export function sameFormat(a: string, b: string): boolean {
  const norm = (f: string) => ({ jpeg: 'jpg', tiff: 'tif' })[f.toLowerCase()] ?? f.toLowerCase();
  return norm(a) === norm(b);
}
