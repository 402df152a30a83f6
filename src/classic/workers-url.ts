// The classic script's workers: dist/parts/hash-worker.js and image-worker.js, beside its other parts
// (scripts/build.mjs builds them; src/lazy/workers-url.ts says why the ES module has none).
import { CODE_URL } from './code-url.js';

export const WORKERS_URL: URL | undefined = new URL('parts/', CODE_URL);
