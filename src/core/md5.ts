// A file's MD5: what Cloudinary answers as a stored file's `etag`. hash-wasm's WebAssembly MD5
// (~470 MB/s) where the page's Content-Security-Policy lets WebAssembly run; js-md5's plain
// JavaScript (~200 MB/s) where it does not ('wasm-unsafe-eval' missing). Measured with `npm run
// bench`: verifying a 96 MiB upload cost 1.27× its time with WebAssembly, 1.67× without. A big
// file is hashed as its stream delivers it, so a gigabyte file is never in memory at once and
// reading overlaps hashing (Chromium reads 96 MiB in ~330 ms as a stream, ~540 ms in 4 MiB slices).
import { createMD5 } from 'hash-wasm';
import { md5 } from 'js-md5';

interface Md5State {
  update(data: Uint8Array): unknown;
  /** The hex digest of what was fed since the last one; the state then starts afresh. */
  hex(): string;
}

/** Whether WebAssembly may run here: tried once (a refusal is a console error each time). */
let wasmAllowed: Promise<boolean> | undefined;
/**
 * States not hashing now, kept for the next file: a new WebAssembly instance per file (its own
 * memory, made and then collected) cost about as much as hashing a small file. Files are hashed one
 * after another, so this holds one state; two hashed at once take two.
 */
const idle: Md5State[] = [];
/**
 * Blobs up to this size are read at once, not as a stream: one read instead of many, and a read
 * that settles. In a worker, Chromium's blob stream now and then never delivers when many blobs are
 * held in memory: 23 of 2,000 files of 256 KB, read one at a time; none read at once.
 */
const READ_AT_ONCE = 16 * 1024 * 1024;
/** A bigger file's stream that delivers nothing for this long has stalled: the hash fails, and the files behind it go on. */
const STALL_MS = 30_000;

async function newState(): Promise<Md5State> {
  let tried: Awaited<ReturnType<typeof createMD5>> | undefined;
  wasmAllowed ??= createMD5().then(
    (wasm) => {
      tried = wasm;
      return true;
    },
    () => false,
  );
  if (await wasmAllowed) {
    // The instance that told WebAssembly may run is the first state.
    const wasm = tried ?? (await createMD5());
    return {
      update: (data) => wasm.update(data),
      hex: () => {
        const hex = wasm.digest('hex');
        wasm.init();
        return hex;
      },
    };
  }
  let js = md5.create();
  return {
    update: (data) => js.update(data),
    hex: () => {
      const hex = js.hex();
      js = md5.create();
      return hex;
    },
  };
}

/**
 * Feeds `blob`'s stream to `take`, chunk by chunk; rejects (NotReadableError) when no chunk comes for
 * `stallMs`. One watch per file, not a timer per chunk (that cost 20% of a 96 MiB file's upload).
 */
async function eachChunk(blob: Blob, stallMs: number, take: (chunk: Uint8Array) => void): Promise<void> {
  const reader = blob.stream().getReader();
  let lastChunk = performance.now();
  let giveUp: ((reason: DOMException) => void) | undefined;
  const watch = setInterval(
    () => {
      if (performance.now() - lastChunk < stallMs) return;
      // Refused before the stream is cancelled: a cancelled stream's pending read ends as if the file had.
      giveUp?.(new DOMException('The file could not be read', 'NotReadableError'));
      void reader.cancel().catch(() => {});
    },
    Math.max(50, Math.min(1000, stallMs / 4)),
  );
  try {
    for (;;) {
      const read = await new Promise<ReadableStreamReadResult<Uint8Array>>((resolve, reject) => {
        giveUp = reject;
        reader.read().then(resolve, reject);
      });
      if (read.done) return;
      lastChunk = performance.now();
      take(read.value);
    }
  } finally {
    clearInterval(watch);
  }
}

/**
 * The MD5 of a blob of a few kilobytes, in plain JavaScript: for such a file WebAssembly gains
 * nothing, and not trying it keeps a page whose Content-Security-Policy refuses it free of a
 * reported violation (the page hashes small files itself, see file-hash.ts).
 */
export async function md5OfSmallBlob(blob: Blob): Promise<string> {
  return md5(await blob.arrayBuffer());
}

/** The MD5 of `blob` in lowercase hex. Rejects when it cannot be read, or when its stream stalls for `stallMs`. */
export async function md5OfBlob(blob: Blob, stallMs = STALL_MS): Promise<string> {
  const state = idle.pop() ?? (await newState());
  if (blob.size <= READ_AT_ONCE) {
    state.update(new Uint8Array(await blob.arrayBuffer()));
  } else {
    await eachChunk(blob, stallMs, (chunk) => state.update(chunk));
  }
  const hex = state.hex();
  // Only a state that finished a file is kept: one a failed read left half-fed is dropped.
  idle.push(state);
  return hex;
}
