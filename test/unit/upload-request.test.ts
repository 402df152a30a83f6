// uploadRequest (src/core/upload-request.ts), the request the package exports for a site's own
// destination and the Cloudinary destination sends each of its requests through: what a caller
// gets back, the retries, the silence timeout, the wait while offline, pause and cancel. Against
// the fault proxy in front of the local upload server.
import { expect } from '@open-wc/testing';
import { browserNetwork, type NetworkWatch } from '../../src/core/network.js';
import { UploadError } from '../../src/core/upload-error.js';
import { type RequestContext, uploadRequest } from '../../src/core/upload-request.js';
import { env, proxyStats, randomFile, setProxyRules } from './helpers.js';

/** The upload endpoint through the proxy, tagged so a rule can pick this test's requests. */
const endpoint = (tag: string) => `${env.proxy}/v1_1/${env.cloudName}/raw/upload?kit=${tag}`;

const context = (options: Partial<RequestContext['options']> = {}, network: NetworkWatch = browserNetwork): RequestContext => ({
  options: { maxRetries: 5, requestTimeout: 60_000, ...options },
  network,
});

/** A task that keeps every progress report and counts its retries. */
function recordingTask(signal = new AbortController().signal, pause?: AbortSignal) {
  const task = {
    signal,
    pause,
    sent: [] as number[],
    retries: 0,
    progress: (bytes: number) => task.sent.push(bytes),
    retried: () => task.retries++,
  };
  return task;
}

/** A form the upload server stores: the unsigned preset and the file. */
function uploadForm(file: File): FormData {
  const form = new FormData();
  form.append('upload_preset', 'demo_unsigned');
  form.append('file', file);
  return form;
}

/** Why the promise rejected (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('it resolved');
}

describe('uploadRequest: one request as the engine sends its own', () => {
  afterEach(() => setProxyRules([]));

  it('tries a form again after two 503s and resolves with the server answer; progress counts the file bytes, not the envelope', async () => {
    await setProxyRules([{ match: { method: 'POST', pathIncludes: 'kit=retry' }, action: 'status', status: 503, times: 2 }]);
    const file = randomFile(200_000, 'kit-retry.bin');
    const task = recordingTask();
    const answer = await uploadRequest({ url: endpoint('retry'), body: uploadForm(file) }, task, context());
    expect(answer.status).to.equal(200);
    expect(JSON.parse(answer.body).bytes).to.equal(file.size);
    expect(answer.header('content-type')).to.match(/^application\/json/);
    expect(task.retries).to.equal(2);
    expect(Math.max(...task.sent)).to.equal(file.size);
    expect(task.sent.at(-1)).to.equal(file.size);
  });

  it('a 4xx is an answer to read, not an error, and is not tried again; a raw Blob reports its own bytes', async () => {
    const body = { error: { message: 'SignatureDoesNotMatch' } };
    await setProxyRules([{ match: { method: 'POST', pathIncludes: 'kit=refused' }, action: 'status', status: 403, body, times: 5 }]);
    const blob = randomFile(150_000, 'kit-refused.bin');
    const task = recordingTask();
    const answer = await uploadRequest({ url: endpoint('refused'), body: blob, headers: { 'Content-Type': blob.type } }, task, context());
    expect(answer.status).to.equal(403);
    expect(JSON.parse(answer.body)).to.deep.equal(body);
    expect(task.retries).to.equal(0);
    expect((await proxyStats()).injected).to.have.length(1);
    expect(Math.max(...task.sent)).to.equal(blob.size);
    // A failed attempt starts its count again.
    expect(task.sent.at(-1)).to.equal(0);
  });

  it('no answer on any try: rejects with an UploadError of status 0 once maxRetries are spent', async () => {
    await setProxyRules([{ match: { method: 'POST', pathIncludes: 'kit=reset' }, action: 'reset', afterBytes: 1000, times: 10 }]);
    const task = recordingTask();
    const err = await rejection(uploadRequest({ url: endpoint('reset'), body: randomFile(50_000, 'kit-reset.bin') }, task, context({ maxRetries: 1 })));
    expect(err).to.be.instanceOf(UploadError);
    expect((err as UploadError).status).to.equal(0);
    expect((err as UploadError).code).to.equal(undefined);
    expect(task.retries).to.equal(1);
  });

  it('a server silent for requestTimeout ms is dropped: the UploadError says timeout', async () => {
    await setProxyRules([{ match: { method: 'POST', pathIncludes: 'kit=silent' }, action: 'stall', ms: 20_000, drain: true }]);
    const task = recordingTask();
    const started = performance.now();
    const err = await rejection(
      uploadRequest({ url: endpoint('silent'), body: uploadForm(randomFile(10_000, 'kit-silent.bin')) }, task, context({ maxRetries: 0, requestTimeout: 500 })),
    );
    expect((err as UploadError).code).to.equal('timeout');
    expect((err as UploadError).status).to.equal(0);
    expect(performance.now() - started).to.be.below(15_000);
  });

  it("stops at once on the task's pause or cancel, rejecting with that signal's reason", async () => {
    await setProxyRules([{ match: { method: 'POST', pathIncludes: 'kit=held' }, action: 'stall', ms: 20_000, drain: true, times: 2 }]);
    for (const which of ['pause', 'abort'] as const) {
      const cancel = new AbortController();
      const pause = new AbortController();
      const sending = uploadRequest(
        { url: endpoint('held'), body: uploadForm(randomFile(10_000, `kit-${which}.bin`)) },
        recordingTask(cancel.signal, pause.signal),
        context(),
      );
      setTimeout(() => (which === 'pause' ? pause : cancel).abort(which), 300);
      expect(await rejection(sending)).to.equal(which);
    }
    // Already paused: nothing is sent.
    const paused = new AbortController();
    paused.abort('pause');
    expect(await rejection(uploadRequest({ url: endpoint('held'), body: new Blob(['x']) }, recordingTask(undefined, paused.signal), context()))).to.equal(
      'pause',
    );
  });

  it("a request the browser's going offline broke waits for the network without spending a retry", async () => {
    await setProxyRules([{ match: { method: 'POST', pathIncludes: 'kit=offline' }, action: 'reset', afterBytes: 1000, times: 1 }]);
    // Online as the request starts; offline when asked after the fault and as the next try would start; online after the wait.
    const said = [false, true, true, true];
    let waited = 0;
    const network: NetworkWatch = {
      offline: () => said.shift() ?? false,
      online: () => {
        waited++;
        return new Promise((resolve) => setTimeout(resolve, 300));
      },
    };
    const file = randomFile(60_000, 'kit-offline.bin');
    const task = recordingTask();
    const answer = await uploadRequest({ url: endpoint('offline'), body: uploadForm(file) }, task, context({ maxRetries: 0 }, network));
    expect(answer.status).to.equal(200);
    expect(JSON.parse(answer.body).bytes).to.equal(file.size);
    expect(waited).to.equal(1);
    expect(said).to.deep.equal([]);
    expect(task.retries).to.equal(0);
  });
});
