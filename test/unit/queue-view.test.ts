import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UploadController } from '../../src/core/controller.js';
import type { QueueItem } from '../../src/core/types.js';
import { ROW_HEIGHT, actionsFor } from '../../src/views/queue-row.js';
import '../../src/views/queue-view.js';
import { assignSlots, type QueueView } from '../../src/views/queue-view.js';
import {
  bytesOf,
  deliveredBytes,
  lastSeq,
  makeController,
  nextEvent,
  pngFile,
  randomFile,
  sameBytes,
  recordDetails,
  serverRequests,
  settled,
  until,
} from './helpers.js';
import type { WidgetOptions } from '../../src/options.js';

/**
 * A controller whose batches wait in preBatch until the test lets them go (or cancels them at
 * the end), so items stay put without mocking the network.
 */
function heldController(options: Partial<WidgetOptions> = {}) {
  type Answer = { cancel?: boolean } | undefined;
  const waiting: Array<(answer?: Answer) => void> = [];
  // Until the test decides, batches wait; after, batches (even ones not asked yet) get its answer.
  let decided: { answer: Answer } | undefined;
  const { controller } = makeController({
    preBatch: (callback) => {
      if (decided) callback(decided.answer);
      else waiting.push(callback);
    },
    hookTimeout: 600_000,
    ...options,
  });
  const decide = (answer: Answer) => {
    decided = { answer };
    for (const go of waiting.splice(0)) go(answer);
  };
  return {
    controller,
    /** Lets every batch upload. */
    release: () => decide(undefined),
    /** Cancels every batch, so nothing is left pending after the test. */
    cancel: () => decide({ cancel: true }),
  };
}

/** The view on a controller's store, given its new state on every change as the element does it. */
async function mount(controller: UploadController, extra: Partial<QueueView> = {}) {
  const el = await fixture<QueueView>(html`<uw-queue .items=${controller.items}></uw-queue>`);
  Object.assign(el, extra);
  const off = controller.subscribe(() => {
    const { items, offline, totals } = controller.store.state;
    Object.assign(el, { items, offline, totals });
  });
  await el.updateComplete;
  return { el, off };
}

const root = (el: QueueView) => el.shadowRoot!;
const rows = (el: QueueView) => [...root(el).querySelectorAll<HTMLLIElement>('li[data-id]')];
const rowOf = (el: QueueView, item: QueueItem) => root(el).querySelector<HTMLLIElement>(`li[data-id="${item.id}"]`);
const totalLine = (el: QueueView) => root(el).querySelector('[part=queue-header] .count')!.textContent!.replace(/\s+/g, ' ').trim();
const focusedButton = (el: QueueView) => root(el).activeElement as HTMLButtonElement | null;
const scrollerOf = (el: QueueView) => root(el).querySelector<HTMLElement>('.scroller')!;

/** Cheap files: one byte each. */
const manyFiles = (n: number, name = (i: number) => `file-${i}.bin`) =>
  Array.from({ length: n }, (_, i) => new File(['x'], name(i), { type: 'application/octet-stream' }));

