// Where the worker scripts are (hashing, redrawing pictures). The ES module has none: a site's
// bundler copies its chunks but not a worker script beside them, so that work is done on the page
// (a stream's chunk at a time, between which the page draws). The classic-script build swaps this
// module for src/classic/workers-url.ts: its parts folder is deployed beside it, the workers with it.
export const WORKERS_URL: URL | undefined = undefined;
