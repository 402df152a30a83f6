// Upload parameters: which ones exist, which an unsigned call may send, and how each
// one is parsed. Unknown parameters are ignored, as Cloudinary does.
import { HttpError } from './errors.mjs';

/** Parameters an unsigned request may carry itself (everything else belongs in the preset). */
const UNSIGNED_ALLOWED = [
  'upload_preset',
  'callback',
  'public_id',
  'public_id_prefix',
  'folder',
  'asset_folder',
  'display_name',
  'tags',
  'context',
  'metadata',
  'face_coordinates',
  'custom_coordinates',
  'regions',
  'source',
  'filename_override',
  'manifest_transformation',
  'manifest_json',
  'template',
  'template_vars',
  'use_filename_as_display_name',
];

/** Transport-level fields every request may carry, signed or not. */
const ALWAYS_OK = new Set(['file', 'api_key', 'timestamp', 'cloud_name', 'resource_type', 'signature_algorithm']);

const BOOLEAN_PARAMS = [
  'use_filename',
  'unique_filename',
  'overwrite',
  'use_filename_as_display_name',
  'discard_original_filename',
  'use_asset_folder_as_public_id_prefix',
  'backup',
  'invalidate',
  'exif',
  'faces',
  'colors',
  'image_metadata',
  'media_metadata',
  'phash',
  'return_delete_token',
  'async',
  'eager_async',
  'quality_analysis',
  'accessibility_analysis',
  'cinemagraph_analysis',
  'visual_search',
  'auto_chaptering',
  'clear_invalid',
];

/** Every upload parameter the SDK's build_upload_params / updateable_resource_params can send. */
const KNOWN_PARAMS = new Set([
  ...UNSIGNED_ALLOWED,
  ...BOOLEAN_PARAMS,
  'access_mode',
  'allowed_formats',
  'eager',
  'eager_notification_url',
  'eval',
  'on_success',
  'format',
  'moderation',
  'notification_url',
  'proxy',
  'responsive_breakpoints',
  'transformation',
  'type',
  'quality_override',
  'auto_transcription',
  'access_control',
  'auto_tagging',
  'background_removal',
  'categorization',
  'detection',
  'headers',
  'ocr',
  'raw_convert',
  'similarity_search',
  'signature',
]);

/**
 * Rejects known-but-not-allowed parameters of an unsigned request.
 * @param {Record<string, unknown>} params
 */
export function checkUnsignedParams(params) {
  const allowed = new Set(UNSIGNED_ALLOWED);
  for (const key of Object.keys(params)) {
    if (ALWAYS_OK.has(key) || allowed.has(key) || !KNOWN_PARAMS.has(key)) continue;
    throw new HttpError(400, `${key} parameter is not allowed when using unsigned upload. Only ${UNSIGNED_ALLOWED.join(',')} upload parameters are allowed.`);
  }
}

/** @param {string} name @param {unknown} value */
function bad(name, value, why = '') {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new HttpError(400, `Invalid value for parameter ${name}: '${shown}'${why ? ` (${why})` : ''}`);
}

/** @param {string} name @param {unknown} v @returns {boolean|undefined} */
function parseBool(name, v) {
  if (v === undefined || v === null || v === '') return undefined;
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  const s = String(v).toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw bad(name, v, 'expected true or false');
}

/** @param {string} name @param {unknown} v */
function parseString(name, v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') throw bad(name, v, 'expected a string');
  return String(v);
}

/**
 * A path-like value (public_id, folder) that will become part of a file path.
 * Anything that could climb out of the data directory or confuse URLs is refused.
 * @param {string} name @param {unknown} v
 */
export function parsePathish(name, v) {
  const s = parseString(name, v);
  if (s === undefined) return undefined;
  if (s.length > 255) throw bad(name, s, 'longer than 255 characters');
  // Each part becomes a file name with a suffix (".json", ".<format>", a temp suffix): 200 bytes
  // leaves room for those under the usual 255-byte limit of file systems.
  if (s.split('/').some((seg) => Buffer.byteLength(seg) > 200)) throw bad(name, s, 'has a part between slashes longer than 200 bytes');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (/[\u0000-\u001f\u007f-\u009f\\?#%<>&+]/.test(s)) throw bad(name, s, 'contains a forbidden character');
  // Invisible direction marks make one name look like another (a "gnp.exe" shown as "exe.png").
  if (/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s)) throw bad(name, s, 'contains a text-direction control character');
  if (s.startsWith('/') || /^[A-Za-z]:/.test(s)) throw bad(name, s, 'must not be an absolute path');
  if (s.split('/').some((seg) => seg === '..' || seg === '.')) throw bad(name, s, 'must not contain . or .. path segments');
  return s;
}

/** "a,b" | ["a","b"] → ["a","b"] @param {unknown} v */
function parseTags(v) {
  if (v === undefined || v === null || v === '') return undefined;
  const list = Array.isArray(v) ? v.flatMap((t) => String(t).split(',')) : String(v).split(',');
  return list.map((t) => t.trim()).filter(Boolean);
}

/**
 * Splits on a separator that is not backslash-escaped. The SDK escapes only `=` and `|` in keys
 * and values, so a backslash before anything else is the value's own and stays.
 * @param {string} s @param {string} sep
 */
function splitUnescaped(s, sep) {
  /** @type {string[]} */
  const parts = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && (s[i + 1] === '=' || s[i + 1] === '|')) {
      cur += s[i + 1];
      i++;
      continue;
    }
    if (s[i] === sep) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += s[i];
  }
  parts.push(cur);
  return parts;
}

