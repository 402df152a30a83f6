// Tests for the fault-injecting proxy used by browser/e2e tests.
// Run: node --test test/server/fault-proxy.test.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { startFaultProxy } from '../support/fault-proxy.mjs';
import { sha } from '../support/server-client.mjs';

// --- target: a tiny server that records everything that reached it ---------
let target;
let targetUrl;
let arrivals = []; // one entry per request, filled in when the request closes
let waiters = [];

function notify() {
  waiters = waiters.filter((w) => {
    if (arrivals.length < w.n) return true;
    w.resolve();
    return false;
  });
}
/** Resolves once `n` requests have fully arrived (or been aborted) at the target. */
function arrived(n) {
  return new Promise((resolve) => {
    waiters.push({ n, resolve });
    notify();
  });
}

function startTarget() {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      const entry = { method: req.method, url: req.url, headers: req.headers };
      req.on('data', (c) => {
        bytes += c.length;
        hash.update(c);
      });
      req.on('error', () => {}); // aborted bodies are expected in reset tests
      req.on('close', () => {
        Object.assign(entry, { bytes, sha: hash.digest('hex'), complete: req.complete });
        arrivals.push(entry);
        notify();
      });
      if (req.url.startsWith('/echo')) {
        // Stream the body straight back so the test can check byte identity both ways.
        res.writeHead(201, { 'content-type': 'application/octet-stream', 'x-target': 'yes', 'x-multi': ['a', 'b'] });
        req.pipe(res);
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*', 'x-from-target': 'preflight' });
        res.end();
        return;
      }
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(JSON.stringify({ ok: true, bytes }));
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Minimal client: resolves { status, headers, body } or rejects on socket errors. */
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let proxy;
before(async () => {
  target = await startTarget();
  targetUrl = `http://127.0.0.1:${target.address().port}`;
  proxy = await startFaultProxy({ target: targetUrl, port: 0 });
});
after(async () => {
  await proxy.close();
  target.closeAllConnections();
  await new Promise((r) => target.close(r));
});
beforeEach(() => {
  proxy.clearRules();
  proxy.resetStats();
  arrivals = [];
});

test('forwards method, path, query, headers and a multi-MB body byte-identical both ways', async () => {
  const body = randomBytes(4 * 1024 * 1024 + 123);
  const res = await request(`${proxy.url}/echo/path?x=1&y=%20z`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'x-custom': 'hello', 'content-length': body.length },
    body,
  });
  assert.equal(res.status, 201);
  assert.equal(res.headers['x-target'], 'yes');
  assert.equal(res.headers['x-multi'], 'a, b');
  assert.equal(sha(res.body), sha(body));
  await arrived(1);
  const [a] = arrivals;
  assert.equal(a.method, 'PUT');
  assert.equal(a.url, '/echo/path?x=1&y=%20z');
  assert.equal(a.headers['x-custom'], 'hello');
  assert.equal(a.headers.host, new URL(targetUrl).host, 'Host is rewritten to the target');
  assert.equal(a.bytes, body.length);
  assert.equal(a.sha, sha(body));
  assert.equal(proxy.stats().forwarded, 1);
});

