// Page side of the element bench (bench/element.mjs): the built classic script (dist/), the widget
// as people use it: defaults, the dialog open, files picked through its own file input, the queue
// on screen. Beside it, the same files by plain XHR in the same page. Exposes window.elementBench.
import { bareUpload, randomFile, withHeap } from './baseline.js';

let cloudName = 'demo';
const FIELDS = { upload_preset: 'demo_unsigned', source: 'uw' };
const endpoint = () => `${location.origin}/v1_1/${cloudName}/auto/upload`;
let small = [];
/** How long after the dialog has painted the files are picked. */
const PICK_AFTER_MS = 1000;
let tiny = [];

/** The first element matching `selector` in `root` or any shadow root below it. */
function deepQuery(root, selector) {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deepQuery(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

/** The longest gap between animation frames, and the long tasks, until `stop()`. */
function watchMainThread() {
  let last = performance.now();
  let longestGap = 0;
  let frame = requestAnimationFrame(function tick(now) {
    longestGap = Math.max(longestGap, now - last);
    last = now;
    frame = requestAnimationFrame(tick);
  });
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  return () => {
    cancelAnimationFrame(frame);
    tasks.push(...observer.takeRecords().map((e) => e.duration));
    observer.disconnect();
    return { longestGap, longTasks: tasks.length, longestTask: Math.max(0, ...tasks) };
  };
}

/**
 * Opens a widget with its defaults (and `attributes`), picks `files` through its file input, and
 * measures from the pick to the first `count` files finished (all of them by default; the rest are
 * then cancelled). `opened: false`: the widget is never opened and the page gives it the files
 * (addFiles(), as a site with its own button does): the engine's cost without the view's.
 * `hookMs`: a `prepareUploadParams` that answers after that long, as a site's server would.
 */
/** How long the bench's `prepareUploadParams` takes to answer: a round trip to a site's server. */
const HOOK_MS = 40;

async function elementUpload(files, count = files.length, attributes = {}, { opened = true, hookMs } = {}) {
  performance.setResourceTimingBufferSize(100_000);
  performance.clearResourceTimings();
  const widget = document.createElement('upload-widget');
  widget.setAttribute('cloud-name', cloudName);
  widget.setAttribute('upload-preset', 'demo_unsigned');
  widget.setAttribute('upload-prefix', location.origin);
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  if (hookMs) widget.options = { prepareUploadParams: (cb) => setTimeout(() => cb({}), hookMs) };
  document.body.append(widget);
  let input;
  const picked = new DataTransfer();
  if (opened) {
    widget.open();
    while (!(input = deepQuery(widget.shadowRoot, 'input[type=file]'))) await new Promise((r) => setTimeout(r, 10));
    // The files as the input will hold them, made before the clock starts: DataTransfer.items.add
    // takes longer the more it holds (over a second for 10,000 files), which is the bench's, not the widget's.
    for (const f of files) picked.items.add(f);
  }
  // The dialog has painted, and a person has found the file: nobody picks within a second of the
  // dialog opening (Browse, then the system's file picker), and what the widget does while it waits
  // (its queue's part, formatters) is done by then, as on a real page.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, PICK_AFTER_MS)));
  const stop = watchMainThread();
  const result = await new Promise((resolve) => {
    let firstAdded = 0;
    const finished = [];
    widget.addEventListener('upload-added', () => (firstAdded ||= performance.now()));
    const end = () => {
      const ms = performance.now() - t0;
      const uploads = performance
        .getEntriesByType('resource')
        .filter((r) => r.name.endsWith('/upload') && r.startTime >= t0)
        .map((r) => r.startTime);
      const ok = finished.filter((f) => f.status === 'success');
      resolve({
        ms,
        ok: ok.length,
        failed: finished.length - ok.length,
        error: finished.find((f) => f.status !== 'success')?.error,
        bytes: ok.reduce((n, f) => n + (f.uploadInfo?.bytes ?? 0), 0),
        firstRequestMs: uploads.length ? Math.min(...uploads) - firstAdded : -1,
      });
    };
    if (count < files.length) {
      widget.addEventListener('success', (e) => {
        finished.push({ status: 'success', uploadInfo: e.detail });
        if (finished.length === count) end();
      });
    } else {
      widget.addEventListener('queues-end', (e) => {
        finished.push(...e.detail.files);
        end();
      });
    }
    const t0 = performance.now();
    if (!opened) return void widget.addFiles(files);
    input.files = picked.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const thread = stop();
  // On screen: the rows the queue drew (the modal showed them, not an empty or hidden view).
  const rows = deepQuery(widget.shadowRoot, '[part~=queue-item]') ? 'shown' : 'none';
  widget.abort();
  await widget.destroy();
  widget.remove();
  return { ...result, ...thread, rows };
}

/** `run` with the main thread watched (the baseline's frame gaps, beside the element's). */
async function watched(run) {
  const stop = watchMainThread();
  const result = await run();
  return { ...result, ...stop() };
}

window.elementBench = {
  setup(cloud) {
    cloudName = cloud;
  },
  makeSmallFiles(count, size) {
    small = Array.from({ length: count }, (_, i) => randomFile(`small-${i}.bin`, size));
    return small.length;
  },
  makeTinyFiles(count) {
    tiny = Array.from({ length: count }, (_, i) => new File([String(i)], `tiny-${i}.txt`, { type: 'text/plain' }));
    return tiny.length;
  },
  elementSmall: () => elementUpload(small),
  /** The small files (`withTiny`: the tiny ones queued behind) with the given attributes and `{opened, hookMs}`: for probing one option's cost. */
  elementSmallWith: (attributes, how, withTiny) => elementUpload(withTiny ? [...small, ...tiny] : small, small.length, attributes, how),
  /**
   * The same with no file hashed: not verified (verify-uploads="false"), and no copies looked for
   * (check-duplicates="false"), which hashes every file here since all have one size. What hashing costs.
   */
  elementSmallUnhashed: () => elementUpload(small, small.length, { 'verify-uploads': 'false', 'check-duplicates': 'false' }),
  /** The same files given by the page to a widget never opened: the engine's cost without the view's. */
  elementSmallUnopened: () => elementUpload(small, small.length, {}, { opened: false }),
  /** The same with a parameters hook that answers in 40 ms (a site's server asked per file). */
  elementSmallHooked: () => elementUpload(small, small.length, {}, { opened: false, hookMs: HOOK_MS }),
  bareSmall: (concurrency) => watched(() => bareUpload(endpoint(), FIELDS, small, concurrency)),
  /** The small files first, then many tiny ones waiting behind them: the time for the small ones. */
  elementSmallWithQueued: () => elementUpload([...small, ...tiny], small.length),
  // The big file is the one Playwright put in <input id=big>: disk-backed, no bytes in JS.
  elementBig: () => withHeap(() => elementUpload([document.getElementById('big').files[0]])),
  elementBigUnverified: () => withHeap(() => elementUpload([document.getElementById('big').files[0]], 1, { 'verify-uploads': 'false' })),
  bareBig: () => withHeap(() => watched(() => bareUpload(endpoint(), FIELDS, [document.getElementById('big').files[0]], 1))),
};
