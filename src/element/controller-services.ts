// What the headless UploadController needs from around it, as the element gives it: words for its
// problems, and its lazily loaded parts. Exported too, for a controller used without the element:
// `new UploadController(options, controllerServices)` (its words are then English).
import * as cloudinary from '../core/cloudinary-destination.js';
import type { ControllerServices } from '../core/controller.js';
import { inLanguageOf } from '../i18n/language.js';
import { describeProblem } from '../i18n/problem-text.js';
import { WORKERS_URL } from '../lazy/workers-url.js';
import { loadPart } from '../lazy/load-part.js';

export const controllerServices: ControllerServices = {
  describe: describeProblem,
  loadResumeKeeper: () => loadPart('resume-keeper') as Promise<typeof import('../core/resume-keeper.js')>,
  loadImageWork: () => (loadPart('image-work') as Promise<typeof import('../core/image-work.js')>).then((m) => m.imageWork(WORKERS_URL)),
  loadMetaFields: () => loadPart('meta-fields') as Promise<typeof import('../core/meta-fields.js')>,
  loadFileHash: () => (loadPart('file-hash') as Promise<typeof import('../core/file-hash.js')>).then((m) => m.fileChecks(WORKERS_URL)),
  // Every upload needs it: bundled, so the classic script uploads on its own (no part to fetch, none to miss).
  loadCloudinary: () => Promise.resolve(cloudinary),
};

/** The services for the element `host`: problems worded in its language (they may come from any callback). */
export const servicesFor = (host: Element): ControllerServices => ({
  ...controllerServices,
  describe: (problem) => inLanguageOf(host, () => describeProblem(problem)),
});
