// Fetches an http(s) URL into a temp file, as Cloudinary does for `file=<url>`.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from './errors.mjs';

/**
 * @param {string} url
 * @param {string} dest
 * @param {{ maxBytes: number, timeoutMs?: number }} opts
 * @returns {Promise<{ bytes: number, mime: string, name: string }>}
 */
export async function fetchToFile(url, dest, { maxBytes, timeoutMs = 20_000 }) {
  const signal = AbortSignal.timeout(timeoutMs);
  let res;
  try {
    // fetch follows redirects only to http(s), so a redirect cannot reach another scheme.
    res = await fetch(url, { signal, redirect: 'follow' });
  } catch (e) {
    const why = signal.aborted ? `timed out after ${timeoutMs / 1000} s` : /** @type {any} */ (e).cause?.message || /** @type {Error} */ (e).message;
    throw new HttpError(400, `Error in loading ${url} - ${why}`);
  }
  if (!res.ok || !res.body) {
    res.body?.cancel().catch(() => {});
    throw new HttpError(400, `Error in loading ${url} - ${res.status} ${res.statusText}`);
  }
  const tooBig = () => new HttpError(400, `File size too large. Maximum is ${maxBytes} bytes`);
  if (Number(res.headers.get('content-length')) > maxBytes) {
    res.body.cancel().catch(() => {});
    throw tooBig();
  }
  let bytes = 0;
  const counter = new Transform({
    transform(chunk, _e, cb) {
      bytes += chunk.length;
      cb(bytes > maxBytes ? tooBig() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(/** @type {any} */ (res.body)), counter, createWriteStream(dest));
  } catch (e) {
    await rm(dest, { force: true });
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, `Error in loading ${url} - ${signal.aborted ? 'timed out' : /** @type {Error} */ (e).message}`);
  }
  const name = decodeURIComponent(new URL(res.url || url).pathname.split('/').pop() || '');
  return { bytes, mime: (res.headers.get('content-type') || '').split(';')[0].trim(), name };
}