test('OPTIONS preflights pass through to the target', async () => {
  const res = await request(`${proxy.url}/upload`, {
    method: 'OPTIONS',
    headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers['x-from-target'], 'preflight');
  await arrived(1);
  assert.equal(arrivals[0].method, 'OPTIONS');
});

test('status rule answers 500 `times` times with CORS, then forwards', async () => {
  proxy.setRules([{ id: 'boom', match: { method: 'POST', pathIncludes: '/upload' }, action: 'status', status: 500, times: 2 }]);
  const send = () => request(`${proxy.url}/v1_1/demo/upload`, { method: 'POST', headers: { origin: 'http://app.test' }, body: 'x'.repeat(5000) });
  for (let i = 0; i < 2; i++) {
    const res = await send();
    assert.equal(res.status, 500);
    assert.equal(res.headers['access-control-allow-origin'], 'http://app.test');
    assert.deepEqual(JSON.parse(res.body), { error: { message: 'Injected 500' } });
  }
  const ok = await send();
  assert.equal(ok.status, 200);
  await arrived(1);
  assert.equal(arrivals.length, 1, 'injected requests never reach the target');
  const stats = proxy.stats();
  assert.equal(stats.forwarded, 1);
  assert.equal(stats.injected.length, 2);
  assert.deepEqual(
    { rule: stats.injected[0].rule, action: stats.injected[0].action, method: stats.injected[0].method, path: stats.injected[0].path },
    { rule: 'boom', action: 'status', method: 'POST', path: '/v1_1/demo/upload' },
  );
});

test('status rule honours skip, custom headers and body', async () => {
  proxy.setRules([{ action: 'status', status: 420, skip: 1, headers: { 'Retry-After': '1' }, body: '{"error":{"message":"slow down"}}' }]);
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const res = await request(`${proxy.url}/upload`, { method: 'POST', body: 'abc' });
    statuses.push(res.status);
    if (res.status === 420) {
      assert.equal(res.headers['retry-after'], '1');
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(res.headers['access-control-expose-headers'], /Retry-After/i);
      assert.equal(JSON.parse(res.body).error.message, 'slow down');
    }
  }
  assert.deepEqual(statuses, [200, 420, 200]);
});

test('reset rule: client sees a socket error, target sees an aborted, shorter request', async () => {
  const body = randomBytes(2 * 1024 * 1024);
  proxy.setRules([{ id: 'cut', action: 'reset', afterBytes: 100_000 }]);
  await assert.rejects(
    request(`${proxy.url}/upload`, { method: 'POST', headers: { 'content-length': body.length }, body }),
    (err) => ['ECONNRESET', 'EPIPE'].includes(err.code) || /socket hang up/.test(err.message),
  );
  await arrived(1);
  const [a] = arrivals;
  assert.equal(a.complete, false, 'target saw an aborted request');
  assert.ok(a.bytes > 0 && a.bytes < body.length, `target got ${a.bytes} of ${body.length} bytes`);
  assert.equal(a.bytes, 100_000);
  // The proxy survives and forwards the retry.
  const ok = await request(`${proxy.url}/upload`, { method: 'POST', body });
  assert.equal(ok.status, 200);
  assert.equal(proxy.stats().injected[0].action, 'reset');
});

test('lose-answer rule: the target gets the whole request and answers; the client sees a socket error', async () => {
  const body = randomBytes(2 * 1024 * 1024);
  proxy.setRules([{ id: 'lost', action: 'lose-answer' }]);
  await assert.rejects(
    request(`${proxy.url}/upload`, { method: 'POST', headers: { 'content-length': body.length }, body }),
    (err) => ['ECONNRESET', 'EPIPE'].includes(err.code) || /socket hang up/.test(err.message),
  );
  await arrived(1);
  const [a] = arrivals;
  assert.equal(a.complete, true, 'target saw the whole request');
  assert.equal(a.bytes, body.length);
  assert.equal(a.sha, sha(body));
  assert.equal(proxy.stats().injected[0].action, 'lose-answer');
  const ok = await request(`${proxy.url}/upload`, { method: 'POST', body });
  assert.equal(ok.status, 200);
});

test('contentRangeStart (+ header) matching affects only that chunk', async () => {
  proxy.setRules([
    {
      action: 'status',
      status: 503,
      times: 5,
      match: { method: 'POST', contentRangeStart: 1000, header: { name: 'X-Unique-Upload-Id', value: 'u1' } },
    },
  ]);
  const chunk = (id, start) =>
    request(`${proxy.url}/upload`, {
      method: 'POST',
      headers: { 'x-unique-upload-id': id, 'content-range': `bytes ${start}-${start + 999}/3000` },
      body: Buffer.alloc(1000),
    }).then((r) => r.status);
  assert.deepEqual([await chunk('u1', 0), await chunk('u1', 1000), await chunk('u1', 2000)], [200, 503, 200]);
  assert.equal(await chunk('u2', 1000), 200, 'another upload id is untouched');
  assert.equal(proxy.stats().injected[0].contentRange, 'bytes 1000-1999/3000');
});

