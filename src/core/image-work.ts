// The controller's work on a file's bytes before it goes: image dimensions (for the dimension
// rules), downscaling and re-encoding, a photo's location taken out, and encryption. Only some files and options
// need it, so it loads on first use (a part of its own for the classic script, a chunk in the ES
// build), through the controller's loadImageWork service. Redrawing runs in the worker beside the
// classic script (dist/parts/image-worker.js), or on the page where none can start; a HEIC (for
// `imageFormat`) on the page, through libheif where the browser has no decoder.
import { encryptFile } from './encrypt.js';
import { decodeHeic, isHeic } from './heic.js';
import { type FitLimits, type RedrawTarget, imageSize, redraw } from './image.js';
import { type ImageJob, doImageJob } from './image-jobs.js';
import { removeLocation } from './location.js';
import { WorkerJobs } from './worker-jobs.js';

export interface ImageWork {
  imageSize: typeof imageSize;
  redraw(file: File, target: RedrawTarget): Promise<File | undefined>;
  fitImage(file: File, limits: FitLimits): Promise<File | undefined>;
  removeLocation: typeof removeLocation;
  encryptFile: typeof encryptFile;
}

const work = new Map<string, ImageWork>();

/** A HEIC as the browser or libheif decodes it, upright; a refusal when neither can. */
async function heicBitmap(file: File): Promise<ImageBitmap> {
  const bitmap = await decodeHeic(file, { imageOrientation: 'from-image' });
  if (!bitmap) throw new Error('This HEIC picture could not be decoded here.');
  return bitmap;
}

/** The image work, its redrawing in the worker scripts' folder `workers` (one per folder, shared by the page's widgets). */
export function imageWork(workers?: string | URL): ImageWork {
  const key = workers ? String(workers) : '';
  let found = work.get(key);
  if (!found) {
    const jobs = new WorkerJobs<ImageJob, File | undefined>(key ? new URL('image-worker.js', key) : undefined, 'upload-widget images', doImageJob);
    found = {
      imageSize,
      // A HEIC is decoded on the page, where libheif can start its own worker.
      redraw: (file, target) => (isHeic(file) ? redraw(file, target, heicBitmap) : jobs.run({ kind: 'redraw', file, target })),
      fitImage: (file, limits) => jobs.run({ kind: 'fit', file, limits }),
      removeLocation,
      encryptFile,
    };
    work.set(key, found);
  }
  return found;
}
