// Cloudinary Upload API: endpoint URLs, how parameters become form fields, how answers are read.
import type { UploadResult } from './types.js';

export function uploadEndpoint(uploadPrefix: string, cloudName: string, resourceType: string): string {
  return `${uploadPrefix.replace(/\/+$/, '')}/v1_1/${encodeURIComponent(cloudName)}/${resourceType}/upload`;
}

/** Escapes the separators of Cloudinary's `key=value|key=value` syntax. */
const escapePair = (text: string) => text.replace(/([=|])/g, '\\$1');

/**
 * One parameter as the API expects it on the wire: lists comma-joined, key/value maps as
 * `k=v|k2=v2`, coordinates as `x,y,w,h|…`. The same text is what gets signed.
 */
function encodeParam(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (name === 'custom_coordinates' || name === 'face_coordinates') {
    if (Array.isArray(value)) {
      const rects = Array.isArray(value[0]) ? (value as unknown[][]) : [value as unknown[]];
      return rects.map((r) => r.map((n) => Math.round(Number(n))).join(',')).join('|');
    }
    return String(value);
  }
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${escapePair(k)}=${escapePair(String(v))}`)
      .join('|');
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Encodes every parameter, dropping empty ones, as the API and the signature both see them. */
export function encodeParams(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const encoded = encodeParam(k, v);
    if (encoded !== undefined) out[k] = encoded;
  }
  return out;
}

export interface ApiAnswer {
  status: number;
  body: string;
  /** The request was dropped because the server went silent (see `send`'s silenceTimeout). */
  timedOut?: boolean;
}

/** An http(s) URL, or undefined: only these may become a link or an image source in the page. */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a successful answer is an upload result: an object with a public ID, a version and an
 * http(s) `secure_url`. Anything else (a bare number, an HTML page, a `javascript:` URL) is not a
 * stored file, whatever the status said.
 */
/** The small preview of a stored image Cloudinary's widget shows: its delivery URL with a transformation (a 90×60 box by default). */
export function thumbnailUrl(secureUrl: string, type = 'upload', transformation = 'c_limit,h_60,w_90'): string {
  return secureUrl.replace(`/${type}/`, `/${type}/${transformation}/`);
}

export function isUploadResult(json: unknown): json is UploadResult {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const r = json as Record<string, unknown>;
  return typeof r.public_id === 'string' && r.public_id !== '' && typeof r.version === 'number' && safeUrl(r.secure_url) !== undefined;
}

/** Reads the API's JSON; returns the error message when the answer is not a success. */
export function readAnswer(answer: ApiAnswer): { ok: true; json: Record<string, unknown> } | { ok: false; message: string } {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const apiError = json?.error as { message?: string } | undefined;
  if (answer.status >= 200 && answer.status < 300 && json && !apiError) return { ok: true, json };
  const message = apiError?.message || (answer.body && answer.body.length < 200 ? answer.body : '') || `HTTP ${answer.status}`;
  return { ok: false, message };
}
