// A hostile or broken server must not fool the widget: silence ends in a clear failure, a 2xx that
// is not an upload result is an error, and only http(s) addresses from the server reach the page.
import { expect } from '@open-wc/testing';
import { safeUrl, isUploadResult } from '../../src/core/protocol.js';
import { addPageThumbnail } from '../../src/element/page-thumbnails.js';
import { makeController, nextEvent, proxyStats, randomFile, setProxyRules } from './helpers.js';

describe('a server that takes the request and never answers', () => {
  afterEach(() => setProxyRules([]));

  it('is dropped after requestTimeout, retried like a network fault, then fails with a clear message', async () => {
    // The proxy reads every byte (upload progress reaches 100 %) and then stays silent.
    await setProxyRules([{ match: { method: 'POST' }, action: 'stall', drain: true, ms: 60_000, times: 10 }]);
    const { controller, events } = makeController({ requestTimeout: 400, maxRetries: 1 }, 'proxy');
    const started = performance.now();
    const error = nextEvent(controller, 'error', 15_000);
    await controller.addFiles([randomFile(20_000, 'silent.bin')]);
    const detail = await error;
    expect(detail.message).to.equal('silent.bin: the upload server stopped answering. Check the connection and retry.');
    expect(controller.items[0].status).to.equal('failed');
    expect(controller.items[0].retries).to.equal(1);
    expect(events.some((e) => e.name === 'success')).to.equal(false);
    // Two attempts, each ended by the timeout, not by the proxy's minute.
    expect((await proxyStats()).injected.filter((i) => i.action === 'stall')).to.have.length(2);
    expect(performance.now() - started).to.be.below(10_000);
  });

  it('the same holds when the body is never read (no upload progress at all)', async () => {
    await setProxyRules([{ match: { method: 'POST' }, action: 'stall', ms: 60_000, times: 10 }]);
    const { controller } = makeController({ requestTimeout: 400, maxRetries: 0 }, 'proxy');
    const error = nextEvent(controller, 'error', 15_000);
    await controller.addFiles([randomFile(2_000, 'unread.bin')]);
    expect((await error).message).to.contain('stopped answering');
  });

  it('a slow answer within requestTimeout is not cut off', async () => {
    await setProxyRules([{ match: { method: 'POST' }, action: 'stall', ms: 300, times: 1 }]);
    const { controller } = makeController({ requestTimeout: 2_000, maxRetries: 0 }, 'proxy');
    const success = nextEvent(controller, 'success', 15_000);
    await controller.addFiles([randomFile(2_000, 'slow.bin')]);
    expect((await success).public_id).to.be.a('string');
    expect(controller.items[0].retries).to.equal(0);
  });
});

describe('a 2xx that is not an upload result', () => {
  afterEach(() => setProxyRules([]));

  for (const [what, body] of [
    ['a bare number', '42'],
    ['an object without public_id', { ok: true }],
    ['a javascript: secure_url', { public_id: 'x', version: 1, secure_url: 'javascript:alert(document.domain)' }],
  ] as const) {
    it(`is an error, not a success: ${what}`, async () => {
      await setProxyRules([{ match: { method: 'POST' }, action: 'status', status: 200, body, times: 1 }]);
      const { controller, events } = makeController({ maxRetries: 0 }, 'proxy');
      const error = nextEvent(controller, 'error', 15_000);
      await controller.addFiles([randomFile(1_000, 'fooled.bin')]);
      expect((await error).message).to.contain('not with an upload result');
      expect(controller.items[0].status).to.equal('failed');
      expect(controller.items[0].uploadInfo).to.equal(undefined);
      expect(events.some((e) => e.name === 'success')).to.equal(false);
    });
  }

  it('a real result passes the check', () => {
    expect(isUploadResult({ public_id: 'a/b', version: 1712, secure_url: 'https://res.example.com/a/b.png' })).to.equal(true);
    expect(isUploadResult({ public_id: 'a/b', version: '1712', secure_url: 'https://res.example.com/a/b.png' })).to.equal(false);
  });
});

describe('addresses from the server', () => {
  it('only http(s) URLs pass', () => {
    expect(safeUrl('https://res.example.com/x.png')).to.equal('https://res.example.com/x.png');
    expect(safeUrl('http://127.0.0.1:8787/x.png')).to.equal('http://127.0.0.1:8787/x.png');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative.png', '', 42, null]) {
      expect(safeUrl(bad), String(bad)).to.equal(undefined);
    }
  });

  it('a javascript: URL never becomes a link or an image in the page thumbnails', () => {
    const box = document.createElement('div');
    document.body.append(box);
    addPageThumbnail(box, { public_id: 'x', version: 1, resource_type: 'image', secure_url: 'javascript:alert(1)', original_filename: 'x' });
    expect(box.querySelector('a')!.hasAttribute('href')).to.equal(false);
    expect(box.querySelector('img')).to.equal(null);
    addPageThumbnail(box, {
      public_id: 'y',
      version: 1,
      resource_type: 'image',
      secure_url: 'https://res.example.com/demo/image/upload/v1/y.png',
      original_filename: 'y',
    });
    expect(box.querySelectorAll('a')[1].getAttribute('href')).to.equal('https://res.example.com/demo/image/upload/v1/y.png');
    expect(box.querySelector('img')!.getAttribute('src')).to.equal('https://res.example.com/demo/image/upload/c_limit,h_60,w_90/v1/y.png');
    box.remove();
  });
});
