// Verified bytes (the MD5 of what was sent against the etag of what the server stored) and files
// added twice, through the controller, against the local server and the fault proxy (which inverts
// one byte of a body on the way: what a faulty link would do).
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { fileChecks, fileHasher } from '../../src/core/file-hash.js';
import { md5OfBlob } from '../../src/core/md5.js';
import {
  bytesOf,
  deliveredBytes,
  lastSeq,
  makeController,
  nextEvent,
  proxyStats,
  randomFile,
  sameBytes,
  serverRequests,
  setProxyRules,
  until,
} from './helpers.js';

const MB = 1024 * 1024;
/** Hashing on the page: the unit tests run the sources, where no built worker script is beside them. */
const hashing = { loadFileHash: () => Promise.resolve(fileChecks()) };
const hashed = (options: Parameters<typeof makeController>[0] = {}, via: 'server' | 'proxy' = 'server') => makeController(options, via, hashing);

describe('MD5 of a file', () => {
  it('is the MD5 of its bytes, read at once or, past 16 MiB, as a stream (RFC 1321 vectors; a file of many chunks)', async () => {
    const vectors: Array<[string, string]> = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [text, md5] of vectors) {
      expect(await md5OfBlob(new Blob([text]))).to.equal(md5);
      // The same text in many small parts.
      expect(await md5OfBlob(new Blob(text.match(/.{1,3}/g) ?? [])), `${text} in 3-byte parts`).to.equal(md5);
    }
    // 5 MiB of a, read at once: the MD5 a server computes.
    expect(await md5OfBlob(new Blob([new Uint8Array(5 * 1024 * 1024).fill(97)]))).to.equal('79b281060d337b9b2b84ccf390adcf74');
    // 17 MiB of a, read as a stream (many chunks).
    expect(await md5OfBlob(new Blob([new Uint8Array(17 * 1024 * 1024).fill(97)]))).to.equal('d2ce7d16e7f2bca46992bc4bae15fe3a');
  });

  it('a big file whose stream stalls fails to hash (NotReadableError) instead of holding the files behind it', async () => {
    const big = new Blob([new Uint8Array(17 * 1024 * 1024)]);
    // A stream that never delivers, as Chromium's blob streams sometimes do in a worker.
    Object.defineProperty(big, 'stream', { value: () => new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) }) });
    const started = performance.now();
    const error = await md5OfBlob(big, 300).catch((e: Error) => e);
    expect((error as Error).name).to.equal('NotReadableError');
    expect(performance.now() - started, 'ms to give up').to.be.below(5000);
    expect(await md5OfBlob(new Blob(['abc'])), 'the next file').to.equal('900150983cd24fb0d6963f7d28e17f72');
  });

  it('a hasher whose worker script cannot load hashes on the page instead, the files it was given included', async () => {
    const hasher = fileHasher(new URL('/no-such-worker.js', location.href));
    const files = [randomFile(200_000, 'a.bin', undefined, 3), randomFile(10, 'b.bin', undefined, 4)];
    const hashes = await Promise.all(files.map((f) => hasher.md5(f)));
    expect(hashes).to.deep.equal(await Promise.all(files.map((f) => md5OfBlob(f))));
    expect(await hasher.md5(new Blob(['abc']))).to.equal('900150983cd24fb0d6963f7d28e17f72');
  });

  it('a file of a few kilobytes is hashed on the page, not handed to the worker (its round trip costs more)', async () => {
    const posted = sinon.spy(Worker.prototype, 'postMessage');
    try {
      // A folder with no worker script: what is handed over fails there and is done on the page.
      const hasher = fileHasher(new URL('/no-workers-here/', location.href));
      expect(await hasher.md5(new Blob(['abc']))).to.equal('900150983cd24fb0d6963f7d28e17f72');
      expect(posted.callCount, 'handed to the worker').to.equal(0);
      const larger = randomFile(200_000, 'larger.bin', undefined, 5);
      expect(await hasher.md5(larger)).to.equal(await md5OfBlob(larger));
      expect(posted.callCount, 'handed to the worker').to.equal(1);
    } finally {
      posted.restore();
    }
  });
});

