// The classic script's hashing worker: dist/parts/hash-worker.js, beside its other parts
// (scripts/build.mjs builds it; src/lazy/hash-worker-url.ts says why the ES module has none).
import { CODE_URL } from './code-url.js';

export const HASH_WORKER_URL: URL | undefined = new URL('parts/hash-worker.js', CODE_URL);
