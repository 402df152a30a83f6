// Fetches an http(s) URL into a temp file, as Cloudinary does for `file=<url>`.
// Each hop's host is resolved once, its addresses checked, and the connection made to the checked
// address (the `lookup` option of http.request): resolving again at connect time would let a
// DNS-rebinding name (a public answer, then 127.0.0.1 with TTL 0) reach a private service.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from './errors.mjs';
import { checkAddresses, resolveHost } from './private-address.mjs';

const MAX_REDIRECTS = 5;

/**
 * @typedef {(host: string) => Promise<{ address: string, family: number }[]>} Resolve
 */

/**
 * One GET to a pinned address; resolves with the response (its body not yet read).
 * @param {URL} target @param {{ address: string, family: number }} pinned @param {AbortSignal} signal
 * @returns {Promise<import('node:http').IncomingMessage>}
 */
function get(target, pinned, signal) {
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: 'GET',
      signal,
      headers: { 'user-agent': 'upload-widget-server', accept: '*/*' },
      // Every connection of this request goes to the address that was checked.
      lookup: (_host, options, cb) => {
        if (/** @type {any} */ (options)?.all) /** @type {any} */ (cb)(null, [pinned]);
        else cb(null, pinned.address, pinned.family);
      },
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

/**
 * @param {string} url
 * @param {string} dest
 * @param {{ maxBytes: number, timeoutMs?: number, allowPrivate?: boolean, resolve?: Resolve }} opts
 * @returns {Promise<{ bytes: number, mime: string, name: string }>}
 */
export async function fetchToFile(url, dest, { maxBytes, timeoutMs = 20_000, allowPrivate = false, resolve = resolveHost }) {
  const signal = AbortSignal.timeout(timeoutMs);
  /** @param {string} why */
  const refuse = (why) => new HttpError(400, `Error in loading ${url} - ${why}`);
  /** @type {import('node:http').IncomingMessage} */
  let res;
  let at = url;
  try {
    // Redirects are followed by hand, so that every hop's host is checked and pinned, not only the first.
    for (let hop = 0; ; hop++) {
      const target = new URL(at);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refuse('a redirect leads to a non-http(s) address');
      const host = target.hostname.replace(/^\[|\]$/g, '');
      let addresses;
      if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
      else {
        try {
          addresses = await resolve(host);
        } catch {
          throw refuse(`the host ${host} could not be resolved`);
        }
      }
      if (!addresses.length) throw refuse(`the host ${host} could not be resolved`);
      if (!allowPrivate) checkAddresses(host, addresses, refuse);
      res = await get(target, addresses[0], signal);
      const status = res.statusCode ?? 0;
      const next = status >= 300 && status < 400 ? res.headers.location : undefined;
      if (!next) break;
      res.resume();
      if (hop >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`);
      at = new URL(next, target).href;
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    const why = signal.aborted ? `timed out after ${timeoutMs / 1000} s` : /** @type {any} */ (e).cause?.message || /** @type {Error} */ (e).message;
    throw refuse(why);
  }
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    res.resume();
    throw new HttpError(400, `Error in loading ${url} - ${status} ${res.statusMessage ?? ''}`.trimEnd());
  }
  const tooBig = () => new HttpError(400, `File size too large. Maximum is ${maxBytes} bytes`);
  if (Number(res.headers['content-length']) > maxBytes) {
    res.destroy();
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
    await pipeline(res, counter, createWriteStream(dest), { signal });
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
  return {
    bytes,
    mime: String(res.headers['content-type'] || '')
      .split(';')[0]
      .trim(),
    name,
  };
}
