// How the PDF previews (views/pdf-preview.ts) run pdf.js's worker. The ES module starts none: a
// site's bundler copies chunks but not a worker script beside them (as for hashing, see
// hash-worker-url.ts), so pdf.js's worker code is one more chunk the bundler makes, run on the page
// (slower, and it needs nothing of the page's CSP beyond its scripts). The classic-script build
// swaps this module for src/classic/pdf-worker.ts: the worker's script is deployed beside its parts.

/** The worker script's address, when there is one to start. */
export const PDF_WORKER_URL: string | undefined = undefined;

/** pdf.js's worker code, to run on the page when there is no worker script. */
export const pdfWorkerCode: (() => Promise<{ WorkerMessageHandler: unknown }>) | undefined = () => import('pdfjs-dist/build/pdf.worker.min.mjs');
