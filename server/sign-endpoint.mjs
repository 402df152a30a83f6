// POST /api/sign-upload: the few lines a site runs on its own backend so the widget can
// make signed uploads without ever seeing the API secret.
import { readAll } from './body.mjs';
import { signParams } from './signature.mjs';

/**
 * @param {{ cloudName: string, apiKey: string, apiSecret: string }} creds
 * @param {import('node:http').IncomingMessage} req
 */
export async function signUpload(creds, req) {
  const body = JSON.parse((await readAll(req, 1024 * 1024)).toString('utf8') || '{}');
  // Accept { params_to_sign: {...} } (the widget's uploadSignature callback) or the params themselves.
  const params = body.params_to_sign ?? body;
  return {
    signature: signParams(params, creds.apiSecret), // sha1 over "k=v&k2=v2" + secret
    api_key: creds.apiKey,
    cloud_name: creds.cloudName,
  };
}