test('stall delays by about ms, then forwards; thenReset drops the connection', async () => {
  proxy.setRules([{ action: 'stall', ms: 300, times: 1 }]);
  const t0 = performance.now();
  const res = await request(`${proxy.url}/upload`, { method: 'POST', body: 'hi' });
  const elapsed = performance.now() - t0;
  assert.equal(res.status, 200);
  // Only the lower bound: a loaded machine may take longer, never shorter.
  assert.ok(elapsed >= 280, `elapsed ${elapsed}ms`);

  arrivals = [];
  proxy.setRules([{ action: 'stall', ms: 100, thenReset: true }]);
  await assert.rejects(request(`${proxy.url}/upload`, { method: 'POST', body: 'hi' }));
  assert.equal(arrivals.length, 0, 'stall+reset never reaches the target');
});

test('stall with drain reads the whole body (the client finishes sending), never answers, then resets', async () => {
  proxy.setRules([{ action: 'stall', ms: 400, drain: true }]);
  const body = randomBytes(16 * 1024 * 1024);
  let sent = false;
  const t0 = performance.now();
  const outcome = new Promise((resolve) => {
    const req = http.request(`${proxy.url}/upload`, { method: 'POST', agent: false }, () => resolve('answered'));
    req.on('error', () => resolve('reset'));
    // A body larger than socket buffers only finishes writing if the proxy reads it.
    req.end(body, () => (sent = true));
  });
  assert.equal(await outcome, 'reset');
  assert.equal(sent, true, 'every byte was sent before the reset');
  assert.ok(performance.now() - t0 >= 380, 'held until ms');
  assert.equal(arrivals.length, 0, 'a drained body never reaches the target');
});

