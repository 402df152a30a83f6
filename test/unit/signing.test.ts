import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import { paramsToSign } from '../../src/core/signing.js';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';
import { env, lastSeq, makeController, nextEvent, randomFile, serverRequests, signOnServer, unixTimeNow } from './helpers.js';

describe('signed uploads', () => {
  afterEach(() => sinon.restore());

  it('calls an uploadSignature function with the final params (timestamp, source=uw) and sends exactly those', async () => {
    const since = await lastSeq();
    const seen: Array<Record<string, unknown>> = [];
    const { controller } = makeController({
      uploadPreset: undefined,
      apiKey: env.apiKey,
      folder: 'signed',
      tags: ['s1'],
      useFilename: true,
      uniqueFilename: false,
      uploadSignature: (cb, params) => {
        seen.push(params);
        void signOnServer(params).then(cb);
      },
    });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([randomFile(2000, 'signed.bin')]);
    const info = await success;
    expect(info.public_id).to.equal('signed/signed.bin');
    expect(seen).to.have.length(1);
    expect(seen[0]).to.include({ folder: 'signed', tags: 's1', source: 'uw', use_filename: 'true', unique_filename: 'false' });
    expect(Number(seen[0].timestamp)).to.be.closeTo(unixTimeNow(), 5);
    expect(Object.keys(seen[0])).to.deep.equal(Object.keys(seen[0]).sort());
    const [request] = await serverRequests(since);
    expect(request.status).to.equal(200);
    expect(request.params).to.include({ api_key: env.apiKey, timestamp: String(seen[0].timestamp), folder: 'signed' });
    expect(request.params.signature).to.match(/^[0-9a-f]{40}$/);
  });

  it('accepts a signature function that returns a Promise', async () => {
    const { controller } = makeController({
      uploadPreset: undefined,
      apiKey: env.apiKey,
      uploadSignature: async (_cb, params) => signOnServer(params),
    });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([randomFile(100, 'promise.bin')]);
    expect((await success).public_id).to.be.a('string');
  });

  it('uses a signature string with uploadSignatureTimestamp and apiKey', async () => {
    const timestamp = unixTimeNow();
    const signature = await signOnServer(paramsToSign({ folder: 'fixed', source: 'uw', timestamp }));
    const { controller } = makeController({
      uploadPreset: undefined,
      apiKey: env.apiKey,
      folder: 'fixed',
      uploadSignature: signature,
      uploadSignatureTimestamp: timestamp,
    });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([randomFile(100, 'string.bin')]);
    expect((await success).public_id).to.match(/^fixed\//);
  });

  it('reports the server’s 401 when the signature is wrong, and sends nothing else', async () => {
    const since = await lastSeq();
    const { controller } = makeController({
      uploadPreset: undefined,
      apiKey: env.apiKey,
      uploadSignature: (cb) => cb('0'.repeat(40)),
    });
    const error = nextEvent(controller, 'error');
    await controller.addFiles([randomFile(100, 'forged.bin')]);
    const detail = await error;
    expect(detail.status).to.equal(401);
    expect(detail.message).to.match(/signature/i);
    expect((await serverRequests(since)).map((r) => r.status)).to.deep.equal([401]);
  });

  it('fails the file with a clear error when the signature function throws', async () => {
    const { controller } = makeController({
      uploadPreset: undefined,
      apiKey: env.apiKey,
      uploadSignature: () => {
        throw new Error('backend down');
      },
    });
    const error = nextEvent(controller, 'error');
    await controller.addFiles([randomFile(100, 'nosig.bin')]);
    expect((await error).message).to.equal('nosig.bin: uploadSignature failed: backend down');
  });

  it('refuses an api_secret option with a console error and an error event, and never sends it', async () => {
    const since = await lastSeq();
    const error = sinon.stub(console, 'error');
    const el = await fixture<UploadWidget>(html`<upload-widget></upload-widget>`);
    const seen = new Promise<CustomEvent>((resolve) => el.addEventListener('error', (e) => resolve(e as CustomEvent), { once: true }));
    // @ts-expect-error the options' type has no secret; a page in plain JavaScript can still pass one
    el.options = { cloud_name: env.cloudName, upload_preset: 'demo_unsigned', upload_prefix: env.server, api_secret: 'abcdefgh12345' };
    const event = await seen;
    expect(event.detail.message).to.match(/api_secret must never be given to the widget/);
    expect(error.args.map(([m]) => String(m)).join()).to.match(/api_secret/);
    const success = new Promise((resolve) => el.addEventListener('success', resolve, { once: true }));
    await el.addFiles([randomFile(100, 'safe.bin')]);
    await success;
    const requests = await serverRequests(since);
    expect(requests.length).to.equal(1);
    expect(JSON.stringify(requests[0].params)).to.not.contain('abcdefgh12345');
  });
});
