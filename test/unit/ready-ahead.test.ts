// The next files are made ready (bytes, parameters, the site's hooks) while others upload, so a
// lane that frees sends at once. What was readied must never be sent stale, and a failure of that
// work belongs to the file when its turn comes, not before.
import { expect } from '@open-wc/testing';
import { lastSeq, makeController, nextEvent, randomFile, serverRequests, until } from './helpers.js';

type Offered = { file: { name: string } } & Record<string, unknown>;

describe('files made ready before their turn', () => {
  it("the next file's parameters are asked for while the one before uploads, and its request leaves before the page hears of that one", async () => {
    const asked: string[] = [];
    const { controller } = makeController({
      maxConcurrentUploads: 1,
      prepareUploadParams: (cb, params) => {
        asked.push((params as Offered).file.name);
        cb({});
      },
    });
    const atFirstSuccess = new Promise<{ asked: string[]; second?: string }>((resolve) => {
      const off = controller.on('success', () => {
        off();
        resolve({ asked: [...asked], second: controller.items[1]?.status });
      });
    });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(200_000, 'first.bin'), randomFile(100, 'second.bin'), randomFile(100, 'third.bin')]);
    const seen = await atFirstSuccess;
    expect(seen.asked.slice(0, 2)).to.deep.equal(['first.bin', 'second.bin']);
    expect(seen.second).to.equal('uploading');
    expect((await end).files.map((f) => f.status)).to.deep.equal(['success', 'success', 'success']);
    // Each file's hook ran once.
    expect(asked).to.deep.equal(['first.bin', 'second.bin', 'third.bin']);
  });

  it('a file changed after it was readied (its public ID) is readied again as it starts, and sent with the change', async () => {
    const since = await lastSeq();
    const asked: Array<[string, unknown]> = [];
    let letFirstGo: (() => void) | undefined;
    const { controller } = makeController({
      maxConcurrentUploads: 1,
      prepareUploadParams: (cb, params) => {
        const p = params as Offered;
        asked.push([p.file.name, p.public_id]);
        // The first file waits for the test: the second is readied meanwhile.
        if (p.file.name === 'first.bin') letFirstGo = () => cb({});
        else cb({});
      },
    });
    const end = nextEvent(controller, 'queues-end');
    const [, second] = await controller.addFiles([randomFile(100, 'first.bin'), randomFile(100, 'second.bin')]);
    await until(() => asked.some(([name]) => name === 'second.bin') && letFirstGo, 'the second file readied');
    expect(controller.items[1].status).to.equal('queued');
    controller.setOverrides(second.id, { public_id: 'renamed' });
    letFirstGo!();
    const { files } = await end;
    expect(files.map((f) => f.uploadInfo?.public_id)).to.deep.equal([files[0].uploadInfo?.public_id, 'renamed']);
    expect(asked.filter(([name]) => name === 'second.bin')).to.deep.equal([
      ['second.bin', undefined],
      ['second.bin', 'renamed'],
    ]);
    const sent = await serverRequests(since);
    expect(sent.map((r) => r.params.public_id ?? null)).to.deep.equal([null, 'renamed']);
  });

  it("a readied file's hook that cancels it cancels it when its turn comes, not before", async () => {
    const since = await lastSeq();
    let letFirstGo: (() => void) | undefined;
    const { controller, events } = makeController({
      maxConcurrentUploads: 1,
      prepareUploadParams: (cb, params) => {
        const { name } = (params as Offered).file;
        if (name === 'first.bin') letFirstGo = () => cb({});
        else cb(name === 'dropped.bin' ? { cancel: true } : {});
      },
    });
    const end = nextEvent(controller, 'queues-end');
    const added = await controller.addFiles([randomFile(100, 'first.bin'), randomFile(100, 'dropped.bin'), randomFile(100, 'kept.bin')]);
    await until(() => letFirstGo, 'the first file waiting for its parameters');
    // Readied meanwhile (the hook answered): still waiting its turn, no event yet.
    await new Promise((r) => setTimeout(r, 50));
    expect(controller.items.map((i) => i.status)).to.deep.equal(['uploading', 'queued', 'queued']);
    expect(events.map((e) => e.name)).to.not.include('batch-cancelled');
    letFirstGo!();
    const { files } = await end;
    expect(files.map((f) => [f.name, f.status])).to.deep.equal([
      ['first.bin', 'success'],
      ['dropped.bin', 'cancelled'],
      ['kept.bin', 'success'],
    ]);
    expect(events.filter((e) => e.name === 'batch-cancelled')).to.have.length(1);
    expect((await serverRequests(since)).map((r) => r.fileName)).to.deep.equal(['first.bin', 'kept.bin']);
    expect(added).to.have.length(3);
  });

  it('a readied file that is cancelled before its turn is never sent', async () => {
    const since = await lastSeq();
    const asked: string[] = [];
    let letFirstGo: (() => void) | undefined;
    const { controller } = makeController({
      maxConcurrentUploads: 1,
      prepareUploadParams: (cb, params) => {
        const { name } = (params as Offered).file;
        asked.push(name);
        if (name === 'first.bin') letFirstGo = () => cb({});
        else cb({});
      },
    });
    const end = nextEvent(controller, 'queues-end');
    const [, second] = await controller.addFiles([randomFile(100, 'first.bin'), randomFile(100, 'second.bin')]);
    await until(() => asked.includes('second.bin') && letFirstGo, 'the second file readied');
    controller.abort(second.id);
    letFirstGo!();
    await end;
    expect(controller.items.map((i) => i.status)).to.deep.equal(['done', 'aborted']);
    expect((await serverRequests(since)).map((r) => r.fileName)).to.deep.equal(['first.bin']);
    expect(asked).to.deep.equal(['first.bin', 'second.bin']);
  });
});
