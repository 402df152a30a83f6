// POST /api/sign-upload: the signing endpoint for the owner's own pages (sign-endpoint.mjs does
// the work; app.mjs's owner-only access lets the request through).
import { json } from '../reply.mjs';
import { signUpload } from '../sign-endpoint.mjs';

/** @type {import('../app.mjs').Route[]} */
export const signRoutes = [
  {
    method: 'POST',
    access: 'dev',
    match: ({ path }) => path === '/api/sign-upload',
    handler: async (req, res, _call, { opts }) => json(res, 200, await signUpload(opts.creds, opts.store, req)),
  },
];
