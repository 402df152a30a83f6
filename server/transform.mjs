// Cloudinary URL transformations (a useful subset) rendered with sharp.
// `w_50,h_50,c_fill/f_webp`: comma-separated components, `/`-chained steps.
import sharp from 'sharp';
import { HttpError } from './errors.mjs';

/** Pixels an image may have to be transformed (decoded as RGBA: 4 bytes each, so 200 MB at most). */
const MAX_TRANSFORM_PIXELS = 50_000_000;
/** Pixels any step may produce (RGBA: 100 MB): w_9999,h_9999 would make 400 MB a copy. */
const MAX_OUTPUT_PIXELS = 25_000_000;
/** Chained steps a delivery URL may have. */
const MAX_STEPS = 10;

const CROPS = new Set(['fill', 'limit', 'scale', 'fit', 'thumb', 'crop', 'lfill', 'pad', 'mfit']);
const GRAVITIES = new Set([
  'center',
  'custom',
  'face',
  'faces',
  'auto',
  'north',
  'south',
  'east',
  'west',
  'north_east',
  'north_west',
  'south_east',
  'south_west',
]);
export const OUTPUT_FORMATS = new Set(['jpg', 'jpeg', 'png', 'webp', 'avif', 'gif', 'tiff']);

/** Does this URL path segment look like a transformation (rather than part of a public id)? @param {string} segment */
export function looksLikeTransformation(segment) {
  return segment.split(',').every((c) => /^[a-z]{1,3}_[^/]*$/.test(c));
}

/**
 * @typedef {{ w?: number, h?: number, c?: string, g?: string, x?: number, y?: number, f?: string, q?: number | 'auto' }} Step
 * @param {string[]} segments
 * @returns {Step[]}
 */
export function parseTransformation(segments) {
  // Each step decodes and re-encodes the image: a long chain is a cheap way to burn the server.
  if (segments.length > MAX_STEPS) throw new HttpError(400, `Too many chained transformations: at most ${MAX_STEPS}`);
  return segments.map((segment) => {
    /** @type {Step} */
    const step = {};
    for (const comp of segment.split(',')) {
      const i = comp.indexOf('_');
      const key = comp.slice(0, i);
      const value = comp.slice(i + 1);
      const fail = () => new HttpError(400, `Invalid transformation component '${comp}'`);
      switch (key) {
        case 'w':
        case 'h': {
          const n = Number(value);
          if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 10000) throw fail();
          step[key] = n;
          break;
        }
        case 'x':
        case 'y':
          if (!/^-?\d+$/.test(value)) throw fail();
          step[key] = Number(value);
          break;
        case 'c':
          if (!CROPS.has(value)) throw fail();
          step.c = value;
          break;
        case 'g':
          if (!GRAVITIES.has(value)) throw fail();
          step.g = value;
          break;
        case 'f':
          if (value !== 'auto' && !OUTPUT_FORMATS.has(value)) throw fail();
          step.f = value;
          break;
        case 'q':
          if (value === 'auto' || value.startsWith('auto:')) step.q = 'auto';
          else if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100) step.q = Number(value);
          else throw fail();
          break;
        default:
          throw new HttpError(400, `Unsupported transformation parameter '${key}' in '${comp}'`);
      }
    }
    return step;
  });
}

/** Relative sizes (0 < n <= 1) are a fraction of the current dimension. @param {number | undefined} v @param {number} base */
const dim = (v, base) => (v === undefined ? undefined : v <= 1 && !Number.isInteger(v) ? Math.max(1, Math.round(base * v)) : v === 1 ? 1 : Math.round(v));

/** @param {number} v @param {number} lo @param {number} hi */
const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);

/**
 * The point a crop window is centred on, in current-image pixels.
 * @param {Step} s @param {number} W @param {number} H @param {number[]|undefined} rect custom/face rect
 */
