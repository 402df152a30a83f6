// The controller's work on a file's bytes before it goes: image dimensions (for the dimension
// rules), downscaling and re-encoding, a photo's location taken out, and encryption. Only some files and options
// need it, so it loads on first use (a part of its own for the classic script, a chunk in the ES
// build), through the controller's loadImageWork service. Redrawing runs in the worker beside the
// classic script (dist/parts/image-worker.js), or on the page where none can start.
import { encryptFile } from './encrypt.js';
import { type FitLimits, type RedrawTarget, imageSize } from './image.js';
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

/** The image work, its redrawing in the worker scripts' folder `workers` (one per folder, shared by the page's widgets). */
export function imageWork(workers?: string | URL): ImageWork {
  const key = workers ? String(workers) : '';
  let found = work.get(key);
  if (!found) {
    const jobs = new WorkerJobs<ImageJob, File | undefined>(key ? new URL('image-worker.js', key) : undefined, 'upload-widget images', doImageJob);
    found = {
      imageSize,
      redraw: (file, target) => jobs.run({ kind: 'redraw', file, target }),
      fitImage: (file, limits) => jobs.run({ kind: 'fit', file, limits }),
      removeLocation,
      encryptFile,
    };
    work.set(key, found);
  }
  return found;
}
