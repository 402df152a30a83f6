// The redrawing a picture may need before it goes, as jobs a worker can take (./image-worker.ts)
// or the page can do (./image-work.ts decides where).
import { type FitLimits, type RedrawTarget, fitImage, redraw } from './image.js';

export type ImageJob = { kind: 'redraw'; file: File; target: RedrawTarget } | { kind: 'fit'; file: File; limits: FitLimits };

export function doImageJob(job: ImageJob): Promise<File | undefined> {
  return job.kind === 'fit' ? fitImage(job.file, job.limits) : redraw(job.file, job.target);
}
