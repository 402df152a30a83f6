import { expect } from '@open-wc/testing';
import { decryptForTest } from './crypto-helpers.js';
import {
  bytesOf,
  deliveredBytes,
  env,
  itExcept,
  signOnServer,
  lastSeq,
  makeController,
  nextEvent,
  proxyStats,
  randomFile,
  sameBytes,
  serverRequests,
  type ServerRequest,
  setProxyRules,
  until,
} from './helpers.js';

const MB = 1024 * 1024;
const CHUNK = 5 * MB;

/** Where a logged chunk request starts, in CHUNKs. */
const chunkIndex = (r: ServerRequest) => Number(/^bytes (\d+)/.exec(r.headers['content-range']!)![1]) / CHUNK;

/**
 * A 4½-chunk file whose fourth chunk's connection is reset twice: with one retry, it fails. (One
 * retry, not none: WebKit may meet a connection the proxy closed, once, when it is retried.)
 */
async function failedAtFourthChunk(name: string, seed: number) {
  await setProxyRules([{ id: 'cut', match: { method: 'POST', contentRangeStart: 3 * CHUNK }, action: 'reset', times: 2 }]);
  const since = await lastSeq();
  const total = 4 * CHUNK + 3 * MB;
  const file = randomFile(total, name, undefined, seed);
  const { controller, events } = makeController({ maxChunkSize: CHUNK, maxConcurrentChunks: 1, maxRetries: 1 }, 'proxy');
  const failed = nextEvent(controller, 'queues-end', 60000);
  await controller.addFiles([file]);
  await failed;
  expect(controller.items[0].status).to.equal('failed');
  return { since, total, file, controller, events };
}

