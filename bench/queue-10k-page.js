// Page side of the queue benchmark, bundled by bench/queue-10k.mjs with esbuild straight from
// src/. Exposes window.queueBench for Playwright: the virtualized <uw-queue> with 10,000 files,
// and a baseline that renders 10,000 plain <li> rows, measured the same way.
import { UploadController } from '../src/core/controller.ts';
import '../src/views/queue-view.ts';

const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
/** Resolves after the next frame has been painted (rAF runs before paint; a task after it, after). */
const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/**
 * Cheap files, made once per page: each File is registered with the browser process, so 10,000
 * of them take seconds to create, which is the picker's cost, not the queue's (and not timed).
 */
const made = new Map();
const files = (n) => {
  if (!made.has(n))
    made.set(
      n,
      Array.from({ length: n }, (_, i) => new File(['x'], `file-${i}.bin`, { type: 'application/octet-stream' })),
    );
  return made.get(n);
};

/** Longest main-thread task and longest frame gap while `work` runs. */
async function watchTasks(work) {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let gap = 0;
  let last = performance.now();
  let watching = true;
  const tick = (now) => {
    gap = Math.max(gap, now - last);
    last = now;
    if (watching) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    await work();
    await nextFrame();
  } finally {
    watching = false;
    // Long tasks are reported a little after they end.
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
  }
  return { longestTask: longest, longestFrameGap: gap };
}

/** Scrolls from top to bottom in `steps` jumps, one per frame (each jump replaces every row). */
async function scrollThrough(scroller, steps) {
  scroller.scrollTop = 0;
  await nextFrame();
  const end = scroller.scrollHeight - scroller.clientHeight;
  for (let i = 1; i <= steps; i++) {
    scroller.scrollTop = (end * i) / steps;
    await nextFrame();
  }
}

function frame() {
  document.body.replaceChildren();
  const box = document.createElement('div');
  box.className = 'frame';
  document.body.append(box);
  return box;
}

window.queueBench = {
  /** The widget's queue: a controller holding the files in preBatch (no network), the view on it. */
  async widget(n, steps) {
    const release = [];
    const controller = new UploadController({
      cloudName: 'bench',
      uploadPreset: 'bench',
      uploadPrefix: 'http://127.0.0.1:9',
      preBatch: (cb) => void release.push(cb),
      hookTimeout: 600_000,
    });
    const queue = document.createElement('uw-queue');
    queue.controller = controller;
    controller.subscribe(() => queue.revision++);
    frame().append(queue);
    await queue.updateComplete;
    await painted();
    const batch = files(n);

    const t0 = performance.now();
    void controller.addFiles(batch);
    await queue.updateComplete;
    await painted();
    const firstPaint = performance.now() - t0;
    const rows = queue.shadowRoot.querySelectorAll('li').length;

    // The queue's own render time per update, which the machine's other load does not inflate.
    let longestRender = 0;
    const update = queue.update;
    queue.update = function (changed) {
      const t = performance.now();
      update.call(this, changed);
      longestRender = Math.max(longestRender, performance.now() - t);
    };
    const scroller = queue.shadowRoot.querySelector('.scroller');
    const scroll = await watchTasks(() => scrollThrough(scroller, steps));
    queue.update = update;
    const rowsAtEnd = queue.shadowRoot.querySelectorAll('li').length;
    const lastShown = queue.shadowRoot.querySelector('li:last-of-type .name')?.textContent;
    for (const cb of release) cb({ cancel: true });
    return { firstPaint, rows, rowsAtEnd, lastShown, longestRender, ...scroll };
  },

  /** The naive alternative: every file as a plain <li> (name, size, state) in a scrolling list. */
  async baseline(n, steps) {
    const box = frame();
    const list = document.createElement('ul');
    list.className = 'naive';
    box.append(list);
    await painted();
    const batch = files(n);

    const t0 = performance.now();
    const fragment = document.createDocumentFragment();
    for (const file of batch) {
      const li = document.createElement('li');
      li.textContent = `${file.name} · ${file.size} B · Waiting`;
      fragment.append(li);
    }
    list.append(fragment);
    await painted();
    const firstPaint = performance.now() - t0;
    const rows = list.children.length;
    const scroll = await watchTasks(() => scrollThrough(list, steps));
    return { firstPaint, rows, ...scroll };
  },
};
