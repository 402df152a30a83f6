// A file's MD5: what Cloudinary answers as a stored file's `etag`. hash-wasm's WebAssembly MD5
// (~470 MB/s) where the page's Content-Security-Policy lets WebAssembly run; js-md5's plain
// JavaScript (~200 MB/s) where it does not ('wasm-unsafe-eval' missing). Measured with `npm run
// bench`: verifying a 96 MiB upload cost 1.27× its time with WebAssembly, 1.67× without. The file is
// hashed as its stream delivers it, so a gigabyte file is never in memory at once and reading
// overlaps hashing (Chromium reads 96 MiB in ~330 ms as a stream, ~540 ms in 4 MiB slices).
import { createMD5 } from 'hash-wasm';
import { md5 } from 'js-md5';

interface Md5State {
  update(data: Uint8Array): unknown;
  hex(): string;
}

/** Whether WebAssembly may run here: tried once (a refusal is a console error each time). */
let wasmAllowed: Promise<boolean> | undefined;

async function newState(): Promise<Md5State> {
  wasmAllowed ??= createMD5().then(
    () => true,
    () => false,
  );
  if (await wasmAllowed) {
    const wasm = await createMD5();
    wasm.init();
    return { update: (data) => wasm.update(data), hex: () => wasm.digest('hex') };
  }
  const js = md5.create();
  return { update: (data) => js.update(data), hex: () => js.hex() };
}

/** The MD5 of `blob` in lowercase hex. */
export async function md5OfBlob(blob: Blob): Promise<string> {
  const state = await newState();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return state.hex();
    state.update(value);
  }
}
