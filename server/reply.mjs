// What a request gets back: a JSON body, and the envelope any thrown error becomes. Shared by
// app.mjs and the routes (routes/*), so that no route imports app.mjs.
import { HttpError } from './errors.mjs';
import { randomId } from './ids.mjs';

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {import('node:http').OutgoingHttpHeaders} [headers]
 */
export function json(res, status, body, headers = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Cloudinary's `{"error":{"message":...}}` for anything thrown: an HttpError's status, message
 * and headers; a file-system limit a request reached is a 400; anything else a 500 whose message
 * holds a reference to the server's log, never a path, a secret or a stack.
 * @param {unknown} e
 * @returns {{ status: number, body: { error: { message: string } }, extra: Record<string, string> }}
 */
export function toError(e) {
  if (e instanceof HttpError) return { status: e.status, body: { error: { message: e.message } }, extra: e.headers };
  // File-system limits reached through a request's values are the request's fault: a 400.
  const code = /** @type {any} */ (e)?.code;
  if (code === 'ENAMETOOLONG')
    return { status: 400, body: { error: { message: 'Invalid public_id: a part between slashes is too long for this server' } }, extra: {} };
  // The client went away mid-body (a cancelled or paused upload, a closed tab): its abort, not the server's fault.
  if (code === 'ECONNRESET') return { status: 400, body: { error: { message: 'Request aborted by the client' } }, extra: {} };
  if (code === 'EFBIG' || code === 'ERR_OUT_OF_RANGE')
    return { status: 400, body: { error: { message: 'Invalid Content-Range: beyond the largest file this server stores' } }, extra: {} };
  // Anything else: the details (paths, stacks) go to the server's log, never to the client.
  const reference = randomId(8);
  console.error(`[upload-server] internal error ${reference}:`, e);
  return { status: 500, body: { error: { message: `Internal error (reference ${reference}); the details are in the upload server's log` } }, extra: {} };
}
