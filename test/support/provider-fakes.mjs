// Local fakes of the two search providers the widget's remote sources talk to, following their
// documented APIs closely enough that the widget's production code path runs against them:
//
// - Google's Custom Search JSON API (GET /customsearch/v1): `key`, `cx`, `q`, `searchType=image`,
//   `num` (1–10), `start` (start + num ≤ 100), `siteSearch`/`siteSearchFilter`, `rights`; answers
//   with `items[]` (link, title, image.thumbnailLink…), `queries.nextPage` while there are more, and
//   Google's error JSON: 400 API_KEY_INVALID for a wrong key, 429 RESOURCE_EXHAUSTED over quota.
// - Unsplash's API (under /unsplash): GET /search/photos (`query`, `page`, `per_page` ≤ 30) and
//   GET /photos/:id/download (download tracking), both with `Authorization: Client-ID <key>`;
//   401 {"errors": [...]} for a wrong key, 403 "Rate Limit Exceeded" over the hourly limit.
//
// Both serve the images' bytes too (GET /img/<name>), so what the upload server fetched and
// stored can be compared byte for byte. Every API request is logged in `requests`, and each
// tracked Unsplash download in `downloads`.
import { createServer } from 'node:http';
import sharp from 'sharp';

/** A key that both fakes answer with "quota exceeded". */
export const OVER_QUOTA = 'over-quota';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET',
  'Access-Control-Allow-Headers': 'Authorization, Accept-Version',
};

const googleError = (code, status, message, reason, details = []) => ({
  error: { code, message, errors: [{ message, domain: 'global', reason }], status, details },
});

