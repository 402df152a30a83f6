// The dev endpoints, for tests and the demo (off unless asked for; app.mjs's owner-only access
// lets a request through): the request log, the stored assets, the settings tests change at run
// time, forgetting unfinished chunked uploads, and a reset. Another method or another path under
// /__dev/ is an unknown dev endpoint (a 404, not a 405).
import { readAll } from '../body.mjs';
import { json } from '../reply.mjs';

/** @type {import('../app.mjs').Route[]} */
export const devRoutes = [
  {
    method: 'GET',
    orNext: true,
    access: 'dev',
    match: ({ path }) => path === '/__dev/requests',
    handler: (_req, res, { url }, { requestLog }) => json(res, 200, requestLog.since(Number(url.searchParams.get('since')) || 0)),
  },
  {
    method: 'GET',
    orNext: true,
    access: 'dev',
    match: ({ path }) => path === '/__dev/assets',
    handler: async (_req, res, _call, { opts }) => json(res, 200, await opts.store.list()),
  },
  // Tests shorten the signature lifetime to see how clients handle a stale signature.
  {
    method: 'PUT',
    orNext: true,
    access: 'dev',
    match: ({ path }) => path === '/__dev/settings',
    handler: async (req, res, _call, { settings }) => {
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
        settings.signatureMaxAge = age;
      }
      return json(res, 200, { signatureMaxAge: settings.signatureMaxAge });
    },
  },
  // Tests make the server forget every unfinished chunked upload, as their 24 h expiry would.
  {
    method: 'DELETE',
    orNext: true,
    access: 'dev',
    match: ({ path }) => path === '/__dev/chunk-sessions',
    handler: async (_req, res, _call, { opts }) => {
      await opts.chunks.sweep(Number.POSITIVE_INFINITY);
      json(res, 200, { ok: true });
    },
  },
  {
    method: ['DELETE', 'POST'],
    orNext: true,
    access: 'dev',
    match: ({ path }) => path === '/__dev/reset',
    handler: (_req, res, _call, { requestLog }) => {
      requestLog.clear();
      json(res, 200, { ok: true, seq: requestLog.seq });
    },
  },
  {
    method: '*',
    access: 'dev',
    match: ({ parts }) => parts[0] === '__dev',
    handler: (_req, res, { method, path }) => json(res, 404, { error: { message: `Unknown dev endpoint ${method} ${path}` } }),
  },
];