function focus(s, W, H, rect) {
  if (rect && (s.g === 'custom' || s.g === 'face' || s.g === 'faces' || s.g === 'auto')) return [rect[0] + rect[2] / 2, rect[1] + rect[3] / 2];
  const g = s.g || 'center';
  const fx = g.includes('west') ? 0 : g.includes('east') ? W : W / 2;
  const fy = g.startsWith('north') ? 0 : g.startsWith('south') ? H : H / 2;
  return [fx, fy];
}

/**
 * A cw x ch window around (fx, fy), kept inside the image.
 * @param {number} fx @param {number} fy @param {number} cw @param {number} ch @param {number} W @param {number} H
 */
function windowAround(fx, fy, cw, ch, W, H) {
  cw = clamp(Math.round(cw), 1, W);
  ch = clamp(Math.round(ch), 1, H);
  return { left: clamp(Math.round(fx - cw / 2), 0, W - cw), top: clamp(Math.round(fy - ch / 2), 0, H - ch), width: cw, height: ch };
}

/**
 * Renders `steps` on the image at `input` and encodes it as `format`.
 * Works on raw pixels between steps, so crops are exact and nothing is re-encoded twice.
 * @param {string} input
 * @param {Step[]} steps
 * @param {{ custom?: number[][], faces?: number[][] } | undefined} coordinates
 * @param {string} format jpg | png | webp | avif | gif | tiff
 * @param {() => boolean} [cancelled] checked between steps: true stops the render (its client left)
 * @returns {Promise<Buffer>}
 */