describe('verified uploads', () => {
  afterEach(() => setProxyRules([]));

  it('a byte changed on the way fails the file, saying the bytes could not be verified; an honest retry stores the file', async () => {
    await setProxyRules([{ match: { method: 'POST' }, action: 'flip', times: 1 }]);
    const { controller, events } = hashed({}, 'proxy');
    const file = randomFile(400_000, 'photo.bin', undefined, 11);
    const failed = nextEvent(controller, 'error');
    const [item] = await controller.addFiles([file]);
    const error = await failed;
    expect(error.message).to.contain('photo.bin').and.contain('could not be verified');
    expect(error.file?.name).to.equal('photo.bin');
    expect(error).to.not.have.property('status');
    expect(controller.items[0]).to.include({ status: 'failed' });
    expect(controller.items[0].rejected).to.equal(undefined);
    expect(events.some((e) => e.name === 'success')).to.equal(false);

    const success = nextEvent(controller, 'success');
    controller.retry(item.id);
    const info = await success;
    expect(sameBytes(await deliveredBytes(info.secure_url), await bytesOf(file))).to.equal(true);
    expect(info.etag).to.equal(await md5OfBlob(file));
    expect(controller.items[0].status).to.equal('done');
  });

  it('a chunked file with one changed byte is sent again whole on retry, not from its acknowledged chunks', async () => {
    const chunk = 5 * MB;
    const total = 2 * chunk + MB;
    // The second chunk's middle byte is inverted.
    await setProxyRules([{ match: { method: 'POST', contentRangeStart: chunk }, action: 'flip', times: 1 }]);
    const { controller } = hashed({ maxChunkSize: chunk, maxConcurrentChunks: 1 }, 'proxy');
    const file = randomFile(total, 'big.bin', undefined, 12);
    const failed = nextEvent(controller, 'error', 60_000);
    const [item] = await controller.addFiles([file]);
    expect((await failed).message).to.contain('could not be verified');
    expect(controller.items[0].uploadedBytes, 'nothing kept to go on from').to.equal(0);

    await setProxyRules([]);
    const success = nextEvent(controller, 'success', 60_000);
    controller.retry(item.id);
    const info = await success;
    const starts = (await proxyStats()).bodies.map((b) => b.contentRange?.match(/^bytes (\d+)/)?.[1]);
    expect(starts, 'every chunk sent again').to.deep.equal(['0', String(chunk), String(2 * chunk)]);
    expect(sameBytes(await deliveredBytes(info.secure_url), await bytesOf(file))).to.equal(true);
  });

  it('verifyUploads: false takes the server at its word (a changed byte is stored, and reported as a success)', async () => {
    await setProxyRules([{ match: { method: 'POST' }, action: 'flip', times: 1 }]);
    const { controller } = hashed({ verifyUploads: false }, 'proxy');
    const file = randomFile(100_000, 'trust.bin', undefined, 13);
    const success = nextEvent(controller, 'success');
    await controller.addFiles([file]);
    const info = await success;
    expect(info.etag).to.not.equal(await md5OfBlob(file));
  });
});