/** "k=v|k2=v2" | {"k":"v"} | '{"k":"v"}' → { k: "v", k2: "v2" } @param {string} name @param {unknown} v */
export function parseKeyValues(name, v) {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      v = JSON.parse(v);
    } catch {
      throw bad(name, v, 'invalid JSON');
    }
  }
  if (typeof v === 'object') {
    if (Array.isArray(v)) throw bad(name, v, 'expected key=value pairs');
    // Not null: null returned above, and JSON.parse of '{…' is an object.
    return Object.fromEntries(Object.entries(/** @type {object} */ (v)).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]));
  }
  /** @type {Record<string,string>} */
  const out = {};
  // Split pairs on unescaped `|`, then key from value on the first unescaped `=`.
  const pairs = [];
  let cur = '';
  const s = String(v);
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && (s[i + 1] === '=' || s[i + 1] === '|')) {
      cur += s[i] + s[i + 1];
      i++;
      continue;
    }
    if (s[i] === '|') {
      pairs.push(cur);
      cur = '';
      continue;
    }
    cur += s[i];
  }
  pairs.push(cur);
  for (const pair of pairs) {
    if (!pair) continue;
    const [key, ...rest] = splitUnescaped(pair, '=');
    if (!key) throw bad(name, v, 'empty key');
    out[key] = rest.join('=');
  }
  return out;
}

/** "x,y,w,h|x,y,w,h" | [[x,y,w,h]] → [[x,y,w,h], ...] of non-negative integers @param {string} name @param {unknown} v */
export function parseCoordinates(name, v) {
  if (v === undefined || v === null || v === '') return undefined;
  /** @type {string[][]} */
  let rects;
  if (Array.isArray(v)) {
    rects = (Array.isArray(v[0]) ? v : [v]).map((r) => r.map(String));
  } else {
    rects = String(v)
      .split('|')
      .map((r) => r.split(','));
  }
  return rects.map((r) => {
    if (r.length !== 4) throw bad(name, v, 'expected x,y,w,h');
    const n = r.map((x) => (/^\s*\d+\s*$/.test(x) ? Number(x) : NaN));
    if (n.some((x) => !Number.isSafeInteger(x))) throw bad(name, v, 'coordinates must be non-negative integers');
    if (n[2] === 0 || n[3] === 0) throw bad(name, v, 'width and height must be positive');
    return n;
  });
}

/**
 * @typedef {object} UploadOptions
 * @property {string} [public_id]
 * @property {string} [public_id_prefix]
 * @property {string} [folder]
 * @property {string} [asset_folder]
 * @property {string} [display_name]
 * @property {boolean} [use_filename]
 * @property {boolean} unique_filename
 * @property {boolean} overwrite
 * @property {boolean} [use_filename_as_display_name]
 * @property {boolean} [discard_original_filename]
 * @property {string[]} tags
 * @property {Record<string,string>} [context]
 * @property {Record<string,string>} [metadata]
 * @property {number[][]} [custom_coordinates]
 * @property {number[][]} [face_coordinates]
 * @property {string} [upload_preset]
 * @property {string[]} [allowed_formats]
 * @property {string} [source]
 * @property {string} [filename_override]
 * @property {string} type
 */

/**
 * Parses and validates the merged (preset + request) parameters.
 * @param {Record<string, unknown>} p
 * @param {{ signed: boolean }} mode
 * @returns {UploadOptions}
 */
export function parseUploadOptions(p, { signed }) {
  for (const name of BOOLEAN_PARAMS) parseBool(name, p[name]); // validate even the ones we ignore
  const type = parseString('type', p.type) || 'upload';
  if (type !== 'upload') throw bad('type', type, "only 'upload' is supported by this server");
  const folder = parsePathish('folder', p.folder)?.replace(/^\/+|\/+$/g, '');
  return {
    public_id: parsePathish('public_id', p.public_id) || undefined,
    public_id_prefix: parsePathish('public_id_prefix', p.public_id_prefix) || undefined,
    folder: folder || undefined,
    asset_folder: parsePathish('asset_folder', p.asset_folder)?.replace(/^\/+|\/+$/g, ''),
    display_name: parseString('display_name', p.display_name),
    use_filename: parseBool('use_filename', p.use_filename),
    unique_filename: parseBool('unique_filename', p.unique_filename) ?? true,
    // Cloudinary: unsigned uploads never overwrite unless the preset says so.
    overwrite: parseBool('overwrite', p.overwrite) ?? signed,
    use_filename_as_display_name: parseBool('use_filename_as_display_name', p.use_filename_as_display_name),
    discard_original_filename: parseBool('discard_original_filename', p.discard_original_filename),
    tags: parseTags(p.tags) ?? [],
    context: parseKeyValues('context', p.context),
    metadata: parseKeyValues('metadata', p.metadata),
    custom_coordinates: parseCoordinates('custom_coordinates', p.custom_coordinates),
    face_coordinates: parseCoordinates('face_coordinates', p.face_coordinates),
    upload_preset: parseString('upload_preset', p.upload_preset),
    source: parseString('source', p.source),
    filename_override: parseString('filename_override', p.filename_override),
    // Lower-case extensions ("jpg,png"), from the preset or a signed request.
    allowed_formats: parseTags(p.allowed_formats)?.map((f) => f.toLowerCase().replace(/^\./, '')),
    type,
  };
}