async function image(i, format) {
  const colour = { r: (i * 53) % 256, g: (i * 97) % 256, b: (i * 151) % 256 };
  const img = sharp({ create: { width: 24 + i, height: 16 + (i % 7), channels: 3, background: colour } });
  return format === 'jpg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}

export async function startProviderFakes({
  googleKey = 'google-key',
  cx = 'engine-1',
  unsplashKey = 'unsplash-key',
  googleTotal = 23,
  unsplashTotal = 15,
} = {}) {
  /** name → { bytes, type } */
  const images = new Map();
  const requests = [];
  const downloads = [];
  for (let i = 1; i <= googleTotal; i++) images.set(`g-${i}.png`, { bytes: await image(i, 'png'), type: 'image/png' });
  for (let i = 1; i <= unsplashTotal; i++) images.set(`u-${i}.jpg`, { bytes: await image(100 + i, 'jpg'), type: 'image/jpeg' });

  const send = (res, status, body, type = 'application/json; charset=UTF-8') => {
    res.writeHead(status, { ...CORS, 'Content-Type': type });
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  };

  function google(url, res) {
    const p = url.searchParams;
    const key = p.get('key');
    if (key === OVER_QUOTA) {
      const message =
        "Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service 'customsearch.googleapis.com' for consumer 'project_number:000000000000'.";
      return send(res, 429, googleError(429, 'RESOURCE_EXHAUSTED', message, 'rateLimitExceeded'));
    }
    if (key !== googleKey) {
      return send(
        res,
        400,
        googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', 'badRequest', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'customsearch.googleapis.com' },
          },
        ]),
      );
    }
    const num = Number(p.get('num') ?? 10);
    const start = Number(p.get('start') ?? 1);
    if (p.get('cx') !== cx || !p.get('q') || p.get('searchType') !== 'image' || !(num >= 1 && num <= 10) || !(start >= 1 && start + num <= 101)) {
      return send(res, 400, googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', 'badRequest'));
    }
    const site = p.get('siteSearch') ?? 'example.com';
    const total = googleTotal;
    const items = [];
    for (let i = start; i < start + num && i <= total; i++) {
      const name = `g-${i}.png`;
      items.push({
        kind: 'customsearch#result',
        title: `${p.get('q')} ${i} - ${site}`,
        htmlTitle: `<b>${p.get('q')}</b> ${i}`,
        link: `${base}/img/${name}`,
        displayLink: site,
        snippet: `${p.get('q')} ${i}`,
        mime: 'image/png',
        fileFormat: 'image/png',
        image: {
          contextLink: `https://${site}/page-${i}`,
          height: 16 + (i % 7),
          width: 24 + i,
          byteSize: images.get(name).bytes.length,
          thumbnailLink: `${base}/img/${name}?thumbnail`,
          thumbnailHeight: 16,
          thumbnailWidth: 24,
        },
      });
    }
    const request = {
      title: 'Google Custom Search',
      totalResults: String(total),
      searchTerms: p.get('q'),
      count: num,
      startIndex: start,
      cx,
      searchType: 'image',
    };
    const queries = { request: [request] };
    if (start + num <= total) queries.nextPage = [{ ...request, startIndex: start + num }];
    if (start > 1) queries.previousPage = [{ ...request, startIndex: Math.max(1, start - num) }];
    return send(res, 200, { kind: 'customsearch#search', queries, searchInformation: { totalResults: String(total) }, items });
  }

  function unsplashAuth(req, res) {
    const auth = req.headers.authorization ?? '';
    if (auth === `Client-ID ${OVER_QUOTA}`) {
      send(res, 403, 'Rate Limit Exceeded', 'text/plain');
      return false;
    }
    if (auth !== `Client-ID ${unsplashKey}`) {
      send(res, 401, { errors: ['OAuth error: The access token is invalid'] });
      return false;
    }
    return true;
  }

  const photo = (i, q) => {
    const id = `ph0to${i}`;
    const file = `${base}/img/u-${i}.jpg`;
    return {
      id,
      width: 124 + i,
      height: 16 + ((100 + i) % 7),
      color: '#262626',
      description: null,
      alt_description: `${q} number ${i}`,
      urls: {
        raw: `${file}?ixid=x${i}`,
        full: `${file}?ixid=x${i}&fm=jpg&q=85`,
        regular: `${file}?ixid=x${i}&w=1080`,
        small: `${file}?ixid=x${i}&w=400`,
        thumb: `${file}?ixid=x${i}&w=200`,
      },
      links: {
        self: `${base}/unsplash/photos/${id}`,
        html: `https://unsplash.com/photos/${id}`,
        download: `https://unsplash.com/photos/${id}/download`,
        download_location: `${base}/unsplash/photos/${id}/download?ixid=x${i}`,
      },
      user: { id: `u${i}`, username: `person${i}`, name: `Person ${i}`, links: { html: `https://unsplash.com/@person${i}` } },
    };
  };

  function unsplash(req, url, res) {
    if (!unsplashAuth(req, res)) return;
    const path = url.pathname.slice('/unsplash'.length);
    if (path === '/search/photos') {
      const q = url.searchParams.get('query');
      if (!q) return send(res, 400, { errors: ['query is missing'] });
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const perPage = Math.min(30, Math.max(1, Number(url.searchParams.get('per_page') ?? 10)));
      const results = [];
      for (let i = (page - 1) * perPage + 1; i <= Math.min(page * perPage, unsplashTotal); i++) results.push(photo(i, q));
      return send(res, 200, { total: unsplashTotal, total_pages: Math.ceil(unsplashTotal / perPage), results });
    }
    const tracked = /^\/photos\/([\w-]+)\/download$/.exec(path);
    if (tracked) {
      downloads.push(tracked[1]);
      const i = Number(tracked[1].replace('ph0to', ''));
      return send(res, 200, { url: `${base}/img/u-${i}.jpg?ixid=x${i}` });
    }
    return send(res, 404, { errors: ["Couldn't find that"] });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://fake');
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (req.method !== 'GET') return send(res, 405, { errors: ['GET only'] });
    if (url.pathname.startsWith('/img/')) {
      const found = images.get(url.pathname.slice('/img/'.length));
      return found ? send(res, 200, found.bytes, found.type) : send(res, 404, 'not found', 'text/plain');
    }
    requests.push({ path: url.pathname, params: Object.fromEntries(url.searchParams), authorization: req.headers.authorization ?? null });
    if (url.pathname === '/customsearch/v1') return google(url, res);
    if (url.pathname.startsWith('/unsplash/')) return unsplash(req, url, res);
    return send(res, 404, { error: 'not found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    google: `${base}/customsearch/v1`,
    unsplash: `${base}/unsplash`,
    keys: { google: googleKey, cx, unsplash: unsplashKey },
    images,
    requests,
    downloads,
    /** The bytes behind an image address the fake handed out. */
    bytesOf: (address) => images.get(new URL(address).pathname.slice('/img/'.length))?.bytes,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