describe('chunked uploads, faults and control', () => {
  afterEach(() => setProxyRules([]));

  it('sends a large file in maxChunkSize chunks with one X-Unique-Upload-Id and exact Content-Ranges', async () => {
    const since = await lastSeq();
    const file = randomFile(12 * MB, 'large.bin');
    const { controller } = makeController({ maxChunkSize: CHUNK });
    const success = nextEvent(controller, 'success', 60000);
    await controller.addFiles([file]);
    const info = await success;
    const requests = await serverRequests(since);
    expect(requests.map((r) => r.headers['content-range'])).to.deep.equal([
      `bytes 0-${CHUNK - 1}/${12 * MB}`,
      `bytes ${CHUNK}-${2 * CHUNK - 1}/${12 * MB}`,
      `bytes ${2 * CHUNK}-${12 * MB - 1}/${12 * MB}`,
    ]);
    expect(new Set(requests.map((r) => r.headers['x-unique-upload-id'])).size).to.equal(1);
    expect(info.bytes).to.equal(12 * MB);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('retries only the chunk whose connection was reset, and the file arrives intact', async () => {
    await setProxyRules([{ id: 'cut', match: { method: 'POST', contentRangeStart: CHUNK }, action: 'reset', afterBytes: 1 * MB }]);
    const since = await lastSeq();
    const file = randomFile(11 * MB, 'reset.bin', undefined, 7);
    const { controller } = makeController({ maxChunkSize: CHUNK }, 'proxy');
    const success = nextEvent(controller, 'success', 60000);
    await controller.addFiles([file]);
    const info = await success;
    expect(controller.items[0].retries).to.equal(1);
    expect((await proxyStats()).injected.map((i) => i.rule)).to.deep.equal(['cut']);
    const ranges = (await serverRequests(since)).filter((r) => r.status === 200).map((r) => r.headers['content-range']!.split('/')[0]);
    expect(ranges).to.deep.equal([`bytes 0-${CHUNK - 1}`, `bytes ${CHUNK}-${2 * CHUNK - 1}`, `bytes ${2 * CHUNK}-${11 * MB - 1}`]);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('retries 500 and 420 answers with backoff, the expected number of times', async () => {
    await setProxyRules([
      { id: 'five', match: { method: 'POST' }, action: 'status', status: 500, times: 2 },
      { id: 'rate', match: { method: 'POST' }, action: 'status', status: 420, times: 1 },
    ]);
    const file = randomFile(50_000, 'flaky.bin');
    const { controller } = makeController({}, 'proxy');
    const success = nextEvent(controller, 'success', 60000);
    await controller.addFiles([file]);
    const info = await success;
    expect(controller.items[0].retries).to.equal(3);
    expect((await proxyStats()).injected.map((i) => i.rule)).to.deep.equal(['five', 'five', 'rate']);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('gives up after maxRetries with a message a person can act on', async () => {
    await setProxyRules([{ match: { method: 'POST' }, action: 'status', status: 503, times: 10 }]);
    const { controller } = makeController({ maxRetries: 1 }, 'proxy');
    const error = nextEvent(controller, 'error', 30000);
    await controller.addFiles([randomFile(100, 'down.bin')]);
    const detail = await error;
    expect(detail.status).to.equal(503);
    expect(detail.message).to.equal('down.bin: Injected 503');
    expect((await proxyStats()).injected).to.have.length(2);
  });

  it('abort(id) stops an upload in flight: abort event, aborted status, nothing stored', async () => {
    await setProxyRules([{ match: { method: 'POST' }, action: 'stall', ms: 3000 }]);
    const since = await lastSeq();
    const { controller, events } = makeController({}, 'proxy');
    const [item] = await controller.addFiles([randomFile(1000, 'stop.bin')]);
    await until(() => controller.store.get(item.id)!.status === 'uploading', 'uploading');
    const end = nextEvent(controller, 'queues-end');
    controller.abort(item.id);
    const { files } = await end;
    expect(files[0].status).to.equal('aborted');
    expect(events.find((e) => e.name === 'abort')!.detail).to.deep.equal({ ids: [item.id], all: false });
    // The held request was given up by the browser (the proxy saw its connection close before the
    // stall ended), so it can never reach the server.
    await until(async () => (await proxyStats()).abandoned === 1, 'the held request abandoned');
    expect((await proxyStats()).forwarded).to.equal(0);
    expect(await serverRequests(since)).to.have.length(0);
  });

  it('pause lets the chunk in flight finish and keeps it; resume goes on from the next one, and nothing is sent twice', async () => {
    // The third chunk crawls through the proxy, so the pause lands while it is well under way.
    await setProxyRules([{ match: { contentRangeStart: 2 * CHUNK }, action: 'throttle', bytesPerSecond: 2 * MB }]);
    const since = await lastSeq();
    const file = randomFile(16 * MB, 'paused.bin', undefined, 3);
    const { controller, events } = makeController({ maxChunkSize: CHUNK }, 'proxy');
    const [item] = await controller.addFiles([file]);
    const third = async () => (await proxyStats()).bodies.find((b) => b.contentRange?.startsWith(`bytes ${2 * CHUNK}-`));
    await until(async () => ((await third())?.bytes ?? 0) >= 3.5 * MB, 'the third chunk mostly sent', 30000);
    const before = controller.store.get(item.id)!.uploadedBytes;
    controller.pause(item.id);
    // Pausing: the chunk in flight goes on; nothing else starts; progress stays where it was.
    const pausing = controller.store.get(item.id)!;
    expect(pausing.status).to.equal('uploading');
    expect(pausing.pausing).to.equal(true);
    expect(pausing.uploadedBytes).to.be.at.least(before);
    // Items are replaced, never changed: the one added is as it was.
    expect(item.status).to.not.equal('paused');
    await until(() => controller.store.get(item.id)!.status === 'paused', 'paused', 30000);
    const paused = controller.store.get(item.id)!;
    expect(paused.pausing).to.equal(undefined);
    expect(paused.uploadedBytes).to.be.at.least(3 * CHUNK);
    // A paused file is not the end of the queue.
    expect(events.map((e) => e.name)).to.not.include('queues-end');
    await setProxyRules([]);
    const success = nextEvent(controller, 'success', 60000);
    controller.resume(item.id);
    const info = await success;
    const requests = (await serverRequests(since)).filter((r) => r.headers['content-range']?.endsWith(`/${16 * MB}`));
    // Each chunk reached the server once.
    expect(requests.map((r) => [r.status, r.headers['content-range']!.split('/')[0]])).to.deep.equal([
      [200, `bytes 0-${CHUNK - 1}`],
      [200, `bytes ${CHUNK}-${2 * CHUNK - 1}`],
      [200, `bytes ${2 * CHUNK}-${3 * CHUNK - 1}`],
      [200, `bytes ${3 * CHUNK}-${16 * MB - 1}`],
    ]);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('sends middle chunks side by side; a reset one is retried and the last chunk waits for it', async () => {
    // The second chunk is held 1.5 s, then its connection is reset: the third and fourth go on
    // beside it, and the last (which the server refuses while any other is missing) waits.
    await setProxyRules([{ id: 'cut', match: { method: 'POST', contentRangeStart: CHUNK }, action: 'stall', ms: 1500, thenReset: true }]);
    const since = await lastSeq();
    const total = 4 * CHUNK + 3 * MB;
    const file = randomFile(total, 'side-by-side.bin', undefined, 21);
    const { controller } = makeController({ maxChunkSize: CHUNK, maxConcurrentChunks: 3 }, 'proxy');
    const success = nextEvent(controller, 'success', 60000);
    await controller.addFiles([file]);
    const info = await success;
    expect(controller.items[0].retries).to.equal(1);
    expect((await proxyStats()).injected.map((i) => i.rule)).to.deep.equal(['cut']);
    // (A request the previous test aborted may be logged late: keep this file's.)
    const requests = (await serverRequests(since)).filter((r) => r.headers['content-range']!.endsWith(`/${total}`));
    expect(
      requests.map((r) => r.status),
      JSON.stringify(requests.map((r) => [r.status, r.headers['content-range'], r.response])),
    ).to.deep.equal([200, 200, 200, 200, 200]);
    const starts = requests.map(chunkIndex);
    // First first, last last; the held chunk answered after the two that went beside it.
    expect(starts[0]).to.equal(0);
    expect(starts[4]).to.equal(4);
    expect(starts[3]).to.equal(1);
    expect([...starts.slice(1, 3)].sort()).to.deep.equal([2, 3]);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('retry() after a failure goes on from the acknowledged chunks, under the same upload id', async () => {
    // Retrying sends the fourth chunk and the last only, signed again, and the server assembles the same bytes.
    const { since, total, file, controller } = await failedAtFourthChunk('retry-resumes.bin', 24);
    expect(controller.items[0].uploadedBytes).to.equal(3 * CHUNK);
    const success = nextEvent(controller, 'success', 60000);
    controller.retry();
    expect(controller.items[0].uploadedBytes, 'progress starts from what the server has').to.equal(3 * CHUNK);
    const info = await success;
    const requests = (await serverRequests(since)).filter((r) => r.headers['content-range']!.endsWith(`/${total}`));
    const answered = requests.filter((r) => r.status === 200);
    expect(answered.map(chunkIndex)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(new Set(requests.map((r) => r.headers['x-unique-upload-id'])).size).to.equal(1);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  itExcept(
    {
      webkit:
        'in full runs WebKitGTK sometimes never finishes the second upload through the fault proxy (no success in 110 s; passes alone in 19 s); under investigation',
    },
    'retry() of an upload the server has forgotten meanwhile starts it again under a new id, and says so',
    async function () {
      // Two uploads of 23 MB through the proxy: WebKit on a loaded 2-core machine has needed more than the default 60 s.
      this.timeout(120_000);
      const { since, total, file, controller, events } = await failedAtFourthChunk('forgotten-retry.bin', 26);
      // The server forgets every unfinished upload (as after their 24 h expiry).
      expect((await fetch(`${env.server}/__dev/chunk-sessions`, { method: 'DELETE' })).status).to.equal(200);
      // Within the test's own 120 s (the second upload is the long one).
      const success = nextEvent(controller, 'success', 110_000);
      controller.retry();
      const info = await success;
      expect(events.filter((e) => e.name === 'upload-restarted').map((e) => (e.detail as { file: { name: string } }).file.name)).to.deep.equal([
        'forgotten-retry.bin',
      ]);
      const requests = (await serverRequests(since)).filter((r) => r.headers['content-range']!.endsWith(`/${total}`));
      const ids = [...new Set(requests.map((r) => r.headers['x-unique-upload-id']))];
      expect(ids.length, 'the first id, then a new one').to.equal(2);
      const second = requests.filter((r) => r.headers['x-unique-upload-id'] === ids[1] && r.status === 200);
      expect(second.map(chunkIndex)).to.deep.equal([0, 1, 2, 3, 4]);
      expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
    },
  );

  it('the answer to the last chunk lost on the way: its retry gets the same answer, and the file is stored once', async () => {
    await setProxyRules([{ id: 'lost', match: { method: 'POST', contentRangeStart: 4 * CHUNK }, action: 'lose-answer', times: 1 }]);
    const since = await lastSeq();
    const total = 4 * CHUNK + 3 * MB;
    const file = randomFile(total, 'lost-answer.bin', undefined, 25);
    const { controller, events } = makeController({ maxChunkSize: CHUNK, maxConcurrentChunks: 2 }, 'proxy');
    const success = nextEvent(controller, 'success', 60000);
    await controller.addFiles([file]);
    const info = await success;
    expect((await proxyStats()).injected.map((i) => i.rule)).to.deep.equal(['lost']);
    expect(controller.items[0].retries).to.equal(1);
    expect(events.map((e) => e.name)).not.to.include('upload-restarted');
    const requests = (await serverRequests(since)).filter((r) => r.headers['content-range']!.endsWith(`/${total}`));
    const last = requests.filter((r) => r.headers['content-range']!.startsWith(`bytes ${4 * CHUNK}-`));
    expect(requests.length, 'no chunk but the last is sent twice').to.equal(6);
    expect(last.map((r) => r.status)).to.deep.equal([200, 200]);
    expect(last[1].response).to.deep.equal(last[0].response);
    expect(info.public_id).to.equal(last[0].response.public_id);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('a chunk that ends hands its lane to the next one while a borrowed lane is still held', async () => {
    // Two lanes (one file, two chunks at once): chunk 1 goes on the file's own lane, chunk 2 on a
    // borrowed one, held 1.5 s. Chunks 3 and 4 take the own lane as chunk 1 ends; waiting for a
    // second borrowed lane would leave them behind the held chunk.
    await setProxyRules([{ id: 'hold', match: { method: 'POST', contentRangeStart: 2 * CHUNK }, action: 'stall', ms: 1500 }]);
    const since = await lastSeq();
    const total = 5 * CHUNK + 3 * MB;
    const file = randomFile(total, 'handoff.bin', undefined, 22);
    const { controller } = makeController({ maxChunkSize: CHUNK, maxConcurrentUploads: 1, maxConcurrentChunks: 2 }, 'proxy');
    const success = nextEvent(controller, 'success', 60000);
    await controller.addFiles([file]);
    const info = await success;
    expect((await proxyStats()).injected.map((i) => i.rule)).to.deep.equal(['hold']);
    const answered = (await serverRequests(since)).filter((r) => r.status === 200 && r.headers['content-range']!.endsWith(`/${total}`)).map(chunkIndex);
    expect(answered).to.deep.equal([0, 1, 3, 4, 2, 5]);
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('one big file and small ones share the lanes: never more requests in flight than the larger limit', async () => {
    const since = await lastSeq();
    const big = randomFile(6 * CHUNK + MB, 'lanes-big.bin', undefined, 31);
    const small = Array.from({ length: 6 }, (_, i) => randomFile(300_000, `lanes-${i}.bin`, undefined, 40 + i));
    const { controller } = makeController({ maxChunkSize: CHUNK, maxConcurrentUploads: 2, maxConcurrentChunks: 3 });
    performance.clearResourceTimings();
    const end = nextEvent(controller, 'queues-end', 60000);
    await controller.addFiles([big, ...small]);
    const { files } = await end;
    expect(files.map((f) => f.status)).to.deep.equal(Array(7).fill('success'));
    // What the browser itself recorded of every request to the upload endpoint.
    const spans = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/upload') && (e as PerformanceResourceTiming).initiatorType === 'xmlhttprequest')
      .map((e) => [e.startTime, (e as PerformanceResourceTiming).responseEnd]);
    expect(spans.length).to.equal(6 + 7);
    let most = 0;
    for (const [t] of spans) most = Math.max(most, spans.filter(([s, e]) => s <= t && t < e).length);
    expect(most).to.be.at.most(3);
    expect(most).to.be.at.least(2);
    const stored = (await serverRequests(since)).filter((r) => r.status === 200).length;
    expect(stored).to.equal(13);
  });

  it('encrypts with AES-GCM before upload, as a raw file the owner can decrypt', async () => {
    const encryption = { key: 'ff234fe526725753fa45b53325', iv: 'cd8a46d72e26a365dca78ef' };
    const file = randomFile(70_000, 'secret.pdf', 'application/pdf');
    const { controller } = makeController({ encryption });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([file]);
    const info = await success;
    expect(info.resource_type).to.equal('raw');
    const stored = await deliveredBytes(info.secure_url as string);
    expect(sameBytes(stored.slice(0, 64), (await bytesOf(file)).slice(0, 64))).to.equal(false);
    const plain = await decryptForTest(stored, encryption);
    expect(sameBytes(plain, await bytesOf(file))).to.equal(true);
  });
});

describe('stale signatures', () => {
  async function setSignatureMaxAge(seconds: number) {
    await fetch(`${env.server}/__dev/settings`, { method: 'PUT', body: JSON.stringify({ signatureMaxAge: seconds }) });
  }
  afterEach(async () => {
    await setSignatureMaxAge(3600);
    await setProxyRules([]);
  });

  const resends = 're-sends a request the proxy holds by itself, so which stale answers reach the widget depends on its network stack';
  itExcept(
    { firefox: resends, webkit: resends },
    'signs again when a chunk meets a stale signature, and goes on from the last acknowledged chunk',
    async () => {
      // Signatures live 3 s here; the second chunk is held 6 s on its way, so it surely arrives stale
      // (timestamps are whole seconds, so a margin of a few seconds keeps this deterministic).
      await setSignatureMaxAge(3);
      await setProxyRules([{ match: { contentRangeStart: CHUNK }, action: 'stall', ms: 6000 }]);
      const since = await lastSeq();
      let signed = 0;
      const file = randomFile(11 * MB, 'long-journey.bin', undefined, 11);
      const { controller } = makeController(
        {
          uploadPreset: undefined,
          apiKey: env.apiKey,
          maxChunkSize: CHUNK,
          uploadSignature: (cb, params) => {
            signed++;
            void signOnServer(params).then(cb);
          },
        },
        'proxy',
      );
      const success = nextEvent(controller, 'success', 60000);
      await controller.addFiles([file]);
      const info = await success;
      const requests = await serverRequests(since);
      const stale = requests.filter((r) => r.status === 401);
      expect(stale.every((r) => /Stale request/.test(JSON.stringify(r.response)))).to.equal(true);
      expect(stale.map((r) => r.headers['content-range']!.split('-')[0])).to.include(`bytes ${CHUNK}`);
      // One signature to start, one more per stale answer.
      expect(signed).to.equal(stale.length + 1);
      const ok = requests.filter((r) => r.status === 200).map((r) => r.headers['content-range']!.split('/')[0]);
      expect(ok).to.deep.equal([`bytes 0-${CHUNK - 1}`, `bytes ${CHUNK}-${2 * CHUNK - 1}`, `bytes ${2 * CHUNK}-${11 * MB - 1}`]);
      expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
    },
  );
});
