// Signed uploads: which parameters get signed and how the page's signature is obtained.
// The widget never holds a secret; it hands params_to_sign to the page, which asks its server.
import type { UploadSignatureFunction } from './engine-options.js';
import { encodeParams } from './protocol.js';
import { callWithCallback } from './hooks.js';

/**
 * Parameters Cloudinary leaves out of the string to sign (the server's UNSIGNED_KEYS; a node test keeps them equal).
 * @public test/node/protocol-roundtrip.test.mjs reads it from an esbuild bundle, which knip does not follow.
 */
export const NOT_SIGNED = new Set(['file', 'cloud_name', 'resource_type', 'api_key', 'signature', 'signature_algorithm']);

export const unixTime = () => Math.round(Date.now() / 1000);

/** The parameters the page's server must sign: snake_case, encoded as sent, with `source: "uw"` and the timestamp. */
export function paramsToSign(params: Record<string, unknown>): Record<string, string> {
  const encoded = encodeParams(params);
  const out: Record<string, string> = {};
  for (const key of Object.keys(encoded).sort()) if (!NOT_SIGNED.has(key)) out[key] = encoded[key];
  return out;
}

/**
 * Gets the signature for `params` from the `uploadSignature` option: a string is used as is,
 * a function is called with (callback, params_to_sign) and may call back or return a Promise.
 */
export async function obtainSignature(uploadSignature: string | UploadSignatureFunction, params: Record<string, unknown>, timeoutMs: number): Promise<string> {
  if (typeof uploadSignature === 'string') return uploadSignature;
  const result = await callWithCallback<unknown>((cb) => uploadSignature(cb as (s: string) => void, paramsToSign(params)), timeoutMs, 'uploadSignature');
  const signature = typeof result === 'object' && result ? (result as { signature?: unknown }).signature : result;
  if (typeof signature !== 'string' || !signature) {
    throw new Error('uploadSignature gave no signature: call the callback with the signature string your server computed.');
  }
  return signature;
}