test('HTTP control API: preflight, PUT rules, GET stats, DELETE rules', async () => {
  const pre = await fetch(`${proxy.url}/__proxy/rules`, {
    method: 'OPTIONS',
    headers: { 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods'), /PUT/);

  const put = await fetch(`${proxy.url}/__proxy/rules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ id: 'http-rule', action: 'status', status: 500 }]),
  });
  assert.equal(put.status, 204);
  assert.equal(put.headers.get('access-control-allow-origin'), '*');
  assert.equal((await request(`${proxy.url}/upload`, { method: 'POST', body: 'a' })).status, 500);

  const stats = await fetch(`${proxy.url}/__proxy/stats`);
  assert.equal(stats.status, 200);
  assert.equal(stats.headers.get('access-control-allow-origin'), '*');
  const json = await stats.json();
  assert.equal(json.injected.length, 1);
  assert.equal(json.injected[0].rule, 'http-rule');

  // PUT again resets counters, so the same rule fires again.
  await fetch(`${proxy.url}/__proxy/rules`, { method: 'PUT', body: JSON.stringify([{ action: 'status', status: 500 }]) });
  assert.equal((await request(`${proxy.url}/upload`, { method: 'POST', body: 'a' })).status, 500);

  await fetch(`${proxy.url}/__proxy/rules`, { method: 'PUT', body: JSON.stringify([{ action: 'status', status: 500 }]) });
  const del = await fetch(`${proxy.url}/__proxy/rules`, { method: 'DELETE' });
  assert.equal(del.status, 204);
  assert.equal((await request(`${proxy.url}/upload`, { method: 'POST', body: 'a' })).status, 200);

  const bad = await fetch(`${proxy.url}/__proxy/rules`, { method: 'PUT', body: '[{"action":"explode"}]' });
  assert.equal(bad.status, 400);
  await bad.body?.cancel();
});

test('/__proxy/* is never forwarded, and rules never apply to it', async () => {
  proxy.setRules([{ action: 'status', status: 500, times: 100 }]);
  assert.equal((await request(`${proxy.url}/__proxy/stats`)).status, 200);
  assert.equal((await request(`${proxy.url}/__proxy/nope`, { method: 'POST', body: 'x' })).status, 404);
  assert.equal(proxy.stats().forwarded, 0);
  assert.equal(proxy.stats().injected.length, 0);
  assert.equal(arrivals.length, 0);
});

test('client abort mid-body does not crash the proxy and aborts upstream', async () => {
  await new Promise((resolve) => {
    const req = http.request(`${proxy.url}/upload`, { method: 'POST', headers: { 'content-length': 1_000_000 }, agent: false });
    req.on('error', () => {});
    req.write(Buffer.alloc(10_000), () =>
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50),
    );
  });
  await arrived(1);
  assert.equal(arrivals[0].complete, false);
  assert.equal((await request(`${proxy.url}/upload`, { method: 'POST', body: 'ok' })).status, 200);
});

test('upstream down -> 502 JSON with CORS; non-loopback targets are refused', async () => {
  const dead = http.createServer();
  await new Promise((r) => dead.listen(0, '127.0.0.1', r));
  const deadUrl = `http://127.0.0.1:${dead.address().port}`;
  await new Promise((r) => dead.close(r));
  const p = await startFaultProxy({ target: deadUrl });
  try {
    const res = await request(`${p.url}/upload`, { method: 'POST', headers: { origin: 'http://app.test' }, body: 'x' });
    assert.equal(res.status, 502);
    assert.equal(res.headers['access-control-allow-origin'], 'http://app.test');
    assert.match(JSON.parse(res.body).error.message, /ECONNREFUSED/);
  } finally {
    await p.close();
  }
  await assert.rejects(startFaultProxy({ target: 'http://example.com' }), /loopback/);
});

test('throttle forwards the body whole at no more than its rate, and stats.bodies records what went', async () => {
  proxy.setRules([{ match: { method: 'POST' }, action: 'throttle', bytesPerSecond: 1024 * 1024 }]);
  const body = randomBytes(600 * 1024);
  const started = Date.now();
  const res = await request(`${proxy.url}/upload`, {
    method: 'POST',
    headers: { 'content-range': 'bytes 0-614399/614400', 'content-length': body.length },
    body,
  });
  const took = Date.now() - started;
  assert.equal(res.status, 200);
  await arrived(1);
  assert.equal(arrivals[0].bytes, body.length);
  assert.equal(arrivals[0].sha, sha(body));
  // 600 KiB at 1 MiB/s: more than half a second.
  assert.ok(took >= 500, `took ${took} ms`);
  assert.deepEqual(proxy.stats().bodies, [{ contentRange: 'bytes 0-614399/614400', bytes: body.length, complete: true }]);
});

test('flip forwards the whole body with one byte inverted (the middle one, or `at`), once', async () => {
  const body = randomBytes(3 * 1024 * 1024 + 7);
  proxy.setRules([
    { match: { method: 'POST' }, action: 'flip' },
    { match: { method: 'PUT' }, action: 'flip', at: 5 },
  ]);
  for (const [method, at] of [
    ['POST', Math.floor(body.length / 2)],
    ['PUT', 5],
  ]) {
    arrivals = [];
    const res = await request(`${proxy.url}/upload`, { method, headers: { 'content-length': body.length }, body });
    assert.equal(res.status, 200);
    await arrived(1);
    const flipped = Buffer.from(body);
    flipped[at] ^= 0xff;
    assert.equal(arrivals[0].bytes, body.length);
    assert.equal(arrivals[0].sha, sha(flipped), `${method}: byte ${at} inverted, no other`);
  }
  // Spent after once: the next body goes as it is.
  arrivals = [];
  await request(`${proxy.url}/upload`, { method: 'POST', headers: { 'content-length': body.length }, body });
  await arrived(1);
  assert.equal(arrivals[0].sha, sha(body));
});
