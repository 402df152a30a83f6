// The request listener: a table of routes (routes/*) tried in order, with the access each route
// group needs (Cloudinary's CORS, or owner-only for the dev endpoints), the 405 answers, and the
// JSON error envelope for anything a route throws.
import { BodyBudget } from './budget.mjs';
import { ownerOnly } from './dev-guard.mjs';
import { RequestLog } from './dev-log.mjs';
import { json, toError } from './reply.mjs';
import { deliveryRoutes } from './routes/delivery.mjs';
import { devRoutes } from './routes/dev.mjs';
import { signRoutes } from './routes/sign.mjs';
import { uploadRoutes } from './routes/upload.mjs';
import { RenderGate } from './transform.mjs';

const ALLOW_HEADERS = ['X-Unique-Upload-Id', 'Content-Range', 'X-Requested-With', 'Content-Type', 'Content-Disposition', 'Accept'];

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
 * @property {number} [signatureMaxAge] how long a signature's timestamp stays valid, in seconds, until
 *   PUT /__dev/settings changes it (DevSettings)
 * @property {boolean} [legacySignatures] also accept signatures of the unescaped string (old SDKs)
 * @property {number} [fetchTimeoutMs] how long fetching a `file=<url>` may take
 * @property {import('./fetch-remote.mjs').Resolve} [resolve] how host names of `file=<url>` are resolved
 * @property {boolean} log
 * @property {number} [bodyBudgetBytes] memory all request bodies in flight may take (see budget.mjs)
 * @property {number} [maxRenders] transformations rendered at a time
 * @property {number} [renderQueue] transformations waiting for their turn before the next gets a 503
 * @property {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined} fallback
 */

/**
 * @typedef {object} DevSettings what the dev endpoints change at run time (PUT /__dev/settings); read at each use
 * @property {number | undefined} signatureMaxAge seconds a signature's timestamp stays valid
 */

/**
 * @typedef {object} AppContext what every route is handed: the options, and what createApp made of them
 * @property {AppOptions} opts
 * @property {DevSettings} settings
 * @property {RequestLog} requestLog
 * @property {RenderGate} renders
 * @property {BodyBudget} budget
 */

/**
 * @typedef {object} Call one request, as the routes see it
 * @property {URL} url
 * @property {string} path
 * @property {string[]} parts the path's non-empty segments
 * @property {string} method
 */

/**
 * @typedef {object} Route
 * @property {string | string[]} method the methods it takes ('*': any)
 * @property {(call: Call, app: AppContext) => boolean} match
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, call: Call, app: AppContext) => void | Promise<unknown>} handler
 * @property {'api' | 'dev'} [access] 'api': Cloudinary's CORS, any origin, its preflight answered here; 'dev':
 *   owner-only (dev-guard.mjs), off unless devEndpoints
 * @property {string} [allow] the Allow header of its 405
 * @property {boolean} [orNext] another method goes on to the next routes instead of getting a 405
 */

/**
 * What a route group needs before its routes answer; true when it answered the request itself.
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, call: Call, opts: AppOptions) => boolean} Access
 */

/** @type {Route} */
const health = { method: '*', match: ({ path }) => path === '/healthz', handler: (_req, res) => json(res, 200, { ok: true }) };

/** In order: the first route whose path matches (and, for an `orNext` route, whose method too) answers. */
const ROUTES = [...uploadRoutes, health, ...signRoutes, ...devRoutes, ...deliveryRoutes];

/** @param {Route} route @param {string} method */
const takes = (route, method) => route.method === '*' || [route.method].flat().includes(method);

/** @param {AppOptions} opts */
export function createApp(opts) {
  const requestLog = new RequestLog();
  /** @type {AppContext} */
  const app = {
    opts,
    settings: { signatureMaxAge: opts.signatureMaxAge },
    requestLog,
    renders: new RenderGate(opts.maxRenders ?? 2, opts.renderQueue ?? 8),
    budget: new BodyBudget(opts.bodyBudgetBytes ?? 256 * 1024 * 1024),
  };

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function route(req, res) {
    const url = new URL(req.url || '/', 'http://localhost');
    /** @type {Call} */
    const call = { url, path: url.pathname, parts: url.pathname.split('/').filter(Boolean), method: req.method || 'GET' };
    const found = ROUTES.find((r) => r.match(call, app) && (!r.orNext || takes(r, call.method)));
    if (!found) {
      if (opts.fallback) return opts.fallback(req, res);
      req.resume();
      return json(res, 404, { error: { message: `Not found: ${call.method} ${call.path}` } });
    }
    if (found.access && ACCESS[found.access](req, res, call, opts)) return;
    if (!takes(found, call.method)) {
      return json(res, 405, { error: { message: `Use ${[found.method].flat()[0]}` } }, found.allow ? { allow: found.allow } : {});
    }
    return found.handler(req, res, call, app);
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

/**
 * Cloudinary's API answers any origin; nothing here depends on cookies. True when it answered
 * (a preflight).
 * @type {Access}
 */
function cloudinaryAccess(req, res, { method }) {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', 'ETag, X-Cld-Error, Content-Range');
  if (method !== 'OPTIONS') return false;
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
  return true;
}

/**
 * For the owner's own pages (tests, the demo): off unless asked for, and then only on a loopback
 * name (no DNS rebinding) for this server's own pages or the origins listed: another site must not
 * read signatures, get anything signed, or make a month-old signature valid again. True when it
 * answered (refused, or a preflight).
 * @type {Access}
 */
function ownerOnlyAccess(req, res, { method, path }, opts) {
  const dev = opts.devEndpoints;
  if (!dev) {
    req.resume();
    json(res, 404, { error: { message: `Not found: ${method} ${path}` } });
    return true;
  }
  const access = ownerOnly(req, typeof dev === 'object' ? dev : {});
  if (!access.ok) {
    req.resume();
    json(res, access.status, { error: { message: access.message } }, { connection: 'close' });
    return true;
  }
  if (access.origin !== undefined) {
    res.setHeader('access-control-allow-origin', access.origin);
    res.setHeader('vary', 'Origin');
  }
  if (method !== 'OPTIONS') return false;
  // The dev endpoints also take PUT and DELETE, which Cloudinary's API preflight does not list.
  res.setHeader('access-control-allow-methods', 'GET, PUT, POST, DELETE, OPTIONS');
  res.setHeader('access-control-allow-headers', 'Content-Type');
  res.writeHead(204).end();
  return true;
}

/** @type {Record<NonNullable<Route['access']>, Access>} */
const ACCESS = { api: cloudinaryAccess, dev: ownerOnlyAccess };
