// pdf.js's worker code as a module (pdfjs-dist ships no types for it): src/lazy/pdf-worker.ts.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
