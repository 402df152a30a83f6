// The worker that hashes files off the page's thread (./file-hash.ts starts it): a Blob comes in
// (no copy of its bytes), its MD5 goes out. Built on its own as dist/parts/hash-worker.js, a
// classic worker script with nothing to import.
import { md5OfBlob } from './md5.js';

export interface HashRequest {
  id: number;
  blob: Blob;
}
export type HashAnswer = { id: number; md5: string } | { id: number; error: string };

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<HashRequest>) => void) | null; postMessage(answer: HashAnswer): void };
// One file after another, in the order asked: answers come in that order (the copies of a batch are
// decided as the files before them are hashed), and only one file's slice is in memory at a time.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = ({ data: { id, blob } }) => {
  queue = queue.then(() =>
    md5OfBlob(blob).then(
      (md5) => scope.postMessage({ id, md5 }),
      (e: unknown) => scope.postMessage({ id, error: String((e as Error)?.name ?? e) }),
    ),
  );
};
