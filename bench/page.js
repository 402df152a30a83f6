// Page side of `npm run bench`, bundled by bench/run.mjs with esbuild straight from src/ (so it
// measures the engine as it is now, without touching dist/). Exposes window.bench for Playwright.
import { UploadController } from '../src/core/controller.ts';
import { controllerServices } from '../src/controller-services.ts';
import { DEFAULT_OPTIONS } from '../src/options.ts';
import { chunkPlan } from '../src/core/upload-file.ts';

// What the widget sends for {uploadPreset: 'demo_unsigned'}: the baseline sends the same fields,
// in the same order, to the same endpoint (resource type auto), so only the engine differs.
const FIELDS = { upload_preset: 'demo_unsigned', source: 'uw' };
let cloudName = 'demo';
const endpoint = () => `${location.origin}/v1_1/${cloudName}/auto/upload`;

/** Random bytes (incompressible, never an image) as a File; getRandomValues takes 64 KiB at most. */
function randomFile(name, size) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(i + 65536, size)));
  return new File([bytes], name, { type: 'application/octet-stream' });
}

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

/** One plain XHR + FormData POST, as a site would write it by hand: no progress, no retries. */
function post(file, headers = {}) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    for (const [k, v] of Object.entries(FIELDS)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.open('POST', endpoint(), true);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.onload = () => resolve(xhr.status === 200 ? JSON.parse(xhr.responseText) : { error: `${xhr.status} ${xhr.responseText.slice(0, 200)}` });
    xhr.onerror = () => resolve({ error: 'network error' });
    xhr.send(form);
  });
}

/** The baseline: c workers pulling the next file, the simplest fair concurrency limit. */
async function bareUpload(files, concurrency) {
  const t0 = performance.now();
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) results.push(await post(files[next++]));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  const bad = results.find((r) => r.error);
  const ok = results.filter((r) => !r.error);
  return { ms, ok: ok.length, failed: results.length - ok.length, error: bad?.error, bytes: ok.reduce((n, r) => n + (r.bytes ?? 0), 0) };
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

/** Polls the JS heap (precise with --enable-precise-memory-info) while `run` goes on. */
async function withHeap(run, everyMs = 100) {
  globalThis.gc?.(); // --js-flags=--expose-gc: start from a collected heap
  const start = performance.memory.usedJSHeapSize;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, performance.memory.usedJSHeapSize);
  }, everyMs);
  try {
    const result = await run();
    peak = Math.max(peak, performance.memory.usedJSHeapSize);
    return { ...result, heapStartMB: start / 2 ** 20, heapPeakMB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
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
