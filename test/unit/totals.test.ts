import { expect } from '@open-wc/testing';
import { totalsOf } from '../../src/core/totals.js';
import type { ItemStatus, QueueItem } from '../../src/core/types.js';

const item = (status: ItemStatus, size: number, uploadedBytes = 0): QueueItem =>
  Object.freeze({
    id: status + size,
    batchId: 'b',
    source: 'x',
    name: 'x',
    size,
    type: '',
    kind: 'raw',
    status,
    uploadedBytes,
    totalBytes: 0,
    retries: 0,
    overrides: {},
  });

describe('totalsOf', () => {
  it('counts every picked file, but only the bytes that are going or gone', () => {
    const n = totalsOf([
      item('done', 100),
      item('uploading', 300, 150),
      item('queued', 100),
      item('failed', 1000, 10),
      item('aborted', 50),
      item('refused', 5000),
      item('cancelled', 70),
    ]);
    expect(n).to.deep.equal({
      count: 6,
      done: 1,
      failed: 1,
      refused: 1,
      unfinished: 2,
      paused: 0,
      held: 0,
      copies: 0,
      rejected: 0,
      retryable: 2,
      bytes: 500,
      sent: 250,
    });
  });

  it('counts files held for the go (autoUpload off) as unfinished and held, with their bytes still to send', () => {
    const n = totalsOf([item('held', 100), item('held', 200), item('done', 50)]);
    expect(n).to.include({ count: 3, unfinished: 2, held: 2, done: 1, bytes: 350, sent: 50 });
  });

  it('counts a copy of a file added before apart from the held files, as unfinished, without its bytes (it may never go)', () => {
    const n = totalsOf([item('held', 100), { ...item('held', 200), duplicateOf: { id: 'a', name: 'a.jpg' } }, item('done', 50)]);
    expect(n).to.include({ count: 3, unfinished: 2, held: 1, copies: 1, done: 1, bytes: 150, sent: 50 });
  });

  it('counts paused files as unfinished, and a failure the server rejected for its content as failed but not retryable', () => {
    const n = totalsOf([item('paused', 100, 40), { ...item('failed', 200), rejected: true }, item('failed', 300)]);
    expect(n).to.include({ unfinished: 1, paused: 1, failed: 2, rejected: 1, retryable: 1 });
  });

  it("never counts more than a file's size as sent, and reads the items without changing them", () => {
    const n = totalsOf([item('uploading', 100, 180)]);
    expect(n.sent).to.equal(100);
  });
});
