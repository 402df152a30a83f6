// Where the hashing worker's script is. The ES module has none: a site's bundler copies its chunks
// but not a worker script beside them, so its files are hashed on the page (a stream's chunk at a
// time). The classic-script build swaps this module for hash-worker-url-iife.ts: its parts folder
// is deployed beside it, the worker's script with it.
export const HASH_WORKER_URL: URL | undefined = undefined;
