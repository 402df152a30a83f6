// Cloudinary's upload API: POST /v1_1/<cloud>/[<resource_type>/]upload (upload.mjs does the
// work; each request goes to the dev request log), and the 404s for another cloud or another
// endpoint under /v1_1/.
import { asStrings } from '../dev-log.mjs';
import { json, toError } from '../reply.mjs';
import { handleUpload } from '../upload.mjs';

const RESOURCE_TYPES = new Set(['image', 'video', 'raw', 'auto']);

/**
 * The resource type and action of /v1_1/<cloud>/[<resource_type>/]<action>.
 * @param {string[]} parts
 */
function endpoint(parts) {
  return parts.length === 3 ? { resourceType: 'auto', action: parts[2] } : { resourceType: parts[2], action: parts[3] };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {import('../app.mjs').Call} call
 * @param {import('../app.mjs').AppContext} app
 */
async function upload(req, res, { path, parts }, { opts, settings, budget, requestLog }) {
  const resourceType = /** @type {'image'|'video'|'raw'|'auto'} */ (endpoint(parts).resourceType);
  /** @type {Omit<import('../dev-log.mjs').LogEntry, 'seq'>} */
  const entry = {
    method: req.method || 'POST',
    path,
    status: 0,
    headers: {
      'content-range': req.headers['content-range'],
      'x-unique-upload-id': /** @type {string|undefined} */ (req.headers['x-unique-upload-id']),
      origin: req.headers.origin,
    },
    params: {},
    fileName: null,
    fileBytes: null,
    response: null,
  };
  let status = 200;
  /** @type {unknown} */
  let body;
  /** @type {Record<string, string>} */
  let extra = {};
  const hold = budget.open();
  try {
    body = await handleUpload(
      { ...opts, settings },
      req,
      resourceType,
      (info) => {
        entry.params = asStrings(info.params);
        entry.fileName = info.fileName ?? null;
        entry.fileBytes = info.fileBytes ?? null;
      },
      hold.charge,
    );
  } catch (e) {
    ({ status, body, extra } = toError(e));
  } finally {
    hold.release();
  }
  entry.status = status;
  entry.response = body;
  requestLog.add(entry);
  json(res, status, body, extra);
  if (!req.complete) {
    // We answered before reading the whole body (413, early errors): drain it so the
    // client sees the answer instead of a reset, but not forever.
    const timer = setTimeout(() => req.socket.destroy(), 5000).unref();
    req.on('end', () => clearTimeout(timer));
    req.on('close', () => clearTimeout(timer));
    req.resume();
  }
}

/** @type {import('../app.mjs').Route[]} */
export const uploadRoutes = [
  {
    method: 'POST',
    allow: 'POST, OPTIONS',
    access: 'api',
    match: ({ parts }, { opts }) => {
      if (parts[0] !== 'v1_1' || parts[1] !== opts.creds.cloudName || parts.length > 4) return false;
      const { resourceType, action } = endpoint(parts);
      return action === 'upload' && RESOURCE_TYPES.has(resourceType);
    },
    handler: upload,
  },
  {
    method: '*',
    access: 'api',
    match: ({ parts }, { opts }) => parts[0] === 'v1_1' && parts[1] !== opts.creds.cloudName,
    handler: (req, res, { parts }) => {
      req.resume();
      json(res, 404, { error: { message: `Invalid cloud_name ${parts[1]}` } });
    },
  },
  {
    method: '*',
    access: 'api',
    match: ({ parts }) => parts[0] === 'v1_1',
    handler: (req, res, { path }) => {
      req.resume();
      json(res, 404, { error: { message: `Unsupported endpoint ${path}` } });
    },
  },
];
