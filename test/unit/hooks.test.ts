import { expect } from '@open-wc/testing';
import { env, lastSeq, makeController, nextEvent, randomFile, serverRequests, signOnServer, until } from './helpers.js';

describe('preBatch and prepareUploadParams', () => {
  it('preBatch cancel drops the whole batch: batch-cancelled, and nothing reaches the server', async () => {
    const since = await lastSeq();
    const seenNames: string[] = [];
    const { controller, events } = makeController({
      preBatch: (cb, data) => {
        seenNames.push(...data.files.map((f) => f.name));
        cb({ cancel: true });
      },
    });
    const cancelled = nextEvent(controller, 'batch-cancelled');
    await controller.addFiles([randomFile(100, 'TopSecret'), randomFile(100, 'other.bin')]);
    const detail = await cancelled;
    expect(seenNames).to.deep.equal(['TopSecret', 'other.bin']);
    expect(detail.files.map((f) => f.status)).to.deep.equal(['cancelled', 'cancelled']);
    expect(events.map((e) => e.name)).to.not.include('queues-start');
    expect(await serverRequests(since)).to.have.length(0);
  });

  it('preBatch that calls back without cancel lets the batch go', async () => {
    const { controller } = makeController({ preBatch: (cb) => void setTimeout(() => cb(), 10) });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(100, 'go.bin')]);
    expect((await end).files[0].status).to.equal('success');
  });

  it('a preBatch that throws fails that batch with a clear error; the next batch goes on', async () => {
    let calls = 0;
    const { controller } = makeController({
      preBatch: (cb) => {
        if (calls++ === 0) throw new Error('validation service down');
        cb();
      },
    });
    const error = nextEvent(controller, 'error');
    await controller.addFiles([randomFile(100, 'first.bin')]);
    expect((await error).message).to.equal('preBatch failed: validation service down');
    const success = nextEvent(controller, 'success');
    await controller.addFiles([randomFile(100, 'second.bin')]);
    await success;
    expect(controller.items.map((i) => i.status)).to.deep.equal(['failed', 'done']);
  });

  it('autoUpload false holds files (nothing sent, no batch, no end) until upload(); preBatch runs then, with the files still there', async () => {
    const since = await lastSeq();
    const batches: string[][] = [];
    const { controller, events } = makeController({
      autoUpload: false,
      maxFileSize: 1000,
      preBatch: (cb, data) => {
        batches.push(data.files.map((f) => f.name));
        cb();
      },
    });
    const added = await controller.addFiles([randomFile(100, 'a.bin'), randomFile(5000, 'too-big.bin'), randomFile(100, 'b.bin'), randomFile(100, 'c.bin')]);
    expect(added.map((i) => i.status)).to.deep.equal(['held', 'refused', 'held', 'held']);
    expect(controller.store.state.totals).to.include({ held: 3, unfinished: 3, refused: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await serverRequests(since), 'nothing sent before the go').to.have.length(0);
    expect(batches).to.deep.equal([]);
    // A refused file among held ones does not end the queue.
    expect(events.map((e) => e.name)).to.not.include.members(['queues-start', 'queues-end']);
    // A held file can be taken off the list; pause leaves held files alone.
    controller.remove(added[2].id);
    controller.pause();
    expect(controller.items.map((i) => i.status)).to.deep.equal(['held', 'refused', 'held']);
    const end = nextEvent(controller, 'queues-end');
    await controller.upload();
    const { files } = await end;
    expect(batches).to.deep.equal([['a.bin', 'c.bin']]);
    expect(files.map((f) => [f.name, f.status])).to.deep.equal([
      ['too-big.bin', 'refused'],
      ['a.bin', 'success'],
      ['c.bin', 'success'],
    ]);
    expect((await serverRequests(since)).length).to.equal(2);
  });

  it('with autoUpload false, removing the last held file ends a queue that holds only refused files', async () => {
    const { controller } = makeController({ autoUpload: false, maxFileSize: 1000 });
    const added = await controller.addFiles([randomFile(100, 'keep.bin'), randomFile(5000, 'big.bin')]);
    const end = nextEvent(controller, 'queues-end', 5000);
    controller.remove(added[0].id);
    expect((await end).files.map((f) => f.status)).to.deep.equal(['refused']);
  });

  it('a hook that never calls back fails after hookTimeout', async () => {
    const { controller } = makeController({ hookTimeout: 300, preBatch: () => undefined });
    const error = nextEvent(controller, 'error');
    await controller.addFiles([randomFile(100, 'silent.bin')]);
    expect((await error).message).to.equal('preBatch did not call back within 300 ms.');
  });

  it('prepareUploadParams sets per-file params and a signature; uploadSignature is then ignored', async () => {
    const since = await lastSeq();
    let uploadSignatureCalls = 0;
    const offered: Array<Record<string, unknown>> = [];
    const { controller } = makeController({
      uploadPreset: undefined,
      folder: 'prepared',
      uploadSignature: (cb) => {
        uploadSignatureCalls++;
        cb('bad');
      },
      prepareUploadParams: (cb, params) => {
        const p = params as Record<string, unknown> & { file: { name: string } };
        offered.push(p);
        const timestamp = Math.round(Date.now() / 1000);
        const chosen = { ...p, public_id: `custom-${p.file.name.replace('.bin', '')}`, tags: ['prepared'], timestamp };
        void signOnServer(chosen).then((signature) =>
          cb({ publicId: chosen.public_id, tags: ['prepared'], uploadSignatureTimestamp: timestamp, signature, apiKey: env.apiKey }),
        );
      },
    });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(100, 'one.bin'), randomFile(100, 'two.bin')]);
    const { files } = await end;
    expect(files.map((f) => f.uploadInfo?.public_id)).to.deep.equal(['prepared/custom-one', 'prepared/custom-two']);
    expect(uploadSignatureCalls).to.equal(0);
    expect(offered[0]).to.include({ folder: 'prepared', source: 'uw' });
    expect(JSON.stringify(offered[0])).to.not.contain('one.bin'); // the file description is neither sent nor signed
    const requests = await serverRequests(since);
    expect(requests.map((r) => r.params.tags)).to.deep.equal(['prepared', 'prepared']);
    expect(requests.every((r) => r.params.api_key === env.apiKey && r.status === 200)).to.equal(true);
  });

  it('prepareUploadParams can cancel one file while the others upload', async () => {
    const since = await lastSeq();
    const { controller } = makeController({
      prepareUploadParams: (cb, params) => {
        const { file } = params as { file: { name: string } };
        cb(file.name === 'skip.bin' ? { cancel: true } : {});
      },
    });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(100, 'skip.bin'), randomFile(100, 'keep.bin')]);
    const { files } = await end;
    expect(files.map((f) => f.status)).to.deep.equal(['cancelled', 'success']);
    await until(async () => (await serverRequests(since)).length === 1, 'one request');
  });

  it('a prepareUploadParams that rejects fails only that file', async () => {
    const { controller } = makeController({
      prepareUploadParams: (cb, params) => {
        const { file } = params as { file: { name: string } };
        if (file.name === 'bad.bin') return Promise.reject(new Error('no params for you'));
        cb({});
      },
    });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(100, 'bad.bin'), randomFile(100, 'good.bin')]);
    const { files } = await end;
    expect(files.map((f) => f.status)).to.deep.equal(['error', 'success']);
    expect(files[0].error).to.equal('bad.bin: prepareUploadParams failed: no params for you');
  });
});