describe('the same file added twice', () => {
  it('files taken off the queue before their hash is computed are not hashed: a file added after them is verified without waiting for theirs', async () => {
    const { controller } = hashed({ autoUpload: false });
    // Files of one size may be copies of one another: each is queued to be hashed (on the page here, in order).
    const many = Array.from({ length: 300 }, (_, i) => randomFile(200_000, `many-${i}.bin`, undefined, 1000 + i));
    const reads = sinon.spy(Blob.prototype, 'arrayBuffer');
    try {
      const adding = controller.addFiles(many);
      // Hashing has begun: all 300 are asked for, one is being read.
      await until(() => reads.callCount > 0, 'hashing begun');
      controller.abort();
      await adding;
      // The few hashed before the abort, not the 300.
      expect(reads.callCount, 'files read to be hashed').to.be.below(150);
      const file = randomFile(30_000, 'after.bin', undefined, 77);
      const success = nextEvent(controller, 'success');
      await controller.addFiles([file]);
      await controller.upload();
      const info = await success;
      expect(info.etag, 'hashed and compared with what the server stored').to.equal(await md5OfBlob(file));
      expect(sameBytes(await deliveredBytes(info.secure_url), await bytesOf(file))).to.equal(true);
    } finally {
      reads.restore();
    }
  });

  it('is held as a copy (any name), the others upload; "Upload anyway" (upload(id)) sends it; the queue ends after', async () => {
    const since = await lastSeq();
    const { controller, events } = hashed();
    const original = randomFile(50_000, 'photo.jpg', 'image/jpeg', 21);
    const copy = new File([original], 'photo (1).jpg', { type: 'image/jpeg' });
    const sameSize = randomFile(50_000, 'other.jpg', 'image/jpeg', 22);
    const added = await controller.addFiles([original, copy, sameSize]);
    await until(() => controller.items.filter((i) => i.status === 'done').length === 2, 'two uploads');
    const held = controller.items[1];
    expect(held).to.include({ status: 'held', name: 'photo (1).jpg' });
    expect(held.duplicateOf).to.deep.equal({ id: added[0].id, name: 'photo.jpg' });
    expect(controller.store.state.totals).to.include({ held: 0, copies: 1, unfinished: 1 });
    expect(
      events.some((e) => e.name === 'queues-end'),
      'a copy waiting for a decision keeps the queue open',
    ).to.equal(false);

    // Another batch with the same bytes: a copy too; upload() without an id leaves copies alone.
    await controller.addFiles([new File([original], 'again.jpg', { type: 'image/jpeg' })]);
    await until(() => controller.items[3]?.status === 'held', 'the third copy held');
    await controller.upload();
    expect(controller.items.filter((i) => i.status === 'held')).to.have.length(2);

    const end = nextEvent(controller, 'queues-end');
    await controller.upload(held.id);
    controller.remove(controller.items[3].id);
    const { files } = await end;
    expect(files.map((f) => [f.name, f.status])).to.deep.include.members([
      ['photo.jpg', 'success'],
      ['photo (1).jpg', 'success'],
      ['other.jpg', 'success'],
    ]);
    const stored = (await serverRequests(since)).filter((r) => r.status === 200);
    expect(stored).to.have.length(3);
  });

  it('is not held when the first one failed, was cancelled or was removed, or when checkDuplicates is off', async () => {
    const file = randomFile(30_000, 'a.bin', undefined, 31);
    const off = hashed({ checkDuplicates: false });
    let end = nextEvent(off.controller, 'queues-end');
    await off.controller.addFiles([file, new File([file], 'b.bin')]);
    expect((await end).files.map((f) => f.status)).to.deep.equal(['success', 'success']);

    const { controller } = hashed({ uploadPreset: 'no_such_preset' });
    end = nextEvent(controller, 'queues-end');
    await controller.addFiles([file]);
    await end;
    expect(controller.items[0].status).to.equal('failed');
    controller.setOptions({ uploadPrefix: controller.options.uploadPrefix, cloudName: controller.options.cloudName, uploadPreset: 'demo_unsigned' });
    end = nextEvent(controller, 'queues-end');
    await controller.addFiles([new File([file], 'again.bin')]);
    expect((await end).files.map((f) => [f.name, f.status])).to.deep.equal([['again.bin', 'success']]);
    expect(controller.items[1].duplicateOf).to.equal(undefined);
    controller.remove(controller.items[0].id);
    controller.remove(controller.items[0].id);
    end = nextEvent(controller, 'queues-end');
    await controller.addFiles([new File([file], 'third.bin')]);
    expect((await end).files.map((f) => f.status)).to.deep.equal(['success']);
  });

  it('in review mode (autoUpload off) a copy waits with the others but "Upload N files" sends only the others', async () => {
    const { controller } = hashed({ autoUpload: false });
    const file = randomFile(20_000, 'one.bin', undefined, 41);
    await controller.addFiles([file, new File([file], 'two.bin'), randomFile(1000, 'three.bin', undefined, 42)]);
    await until(() => controller.items.every((i) => i.status === 'held'), 'all held');
    expect(controller.items.map((i) => !!i.duplicateOf)).to.deep.equal([false, true, false]);
    expect(controller.store.state.totals).to.include({ held: 2, copies: 1 });
    await controller.upload();
    await until(() => controller.items.filter((i) => i.status === 'done').length === 2, 'the two others stored');
    expect(controller.items[1].status).to.equal('held');
  });
});
