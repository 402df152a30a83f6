// Files a record already has, given to the widget as the preloaded-file strings its form submits
// (`image/upload/v<version>/<public_id>.<format>#<signature>`, what Cloudinary's server SDKs
// verify): read back into what an upload would have answered, so the queue shows them as done rows
// with a thumbnail the cloud delivers, and Remove takes them out of the form value. A lazy part,
// loaded only when a widget is given a value.
import { thumbnailUrl } from './protocol.js';
import type { UploadInfo } from './types.js';

/** One file already stored: the string as given (the form submits it as it is), its name and what Cloudinary would have answered. */
export interface StoredFile {
  value: string;
  name: string;
  info: UploadInfo;
}

/** `value` as a list of strings: an array, a JSON array, or strings separated by white space or commas. */
export function valueList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return valueList(JSON.parse(text));
    } catch {
      // Not JSON after all: read as a list.
    }
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

const PRELOADED = /^(image|video|raw)\/([a-z_]+)\/v(\d+)\/([^#]+?)(?:\.([A-Za-z0-9]+))?(?:#([0-9a-f]{40}|[0-9a-f]{64}))?$/;

/**
 * Where Cloudinary delivers what its API at `uploadPrefix` stored: res.cloudinary.com for its own
 * API hosts (api.cloudinary.com, api-eu…), else the same origin (a local or compatible server).
 */
export function deliveryOrigin(uploadPrefix: string): string {
  const url = new URL(uploadPrefix);
  return /^api(-[a-z0-9]+)?\.cloudinary\.com$/.test(url.hostname) ? 'https://res.cloudinary.com' : url.origin;
}

/**
 * The stored files `value` names, and the strings that are not preloaded-file strings (to be
 * reported). A raw file keeps its extension in its public ID; images and videos have a format.
 */
export function storedFiles(
  value: unknown,
  { cloudName, uploadPrefix }: { cloudName: string; uploadPrefix: string },
): { files: StoredFile[]; unreadable: string[] } {
  const files: StoredFile[] = [];
  const unreadable: string[] = [];
  const origin = deliveryOrigin(uploadPrefix);
  for (const text of valueList(value)) {
    const m = PRELOADED.exec(text);
    if (!m) {
      unreadable.push(text);
      continue;
    }
    const [, resource_type, type, version, id, ext, signature] = m;
    // A raw file's public ID ends with its extension; an image's or a video's format follows it.
    const public_id = resource_type === 'raw' && ext ? `${id}.${ext}` : id;
    const format = resource_type === 'raw' ? undefined : ext;
    const path = `${encodeURIComponent(cloudName)}/${resource_type}/${type}/v${version}/${public_id.split('/').map(encodeURIComponent).join('/')}${format ? `.${format}` : ''}`;
    const secure_url = `${origin}/${path}`;
    const info: UploadInfo = {
      public_id,
      version: Number(version),
      secure_url,
      url: secure_url,
      resource_type,
      type,
      ...(format ? { format } : {}),
      ...(signature ? { signature } : {}),
      // The row's preview, as a success gives it: a public image, small (other files show their icon).
      ...(resource_type === 'image' && type === 'upload' ? { thumbnail_url: thumbnailUrl(secure_url, type) } : {}),
    };
    const name = `${public_id.slice(public_id.lastIndexOf('/') + 1)}${format ? `.${format}` : ''}`;
    files.push({ value: text, name, info });
  }
  return { files, unreadable };
}
