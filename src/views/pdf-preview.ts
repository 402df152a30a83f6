// A PDF's first page, for its queue row: pdf.js (pdfjs-dist) draws it on a canvas, its long side
// `size` long. A lazy part of its own (pdf-preview), loaded by the row previews only when a PDF is
// shown, never for other files. A PDF pdf.js cannot read (damaged, encrypted, too big) gives
// undefined: the row keeps its icon, and the file uploads as it is.
import { GlobalWorkerOptions, getDocument, PDFWorker } from 'pdfjs-dist';
import type { Preview } from './thumbnail.js';
import { PDF_WORKER_URL, pdfWorkerCode } from '../lazy/pdf-worker.js';

/** Bigger PDFs are read whole into memory: not for a 52-pixel preview. */
const MAX_PDF_BYTES = 50_000_000;

let worker: Promise<PDFWorker> | undefined;

/** One worker for every PDF on the page, started on first use. */
function pdfWorker(): Promise<PDFWorker> {
  worker ??= (async () => {
    if (PDF_WORKER_URL) {
      GlobalWorkerOptions.workerSrc = PDF_WORKER_URL;
      return new PDFWorker();
    }
    // No worker script (the ES module): pdf.js takes its worker code from the page's global while
    // this worker is set up, which is at once; the global is left as it was, so a pdf.js of the
    // site's own still starts its own worker.
    const code = await pdfWorkerCode!();
    const page = globalThis as { pdfjsWorker?: unknown };
    const before = page.pdfjsWorker;
    page.pdfjsWorker = code;
    try {
      return new PDFWorker();
    } finally {
      if (before === undefined) delete page.pdfjsWorker;
      else page.pdfjsWorker = before;
    }
  })();
  return worker;
}

export async function pdfFirstPage(file: Blob, size: number): Promise<Preview | undefined> {
  if (file.size > MAX_PDF_BYTES) return undefined;
  const task = getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    worker: await pdfWorker(),
    // Nothing compiled from the file (a strict CSP forbids eval), no fonts or maps fetched.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const page = await pdf.getPage(1);
    const whole = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: size / Math.max(whole.width, whole.height) });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(viewport.width));
    canvas.height = Math.max(1, Math.round(viewport.height));
    const canvasContext = canvas.getContext('2d');
    if (!canvasContext) return undefined;
    await page.render({ canvas, canvasContext, viewport }).promise;
    return { bitmap: await createImageBitmap(canvas) };
  } catch {
    return undefined;
  } finally {
    void task.destroy();
  }
}
