// GET/HEAD /<cloud>/<resource_type>/upload/[<transformation>/][v<version>/]<public_id>[.<ext>]
// Originals are streamed from disk; transformed images are rendered once and cached.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomId } from './ids.mjs';
import { extOf } from './media.mjs';
import { HttpError } from './errors.mjs';
import { looksLikeTransformation, OUTPUT_FORMATS, parseTransformation, RenderCancelled, render } from './transform.mjs';

const MIME = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  tiff: 'image/tiff',
  tif: 'image/tiff',
  heic: 'image/heic',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  ogv: 'video/ogg',
  ogg: 'video/ogg',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  opus: 'audio/ogg',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv',
  zip: 'application/zip',
  html: 'text/plain; charset=utf-8',
};

/**
 * Sent with every delivered file: the browser may not guess another type, and a file opened
 * directly (an SVG or HTML with script) runs in a sandbox with no script and no access to this
 * origin, which also serves the demo page and its signing endpoint. Images and video embedded by
 * a page are not affected: a CSP on a subresource applies to nothing but that document.
 */
const DELIVERY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; media-src 'self'; sandbox",
};

/** @param {string} ext */
const mimeOf = (ext) => MIME[/** @type {keyof typeof MIME} */ (ext.toLowerCase())] || 'application/octet-stream';

/**
 * @param {{ store: import('./store.mjs').Store, cloudName: string, renders: import('./transform.mjs').RenderGate }} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {'image'|'video'|'raw'} resourceType
 * @param {string[]} segments path segments after /<cloud>/<resource_type>/upload/ (decoded)
 */
export async function deliver(ctx, req, res, resourceType, segments) {
  const notFound = (why = 'Resource not found') => plain(res, 404, why);
  const transform = [];
  let i = 0;
  // Leading transformation segments, then an optional v<version>, then the public id.
  while (i < segments.length - 1 && !/^v\d+$/.test(segments[i]) && looksLikeTransformation(segments[i])) transform.push(segments[i++]);
  if (i < segments.length - 1 && /^v\d+$/.test(segments[i])) i++;
  const last = segments.slice(i).join('/');
  // Only stored assets are deliverable: a (decoded) `..`, `.` or empty segment could point the
  // lookup at metadata or chunks in flight elsewhere in the data directory.
  if (!last || last.includes('\\') || last.split('/').some((s) => s === '..' || s === '.' || s === '')) return notFound();

  let steps;
  try {
    steps = parseTransformation(transform);
  } catch (e) {
    return plain(res, 400, /** @type {Error} */ (e).message);
  }

  // Raw public ids include their extension; image/video ones drop the delivery extension.
  let meta = null;
  let ext = '';
  if (resourceType === 'raw') {
    meta = await ctx.store.get(ctx.cloudName, 'raw', 'upload', last);
  } else {
    ext = extOf(last);
    if (ext) meta = await ctx.store.get(ctx.cloudName, resourceType, 'upload', last.slice(0, -(ext.length + 1)));
    if (!meta) {
      meta = await ctx.store.get(ctx.cloudName, resourceType, 'upload', last);
      ext = '';
    }
  }
  if (!meta) return notFound();
  const source = ctx.store.fileOf(meta);

  const fStep = [...steps].reverse().find((s) => s.f)?.f;
  let outFormat = fStep === 'auto' ? 'webp' : fStep || ext || meta.format || '';
  if (outFormat === 'jpeg') outFormat = 'jpg';
  const sameAsStored = !outFormat || outFormat === meta.format || outFormat === meta.original_extension;
  const hasWork = steps.some((s) => s.w || s.h || s.c || s.g);

  if (resourceType !== 'image' || (!hasWork && sameAsStored && !steps.some((s) => s.q !== undefined))) {
    if (resourceType !== 'image' && (steps.length || (ext && ext !== meta.format))) {
      return plain(res, 400, `Transformations are not supported for ${resourceType} assets by this server`);
    }
    const type = resourceType === 'raw' ? mimeOf(extOf(meta.public_id)) : mimeOf(meta.format || '');
    return sendFile(req, res, source, type, `"${meta.etag}"`, meta.bytes);
  }

  if (!OUTPUT_FORMATS.has(outFormat)) return plain(res, 400, `Cannot deliver an image as '${outFormat}'`);
  const key = createHash('sha1')
    .update(JSON.stringify([meta.public_id, meta.version, meta.version_id, transform, outFormat]))
    .digest('hex');
  const cacheDir = join(ctx.store.root, '.cache', ctx.cloudName);
  const cached = join(cacheDir, `${key}.${outFormat}`);
  let size;
  try {
    size = (await stat(cached)).size;
  } catch {
    // Nobody is waiting any more: do not spend a decode on them (checked again between steps,
    // and while the render waits for its turn).
    let gone = req.socket.destroyed;
    res.on('close', () => {
      if (!res.writableFinished) gone = true;
    });
    if (gone) return;
    let buf;
    try {
      buf = await ctx.renders.run(() => render(source, steps, meta.coordinates, outFormat, () => gone || req.socket.destroyed));
    } catch (e) {
      if (e instanceof RenderCancelled) return res.destroy();
      if (e instanceof HttpError && e.status === 503) {
        res.setHeader('retry-after', e.headers['retry-after'] ?? '2');
        return plain(res, 503, e.message);
      }
      return plain(res, 400, `Transformation failed: ${/** @type {Error} */ (e).message}`);
    }
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${cached}.${randomId(6)}.tmp`;
    await writeFile(tmp, buf);
    await rename(tmp, cached);
    size = buf.length;
  }
  return sendFile(req, res, cached, mimeOf(outFormat), `"${key}"`, size);
}

/**
 * Plain-text responses for delivery (Cloudinary's CDN does not answer JSON here).
 * @param {import('node:http').ServerResponse} res @param {number} status @param {string} text
 */
function plain(res, status, text) {
  res.writeHead(status, { ...DELIVERY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'x-cld-error': text.replace(/[^\x20-\x7e]/g, '?') });
  res.end(text);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path @param {string} type @param {string} etag @param {number} size
 */
async function sendFile(req, res, path, type, etag, size) {
  /** @type {import('node:http').OutgoingHttpHeaders} */
  const headers = {
    ...DELIVERY_HEADERS,
    'content-type': type,
    etag,
    'cache-control': 'public, max-age=31536000',
    'accept-ranges': 'bytes',
    'last-modified': new Date((await stat(path)).mtimeMs).toUTCString(),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return res.end();
  }
  // Single byte ranges, so <video> can seek.
  const m = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range || ''));
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (m && (m[1] || m[2])) {
    if (m[1]) {
      start = Number(m[1]);
      end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    } else {
      start = Math.max(0, size - Number(m[2]));
    }
    if (start > end || start >= size) {
      res.writeHead(416, { 'content-range': `bytes */${size}` });
      return res.end();
    }
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || size === 0) return res.end();
  createReadStream(path, { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}
