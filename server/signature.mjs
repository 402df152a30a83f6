// Cloudinary request signatures, byte-compatible with the official SDK
// (utils.api_string_to_sign / api_sign_request in the cloudinary npm package).
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.mjs';

/** Parameters that travel with a request but are never part of the string to sign. */
export const UNSIGNED_KEYS = new Set(['file', 'cloud_name', 'resource_type', 'api_key', 'signature', 'signature_algorithm']);

const MAX_CLOCK_SKEW_S = 3600;

/** Objects (context/metadata sent as JSON) are signed in their wire form `k=v|k2=v2`. @param {unknown} value @returns {unknown} */
function flatten(value) {
  if (Array.isArray(value)) return value.map(flatten).join(',');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k}=${v}`)
      .join('|');
  return value;
}

/**
 * @param {Record<string, unknown>} params
 * @param {1|2} [version] 2 escapes `&` inside values as `%26` (the SDK's default since 2.x)
 */
export function stringToSign(params, version = 1) {
  return Object.entries(params)
    .filter(([k]) => !UNSIGNED_KEYS.has(k))
    .map(([k, v]) => /** @type {[string, unknown]} */ ([k, flatten(v)]))
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => (version >= 2 ? `${k}=${v}`.replace(/&/g, '%26') : `${k}=${v}`))
    .join('&');
}

/**
 * @param {Record<string, unknown>} params
 * @param {string} secret
 * @param {'sha1'|'sha256'} [algorithm]
 * @param {1|2} [version]
 */
export function signParams(params, secret, algorithm = 'sha1', version = 1) {
  return createHash(algorithm)
    .update(stringToSign(params, version) + secret)
    .digest('hex');
}

/** The response signature the SDK checks in verify_api_response_signature. @param {string} publicId @param {number} version @param {string} secret */
export function responseSignature(publicId, version, secret) {
  return signParams({ public_id: publicId, version }, secret, 'sha1', 1);
}

/** @param {string} a the signature given @param {string} b the one computed (lower-case hex) */
function sameHex(a, b) {
  const x = Buffer.from(String(a).toLowerCase());
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** @param {number} seconds */
function formatTime(seconds) {
  return new Date(seconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' +0000');
}

/**
 * Throws a 400/401 HttpError unless `params` carry a valid signature.
 * @param {Record<string, unknown>} params every request parameter, as received
 * @param {{ apiKey: string, apiSecret: string }} creds
 * @param {number} [now] unix seconds
 * @param {number} [maxAge] seconds a signature stays valid (Cloudinary: one hour)
 * @param {{ legacySignatures?: boolean }} [options] legacySignatures: also accept the unescaped
 *   form (version 1) that old SDKs sign. Off by default: in that form `folder="x&overwrite=true"`
 *   and `folder=x` + `overwrite=true` sign the same string, so a signature for one is replayed as
 *   the other. Where no value holds `&` the two forms are the same string and both SDKs agree.
 */
export function verifySignedParams(params, creds, now = Math.floor(Date.now() / 1000), maxAge = MAX_CLOCK_SKEW_S, options = {}) {
  const apiKey = params.api_key;
  if (apiKey === undefined || apiKey === '') throw new HttpError(401, 'Must supply api_key');
  if (String(apiKey) !== creds.apiKey) throw new HttpError(401, `Unknown API key ${apiKey}`);
  if (params.timestamp === undefined || params.timestamp === '') throw new HttpError(400, 'Missing required parameter - timestamp');
  const timestamp = Number(params.timestamp);
  if (!Number.isInteger(timestamp)) throw new HttpError(400, `Invalid timestamp parameter: '${params.timestamp}'`);
  if (now - timestamp > maxAge) {
    const window = maxAge === MAX_CLOCK_SKEW_S ? '1 hour' : `${maxAge} seconds`;
    throw new HttpError(401, `Stale request - reported time is ${formatTime(timestamp)} which is more than ${window} ago`);
  }
  if (timestamp - now > MAX_CLOCK_SKEW_S) {
    throw new HttpError(401, `Stale request - reported time is ${formatTime(timestamp)} which is more than 1 hour in the future`);
  }
  const given = String(params.signature);
  let algorithm = params.signature_algorithm ? String(params.signature_algorithm).toLowerCase() : '';
  if (algorithm && algorithm !== 'sha1' && algorithm !== 'sha256') throw new HttpError(400, `Invalid signature_algorithm '${algorithm}'`);
  // The SDK never sends signature_algorithm; the digest length tells sha1 (40) from sha256 (64).
  if (!algorithm) algorithm = given.length === 64 ? 'sha256' : 'sha1';
  for (const version of /** @type {(1 | 2)[]} */ (options.legacySignatures ? [2, 1] : [2])) {
    if (sameHex(given, signParams(params, creds.apiSecret, /** @type {any} */ (algorithm), version))) return;
  }
  throw new HttpError(401, `Invalid Signature ${given}. String to sign - '${stringToSign(params, 2)}'.`);
}
