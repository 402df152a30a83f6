// Turns the `file` parameter (binary part, data URI or remote URL) into a file on disk.
import { writeFile } from 'node:fs/promises';
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

/** data:[<mime>][;param]*[;base64],<data> */
async function fromDataUri(uri, path) {
  const m = /^data:([^,]*?),(.*)$/s.exec(uri);
  if (!m) throw new HttpError(400, 'Invalid file parameter: malformed data URI');
  const meta = m[1].split(';');
  const base64 = meta.includes('base64');
  const mime = (meta[0] || 'text/plain').toLowerCase();
  let data;
  if (base64) {
    const text = m[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new HttpError(400, 'Invalid file parameter: bad base64 in data URI');
    data = Buffer.from(text, 'base64');
  } else {
    try {
      data = Buffer.from(decodeURIComponent(m[2]), 'utf8');
    } catch {
      throw new HttpError(400, 'Invalid file parameter: bad data URI');
    }
  }
  await writeFile(path, data);
  const ext = MIME_EXT[/** @type {keyof MIME_EXT} */ (mime)];
  return { path, name: ext ? `file.${ext}` : 'file', mime, bytes: data.length };
}
