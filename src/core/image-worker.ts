// The worker that redraws pictures off the page's thread (./image-work.ts starts it): a picture
// scaled down, re-encoded or made to fit its limits. Built on its own as dist/parts/image-worker.js,
// a classic worker script with nothing to import (createImageBitmap and OffscreenCanvas are there).
import { type ImageJob, doImageJob } from './image-jobs.js';
import { serveJobs } from './worker-jobs.js';

serveJobs<ImageJob, File | undefined>(doImageJob);
