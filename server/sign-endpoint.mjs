// POST /api/sign-upload: the few lines a site runs on its own backend so the widget can
// make signed uploads without ever seeing the API secret. Served only with --dev-endpoints, to
// the server's own pages (see dev-guard.mjs), and it signs only what the widget sends: a
// signature is a blank cheque for the parameters it covers, so nothing that makes the server call
// out (notification_url, eager), change an asset's access, or replace an asset it did not make.
import { readAll } from './body.mjs';
import { HttpError } from './errors.mjs';
import { parsePathish } from './params.mjs';
import { signParams } from './signature.mjs';

/** What the widget's params_to_sign may hold (src/core/params.ts and its per-file overrides). */
const SIGNABLE = new Set([
  'timestamp',
  'source',
  'upload_preset',
  'folder',
  'public_id',
  'public_id_prefix',
  'tags',
  'context',
  'metadata',
  'use_filename',
  'unique_filename',
  'custom_coordinates',
  'face_coordinates',
  'overwrite',
]);

/** @param {unknown} v */
const isFalse = (v) => v === false || v === 0 || /^(false|0)$/i.test(String(v));

/**
 * @param {{ cloudName: string, apiKey: string, apiSecret: string }} creds
 * @param {import('./store.mjs').Store} store
 * @param {import('node:http').IncomingMessage} req
 */
export async function signUpload(creds, store, req) {
  let body;
  try {
    body = JSON.parse((await readAll(req, 64 * 1024)).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'Invalid JSON body: send {"params_to_sign": {...}}');
  }
  // Accept { params_to_sign: {...} } (the widget's uploadSignature callback) or the params themselves.
  const params = body?.params_to_sign ?? body;
  if (!params || typeof params !== 'object' || Array.isArray(params)) throw new HttpError(400, 'params_to_sign must be an object');
  const refused = Object.keys(params).filter((k) => !SIGNABLE.has(k));
  if (refused.length) {
    throw new HttpError(403, `This signing endpoint signs only the parameters the widget sends; refused: ${refused.join(', ')}`);
  }
  if (params.timestamp === undefined || params.timestamp === '') throw new HttpError(400, 'params_to_sign needs a timestamp');
  if (params.overwrite !== undefined && !isFalse(params.overwrite)) {
    throw new HttpError(403, 'This signing endpoint does not sign overwrite=true');
  }
  // A signed upload overwrites by default: a named public id that already exists is only signed
  // with overwrite=false (the upload then answers the existing asset and changes nothing).
  if (params.public_id !== undefined && params.public_id !== '' && !isFalse(params.overwrite)) {
    let id;
    try {
      id = parsePathish('public_id', [params.folder, `${params.public_id_prefix ?? ''}${params.public_id}`].filter(Boolean).join('/'));
    } catch (e) {
      throw new HttpError(400, /** @type {Error} */ (e).message);
    }
    for (const rt of ['image', 'video', 'raw']) {
      if (id && (await store.get(creds.cloudName, rt, 'upload', id))) {
        throw new HttpError(403, `This signing endpoint does not sign an upload that would replace the existing asset '${id}' (add overwrite=false)`);
      }
    }
  }
  return {
    signature: signParams(params, creds.apiSecret, 'sha1', 2), // sha1 over "k=v&k2=v2" + secret, `&` in values escaped
    api_key: creds.apiKey,
    cloud_name: creds.cloudName,
  };
}
