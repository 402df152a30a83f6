// A file's MD5: what Cloudinary answers as a stored file's `etag`. js-md5 (plain JavaScript, no
// WebAssembly, so a strict Content-Security-Policy without 'wasm-unsafe-eval' allows it; about
// 200 MB/s) hashes the file as its stream delivers it, so a gigabyte file is never in memory at once
// and reading overlaps hashing. (Chromium reads a 96 MiB file in ~330 ms as a stream, ~540 ms in
// 4 MiB slices, ~900 ms or more in 1 MiB ones.)
import { md5 } from 'js-md5';

/** The MD5 of `blob` in lowercase hex. */
export async function md5OfBlob(blob: Blob): Promise<string> {
  const hash = md5.create();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return hash.hex();
    hash.update(value);
  }
}
