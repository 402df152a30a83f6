// A big batch is announced (upload-added) a slice per task, so the page can draw while thousands
// of files arrive; each file is still announced once, in order, before anything else is said of it,
// and the queue ends after every announcement.
import { expect } from '@open-wc/testing';
import type { Destination } from '../../src/core/destination.js';
import { makeController, nextEvent, randomFile } from './helpers.js';

const files = (count: number) => Array.from({ length: count }, (_, i) => new File([String(i)], `f${i}.txt`, { type: 'text/plain' }));

describe('announcing a big batch', () => {
  it('2,500 files held: each announced once, in order, across tasks; the refused ones’ errors after all; addFiles resolves after the last', async () => {
    const { controller, events } = makeController({ autoUpload: false, maxFileSize: 5 });
    const batch = [...files(2499), randomFile(100, 'too-big.bin')];
    let timerRan = -1;
    setTimeout(() => {
      timerRan = events.length;
    });
    const added = await controller.addFiles(batch);
    expect(added).to.have.length(2500);
    const names = events.map((e) => e.name);
    expect(names.filter((n) => n === 'upload-added')).to.have.length(2500);
    const announced = events.filter((e) => e.name === 'upload-added').map((e) => (e.detail as { file: { name: string } }).file.name);
    expect(announced).to.deep.equal(batch.map((f) => f.name));
    // The page's own timer ran between two slices: the batch did not hold the page for its whole length.
    expect(timerRan, 'events before the page ran again').to.be.greaterThan(0);
    expect(timerRan).to.be.lessThan(2500);
    expect(names.slice(2500)).to.deep.equal(['error']);
  });

  it('files start while the batch is still announced, each after its own upload-added; queues-end comes last', async () => {
    let sent = 0;
    const destination: Destination = {
      upload: async ({ item }) => {
        sent++;
        return { public_id: item.name, version: 1, secure_url: `https://example.com/${encodeURIComponent(item.name)}`, bytes: item.size, resource_type: 'raw' };
      },
    };
    const { controller, events } = makeController({ destination, verifyUploads: false });
    const end = nextEvent(controller, 'queues-end', 60000);
    await controller.addFiles(files(2200));
    await end;
    expect(sent).to.equal(2200);
    const names = events.map((e) => e.name);
    expect(names.indexOf('queues-start'), 'uploads started before the last announcement').to.be.lessThan(names.lastIndexOf('upload-added'));
    const order = new Map<string, number>();
    events.forEach((e, i) => {
      const file = (e.detail as { file?: { id: string } }).file;
      if (e.name === 'upload-added' && file) order.set(file.id, i);
    });
    const late = events.filter((e, i) => e.name === 'success' && !(order.get((e.detail as { id: string }).id)! < i));
    expect(late, 'a success before its upload-added').to.have.length(0);
    expect(names.at(-1)).to.equal('queues-end');
    expect(names.filter((n) => n === 'queues-end')).to.have.length(1);
  });
});
