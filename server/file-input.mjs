// Turns the `file` parameter (binary part, data URI or remote URL) into a file on disk.
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpError } from './errors.mjs';
import { fetchToFile } from './fetch-remote.mjs';
import { randomId } from './ids.mjs';

const MIME_EXT = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'image/tiff': 'tiff',
  'image/heic': 'heic',
  'image/bmp': 'bmp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/json': 'json',
  'application/zip': 'zip',
};

/**
 * @param {import('./body.mjs').ParsedBody} body
 * @param {{ tmpDir: string, maxBytes: number, allowPrivateFetch?: boolean, fetchTimeoutMs?: number, resolve?: import('./fetch-remote.mjs').Resolve }} opts
 * @returns {Promise<import('./body.mjs').ReceivedFile>}
 */
export async function resolveFileInput(body, { tmpDir, maxBytes, allowPrivateFetch = false, fetchTimeoutMs, resolve }) {
  if (body.file) return body.file;
  const value = body.fields.file;
  if (value === undefined || value === null || value === '') throw new HttpError(400, 'Missing required parameter - file');
  if (typeof value !== 'string') throw new HttpError(400, 'Invalid file parameter: expected a file, a data URI or an http(s) URL');
  const path = join(tmpDir, `${randomId(16)}.upload`);
  if (value.startsWith('data:')) return fromDataUri(value, path);
  let url;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new HttpError(400, `Invalid file parameter: '${value.slice(0, 100)}' is not a data URI or an http(s) URL`);
  }
  const got = await fetchToFile(url.href, path, { maxBytes, allowPrivate: allowPrivateFetch, timeoutMs: fetchTimeoutMs, resolve });
  return { path, name: got.name, mime: got.mime || 'application/octet-stream', bytes: got.bytes };
}

/** Base64 characters decoded per slice: the decoded data is never held whole. */
const SLICE = 1024 * 1024;

/** data:[<mime>][;param]*[;base64],<data>, decoded slice by slice straight into the file. @param {string} uri @param {string} path */
async function fromDataUri(uri, path) {
  const comma = uri.indexOf(',');
  if (comma < 0) throw new HttpError(400, 'Invalid file parameter: malformed data URI');
  const meta = uri.slice(5, comma).split(';');
  const base64 = meta.includes('base64');
  const mime = (meta[0] || 'text/plain').toLowerCase();
  let bytes = 0;
  const out = await open(path, 'w');
  try {
    if (base64) {
      let carry = '';
      let ended = false;
      for (let at = comma + 1; at < uri.length || carry; at += SLICE) {
        const text = carry + uri.slice(at, at + SLICE).replace(/\s+/g, '');
        const last = at + SLICE >= uri.length;
        // Padding may only end the data; anything after it, or outside the alphabet, is bad.
        if ((ended && text) || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new HttpError(400, 'Invalid file parameter: bad base64 in data URI');
        if (text.includes('=')) ended = true;
        const whole = last ? text.length : text.length - (text.length % 4);
        carry = last ? '' : text.slice(whole);
        const data = Buffer.from(text.slice(0, whole), 'base64');
        if (data.length) await out.write(data);
        bytes += data.length;
        if (last) break;
      }
    } else {
      let data;
      try {
        data = Buffer.from(decodeURIComponent(uri.slice(comma + 1)), 'utf8');
      } catch {
        throw new HttpError(400, 'Invalid file parameter: bad data URI');
      }
      await out.write(data);
      bytes = data.length;
    }
  } catch (e) {
    await out.close();
    await rm(path, { force: true });
    throw e;
  }
  await out.close();
  const ext = MIME_EXT[/** @type {keyof typeof MIME_EXT} */ (mime)];
  return { path, name: ext ? `file.${ext}` : 'file', mime, bytes };
}
