// A file's MD5, read in slices: what Cloudinary answers as a stored file's `etag`. js-md5 (plain
// JavaScript, no WebAssembly, so a strict Content-Security-Policy without 'wasm-unsafe-eval' allows
// it; about 200 MB/s) hashes slice by slice, so a gigabyte file is never in memory at once.
import { md5 } from 'js-md5';

/** The MD5 of `blob` in lowercase hex, read `sliceSize` bytes at a time. */
export async function md5OfBlob(blob: Blob, sliceSize = 4 * 1024 * 1024): Promise<string> {
  const hash = md5.create();
  for (let at = 0; at < blob.size; at += sliceSize) hash.update(await blob.slice(at, at + sliceSize).arrayBuffer());
  return hash.hex();
}
