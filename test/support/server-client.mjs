// How the Node side of the tests (and bench/) talks to the local upload server: the request
// bodies it sends, signed fields, a POST read as JSON, and a digest to compare bytes by. One copy
// here instead of one per test file.
import { createHash, randomBytes } from 'node:crypto';
import { signParams } from '../../server/signature.mjs';

/**
 * A FormData of `fields` (in their order), then the file part when there is one:
 * `{ bytes, name, type? }` (bytes: a Buffer, a typed array or a string).
 */
export function multipart(fields, file) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], file.type ? { type: file.type } : {}), file.name);
  return form;
}

/**
 * A multipart body written by hand, shaped like the SDK's, for raw requests (node:http): the
 * `fields`, the file part (`bytes` named `name`), then the `after` fields. Gives `{ body, type }`.
 */
export function multipartBody(fields, bytes, { name = 'blob', after = {} } = {}) {
  const boundary = `----uw${randomBytes(8).toString('hex')}`;
  const parts = (entries) =>
    Object.entries(entries)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('');
  const body = Buffer.concat([
    Buffer.from(
      `${parts(fields)}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n${parts(after)}--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * `params` as a signed request sends them: with `api_key` and the `signature` the server checks
 * (server/signature.mjs: SHA-1 and version 1 unless said otherwise).
 */
export const signed = (params, { key, secret, algorithm = 'sha1', version = 1 }) => ({
  ...params,
  api_key: key,
  signature: signParams(params, secret, algorithm, version),
});

/** POSTs `body` (a FormData, a string …) to `url`; resolves `{ status, body }`, the answer parsed as JSON. */
export async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, body: await res.json() };
}

/** The upload endpoint of `server` (its address) for `cloud` and `resourceType`. */
export const uploadUrl = (server, cloud = 'demo', resourceType = 'image') => `${server}/v1_1/${cloud}/${resourceType}/upload`;

/** SHA-256 of `bytes`, in hex: to compare what arrived with what was sent. */
export const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
