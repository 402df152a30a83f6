// Credentials and upload presets. The URL format is the SDK's own:
// cloudinary://<api_key>:<api_secret>@<cloud_name>[?query], so one env var configures both.
import { readFile } from 'node:fs/promises';

export const DEV_CLOUDINARY_URL = 'cloudinary://123456789012345:local-dev-secret@demo';

/** @typedef {{ cloudName: string, apiKey: string, apiSecret: string }} Credentials */
/** @typedef {Record<string, Record<string, unknown> & { unsigned?: boolean }>} Presets */

/** @type {Presets} */
export const DEFAULT_PRESETS = { demo_unsigned: { unsigned: true } };

/**
 * @param {string} url
 * @returns {Credentials}
 */
export function parseCloudinaryUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`Invalid CLOUDINARY_URL: ${redact(url)}`);
  }
  if (u.protocol !== 'cloudinary:') throw new Error(`CLOUDINARY_URL must start with cloudinary:// (got ${u.protocol})`);
  const cloudName = decodeURIComponent(u.hostname);
  const apiKey = decodeURIComponent(u.username);
  const apiSecret = decodeURIComponent(u.password);
  if (!cloudName || !apiKey || !apiSecret) throw new Error('CLOUDINARY_URL needs cloudinary://<api_key>:<api_secret>@<cloud_name>');
  // The cloud name becomes a directory and a URL segment: keep it boring.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cloudName)) throw new Error(`Invalid cloud name "${cloudName}"`);
  return { cloudName, apiKey, apiSecret };
}

/** Never echo a secret back in an error message. @param {string} url */
function redact(url) {
  return String(url).replace(/:[^:@/]*@/, ':***@');
}

/**
 * Normalizes presets: `{ name: { unsigned, ...params } }`; a nested `settings` object
 * (the Admin API's shape) is flattened so either form works.
 * @param {unknown} raw
 * @returns {Presets}
 */
export function normalizePresets(raw) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('presets must be an object: { "<name>": { "unsigned": true, ... } }');
  /** @type {Presets} */
  const out = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!value || typeof value !== 'object') throw new Error(`preset "${name}" must be an object`);
    const { settings, ...rest } = /** @type {any} */ (value);
    out[name] = { ...(settings && typeof settings === 'object' ? settings : {}), ...rest };
  }
  return out;
}

/** @param {string} file */
export async function loadPresetsFile(file) {
  return normalizePresets(JSON.parse(await readFile(file, 'utf8')));
}
