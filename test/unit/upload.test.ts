import { expect } from '@open-wc/testing';
import {
  bytesOf,
  deliveredBytes,
  env,
  lastSeq,
  makeController,
  nextEvent,
  pngFile,
  randomFile,
  sameBytes,
  serverRequests,
  setProxyRules,
  until,
} from './helpers.js';

describe('uploads (unsigned, to the local server)', () => {
  it('delivers the exact bytes and the options as upload parameters', async () => {
    const since = await lastSeq();
    const { controller } = makeController({
      folder: 'unit/plain',
      tags: ['alpha', 'beta'],
      context: { alt: 'A test = file', caption: 'one|two' },
    });
    const file = randomFile(300_000, 'report.bin');
    const success = nextEvent(controller, 'success');
    await controller.addFiles([file]);
    const info = await Promise.race([success, nextEvent(controller, 'error').then((e) => Promise.reject(new Error(e.message)))]);
    expect(info.public_id).to.match(/^unit\/plain\/[a-z0-9]+\.bin$/);
    const stored = await deliveredBytes(info.secure_url as string);
    expect(sameBytes(stored, await bytesOf(file))).to.equal(true);

    const [request] = (await serverRequests(since)).filter((r) => r.status === 200);
    expect(request.params).to.include({
      upload_preset: 'demo_unsigned',
      folder: 'unit/plain',
      tags: 'alpha,beta',
      source: 'uw',
    });
    expect(request.params.context).to.equal('alt=A test \\= file|caption=one\\|two');
    expect(request.params).to.not.have.property('signature');
    expect((info.context as { custom: Record<string, string> }).custom).to.deep.equal({ alt: 'A test = file', caption: 'one|two' });
  });

  it('fires upload-added, queues-start, success and queues-end in that order with Cloudinary’s shapes', async () => {
    const { controller, events } = makeController();
    const end = nextEvent(controller, 'queues-end');
    const png = await pngFile(40, 30, 'a.png');
    await controller.addFiles([png, randomFile(1000, 'b.bin')]);
    const { files } = await end;
    const names = events.map((e) => e.name).filter((n) => n !== 'upload-progress');
    expect(names).to.deep.equal(['upload-added', 'upload-added', 'queues-start', 'success', 'success', 'queues-end']);
    expect(files.map((f) => f.status)).to.deep.equal(['success', 'success']);
    expect(files[0]).to.include({ name: 'a.png', size: png.size, type: 'image/png', failed: false });
    expect(files[0].uploadInfo?.secure_url).to.be.a('string');
    expect(files[0].uploadInfo).to.include({ width: 40, height: 30, resource_type: 'image', format: 'png' });
    expect(files[1].uploadInfo).to.include({ resource_type: 'raw' });
    const success = events.find((e) => e.name === 'success')!.detail as Record<string, unknown>;
    expect(success).to.include.keys('id', 'batchId', 'public_id', 'secure_url', 'thumbnail_url', 'path');
  });

  it("a listener that throws is reported as dispatchEvent's are: the other listeners still hear every event and the files upload whole", async () => {
    const reported: unknown[] = [];
    const pageHandler = window.onerror;
    // The test runner fails a test on an uncaught error: the reports are caught here instead.
    window.onerror = (_message, _source, _line, _column, error) => {
      reported.push(error);
      return true;
    };
    try {
      const { controller, events } = makeController();
      controller.onAny((name) => {
        throw new Error(`listener broke on ${name}`);
      });
      const heard: string[] = [];
      controller.onAny((name) => heard.push(name));
      const end = nextEvent(controller, 'queues-end');
      const file = randomFile(3000, 'kept.bin');
      await controller.addFiles([file]);
      const { files } = await end;
      expect(files.map((f) => f.status)).to.deep.equal(['success']);
      expect(sameBytes(await deliveredBytes(files[0].uploadInfo!.secure_url as string), await bytesOf(file))).to.equal(true);
      const names = (list: string[]) => list.filter((n) => n !== 'upload-progress');
      expect(names(heard)).to.deep.equal(['upload-added', 'queues-start', 'success', 'queues-end']);
      expect(names(events.map((e) => e.name))).to.deep.equal(names(heard));
      await until(() => reported.length >= heard.length, 'the errors reported');
      expect(reported.map((e) => (e as Error).message)).to.include.members(['listener broke on upload-added', 'listener broke on success']);
    } finally {
      window.onerror = pageHandler;
    }
  });

  it('upload-progress: loaded is whole bytes and never goes back, also across a retry that loses bytes', async () => {
    // The connection is cut after 2 MB once: the retry sends the file again from the start.
    // 19 MB: more than the loopback socket's buffers take in at once (a 6 MB body could be reported
    // as all sent before the cut). The retry is throttled, so its progress is told several times.
    await setProxyRules([
      { id: 'cut', match: { method: 'POST' }, action: 'reset', afterBytes: 2_000_000, times: 1 },
      { id: 'slow', match: { method: 'POST' }, action: 'throttle', bytesPerSecond: 16_000_000, times: 5 },
    ]);
    try {
      const { controller, events } = makeController({}, 'proxy');
      const success = nextEvent(controller, 'success');
      const size = 19_000_003; // under maxChunkSize: one request
      await controller.addFiles([randomFile(size, 'nineteen.bin')]);
      await success;
      const loaded = events.filter((e) => e.name === 'upload-progress').map((e) => (e.detail as { loaded: number }).loaded);
      expect(loaded.length, `progress told: ${loaded}`).to.be.greaterThan(1);
      expect(loaded.filter((n) => !Number.isInteger(n))).to.deep.equal([]);
      expect(loaded.filter((n, i) => i > 0 && n < loaded[i - 1])).to.deep.equal([]);
      expect(loaded[loaded.length - 1]).to.equal(size);
      expect(controller.items[0].retries).to.equal(1);
    } finally {
      await setProxyRules([]);
    }
  });

  it('uploads a web address by passing it as `file` for the server to fetch', async () => {
    const { controller } = makeController();
    const first = nextEvent(controller, 'success');
    const png = await pngFile(20, 10, 'source.png');
    await controller.addFiles([png]);
    const original = await first;
    const since = await lastSeq();
    const second = nextEvent(controller, 'success');
    await controller.addFiles([original.secure_url as string]);
    const fetched = await second;
    expect(fetched).to.include({ width: 20, height: 10, format: 'png' });
    const [request] = await serverRequests(since);
    expect(request.params.file).to.equal(original.secure_url);
    expect(sameBytes(await deliveredBytes(fetched.secure_url as string), await bytesOf(png))).to.equal(true);
  });

  it('keeps at most maxConcurrentUploads files in flight', async () => {
    const { controller } = makeController({ maxConcurrentUploads: 2 });
    let peak = 0;
    controller.subscribe(() => {
      peak = Math.max(peak, controller.store.count('uploading'));
    });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles(Array.from({ length: 6 }, (_, i) => randomFile(200_000, `c${i}.bin`, undefined, i + 1)));
    const { files } = await end;
    expect(files.every((f) => f.status === 'success')).to.equal(true);
    expect(peak).to.equal(2);
  });

  it('fails a file with the server’s message on a 4xx, without retrying, and keeps the others', async () => {
    const since = await lastSeq();
    const { controller } = makeController({ uploadPreset: 'no_such_preset' });
    const error = nextEvent(controller, 'error');
    await controller.addFiles([randomFile(1000, 'x.bin')]);
    const detail = await error;
    expect(detail.message).to.match(/x\.bin: .*preset/i);
    expect(detail.file?.status).to.equal('error');
    await until(async () => (await serverRequests(since)).length >= 1, 'the request');
    expect((await serverRequests(since)).length).to.equal(1);
    expect(controller.items[0].retries).to.equal(0);
  });

  it('retry(id) re-runs a failed file and it then succeeds', async () => {
    const { controller, events } = makeController({ uploadPreset: 'no_such_preset' });
    const failed = nextEvent(controller, 'error');
    const [item] = await controller.addFiles([randomFile(5000, 'again.bin')]);
    await failed;
    controller.setOptions({ cloudName: env.cloudName, uploadPrefix: env.server, uploadPreset: 'demo_unsigned' });
    const success = nextEvent(controller, 'success');
    controller.retry(item.id);
    await success;
    expect(events.find((e) => e.name === 'retry')!.detail).to.deep.equal({ ids: [item.id], all: false });
    expect(controller.items[0].status).to.equal('done');
  });
});

