import { expect, fixture, html } from '@open-wc/testing';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';
import { bytesOf, deliveredBytes, env, itExcept, pngFile, randomFile, sameBytes, until, nextDomEvent } from './helpers.js';
// The queue's view is a lazy part: defined up front, so these tests read its rows without racing its load.
import '../../src/views/queue-view.js';

async function modal(extra: Record<string, unknown> = {}): Promise<UploadWidget> {
  const el = await fixture<UploadWidget>(html`<upload-widget></upload-widget>`);
  el.options = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server, ...extra };
  await el.updateComplete;
  return el;
}

describe('display options', () => {
  it('autoMinimize minimizes the modal when uploading starts', async () => {
    const el = await modal({ autoMinimize: true });
    el.open();
    await el.updateComplete;
    const changes: string[] = [];
    el.addEventListener('display-changed', (e) => changes.push((e as CustomEvent).detail));
    const end = nextDomEvent(el, 'queues-end');
    await el.addFiles([randomFile(1000, 'min.bin')]);
    await end;
    expect(el.isMinimized()).to.equal(true);
    expect(changes).to.deep.equal(['minimized']);
    el.close({ quiet: true });
  });

  it('singleUploadAutoClose closes a single-file modal after its upload succeeds', async () => {
    const el = await modal({ multiple: false });
    el.open();
    await el.updateComplete;
    const closed = nextDomEvent(el, 'close');
    await el.addFiles([randomFile(1000, 'single.bin')]);
    await closed;
    expect(el.isShowing()).to.equal(false);
  });

  it('show-completed reports the finished items with their uploadInfo', async () => {
    const el = await modal({ showCompletedButton: true });
    el.open();
    const end = nextDomEvent(el, 'queues-end');
    await el.addFiles([randomFile(500, 'done-1.bin'), randomFile(500, 'done-2.bin')]);
    await end;
    await el.updateComplete;
    const queue = el.shadowRoot!.querySelector('uw-queue')!;
    await queue.updateComplete;
    const button = [...queue.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Show completed')!;
    const shown = nextDomEvent<{ items: Array<{ name: string; uploadInfo: { secure_url: string } }> }>(el, 'show-completed');
    button.click();
    const { items } = await shown;
    expect(items.map((i) => i.name)).to.deep.equal(['done-1.bin', 'done-2.bin']);
    expect(items[0].uploadInfo.secure_url).to.match(/^http/);
    el.close({ quiet: true });
  });

  it('thumbnails renders each uploaded image into the page container, from a thumbnail the server delivers', async () => {
    const container = document.createElement('div');
    container.id = 'thumbs-under-test';
    document.body.append(container);
    try {
      const el = await modal({ thumbnails: '#thumbs-under-test' });
      const end = nextDomEvent(el, 'queues-end');
      await el.addFiles([await pngFile(300, 200, 'thumb.png'), randomFile(100, 'doc.bin')]);
      await end;
      // The thumbnails part loads on first use.
      const items = () => container.querySelectorAll('ul.uw-thumbnails > li.uw-thumbnail');
      await until(() => items().length === 2, 'both thumbnails');
      // In the order the uploads finished: find each by what it shows.
      const img = container.querySelector('li.uw-thumbnail img') as HTMLImageElement;
      expect(img.alt).to.equal('thumb');
      await until(() => img.complete && img.naturalWidth > 0, 'the thumbnail to load');
      expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([90, 60]);
      expect([...items()].map((i) => i.textContent)).to.include('doc');
      await el.destroy({ removeThumbnails: true });
      expect(container.querySelector('ul.uw-thumbnails')).to.equal(null);
    } finally {
      container.remove();
    }
  });

  it('queueViewPosition places the minimized bar on the side and offset given', async () => {
    const el = await modal({ queueViewPosition: 'left:12px' });
    el.open();
    await el.updateComplete;
    el.minimize();
    await el.updateComplete;
    const bar = el.shadowRoot!.querySelector('[part=minimized]') as HTMLElement;
    const box = bar.getBoundingClientRect();
    expect(Math.round(box.left)).to.equal(12);
    el.close({ quiet: true });
  });

  itExcept(
    { firefox: 'a scripted ClipboardEvent reaches Firefox with an empty clipboardData' },
    'pasting a file while the widget is open uploads it',
    async () => {
      const el = await modal();
      el.open();
      await el.updateComplete;
      const file = await pngFile(12, 12, 'clipboard.png');
      const transfer = new DataTransfer();
      transfer.items.add(file);
      const success = nextDomEvent<{ secure_url: string; width: number }>(el, 'success');
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      const info = await success;
      expect(info.width).to.equal(12);
      expect(sameBytes(await deliveredBytes(info.secure_url), await bytesOf(file))).to.equal(true);
      el.close({ quiet: true });
    },
  );

  it('a closed widget ignores pastes', async () => {
    const el = await modal();
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'ignored.txt', { type: 'text/plain' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    await el.updateComplete;
    expect(el.items.length).to.equal(0);
  });
});

describe('closing while files upload', () => {
  it('asks first; "Keep open" keeps it, close({quiet}) closes and the uploads go on', async () => {
    let release: () => void = () => undefined;
    const el = await modal({ preBatch: (cb: () => void) => void (release = cb) });
    el.open();
    await el.updateComplete;
    void el.addFiles([randomFile(2000, 'still-going.bin')]);
    await until(() => el.items.length === 1, 'the file in the queue');
    el.close();
    await el.updateComplete;
    expect(el.isShowing()).to.equal(true);
    const prompt = el.shadowRoot!.querySelector('[role=alertdialog]')!;
    expect(prompt.textContent).to.contain('Files are still uploading');
    const keep = [...prompt.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Keep open')!;
    keep.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alertdialog]')).to.equal(null);
    expect(el.isShowing()).to.equal(true);
    const success = nextDomEvent<{ original_filename: string }>(el, 'success');
    el.close({ quiet: true });
    expect(el.isShowing()).to.equal(false);
    release();
    expect((await success).original_filename).to.equal('still-going');
  });
});
