// Routing and CORS: which requests this server owns, and the JSON error envelope.
import { readAll } from './body.mjs';
import { asStrings, RequestLog } from './dev-log.mjs';
import { deliver } from './delivery.mjs';
import { HttpError } from './errors.mjs';
import { ownerOnly } from './dev-guard.mjs';
import { randomId } from './ids.mjs';
import { signUpload } from './sign-endpoint.mjs';
import { RenderGate } from './transform.mjs';
import { BodyBudget } from './budget.mjs';
import { handleUpload } from './upload.mjs';

const ALLOW_HEADERS = ['X-Unique-Upload-Id', 'Content-Range', 'X-Requested-With', 'Content-Type', 'Content-Disposition', 'Accept'];
const RESOURCE_TYPES = new Set(['image', 'video', 'raw', 'auto']);

/**
 * @typedef {object} AppOptions
 * @property {import('./config.mjs').Credentials} creds
 * @property {import('./config.mjs').Presets} presets
 * @property {import('./store.mjs').Store} store
 * @property {import('./chunks.mjs').ChunkSessions} chunks
 * @property {number} maxBytes
 * @property {number} minChunkBytes
 * @property {boolean} [allowPrivateFetch]
 * @property {false | true | import('./dev-guard.mjs').DevAccess} [devEndpoints] /__dev/* and /api/sign-upload: off, on for
 *   this origin on a loopback name, or also for these origins and host names
 * @property {boolean} log
 * @property {number} [bodyBudgetBytes] memory all request bodies in flight may take (see budget.mjs)
 * @property {number} [maxRenders] transformations rendered at a time
 * @property {number} [renderQueue] transformations waiting for their turn before the next gets a 503
 * @property {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined} fallback
 */

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body, headers = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** @param {AppOptions} opts */
export function createApp(opts) {
  const { creds } = opts;
  const requestLog = new RequestLog();
  const renders = new RenderGate(opts.maxRenders ?? 2, opts.renderQueue ?? 8);
  const budget = new BodyBudget(opts.bodyBudgetBytes ?? 256 * 1024 * 1024);

  /** Cloudinary's API answers any origin; nothing here depends on cookies. */
  function cors(_req, res) {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'ETag, X-Cld-Error, Content-Range');
  }

  function preflight(req, res) {
    const asked = String(req.headers['access-control-request-headers'] || '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const headers = [...new Set([...ALLOW_HEADERS, ...asked.filter((h) => /^[A-Za-z0-9-]+$/.test(h))])];
    res.writeHead(204, {
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': headers.join(', '),
      'access-control-max-age': '1728000',
      'content-length': '0',
    });
    res.end();
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function upload(req, res, path, resourceType) {
    /** @type {Omit<import('./dev-log.mjs').LogEntry, 'seq'>} */
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
    let body;
    let extra = {};
    const hold = budget.open();
    try {
      body = await handleUpload(
        opts,
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

  function toError(e) {
    if (e instanceof HttpError) return { status: e.status, body: { error: { message: e.message } }, extra: e.headers };
    // File-system limits reached through a request's values are the request's fault: a 400.
    const code = /** @type {any} */ (e)?.code;
    if (code === 'ENAMETOOLONG')
      return { status: 400, body: { error: { message: 'Invalid public_id: a part between slashes is too long for this server' } }, extra: {} };
    if (code === 'EFBIG' || code === 'ERR_OUT_OF_RANGE')
      return { status: 400, body: { error: { message: 'Invalid Content-Range: beyond the largest file this server stores' } }, extra: {} };
    // Anything else: the details (paths, stacks) go to the server's log, never to the client.
    const reference = randomId(8);
    console.error(`[upload-server] internal error ${reference}:`, e);
    return { status: 500, body: { error: { message: `Internal error (reference ${reference}); the details are in the upload server's log` } }, extra: {} };
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function route(req, res) {
    const url = new URL(req.url || '/', 'http://localhost');
    const path = url.pathname;
    const parts = path.split('/').filter(Boolean);
    const method = req.method || 'GET';

    // Upload API: /v1_1/<cloud>/[<resource_type>/]upload
    if (parts[0] === 'v1_1') {
      cors(req, res);
      if (method === 'OPTIONS') return preflight(req, res);
      const [, cloud, a, b] = parts;
      const resourceType = parts.length === 3 ? 'auto' : a;
      const action = parts.length === 3 ? a : b;
      if (cloud !== creds.cloudName) {
        req.resume();
        return json(res, 404, { error: { message: `Invalid cloud_name ${cloud}` } });
      }
      if (parts.length > 4 || action !== 'upload' || !RESOURCE_TYPES.has(resourceType)) {
        req.resume();
        return json(res, 404, { error: { message: `Unsupported endpoint ${path}` } });
      }
      if (method !== 'POST') return json(res, 405, { error: { message: 'Use POST' } }, { allow: 'POST, OPTIONS' });
      return upload(req, res, path, resourceType);
    }

    if (path === '/healthz') return json(res, 200, { ok: true });

    if (path === '/api/sign-upload' || parts[0] === '__dev') {
      // For the owner's own pages (tests, the demo): off unless asked for, and then only on a
      // loopback name (no DNS rebinding) for this server's own pages or the origins listed:
      // another site must not read signatures, get anything signed, or make a month-old
      // signature valid again.
      const dev = opts.devEndpoints;
      if (!dev) {
        req.resume();
        return json(res, 404, { error: { message: `Not found: ${method} ${path}` } });
      }
      const access = ownerOnly(req, typeof dev === 'object' ? dev : {});
      if (!access.ok) {
        req.resume();
        return json(res, access.status, { error: { message: access.message } }, { connection: 'close' });
      }
      if (access.origin !== undefined) {
        res.setHeader('access-control-allow-origin', access.origin);
        res.setHeader('vary', 'Origin');
      }
      if (method === 'OPTIONS') {
        // The dev endpoints also take PUT and DELETE, which Cloudinary's API preflight does not list.
        res.setHeader('access-control-allow-methods', 'GET, PUT, POST, DELETE, OPTIONS');
        res.setHeader('access-control-allow-headers', 'Content-Type');
        res.writeHead(204).end();
        return;
      }
      if (path === '/api/sign-upload') {
        if (method !== 'POST') return json(res, 405, { error: { message: 'Use POST' } });
        return json(res, 200, await signUpload(creds, opts.store, req));
      }
      if (path === '/__dev/requests' && method === 'GET') return json(res, 200, requestLog.since(Number(url.searchParams.get('since')) || 0));
      if (path === '/__dev/assets' && method === 'GET') return json(res, 200, await opts.store.list());
      // Tests shorten the signature lifetime to see how clients handle a stale signature.
      if (path === '/__dev/settings' && method === 'PUT') {
        let body;
        try {
          body = JSON.parse((await readAll(req, 10_000)).toString('utf8') || '{}');
        } catch {
          return json(res, 400, { error: { message: 'Invalid JSON body: send {"signatureMaxAge": <seconds>}' } });
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) return json(res, 400, { error: { message: 'The settings must be a JSON object' } });
        const age = Number(body.signatureMaxAge);
        if (body.signatureMaxAge !== undefined) {
          if (!Number.isFinite(age) || age < 0) return json(res, 400, { error: { message: 'signatureMaxAge must be a number of seconds' } });
          opts.signatureMaxAge = age;
        }
        return json(res, 200, { signatureMaxAge: opts.signatureMaxAge });
      }
      // Tests make the server forget every unfinished chunked upload, as their 24 h expiry would.
      if (path === '/__dev/chunk-sessions' && method === 'DELETE') {
        await opts.chunks.sweep(Number.POSITIVE_INFINITY);
        return json(res, 200, { ok: true });
      }
      if (path === '/__dev/reset' && (method === 'DELETE' || method === 'POST')) {
        requestLog.clear();
        return json(res, 200, { ok: true, seq: requestLog.seq });
      }
      return json(res, 404, { error: { message: `Unknown dev endpoint ${method} ${path}` } });
    }

    // Delivery: /<cloud>/<image|video|raw>/upload/...
    if (parts[0] === creds.cloudName && ['image', 'video', 'raw'].includes(parts[1]) && parts[2] === 'upload' && parts.length > 3) {
      cors(req, res);
      if (method === 'OPTIONS') return preflight(req, res);
      if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { error: { message: 'Use GET' } });
      let segments;
      try {
        segments = parts.slice(3).map(decodeURIComponent);
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' });
        return res.end('Bad URL encoding');
      }
      return deliver({ store: opts.store, cloudName: creds.cloudName, renders }, req, res, /** @type {any} */ (parts[1]), segments);
    }

    if (opts.fallback) return opts.fallback(req, res);
    req.resume();
    return json(res, 404, { error: { message: `Not found: ${method} ${path}` } });
  }

  /** @type {import('node:http').RequestListener} */
  const handler = (req, res) => {
    const started = Date.now();
    if (opts.log) res.on('finish', () => console.log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    route(req, res).catch((e) => {
      const { status, body } = toError(e);
      json(res, status, body);
    });
  };
  return { handler, requestLog };
}
