import { expect } from '@open-wc/testing';
import { QueueStore } from '../../src/core/store.js';
import { totalsOf } from '../../src/core/totals.js';
import type { QueueItem } from '../../src/core/types.js';
import { makeController, nextEvent, randomFile } from './helpers.js';

const item = (id: string, status: QueueItem['status'] = 'queued'): QueueItem => ({
  id,
  batchId: 'b',
  source: new File(['x'], `${id}.bin`),
  name: `${id}.bin`,
  size: 1,
  type: '',
  kind: 'raw',
  status,
  uploadedBytes: 0,
  totalBytes: 1,
  retries: 0,
  overrides: { tags: ['a'] },
});

/** Everything a state holds, as plain data, to compare later (the File is compared by identity). */
const copyOf = (items: readonly QueueItem[]) => items.map((i) => ({ ...i, overrides: JSON.parse(JSON.stringify(i.overrides)) }));

describe('QueueStore: items replaced, never changed', () => {
  it('totals are read without the list: the same frozen object until a change, then the new counts (and the state holds that object)', () => {
    const store = new QueueStore();
    store.add([item('a'), item('b')]);
    const totals = store.totals;
    expect(Object.isFrozen(totals)).to.equal(true);
    expect(store.totals, 'unchanged: the same object').to.equal(totals);
    expect(totals).to.deep.equal(totalsOf(store.state.items));
    store.patch('a', { status: 'done', uploadedBytes: 1 });
    expect(store.totals).to.not.equal(totals);
    expect(store.totals).to.deep.equal(totalsOf(store.state.items));
    expect(store.state.totals).to.equal(store.totals);
  });

  it('replaces only the patched item; the others and the old state stay as they were', () => {
    const store = new QueueStore();
    store.add([item('a'), item('b')]);
    const before = store.state;
    const [a, b] = before.items;
    const patched = store.patch('a', { status: 'uploading', uploadedBytes: 1 })!;
    const after = store.state;
    expect(after).to.not.equal(before);
    expect(after.items).to.not.equal(before.items);
    expect(after.items[0]).to.equal(patched);
    expect(after.items[1]).to.equal(b);
    expect(a.status).to.equal('queued');
    expect(before.items[0]).to.equal(a);
    expect(store.count('queued')).to.equal(1);
    expect(store.count('uploading')).to.equal(1);
  });

  it('hands out frozen items, lists and states: writing to them throws', () => {
    const store = new QueueStore();
    store.add([item('a')]);
    const { items } = store.state;
    expect(Object.isFrozen(store.state)).to.equal(true);
    expect(Object.isFrozen(items)).to.equal(true);
    expect(Object.isFrozen(items[0])).to.equal(true);
    expect(Object.isFrozen(items[0].overrides)).to.equal(true);
    expect(() => {
      (items[0] as { status: string }).status = 'done';
    }).to.throw(TypeError);
    expect(() => (items as QueueItem[]).push(item('x'))).to.throw(TypeError);
    expect(store.count('done')).to.equal(0);
  });

  it('copies the list once per read after changes, not once per change', () => {
    const store = new QueueStore();
    store.add([item('a')]);
    for (let i = 1; i <= 100; i++) store.patch('a', { uploadedBytes: i });
    const state = store.state;
    expect(store.state).to.equal(state);
    expect(state.items[0].uploadedBytes).to.equal(100);
  });

  it('tells listeners once for a batch of changes, and per item outside one', () => {
    const store = new QueueStore();
    store.add([item('a'), item('b')]);
    const heard: Array<string | undefined> = [];
    store.subscribe((changed) => heard.push(changed?.id));
    store.batch(() => {
      store.patch('a', { status: 'paused' });
      store.patch('b', { status: 'paused' });
    });
    store.patch('a', { status: 'queued' });
    expect(heard).to.deep.equal([undefined, 'a']);
  });

  it('keeps the totals as items change, equal to counting the list every time', () => {
    const store = new QueueStore();
    const statuses: Array<QueueItem['status']> = ['queued', 'preparing', 'uploading', 'paused', 'done', 'failed', 'aborted', 'refused', 'cancelled'];
    store.add(Array.from({ length: 40 }, (_, i) => ({ ...item(`i${i}`), size: 100 + i, totalBytes: 100 + i })));
    // A fixed pseudo-random walk through statuses, progress and removals.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let step = 0; step < 500; step++) {
      const { items } = store.state;
      const target = items[next(items.length)];
      if (step % 97 === 96) store.remove(target.id);
      else store.patch(target.id, { status: statuses[next(statuses.length)], uploadedBytes: next(200), totalBytes: next(3) ? target.totalBytes : 0 });
      expect(store.state.totals).to.deep.equal(totalsOf(store.state.items));
    }
  });

  it('keeps removing and the FIFO of waiting items right', () => {
    const store = new QueueStore();
    store.add([item('a'), item('b', 'paused'), item('c')]);
    expect(store.remove('a')?.id).to.equal('a');
    expect(store.get('c')?.id).to.equal('c');
    expect(store.nextWaiting()?.id).to.equal('c');
    store.patch('b', { status: 'queued' });
    expect(store.nextWaiting()?.id).to.equal('b');
    expect(store.nextWaiting()).to.equal(undefined);
  });
});

describe('UploadController on a frozen store', () => {
  it('uploads a batch without changing anything it handed out', async () => {
    const { controller } = makeController();
    const handedOut: Array<{ items: readonly QueueItem[]; copy: ReturnType<typeof copyOf> }> = [];
    controller.subscribe(() => {
      const { items } = controller.store.state;
      handedOut.push({ items, copy: copyOf(items) });
    });
    const end = nextEvent(controller, 'queues-end');
    const added = await controller.addFiles([randomFile(3000, 'one.bin'), randomFile(4000, 'two.bin')]);
    const { files } = await end;
    expect(files.map((f) => f.status)).to.deep.equal(['success', 'success']);
    // Several states went by (added, queued, uploading, progress, done), each one left as it was.
    expect(handedOut.length).to.be.greaterThan(4);
    for (const { items, copy } of handedOut) expect(copyOf(items)).to.deep.equal(copy);
    // What addFiles returned is a snapshot too: the store has newer items under the same ids.
    expect(added.every((i) => Object.isFrozen(i))).to.equal(true);
    expect(controller.items.map((i) => i.status)).to.deep.equal(['done', 'done']);
    expect(controller.items.map((i) => i.id)).to.deep.equal(added.map((i) => i.id));
  });
});

describe('QueueStore.move: a person reorders the list', () => {
  it('moves an item (clamped), keeps positions right, leaves the old state as it was, and the waiting line follows', () => {
    const store = new QueueStore();
    store.add([item('a'), item('b'), item('c'), item('d', 'done')]);
    const before = store.state;
    store.move('c', 0);
    expect(store.state.items.map((i) => i.id)).to.deep.equal(['c', 'a', 'b', 'd']);
    expect(
      before.items.map((i) => i.id),
      'the old state',
    ).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(['a', 'b', 'c', 'd'].map((id) => store.position(id))).to.deep.equal([1, 2, 0, 3]);
    store.move('a', 99);
    expect(store.state.items.map((i) => i.id)).to.deep.equal(['c', 'b', 'd', 'a']);
    expect(store.position('missing')).to.equal(-1);
    // Waiting files go in the new order.
    expect([store.nextWaiting()?.id, store.nextWaiting()?.id, store.nextWaiting()?.id, store.nextWaiting()]).to.deep.equal(['c', 'b', 'a', undefined]);
  });
});
