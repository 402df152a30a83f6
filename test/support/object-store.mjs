// A small object store with presigned PUT URLs, the way S3, R2 or GCS hand them out: the site's
// server answers POST /presign with a URL signed for one key and a few minutes; the browser PUTs
// the bytes there; GET /objects/<key> gives them back. The second destination the widget is
// tested with (a site's own `destination` plugin), so it is as strict as the real ones: a wrong
// signature, an expired URL or a different Content-Type is a 403, and nothing is stored.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Expose-Headers': 'ETag',
};

export async function startObjectStore({ ttlSeconds = 300 } = {}) {
  const secret = randomBytes(32);
  /** key → { bytes, type } */
  const objects = new Map();
  const sign = (key, expires, type) => createHmac('sha256', secret).update(`PUT\n${key}\n${expires}\n${type}`).digest('hex');
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const read = (req) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://store');
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (req.method === 'POST' && url.pathname === '/presign') {
      let asked;
      try {
        asked = JSON.parse((await read(req)).toString());
      } catch {
        return send(res, 400, { error: 'The body must be JSON: {"name", "type"}.' });
      }
      if (typeof asked?.name !== 'string' || !asked.name) return send(res, 400, { error: 'A file name is required.' });
      const key = `${randomBytes(6).toString('hex')}/${asked.name.replace(/[^\w.-]/g, '_')}`;
      const type = typeof asked.type === 'string' && asked.type ? asked.type : 'application/octet-stream';
      const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
      const query = new URLSearchParams({ expires: String(expires), type, signature: sign(key, expires, type) });
      return send(res, 200, { key, url: `${base}/objects/${key}?${query}`, type });
    }
    const key = url.pathname.startsWith('/objects/') ? decodeURIComponent(url.pathname.slice('/objects/'.length)) : '';
    if (req.method === 'PUT' && key) {
      const expires = Number(url.searchParams.get('expires'));
      const type = url.searchParams.get('type') ?? '';
      const given = Buffer.from(url.searchParams.get('signature') ?? '', 'hex');
      const wanted = Buffer.from(sign(key, expires, type), 'hex');
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return send(res, 403, { error: 'SignatureDoesNotMatch' });
      if (!(expires * 1000 > Date.now())) return send(res, 403, { error: 'Request has expired' });
      if ((req.headers['content-type'] ?? '') !== type) return send(res, 403, { error: `Content-Type must be ${type}, as signed` });
      const bytes = await read(req);
      objects.set(key, { bytes, type });
      return send(res, 200, '', { ETag: `"${createHash('md5').update(bytes).digest('hex')}"` });
    }
    if (req.method === 'GET' && objects.has(key)) {
      const { bytes, type } = objects.get(key);
      res.writeHead(200, { ...CORS, 'Content-Type': type, 'Content-Length': bytes.length });
      return res.end(bytes);
    }
    send(res, 404, { error: 'NoSuchKey' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    objects,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