export async function render(input, steps, coordinates, format, cancelled = () => false) {
  const stop = () => {
    if (cancelled()) throw new RenderCancelled();
  };
  /** Refuses a step before it allocates more than MAX_OUTPUT_PIXELS. */
  /** @param {number} w @param {number} h */
  const fits = (w, h) => {
    if (Math.round(w) * Math.round(h) > MAX_OUTPUT_PIXELS) {
      throw new HttpError(
        400,
        `a step would make an image of ${Math.round(w)}×${Math.round(h)} pixels; this server makes images of at most ${MAX_OUTPUT_PIXELS / 1e6} megapixels`,
      );
    }
  };
  // A render that waited for its turn may have nobody waiting for it any more.
  stop();
  // A small file can decode to gigabytes (a 730 KB PNG of 16000×16000 is 1 GiB of pixels): read
  // the size first and refuse what is over the limit, before decoding anything.
  const { width = 0, height = 0 } = await sharp(input, { limitInputPixels: false }).metadata();
  if (width * height > MAX_TRANSFORM_PIXELS) {
    throw new Error(`the image is ${width}×${height} pixels; this server transforms images of at most ${MAX_TRANSFORM_PIXELS / 1e6} megapixels`);
  }
  // .rotate() applies EXIF orientation; stored coordinates refer to the upright image.
  let { data, info } = await sharp(input, { limitInputPixels: MAX_TRANSFORM_PIXELS }).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let quality;
  for (const s of steps) {
    stop();
    if (s.q !== undefined) quality = s.q;
    const W = info.width;
    const H = info.height;
    const rect = s.g === 'custom' ? coordinates?.custom?.[0] : s.g === 'face' || s.g === 'faces' ? coordinates?.faces?.[0] : undefined;
    let w = dim(s.w, W);
    let h = dim(s.h, H);
    const crop = s.c || (w || h ? 'scale' : undefined);
    if (!crop && !rect) continue;
    let img = sharp(data, { raw: { width: W, height: H, channels: /** @type {4} */ (info.channels) } });
    if (crop === 'crop' || (!crop && rect)) {
      let win;
      if (rect && !w && !h) {
        // c_crop,g_custom alone: exactly the stored rectangle.
        win = { left: clamp(rect[0], 0, W - 1), top: clamp(rect[1], 0, H - 1), width: 0, height: 0 };
        win.width = clamp(rect[2], 1, W - win.left);
        win.height = clamp(rect[3], 1, H - win.top);
      } else if (s.x !== undefined || s.y !== undefined) {
        const cw = clamp(w || W, 1, W);
        const ch = clamp(h || H, 1, H);
        win = { left: clamp(s.x || 0, 0, W - cw), top: clamp(s.y || 0, 0, H - ch), width: cw, height: ch };
      } else {
        const [fx, fy] = focus(s, W, H, rect);
        win = windowAround(fx, fy, w || W, h || H, W, H);
      }
      img = img.extract(win);
    } else if (crop === 'fill' || crop === 'lfill' || crop === 'thumb') {
      w = w || (h ? Math.round((W * h) / H) : W);
      h = h || Math.round((H * w) / W);
      if (crop === 'thumb' && rect) {
        // Thumbnail: the smallest w:h window holding the region of interest, scaled to w x h.
        const a = w / h;
        let cw = rect[2] / rect[3] < a ? rect[3] * a : rect[2];
        let ch = cw / a;
        const k = Math.min(1, W / cw, H / ch);
        cw *= k;
        ch *= k;
        const [fx, fy] = focus(s, W, H, rect);
        const win = windowAround(fx, fy, cw, ch, W, H);
        fits(w, h);
        img = img.extract(win).resize(w, h, { fit: 'fill' });
      } else {
        // Scale to cover w x h, then cut a w x h window around the gravity point.
        const scale = Math.max(w / W, h / H);
        const [fx, fy] = focus(s, W, H, rect);
        const win = windowAround(fx, fy, w / scale, h / scale, W, H);
        fits(w, h);
        img = img.extract(win).resize(w, h, { fit: 'fill' });
      }
    } else if (crop === 'scale') {
      fits(w || (W * /** @type {number} */ (h)) / H, h || (H * /** @type {number} */ (w)) / W);
      img = img.resize(w || null, h || null, { fit: w && h ? 'fill' : 'inside' });
    } else if (crop === 'fit' || crop === 'mfit' || crop === 'pad') {
      const k = Math.min(w ? w / W : Number.POSITIVE_INFINITY, h ? h / H : Number.POSITIVE_INFINITY);
      fits(W * k, H * k);
      img = img.resize(w || null, h || null, { fit: 'inside' });
    } else if (crop === 'limit') {
      img = img.resize(w || null, h || null, { fit: 'inside', withoutEnlargement: true });
    }
    ({ data, info } = await img.raw().toBuffer({ resolveWithObject: true }));
  }
  stop();
  let out = sharp(data, { raw: { width: info.width, height: info.height, channels: /** @type {4} */ (info.channels) } });
  const q = quality === 'auto' || quality === undefined ? undefined : quality;
  switch (format) {
    case 'jpg':
    case 'jpeg':
      out = out.flatten({ background: '#ffffff' }).jpeg({ quality: q ?? 80, mozjpeg: true });
      break;
    case 'png':
      out = out.png();
      break;
    case 'webp':
      out = out.webp({ quality: q ?? 80 });
      break;
    case 'avif':
      out = out.avif({ quality: q ?? 50 });
      break;
    case 'gif':
      out = out.gif();
      break;
    case 'tiff':
      out = out.tiff();
      break;
    default:
      throw new HttpError(400, `Unsupported output format '${format}'`);
  }
  return out.toBuffer();
}

/** A render stopped because nobody waits for it any more. */
export class RenderCancelled extends Error {
  constructor() {
    super('render cancelled: the client went away');
  }
}

/**
 * At most `max` renders at a time (each holds a few copies of an image's pixels); up to `queue`
 * more wait their turn, and beyond that the caller is told to come back later.
 */
export class RenderGate {
  /** @param {number} max @param {number} queue */
  constructor(max, queue) {
    this.max = max;
    this.queue = queue;
    this.running = 0;
    /** @type {Array<() => void>} */
    this.waiting = [];
  }

  /**
   * Runs `fn` when a slot is free; throws a 503 with Retry-After when too many wait already.
   * @template T @param {() => Promise<T>} fn @returns {Promise<T>}
   */
  async run(fn) {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.queue) {
        throw new HttpError(503, `The server is busy transforming other images (${this.max} at a time, ${this.queue} waiting); try again shortly`, {
          'retry-after': '2',
        });
      }
      await new Promise((r) => this.waiting.push(() => r(undefined)));
    } else this.running++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
