// What every bench page measures against: plain XHR + FormData uploads, written as a site would
// write them by hand (no progress, no retries), and random files to send. Bundled into the pages.

/** Random bytes (incompressible, never an image) as a File; getRandomValues takes 64 KiB at most. */
export function randomFile(name, size) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(i + 65536, size)));
  return new File([bytes], name, { type: 'application/octet-stream' });
}

/** One POST of `file` with `fields` (and `headers`) to `endpoint`; resolves with the server's answer or `{ error }`. */
export function post(endpoint, fields, file, headers = {}) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.open('POST', endpoint, true);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.onload = () => resolve(xhr.status === 200 ? JSON.parse(xhr.responseText) : { error: `${xhr.status} ${xhr.responseText.slice(0, 200)}` });
    xhr.onerror = () => resolve({ error: 'network error' });
    xhr.send(form);
  });
}

/** The baseline: `concurrency` workers pulling the next file, the simplest fair concurrency limit. */
export async function bareUpload(endpoint, fields, files, concurrency) {
  const t0 = performance.now();
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) results.push(await post(endpoint, fields, files[next++]));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  const bad = results.find((r) => r.error);
  const ok = results.filter((r) => !r.error);
  return { ms, ok: ok.length, failed: results.length - ok.length, error: bad?.error, bytes: ok.reduce((n, r) => n + (r.bytes ?? 0), 0) };
}

/** Polls the JS heap (precise with --enable-precise-memory-info) while `run` goes on. */
export async function withHeap(run, everyMs = 100) {
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
