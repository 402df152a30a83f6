// Frame side of the queue benchmark, bundled by bench/queue.mjs with esbuild straight from src/.
// Each measurement runs in a fresh same-origin <iframe> of the bench page (so nothing of one run
// outlives it: removing the frame frees its controller, views and listeners), while the Files
// live in the parent page, made once per size (bench/queue.mjs says why). Exposes
// window.queueBench in the frame: the virtualized <uw-queue>, and a baseline that renders every
// file as a plain <li>, measured the same way, each in steps so Node can read the heap between.
import { UploadController } from '../src/core/controller.ts';
import '../src/views/queue-view.ts';

/**
 * The one place where the bench wires the store to the view, as the element does: the view gets
 * the store's state (items, offline, totals: replaced, never changed) now and after every change.
 * Returns the unsubscribe function.
 */
function connect(controller, queue) {
  const show = () => {
    const { items, offline, totals } = controller.store.state;
    Object.assign(queue, { items, offline, totals });
  };
  show();
  return controller.subscribe(show);
}

const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
/** Resolves after the next frame has been painted (rAF runs before paint; a task after it, after). */
const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** The parent's Files: the first `n` of them (made there once per size, not timed here). */
const files = (n) => {
  const all = window.parent.benchFiles;
  if (!all || all.length < n) throw new Error(`the bench page holds ${all?.length ?? 0} files, not ${n}`);
  return all.length === n ? all : all.slice(0, n);
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

/** What the current side shows, between its steps (one side per frame). */
let shown;

/** The fields of the review-mode run: every held row has two labelled inputs (taller rows). */
const META_FIELDS = [
  { name: 'alt', label: 'Alt text', required: true },
  { name: 'caption', label: 'Caption' },
];

/** The virtualized queue; `review`: files held for review (autoUpload off) with meta fields and reorder handles. */
const widgetSide = (review) => ({
  /** A controller holding the files (in preBatch, or held for review; no network), the view on it: time to first paint. */
  async add(n) {
    const release = [];
    const controller = new UploadController({
      cloudName: 'bench',
      uploadPreset: 'bench',
      uploadPrefix: 'http://127.0.0.1:9',
      ...(review ? { autoUpload: false, metaFields: META_FIELDS } : { preBatch: (cb) => void release.push(cb), hookTimeout: 600_000 }),
    });
    const queue = document.createElement('uw-queue');
    if (review) Object.assign(queue, { metaFields: META_FIELDS, reorder: true });
    connect(controller, queue);
    frame().append(queue);
    await queue.updateComplete;
    await painted();
    const batch = files(n);

    const t0 = performance.now();
    void controller.addFiles(batch);
    // Until the queue has rows (whether the store tells the view at once or a little later),
    // then until that frame is painted.
    while (!queue.shadowRoot.querySelector('li')) {
      await queue.updateComplete;
      if (queue.shadowRoot.querySelector('li')) break;
      if (performance.now() - t0 > 60_000) throw new Error('no row in the queue 60 s after addFiles: does connect() fit the store API?');
      await new Promise((r) => setTimeout(r, 0));
    }
    await painted();
    const firstPaint = performance.now() - t0;
    const rows = queue.shadowRoot.querySelectorAll('li').length;
    const setSize = Number(queue.shadowRoot.querySelector('li')?.getAttribute('aria-setsize'));
    shown = { queue };
    return { firstPaint, rows, setSize };
  },

  /** Top to bottom in `steps` jumps: the longest task, the longest frame gap, the longest render. */
  async scroll(steps) {
    const { queue } = shown;
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
    return { rowsAtEnd, lastShown, longestRender, ...scroll };
  },
});

window.queueBench = {
  widget: widgetSide(false),
  review: widgetSide(true),

  /** The naive alternative: every file as a plain <li> (name, size, state) in a scrolling list. */
  baseline: {
    async add(n) {
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
      shown = { list };
      return { firstPaint, rows: list.children.length };
    },

    async scroll(steps) {
      const { list } = shown;
      const scroll = await watchTasks(() => scrollThrough(list, steps));
      return { lastShown: list.lastElementChild?.textContent.split(' · ')[0], ...scroll };
    },
  },
};
