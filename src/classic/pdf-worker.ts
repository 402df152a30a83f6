// The classic script's PDF worker: dist/parts/pdf.worker.mjs, beside the part that starts it
// (scripts/build.mjs copies it there; src/lazy/pdf-worker.ts says why the ES module has none). When
// the worker cannot start (a CSP without worker-src for it, say), pdf.js runs the same script on the
// page.
const name = 'pdf.worker.mjs';

export const PDF_WORKER_URL: string | undefined = new URL(name, import.meta.url).href;

export const pdfWorkerCode: (() => Promise<{ WorkerMessageHandler: unknown }>) | undefined = undefined;
