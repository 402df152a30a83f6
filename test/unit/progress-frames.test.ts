// Progress is drawn and told once per frame: the element renders once per frame however many
// store changes come between, its form validity follows the queue at once, and `upload-progress`
// reaches the page once per file per frame with its last value, before any other event. While the
// engine is busy its changes are drawn at most every PACE_MS, but a person's key or click is
// answered at the next frame, and `updateComplete` waits for what is paced.
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/index.js';
import type { UploadWidget } from '../../src/upload-widget.js';
import type { UploadController } from '../../src/core/controller.js';
import { ProgressEvents } from '../../src/element/progress-events.js';
import { PACE_MS } from '../../src/element/store-controller.js';
import type { EngineEventMap } from '../../src/core/engine-events.js';
import { env, randomFile, until } from './helpers.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('progress once per frame', () => {
  it('files added: their first request leaves before the queue view is built, which waits for the frame that paints it', async () => {
    const make = () =>
      fixture<UploadWidget>(html`<upload-widget cloud-name=${env.cloudName} upload-preset="demo_unsigned" upload-prefix=${env.server}></upload-widget>`);
    // A first widget's upload loads the uploader and the queue's view (modules of their own here).
    const first = await make();
    first.open();
    await first.addFiles([randomFile(1000, 'warm.bin')]);
    await until(() => first.items[0]?.status === 'done' && customElements.get('uw-queue'), 'the first file uploaded');
    const el = await make();
    el.open();
    await el.updateComplete;
    const order: string[] = [];
    const watch = new MutationObserver(() => {
      if (el.shadowRoot!.querySelector('uw-queue') && !order.includes('queue built')) order.push('queue built');
    });
    watch.observe(el.shadowRoot!, { childList: true, subtree: true });
    const send = sinon.stub(XMLHttpRequest.prototype, 'send').callsFake(function (this: XMLHttpRequest, body) {
      if (!order.includes('request sent')) order.push('request sent');
      return send.wrappedMethod.call(this, body);
    });
    try {
      void el.addFiles([randomFile(1000, 'b.bin')]);
      // Every microtask of the task that added the file: the view is not built in it.
      for (let i = 0; i < 100; i++) await null;
      expect(Boolean(el.shadowRoot!.querySelector('uw-queue')), 'the queue view built in the adding task').to.equal(false);
      await el.updateComplete;
      await until(() => order.length === 2, 'both happened');
      expect(order).to.deep.equal(['request sent', 'queue built']);
    } finally {
      send.restore();
      watch.disconnect();
    }
    await until(() => el.items[0]?.status === 'done', 'the second file uploaded');
  });

  it('the element renders once per frame however many changes come between, and its form validity does not wait for it', async () => {
    const el = await fixture<UploadWidget>(
      html`<upload-widget name="f" required cloud-name=${env.cloudName} upload-preset="demo_unsigned" upload-prefix=${env.server}></upload-widget>`,
    );
    // Held by the hook: the file stays queued while the test moves it.
    el.options = { preBatch: () => {}, hookTimeout: 600_000 };
    await el.updateComplete;
    void el.addFiles([randomFile(1000, 'a.bin')]);
    await until(() => el.items.length === 1, 'the file queued');
    await el.updateComplete;
    expect(el.validity.customError, 'a file in the queue: the form waits, at once').to.equal(true);
    const { store } = (el as unknown as { controller: UploadController }).controller;
    const render = sinon.spy(el, 'render');
    try {
      const id = el.items[0].id;
      for (let sent = 1; sent <= 100; sent++) store.patch(id, { uploadedBytes: sent });
      store.patch(id, { status: 'paused' });
      store.patch(id, { status: 'queued' });
      expect(render.callCount, 'no render per change').to.equal(0);
      await el.updateComplete;
      expect(render.callCount, 'one render for the frame').to.equal(1);
      await nextFrame();
      await nextFrame();
      expect(render.callCount).to.equal(1);
    } finally {
      render.restore();
    }
  });

  it('a busy engine is drawn at most every PACE_MS; a key press in the widget is answered at the next frame; updateComplete waits for the paced draw', async () => {
    const el = await fixture<UploadWidget>(
      html`<upload-widget cloud-name=${env.cloudName} upload-preset="demo_unsigned" upload-prefix=${env.server}></upload-widget>`,
    );
    el.options = { preBatch: () => {}, hookTimeout: 600_000 };
    await el.updateComplete;
    void el.addFiles([randomFile(1000, 'a.bin')]);
    await until(() => el.items.length === 1, 'the file queued');
    await el.updateComplete;
    const { store } = (el as unknown as { controller: UploadController }).controller;
    const id = el.items[0].id;
    const render = sinon.spy(el, 'render');
    try {
      // A change every 10 ms for 6 paces: drawn during (not only at the end), never more often than the pace.
      let sent = 0;
      const started = performance.now();
      while (performance.now() - started < 6 * PACE_MS) {
        store.patch(id, { uploadedBytes: ++sent });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const elapsed = performance.now() - started;
      expect(sent, 'many changes').to.be.greaterThan(20);
      expect(render.callCount, 'drawn while busy').to.be.at.least(3);
      expect(render.callCount, 'at most once per pace').to.be.at.most(Math.ceil(elapsed / PACE_MS) + 1);

      // updateComplete shows every change made before it, paced or not.
      store.patch(id, { uploadedBytes: ++sent });
      const before = render.callCount;
      await el.updateComplete;
      expect(render.callCount, 'updateComplete waited for the paced draw').to.equal(before + 1);

      // A person's key press: the next change is drawn at the next frame, not a pace later.
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, composed: true }));
      const pressed = render.callCount;
      store.patch(id, { uploadedBytes: ++sent });
      await nextFrame();
      await nextFrame();
      expect(render.callCount, 'answered within a frame or two').to.equal(pressed + 1);
    } finally {
      render.restore();
    }
  });

  it('upload-progress: one per file per frame with its last value; flushed before another event', async () => {
    const sent: Array<EngineEventMap['upload-progress']> = [];
    const events = new ProgressEvents((d) => sent.push(d));
    const progress = (id: string, loaded: number) => ({ id, loaded, total: 100, progress: loaded });
    for (let n = 1; n <= 50; n++) {
      events.add(progress('a', n));
      events.add(progress('b', Math.min(100, n * 2)));
    }
    expect(sent).to.deep.equal([]);
    await nextFrame();
    await nextFrame();
    expect(sent).to.deep.equal([progress('a', 50), progress('b', 100)]);
    events.add(progress('a', 99));
    events.add(progress('a', 100));
    events.flush();
    expect(sent.at(-1)).to.deep.equal(progress('a', 100));
    await nextFrame();
    await nextFrame();
    expect(sent.length, 'nothing more at the frame').to.equal(3);
  });
});