describe('a destination of the site’s own', () => {
  it('that resolves undefined, 42, {} or a result without an http(s) secure_url fails the file with a readable message', async () => {
    const answers: unknown[] = [undefined, 42, {}, { public_id: 'x', version: 1 }, { public_id: 'x', version: 1, secure_url: 'javascript:alert(1)' }];
    for (const answer of answers) {
      const { controller, events } = makeController({ destination: { upload: async () => answer as never } });
      const end = nextEvent(controller, 'queues-end');
      await controller.addFiles([randomFile(10, 'mine.bin')]);
      const { files } = await end;
      const label = JSON.stringify(answer) ?? 'undefined';
      expect(
        files.map((f) => f.status),
        label,
      ).to.deep.equal(['error']);
      expect(
        events.filter((e) => e.name === 'success'),
        label,
      ).to.have.length(0);
      const error = events.find((e) => e.name === 'error')?.detail as { message: string } | undefined;
      expect(error?.message, label).to.equal(
        'mine.bin: the server answered, but not with an upload result, so the file may not be stored. Retry; if it happens again, the upload address is probably wrong.',
      );
    }
  });

  it('that resolves an upload result succeeds', async () => {
    const result = { public_id: 'mine', version: 3, secure_url: 'https://cdn.example/mine.bin' };
    const { controller } = makeController({ destination: { upload: async () => result as never } });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([randomFile(10, 'mine.bin')]);
    expect((await success).public_id).to.equal('mine');
  });
});
