// Page side of `npm run bench`, bundled by bench/run.mjs with esbuild straight from src/ (so it
// measures the engine as it is now, without touching dist/). Exposes window.bench for Playwright.
import { UploadController } from '../src/core/controller.ts';
import { controllerServices } from '../src/element/controller-services.ts';
import { DEFAULT_OPTIONS } from '../src/options.ts';
import { chunkPlan } from '../src/core/upload-file.ts';
import { bareUpload as bareTo, post as postTo, randomFile, withHeap } from './baseline.js';

// What the widget sends for {uploadPreset: 'demo_unsigned'}: the baseline sends the same fields,
// in the same order, to the same endpoint (resource type auto), so only the engine differs.
const FIELDS = { upload_preset: 'demo_unsigned', source: 'uw' };
let cloudName = 'demo';
const endpoint = () => `${location.origin}/v1_1/${cloudName}/auto/upload`;
const post = (file, headers) => postTo(endpoint(), FIELDS, file, headers);
const bareUpload = (files, concurrency) => bareTo(endpoint(), FIELDS, files, concurrency);

/** The widget's engine, headless, from addFiles to queues-end. */
function widgetUpload(files, options) {
  return new Promise((resolve, reject) => {
    const ctl = new UploadController({ cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: location.origin, ...options }, controllerServices);
    let t0 = 0;
    ctl.onAny((name, detail) => {
      if (name !== 'queues-end') return;
      const ms = performance.now() - t0;
      const ok = detail.files.filter((f) => f.status === 'success');
      const bad = detail.files.find((f) => f.status !== 'success');
      resolve({ ms, ok: ok.length, failed: detail.files.length - ok.length, error: bad?.error, bytes: ok.reduce((n, f) => n + (f.uploadInfo?.bytes ?? 0), 0) });
    });
    t0 = performance.now();
    ctl.addFiles(files).catch(reject);
  });
}

/**
 * The same chunk protocol by hand, cut the same way, middle chunks `parallel` at a time: what the
 * protocol itself costs in this browser, so the widget's own cost can be told apart.
 */
async function handChunked(file, chunkSize, parallel) {
  const t0 = performance.now();
  const id = `hand${Date.now()}`;
  const plan = chunkPlan(file.size, chunkSize);
  const one = (c) => post(file.slice(c.start, c.end), { 'X-Unique-Upload-Id': id, 'Content-Range': `bytes ${c.start}-${c.end - 1}/${file.size}` });
  let last = await one(plan[0]);
  const middle = plan.slice(1, -1);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < middle.length && !last.error) {
        const r = await one(middle[next++]);
        if (r.error) last = r;
      }
    }),
  );
  if (!last.error && plan.length > 1) last = await one(plan.at(-1));
  return { ms: performance.now() - t0, ok: last.error ? 0 : 1, failed: last.error ? 1 : 0, error: last.error, bytes: last.bytes ?? 0 };
}

let small = [];
window.bench = {
  defaults: () => ({
    maxConcurrentUploads: DEFAULT_OPTIONS.maxConcurrentUploads,
    maxConcurrentChunks: DEFAULT_OPTIONS.maxConcurrentChunks,
    maxChunkSize: DEFAULT_OPTIONS.maxChunkSize,
  }),
  setup(cloud) {
    cloudName = cloud;
  },
  makeSmallFiles(count, size) {
    small = Array.from({ length: count }, (_, i) => randomFile(`small-${i}.bin`, size));
    globalThis.gc?.();
    return small.length;
  },
  widgetSmall: (concurrency) => widgetUpload(small, { maxConcurrentUploads: concurrency }),
  bareSmall: (concurrency) => bareUpload(small, concurrency),
  // The big file is the one Playwright put in <input id=big>: disk-backed, no bytes in JS.
  widgetBig: (options) => withHeap(() => widgetUpload([document.getElementById('big').files[0]], options)),
  bareBig: () => withHeap(() => bareUpload([document.getElementById('big').files[0]], 1)),
  handBig: () => withHeap(() => handChunked(document.getElementById('big').files[0], DEFAULT_OPTIONS.maxChunkSize, DEFAULT_OPTIONS.maxConcurrentChunks)),
};
