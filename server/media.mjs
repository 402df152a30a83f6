// What an uploaded file is: image (if sharp can read it), video/audio (by extension,
// MIME type or magic bytes; Cloudinary files audio under "video"), else raw.
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import { HttpError } from './errors.mjs';

const VIDEO_EXTS = new Set([
  'mp4',
  'm4v',
  'webm',
  'mov',
  'ogv',
  'ogg',
  'mkv',
  'avi',
  'flv',
  'wmv',
  'mpeg',
  'mpg',
  '3gp',
  'mts',
  'm2ts',
  'ts',
  'mp3',
  'wav',
  'flac',
  'aac',
  'm4a',
  'opus',
  'oga',
  'weba',
  'aiff',
  'amr',
]);

const SHARP_FORMAT = { jpeg: 'jpg', heif: 'heic', svg: 'svg', tiff: 'tiff' };

/** What an upload turned out to be. @typedef {{ resource_type: 'image'|'video'|'raw', format?: string, width?: number, height?: number, pages?: number }} Classified */

/** @param {string} name */
export function extOf(name) {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name || '');
  return m ? m[1].toLowerCase() : '';
}

/** @param {string} name */
export function stemOf(name) {
  const base =
    String(name || '')
      .split(/[\\/]/)
      .pop() || '';
  return base.replace(/\.[^.]*$/, '') || base;
}

/** Sniffs common audio/video containers from the first bytes. @param {string} path */
async function sniffVideo(path) {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(16), 0, 16, 0);
    const b = buffer.subarray(0, bytesRead);
    /** @param {number} from @param {number} to */
    const ascii = (from, to) => b.subarray(from, to).toString('latin1');
    if (ascii(4, 8) === 'ftyp') {
      const brand = ascii(8, 12);
      if (brand === 'qt  ') return 'mov';
      if (brand.startsWith('M4A')) return 'm4a';
      return 'mp4';
    }
    if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
    if (ascii(0, 4) === 'OggS') return 'ogg';
    if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
    if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'avi';
    if (ascii(0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && b.length > 2)) return 'mp3';
    if (ascii(0, 4) === 'fLaC') return 'flac';
    return '';
  } finally {
    await fh.close();
  }
}

/**
 * @param {string} path
 * @returns {Promise<{ format: string, width: number, height: number, pages: number } | null>}
 */
async function imageInfo(path) {
  try {
    const m = await sharp(path, { limitInputPixels: false }).metadata();
    if (!m.format || !m.width || !m.height) return null;
    const format = SHARP_FORMAT[/** @type {keyof typeof SHARP_FORMAT} */ (m.format)] || m.format;
    // Width/height as stored (Cloudinary reports the stored orientation, not the EXIF-rotated one).
    return { format, width: m.width, height: m.height, pages: m.pages || 1 };
  } catch {
    return null;
  }
}

/**
 * @param {{ path: string, name: string, mime: string }} file
 * @param {'image'|'video'|'raw'|'auto'} requested
 * @returns {Promise<Classified>}
 */
export async function classify(file, requested) {
  if (requested === 'raw') return { resource_type: 'raw' };
  const ext = extOf(file.name);
  if (requested === 'image' || requested === 'auto') {
    const info = await imageInfo(file.path);
    if (info) return { resource_type: 'image', format: info.format, width: info.width, height: info.height, pages: info.pages };
    if (requested === 'image') throw new HttpError(400, 'Invalid image file');
  }
  const sniffed = await sniffVideo(file.path);
  const byName = VIDEO_EXTS.has(ext) ? ext : '';
  const byMime = /^(video|audio)\//.test(file.mime) ? file.mime.split('/')[1].replace('quicktime', 'mov').replace('mpeg', 'mp3').replace(/^x-/, '') : '';
  const format = byName || sniffed || (VIDEO_EXTS.has(byMime) ? byMime : '');
  if (format) return { resource_type: 'video', format };
  if (requested === 'video') throw new HttpError(400, 'Unsupported video format or file');
  return { resource_type: 'raw' };
}

/** Extensions whose files start with a known signature: a raw file named so must carry it. */
const SIGNED_FORMATS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'heic', 'tiff', 'tif', 'bmp', 'ico', 'pdf', 'zip', ...VIDEO_EXTS]);

/**
 * What a raw file is, from its first bytes where they say so (PDF, ZIP, HTML, SVG, images,
 * audio/video), '' when they do not (plain text, CSV, unknown binary).
 * @param {string} path
 */
async function sniffFormat(path) {
  const fh = await open(path, 'r');
  let head;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(512), 0, 512, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  /** @param {number[]} bytes */
  const at = (bytes, offset = 0) => bytes.every((b, i) => head[offset + i] === b);
  if (at([0xff, 0xd8, 0xff])) return 'jpg';
  if (at([0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'pdf';
  if (at([0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (at([0x42, 0x4d])) return 'bmp';
  if (at([0x49, 0x49, 0x2a, 0x00]) || at([0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  const text = head
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype html|html|head|body|script|iframe|meta)\b/.test(text)) return 'html';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg\b/.test(text)) return 'svg';
  return sniffVideo(path);
}

/**
 * The format a raw file is checked against allowed_formats with: what its bytes say where they
 * say something, else its name's extension, and 'unknown' when the name claims a format whose
 * signature the bytes lack (an HTML page named photo.jpg).
 * @param {string} path @param {string} ext the name's extension, lower case
 */
export async function rawFormat(path, ext) {
  const sniffed = await sniffFormat(path);
  if (sniffed) return sniffed;
  return SIGNED_FORMATS.has(ext) ? 'unknown' : ext;
}
