// Fetches an http(s) URL into a temp file, as Cloudinary does for `file=<url>`.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from './errors.mjs';
import { assertPublicHost } from './private-address.mjs';

const MAX_REDIRECTS = 5;

/**
 * @param {string} url
 * @param {string} dest
 * @param {{ maxBytes: number, timeoutMs?: number, allowPrivate?: boolean }} opts
 * @returns {Promise<{ bytes: number, mime: string, name: string }>}
 */
export async function fetchToFile(url, dest, { maxBytes, timeoutMs = 20_000, allowPrivate = false }) {
  const signal = AbortSignal.timeout(timeoutMs);
  const refuse = (why) => new HttpError(400, `Error in loading ${url} - ${why}`);
  let res;
  let at = url;
  try {
    // Redirects are followed by hand, so that every hop's host is checked, not only the first.
    for (let hop = 0; ; hop++) {
      const target = new URL(at);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refuse('a redirect leads to a non-http(s) address');
      if (!allowPrivate) await assertPublicHost(target.hostname, refuse);
      res = await fetch(target, { signal, redirect: 'manual' });
      const next = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (!next) break;
      res.body?.cancel().catch(() => {});
      if (hop >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`);
      at = new URL(next, target).href;
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const why = signal.aborted ? `timed out after ${timeoutMs / 1000} s` : /** @type {any} */ (e).cause?.message || /** @type {Error} */ (e).message;
    throw refuse(why);
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
  const last = new URL(at).pathname.split('/').pop() || '';
  // A bad escape in the name ("%E0%A4%A") must not fail the upload after the file is written.
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    /* keep it as sent */
  }
  return { bytes, mime: (res.headers.get('content-type') || '').split(';')[0].trim(), name };
}
