// The string Cloudinary's server SDKs verify for an upload made in the browser
// (PreloadedFile in the Node SDK, cloudinary.PreloadedFile in Python, Cloudinary::PreloadedFile in
// Ruby): resource_type/type/v<version>/<public_id>.<format>#<signature>. The signature signs
// public_id and version with the account's secret, so a form's backend can trust the value.
import type { UploadResult } from './types.js';

export function preloadedFile(result: UploadResult): string {
  const { resource_type = 'image', type = 'upload', version, public_id, format, signature } = result;
  // A raw file's public_id already ends with its extension, and it has no format of its own.
  const file = format && resource_type !== 'raw' ? `${public_id}.${format}` : public_id;
  return `${resource_type}/${type}/v${version}/${file}${signature ? `#${signature}` : ''}`;
}