describe('<uw-queue> with ten thousand files', () => {
  it('leaves nothing behind in the list as rows come and go while scrolling (lit/lit#5298)', async () => {
    const { controller, cancel } = heldController();
    const { el, off } = await mount(controller);
    try {
      void controller.addFiles(manyFiles(10_000));
      await el.updateComplete;
      const scroller = scrollerOf(el);
      const list = root(el).querySelector('ul')!;
      // Far jumps: every row is replaced each time.
      for (let i = 1; i <= 60; i++) {
        scroller.scrollTop = (scroller.scrollHeight * i) / 60;
        await settled(el);
      }
      // A row is its <li> between two markers; the list has one marker and two text nodes of its own.
      expect(list.childNodes.length).to.be.at.most(3 * rows(el).length + 3);
    } finally {
      off();
      cancel();
    }
  });

  it('keeps fewer than 100 rows in the DOM and shows the last file when scrolled to the end', async () => {
    const { controller, cancel } = heldController();
    const { el, off } = await mount(controller);
    try {
      void controller.addFiles(manyFiles(10_000));
      await el.updateComplete;
      expect(controller.items).to.have.length(10_000);
      expect(rows(el).length).to.be.greaterThan(3).and.lessThan(100);
      expect(rows(el)[0].textContent).to.contain('file-0.bin');
      expect(rows(el)[0].getAttribute('aria-setsize')).to.equal('10000');
      expect(totalLine(el)).to.equal('0 of 10000 uploaded');

      const scroller = scrollerOf(el);
      expect(scroller.scrollHeight).to.be.greaterThan(10_000 * 50); // the spacer stands for every row
      scroller.scrollTop = scroller.scrollHeight;
      await settled(el);
      expect(rows(el).length).to.be.lessThan(100);
      const last = rows(el).at(-1)!;
      expect(last.textContent).to.contain('file-9999.bin');
      expect(last.getAttribute('aria-posinset')).to.equal('10000');
      // The last row is inside the scroller's visible box, not just in the DOM.
      const box = scroller.getBoundingClientRect();
      const lastBox = last.getBoundingClientRect();
      expect(lastBox.bottom).to.be.at.most(box.bottom + 1);
      expect(lastBox.top).to.be.at.least(box.top - 1);
    } finally {
      off();
      cancel();
      controller.abort();
    }
  });

  it('is one Tab stop: arrow keys, Page Down, Home and End move between rows, and focus survives scrolling', async () => {
    const { controller, cancel } = heldController();
    const { el, off } = await mount(controller);
    try {
      void controller.addFiles(manyFiles(10_000));
      await el.updateComplete;
      // Only one button of the whole list is in the Tab order.
      const tabbable = [...root(el).querySelectorAll<HTMLButtonElement>('li button')].filter((b) => b.tabIndex === 0);
      expect(tabbable.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Cancel: file-0.bin']);
      tabbable[0].focus();
      await sendKeys({ press: 'ArrowDown' });
      await settled(el);
      expect(focusedButton(el)!.getAttribute('aria-label')).to.equal('Cancel: file-1.bin');
      await sendKeys({ press: 'End' });
      await settled(el);
      expect(focusedButton(el)!.getAttribute('aria-label')).to.equal('Cancel: file-9999.bin');
      expect(rows(el).length).to.be.lessThan(100);
      const scroller = scrollerOf(el);
      const box = scroller.getBoundingClientRect();
      const focusedBox = focusedButton(el)!.getBoundingClientRect();
      expect(focusedBox.bottom).to.be.at.most(box.bottom + 1);
      await sendKeys({ press: 'Home' });
      await settled(el);
      expect(scroller.scrollTop).to.equal(0);
      expect(focusedButton(el)!.getAttribute('aria-label')).to.equal('Cancel: file-0.bin');
      for (let i = 0; i < 3; i++) {
        await sendKeys({ press: 'PageDown' });
        await settled(el);
      }
      expect(scroller.scrollTop).to.be.greaterThan(0);
      const paged = focusedButton(el)!;
      expect(Number(/file-(\d+)/.exec(paged.getAttribute('aria-label')!)![1])).to.be.within(6, 30);
      // The list keeps one Tab stop: the button last focused.
      expect([...root(el).querySelectorAll<HTMLButtonElement>('li button')].filter((b) => b.tabIndex === 0)).to.deep.equal([paged]);
      // The focused row survives being scrolled far away, so focus is not dropped to the page.
      scroller.scrollTop = scroller.scrollHeight;
      await settled(el);
      expect(focusedButton(el)).to.equal(paged);
      expect(rows(el).length).to.be.lessThan(100);
    } finally {
      off();
      cancel();
      controller.abort();
    }
  });
});

describe('<uw-queue> recycling rows', () => {
  it('assigns slots: rows that stay keep theirs, rows that come take those that went', () => {
    const previous = assignSlots(['a', 'b', 'c'], new Map());
    expect([...previous]).to.deep.equal([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    // A far jump: every row new, the slots in the order they stood.
    expect([...assignSlots(['x', 'y', 'z'], previous).values()]).to.deep.equal([0, 1, 2]);
    // One row down: b and c stay, d takes a's slot.
    expect([...assignSlots(['b', 'c', 'd'], previous)]).to.deep.equal([
      ['b', 1],
      ['c', 2],
      ['d', 0],
    ]);
    // Two rows down in a taller window: the slots that went, last first, then new ones.
    expect([...assignSlots(['c', 'd', 'e', 'f'], previous).values()]).to.deep.equal([2, 1, 0, 3]);
    // A focused row pinned first: only the slots that stood after it are reused.
    const withFocus = assignSlots(['a', 'b', 'p', 'c', 'd'], new Map());
    expect([...assignSlots(['p', 'x', 'y', 'z'], withFocus, 'p').values()]).to.deep.equal([2, 3, 4, 5]);
  });

  it('rebinds the same <li>s in place on a far jump, keeps the rows that stay, and a recycled row’s progress fill shows its own file at once', async () => {
    const { controller, cancel } = heldController();
    const { el, off } = await mount(controller);
    try {
      void controller.addFiles(manyFiles(10_000));
      await el.updateComplete;
      const scroller = scrollerOf(el);
      const before = rows(el);
      expect(root(el).querySelectorAll('li .fill').length, 'the held files show progress bars').to.equal(before.length);
      scroller.scrollTop = scroller.scrollHeight / 3;
      await settled(el);
      // Rows built, removed or moved (a moved row is removed and added again) by far jumps: none.
      const churn = new Set<Node>();
      const watch = new MutationObserver((records) => {
        for (const r of records) for (const n of [...r.addedNodes, ...r.removedNodes]) if (n.nodeName === 'LI') churn.add(n);
      });
      watch.observe(root(el).querySelector('ul')!, { childList: true });
      for (let i = 8; i < 16; i++) {
        scroller.scrollTop = (scroller.scrollHeight * i) / 20;
        await settled(el);
      }
      watch.takeRecords();
      watch.disconnect();
      expect(churn.size, 'rows built, moved or removed by far jumps').to.equal(0);
      scroller.scrollTop = scroller.scrollHeight / 2;
      await settled(el);
      const after = rows(el);
      // The middle of the list shows a few more rows than its top (overscan on both sides).
      // Compared as booleans: a failing deep comparison of DOM elements takes the runner minutes to report.
      expect(
        before.every((row, n) => after[n] === row),
        'the same <li> elements, in the same order',
      ).to.equal(true);
      const listTop = root(el).querySelector('ul')!.getBoundingClientRect().top;
      after.forEach((row, n) => {
        const index = Number(row.getAttribute('aria-posinset')) - 1;
        // In order, showing its own file, placed at its own index.
        if (n) expect(index).to.equal(Number(after[n - 1].getAttribute('aria-posinset')));
        expect(row.querySelector('.name')!.textContent).to.equal(`file-${index}.bin`);
        expect(row.dataset.id).to.equal(controller.items[index].id);
        expect(row.getBoundingClientRect().top - listTop).to.be.closeTo(index * row.getBoundingClientRect().height, 1);
      });
      // Its own file's fraction, at once: no transition that would slide from the last file's.
      for (const fill of root(el).querySelectorAll<HTMLElement>('li .fill')) {
        expect(getComputedStyle(fill).transitionDuration).to.equal('0s');
        expect(fill.style.getPropertyValue('--uw-fraction')).to.equal('0');
      }

      const shown = new Map(after.map((row) => [row.dataset.id, row]));
      scroller.scrollTop += ROW_HEIGHT;
      await settled(el);
      const stayed = rows(el).filter((row) => shown.get(row.dataset.id) === row);
      expect(stayed.length, 'rows still on screen keep their DOM').to.be.at.least(after.length - 2);
    } finally {
      off();
      cancel();
      controller.abort();
    }
  });

  it('keeps focus on its file through far jumps, short scrolls either way, and a row above it removed', async () => {
    const { controller, cancel } = heldController();
    const { el, off } = await mount(controller);
    try {
      void controller.addFiles(manyFiles(2_000));
      await el.updateComplete;
      const scroller = scrollerOf(el);
      scroller.scrollTop = 300 * ROW_HEIGHT;
      await settled(el);
      const button = rowOf(el, controller.items[305])!.querySelector('button')!;
      button.focus();
      await settled(el);
      expect(focusedButton(el) === button, 'the button has focus').to.equal(true);
      controller.abort(controller.items[301].id);
      controller.remove(controller.items[301].id);
      await settled(el);
      expect(focusedButton(el)!.getAttribute('aria-label')).to.equal('Cancel: file-305.bin');
      // Far away on both sides, back into view, and short scrolls across its edges.
      const tops = [0, 1_900, 10, 296, 298, 301, 304, 308, 312, 320, 290, 286, 200, 1_999, 303];
      for (const row of tops) {
        scroller.scrollTop = row * ROW_HEIGHT;
        await settled(el);
        // The same element, still showing file 305 (compared as a boolean: see above).
        expect(focusedButton(el) === button, `focus kept, scrolled to row ${row}`).to.equal(true);
        expect(button.getAttribute('aria-label')).to.equal('Cancel: file-305.bin');
        expect(rows(el).length).to.be.lessThan(100);
      }
    } finally {
      off();
      cancel();
      controller.abort();
    }
  });
});

describe('<uw-queue> rows', () => {
  it('decodes a small preview for an image row and shows a type icon for other files', async () => {
    const { controller, cancel } = heldController();
    const { el, off } = await mount(controller);
    try {
      const png = await pngFile(800, 300, 'wide.png');
      void controller.addFiles([png, randomFile(100, 'report.pdf', 'application/pdf'), randomFile(100, 'blob.bin')]);
      const [image, pdf, bin] = controller.items;
      await until(() => !!rowOf(el, image)?.querySelector('canvas'), 'the preview of wide.png');
      const canvas = rowOf(el, image)!.querySelector('canvas')!;
      // The whole picture in its shape, its long side at most 2× the 52 px thumbnail: not the 800 px original.
      expect(canvas.width).to.be.within(52, 104);
      expect(canvas.width / canvas.height).to.be.closeTo(800 / 300, 0.1);
      // Shown letterboxed in the square box: as wide as the box, less tall, in the picture's shape.
      const shown = canvas.getBoundingClientRect();
      expect(shown.width / shown.height).to.be.closeTo(800 / 300, 0.1);
      expect(shown.height).to.be.lessThan(shown.width);
      const [r, , b, a] = canvas.getContext('2d')!.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
      expect(a).to.equal(255);
      expect(r + b).to.be.greaterThan(200); // the gradient, red to blue
      expect(rowOf(el, image)!.querySelector('.file-icon')).to.equal(null);

      expect(rowOf(el, pdf)!.querySelector('canvas')).to.equal(null);
      expect(rowOf(el, pdf)!.querySelector('.file-icon')!.getAttribute('data-family')).to.equal('document');
      expect(rowOf(el, pdf)!.querySelector('.file-icon text')!.textContent).to.equal('PDF');
      expect(rowOf(el, bin)!.querySelector('.file-icon')!.getAttribute('data-family')).to.equal('other');
    } finally {
      off();
      cancel();
      controller.abort();
    }
  });

  it('decodes previews only for rows on screen and closes them when the rows scroll away', async () => {
    const { controller, cancel } = heldController();
    // Every bitmap painted on a canvas is a preview the view showed.
    const painted = new Set<ImageBitmap>();
    const drawImage = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (args[0] instanceof ImageBitmap) painted.add(args[0]);
      return (drawImage as (...a: unknown[]) => void).apply(this, args);
    } as typeof drawImage;
    const { el, off } = await mount(controller);
    try {
      const png = await pngFile(200, 200, 'a.png');
      const images = Array.from({ length: 2000 }, (_, i) => new File([png], `image-${i}.png`, { type: 'image/png' }));
      void controller.addFiles(images);
      await settled(el);
      await until(() => root(el).querySelectorAll('canvas').length === rows(el).length, 'previews of the rows on screen');
      const shown = rows(el).length;
      const firstScreen = [...painted];
      expect(firstScreen).to.have.length(shown);
      expect(firstScreen.every((b) => b.width > 0)).to.equal(true);

      const scroller = scrollerOf(el);
      scroller.scrollTop = scroller.scrollHeight;
      await settled(el);
      // A closed ImageBitmap reports a width of 0: the first screen's previews were released.
      expect(firstScreen.filter((b) => b.width > 0)).to.have.length(0);
      await until(() => root(el).querySelectorAll('canvas').length === rows(el).length, 'previews at the end');
      expect(rows(el).at(-1)!.textContent).to.contain('image-1999.png');
      // Only the two screens were decoded, not the 1,996 rows scrolled past.
      expect(painted.size).to.be.at.most(2 * shown);
    } finally {
      CanvasRenderingContext2D.prototype.drawImage = drawImage;
      off();
      cancel();
      controller.abort();
    }
  });

  it('offers the actions each state allows and sends them as item-action intents', async () => {
    const { controller, cancel } = heldController();
    const { el, off } = await mount(controller);
    const intents = recordDetails(el, 'item-action');
    try {
      void controller.addFiles(manyFiles(3, (i) => `s${i}.bin`));
      await el.updateComplete;
      const [waiting, paused, aborted] = controller.items;
      controller.pause(paused.id);
      controller.abort(aborted.id);
      await el.updateComplete;
      const actions = (item: QueueItem) => [...rowOf(el, item)!.querySelectorAll('button')].map((b) => b.getAttribute('data-action'));
      expect(actions(waiting)).to.deep.equal(['abort']);
      expect(actions(paused)).to.deep.equal(['resume', 'abort']);
      expect(actions(aborted)).to.deep.equal(['retry', 'remove']);
      expect(actionsFor('uploading')).to.deep.equal(['pause', 'abort']);
      expect(actionsFor('done')).to.deep.equal(['remove']);
      expect(actionsFor('refused')).to.deep.equal(['remove']);
      // A file the server refused for its content is not offered again.
      expect(actionsFor('failed', true, true)).to.deep.equal(['remove']);

      const click = (item: QueueItem, action: string) => rowOf(el, item)!.querySelector<HTMLButtonElement>(`button[data-action=${action}]`)!.click();
      click(waiting, 'abort');
      click(paused, 'resume');
      click(aborted, 'retry');
      click(aborted, 'remove');
      expect(intents).to.deep.equal([
        { action: 'abort', id: waiting.id },
        { action: 'resume', id: paused.id },
        { action: 'retry', id: aborted.id },
        { action: 'remove', id: aborted.id },
      ]);
      // The view sends intents only: nothing changed in the store.
      expect(controller.store.get(waiting.id)!.status).to.equal('preparing');
      expect(controller.store.get(paused.id)!.status).to.equal('paused');
    } finally {
      off();
      cancel();
      controller.abort();
    }
  });

  it('shows why a file failed or was refused, and offers Retry failed and Cancel all for everything', async () => {
    const { controller } = makeController({
      maxFileSize: 50,
      preBatch: () => {
        throw new Error('the page said no');
      },
    });
    const { el, off } = await mount(controller);
    const intents = recordDetails(el, 'item-action');
    try {
      const [failed, refused] = await controller.addFiles([randomFile(10, 'small.bin'), randomFile(100, 'big.bin')]);
      await el.updateComplete;
      expect(failed.status).to.equal('failed');
      expect(refused.status).to.equal('refused');
      expect(rowOf(el, failed)!.querySelector('.reason')!.textContent).to.contain('the page said no');
      expect(rowOf(el, refused)!.querySelector('.reason')!.textContent).to.equal(refused.error);
      expect(refused.error).to.be.a('string').and.not.empty;
      expect(totalLine(el)).to.equal('0 of 2 uploaded . 1 failed: show only these . 1 not allowed');
      // A failed row says so with its badge and keeps the full reason readable.
      expect(rowOf(el, failed)!.querySelector('.badge')).to.not.equal(null);
      expect(rowOf(el, failed)!.querySelector('.reason')!.getAttribute('title')).to.contain('the page said no');
      expect(rowOf(el, failed)!.querySelector('[role=progressbar]')).to.equal(null);

      const bulk = (name: string) => root(el).querySelector<HTMLButtonElement>(`button[data-action=${name}]`);
      expect(bulk('abort-all')).to.equal(null); // nothing left to abort
      bulk('retry-all')!.click();
      expect(intents).to.deep.equal([{ action: 'retry', id: undefined }]);

      // With something still going, Cancel all appears and means every item.
      const held = heldController();
      const second = await mount(held.controller);
      const secondIntents = recordDetails(second.el, 'item-action');
      void held.controller.addFiles(manyFiles(2));
      await second.el.updateComplete;
      root(second.el).querySelector<HTMLButtonElement>('button[data-action=abort-all]')!.click();
      expect(secondIntents).to.deep.equal([{ action: 'abort', id: undefined }]);
      second.off();
      held.cancel();
    } finally {
      off();
    }
  });
});

describe('<uw-queue> uploading for real', () => {
  it('counts the batch from "0 of 3 uploaded" to "3 of 3 uploaded" with a total bar; rows reach done and the server holds the bytes', async () => {
    const since = await lastSeq();
    const { controller, release } = heldController({ maxConcurrentUploads: 2 });
    const { el, off } = await mount(controller, { showUploadMore: true, showCompleted: true });
    const moreIntents = recordDetails(el, 'upload-more');
    const completedIntents = recordDetails(el, 'show-completed');
    try {
      const files = [randomFile(3000, 'one.bin', undefined, 1), randomFile(70_000, 'two.bin', undefined, 2), await pngFile(64, 48, 'three.png')];
      const added = controller.addFiles(files);
      await el.updateComplete;
      expect(totalLine(el)).to.equal('0 of 3 uploaded');
      const total = root(el).querySelector('[part=queue-header] [role=progressbar]')!;
      expect(total.getAttribute('aria-valuenow')).to.equal('0');
      expect(root(el).querySelector('.stats')!.textContent).to.match(/^0% · 0 bytes of 7\d\.\d kB/);
      // Show completed waits for something completed; Upload more is there from the start.
      expect(root(el).querySelector('button[data-action=show-completed]')).to.equal(null);
      root(el).querySelector<HTMLButtonElement>('button[data-action=upload-more]')!.click();
      expect(moreIntents).to.have.length(1);

      const end = nextEvent(controller, 'queues-end');
      release();
      await added;
      await end;
      await el.updateComplete;
      expect(totalLine(el)).to.equal('3 of 3 uploaded');
      // Done: no total bar, a check per row instead of a full bar.
      expect(root(el).querySelector('[part=queue-header] [role=progressbar]')).to.equal(null);
      for (const item of controller.items) {
        const row = rowOf(el, item)!;
        expect(row.getAttribute('data-status')).to.equal('done');
        expect(row.querySelector('[role=progressbar]')).to.equal(null);
        expect(row.querySelector('.badge')).to.not.equal(null);
        expect([...row.querySelectorAll('button')].map((b) => b.getAttribute('data-action'))).to.deep.equal(['remove']);
      }
      const requests = (await serverRequests(since)).filter((r) => r.method === 'POST');
      expect(requests.map((r) => r.fileName).sort()).to.deep.equal(['one.bin', 'three.png', 'two.bin']);
      for (const [i, item] of controller.items.entries()) {
        const stored = await deliveredBytes(item.uploadInfo!.secure_url as string);
        expect(sameBytes(stored, await bytesOf(files[i])), `${item.name} byte for byte`).to.equal(true);
      }
      root(el).querySelector<HTMLButtonElement>('button[data-action=show-completed]')!.click();
      expect(completedIntents).to.have.length(1);
    } finally {
      off();
    }
  });
});

describe('<uw-queue> given items', () => {
  it('renders exactly the items it is given: it reads no store of its own', async () => {
    const { controller, cancel } = heldController();
    void controller.addFiles(manyFiles(2));
    const before = controller.items;
    const el = await fixture<QueueView>(html`<uw-queue .items=${before}></uw-queue>`);
    expect(rows(el).map((r) => r.querySelector('.name')!.textContent)).to.deep.equal(['file-0.bin', 'file-1.bin']);
    void controller.addFiles(manyFiles(1, () => 'later.bin'));
    await until(() => controller.items.length === 3, 'the third file in the store');
    await el.updateComplete;
    // The store moved on; the view shows what it was given until it is given the new state.
    expect(rows(el)).to.have.length(2);
    el.items = controller.items;
    await el.updateComplete;
    expect(rows(el)).to.have.length(3);
    cancel();
  });
});
