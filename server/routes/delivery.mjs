// Delivery: GET/HEAD /<cloud>/<image|video|raw>/upload/... (delivery.mjs streams or renders).
import { deliver } from '../delivery.mjs';

const DELIVERED = ['image', 'video', 'raw'];

/** @type {import('../app.mjs').Route[]} */
export const deliveryRoutes = [
  {
    method: ['GET', 'HEAD'],
    access: 'api',
    match: ({ parts }, { opts }) => parts[0] === opts.creds.cloudName && DELIVERED.includes(parts[1]) && parts[2] === 'upload' && parts.length > 3,
    handler: (req, res, { parts }, { opts, renders }) => {
      let segments;
      try {
        segments = parts.slice(3).map(decodeURIComponent);
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('Bad URL encoding');
        return;
      }
      return deliver({ store: opts.store, cloudName: opts.creds.cloudName, renders }, req, res, /** @type {'image'|'video'|'raw'} */ (parts[1]), segments);
    },
  },
];
