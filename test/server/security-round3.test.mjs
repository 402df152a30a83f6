// Red-team cases, round 3: what an attacker sends, and what the server then stores and answers.
// Chunk sessions bound to their owner, owner-only endpoints (signing, /__dev) out of strangers'
// reach (other origins, DNS rebinding), remote fetches pinned to the checked address, and the
// smaller holes (raw formats by their bytes, clashing public ids, legacy signatures).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startServer } from '../../server/index.mjs';
import { signParams } from '../../server/signature.mjs';
import { multipart, multipartBody, post, signed, uploadUrl } from '../support/server-client.mjs';

const KEY = '4242';
const SECRET = 'round3-secret';
const CLOUD = 'demo';
const PRESETS = { demo_unsigned: { unsigned: true }, jpg_only: { unsigned: true, allowed_formats: 'jpg' } };

const dirs = [];
const servers = [];
async function serve(options = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'upload-round3-'));
  dirs.push(dataDir);
  const srv = await startServer({ port: 0, dataDir, presets: PRESETS, cloudinaryUrl: `cloudinary://${KEY}:${SECRET}@${CLOUD}`, minChunkBytes: 1, ...options });
  servers.push(srv);
  return Object.assign(srv, { dataDir });
}
after(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const now = () => String(Math.floor(Date.now() / 1000));
const signedFields = (params) => signed(params, { key: KEY, secret: SECRET, version: 2 });

/** One HTTP request; resolves { status, headers, body } (JSON parsed when it is JSON). */
function send(srv, { method = 'POST', path, headers = {}, body, localAddress }) {
  return new Promise((resolve, reject) => {
    const req = request(
      `${srv.url}${path}`,
      { method, headers: { ...(body ? { 'content-length': Buffer.byteLength(body) } : {}), ...headers }, localAddress },
      (res) => {
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one chunk of a chunked upload, with fields before (and optionally after) the file part. */
function chunk(srv, { id, range, data, fields, afterFile, localAddress, rt = 'raw' }) {
  const { body, type } = multipartBody(fields, data, { name: 'blob.bin', after: afterFile });
  return send(srv, {
    path: `/v1_1/${CLOUD}/${rt}/upload`,
    headers: { 'content-type': type, 'x-unique-upload-id': id, 'content-range': range },
    body,
    localAddress,
  });
}

/** What is stored: every asset's metadata, read from the data directory. */
async function storedAssets(srv) {
  const base = join(srv.dataDir, '.meta');
  const files = await readdir(base, { recursive: true }).catch(() => []);
  const out = [];
  for (const f of files.filter((n) => n.endsWith('.json'))) out.push(JSON.parse(await readFile(join(base, f), 'utf8')));
  return out;
}
const sessionDir = (srv, id) => join(srv.dataDir, '.tmp', 'chunks', id);
const exists = (p) =>
  readdir(p).then(
    () => true,
    () => false,
  );

describe('chunk sessions belong to whoever opened them', () => {
  let srv;
  before(async () => {
    srv = await serve();
  });

  test('fields after the file part count: a stranger cannot finish the upload under their own name or tags', async () => {
    const data = randomBytes(2000);
    const owner = { upload_preset: 'demo_unsigned', folder: 'owner' };
    const id = 'takeover-after-file';
    assert.equal((await chunk(srv, { id, range: 'bytes 0-999/-1', data: data.subarray(0, 1000), fields: owner })).status, 200);
    // The stranger repeats the owner's fields before the file, and adds their own after it.
    const evil = await chunk(srv, {
      id,
      range: 'bytes 1000-1999/2000',
      data: randomBytes(1000),
      fields: owner,
      afterFile: { public_id: 'attacker/mine', tags: 'pwned' },
    });
    assert.equal(evil.status, 400, JSON.stringify(evil.body));
    assert.match(evil.body.error.message, /does not belong to the upload/);
    assert.deepEqual(await storedAssets(srv), [], 'nothing is stored');
    // The owner finishes it, with their own bytes and parameters.
    const done = await chunk(srv, { id, range: 'bytes 1000-1999/2000', data: data.subarray(1000), fields: owner });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.match(done.body.public_id, /^owner\//);
    assert.deepEqual(done.body.tags, []);
    assert.ok(Buffer.from(await (await fetch(done.body.secure_url)).arrayBuffer()).equals(data));
  });

  test('a field added after the file part of the first chunk binds the session too', async () => {
    const id = 'bound-after-file';
    const owner = { upload_preset: 'demo_unsigned' };
    const first = await chunk(srv, { id, range: 'bytes 0-999/-1', data: randomBytes(1000), fields: owner, afterFile: { public_id: 'owner/after' } });
    assert.equal(first.status, 200);
    const other = await chunk(srv, { id, range: 'bytes 1000-1999/2000', data: randomBytes(1000), fields: owner, afterFile: { public_id: 'attacker/after' } });
    assert.equal(other.status, 400);
    assert.match(other.body.error.message, /does not belong to the upload/);
    assert.equal((await storedAssets(srv)).filter((a) => a.public_id.includes('after')).length, 0);
  });

  test('a signed session cannot be completed by an unsigned request with the same parameters', async () => {
    const id = 'signed-then-unsigned';
    const params = { timestamp: now(), upload_preset: 'demo_unsigned', public_id: 'signed-doc' };
    assert.equal((await chunk(srv, { id, range: 'bytes 0-999/-1', data: randomBytes(1000), fields: signedFields(params) })).status, 200);
    const { timestamp: _t, ...unsignedParams } = params;
    const r = await chunk(srv, { id, range: 'bytes 1000-1999/2000', data: randomBytes(1000), fields: { ...unsignedParams, api_key: KEY } });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.error.message, /authentication or upload parameters differ/);
    assert.equal((await storedAssets(srv)).filter((a) => a.public_id === 'signed-doc').length, 0);
  });

  test("a finished upload's id is not a stranger's, and its kept answer goes only to the same bytes", async () => {
    const id = 'finished-id';
    const data = randomBytes(2000);
    const fields = { upload_preset: 'demo_unsigned', public_id: 'finished/one' };
    await chunk(srv, { id, range: 'bytes 0-999/-1', data: data.subarray(0, 1000), fields });
    const last = await chunk(srv, { id, range: 'bytes 1000-1999/2000', data: data.subarray(1000), fields });
    assert.equal(last.status, 200);
    // A stranger opens a new upload under the finished id: refused, nothing opened.
    const stranger = await chunk(srv, { id, range: 'bytes 0-999/-1', data: randomBytes(1000), fields: { upload_preset: 'demo_unsigned' } });
    assert.equal(stranger.status, 409, JSON.stringify(stranger.body));
    assert.equal(await exists(sessionDir(srv, id)), false);
    // A stranger who repeats the range and parameters with other bytes does not get the answer.
    const guess = await chunk(srv, { id, range: 'bytes 1000-1999/2000', data: randomBytes(1000), fields });
    assert.equal(guess.status, 409);
    assert.equal(guess.body.secure_url, undefined);
    // The owner, whose answer was lost, sends the same last chunk again and gets the same answer.
    const again = await chunk(srv, { id, range: 'bytes 1000-1999/2000', data: data.subarray(1000), fields });
    assert.deepEqual([again.status, again.body], [200, last.body]);
  });

  test('a chunk with total -1 that ends past the total an earlier chunk declared is refused', async () => {
    const id = 'past-total';
    assert.equal((await chunk(srv, { id, range: 'bytes 0-999/3000', data: randomBytes(1000), fields: { upload_preset: 'demo_unsigned' } })).status, 200);
    const r = await chunk(srv, { id, range: 'bytes 1000-3999/-1', data: randomBytes(3000), fields: { upload_preset: 'demo_unsigned' } });
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /ends beyond total 3000/);
  });
});

describe('unfinished chunked uploads are limited', () => {
  test('per client and in total, by count and by bytes, with a 429 that says which', async () => {
    const srv = await serve({ chunkLimits: { sessionsPerClient: 2, sessions: 3, bytesPerClient: 2500, bytes: 3500 } });
    const fields = { upload_preset: 'demo_unsigned' };
    const open = (id, localAddress, range = 'bytes 0-999/-1') => chunk(srv, { id, range, data: randomBytes(1000), fields, localAddress });
    assert.equal((await open('cap-a1', '127.0.0.1')).status, 200);
    assert.equal((await open('cap-a2', '127.0.0.1')).status, 200);
    const third = await open('cap-a3', '127.0.0.1');
    assert.equal(third.status, 429);
    assert.match(third.body.error.message, /from this client \(at most 2\)/);
    assert.equal(await exists(sessionDir(srv, 'cap-a3')), false);
    // Bytes: the client holds 2000 of its 2500.
    const grow = await open('cap-a1', '127.0.0.1', 'bytes 1000-1999/-1');
    assert.equal(grow.status, 429);
    assert.match(grow.body.error.message, /from this client: they would hold more than 2500 bytes/);
    // Another client may open one, until the server's total.
    assert.equal((await open('cap-b1', '127.0.0.2')).status, 200);
    const fourth = await open('cap-c1', '127.0.0.3');
    assert.equal(fourth.status, 429);
    assert.match(fourth.body.error.message, /on this server \(at most 3\)/);
    const total = await open('cap-b1', '127.0.0.2', 'bytes 1000-1999/-1');
    assert.equal(total.status, 429);
    assert.match(total.body.error.message, /on this server: they would hold more than 3500 bytes/);
    assert.ok(third.headers['retry-after']);
  });

  test('a session that never got a second chunk expires early; one that goes on stays', async () => {
    const srv = await serve({ chunkLimits: { firstChunkOnlyTtlMs: 300, ttlMs: 60_000 }, sweepEveryMs: 100 });
    const fields = { upload_preset: 'demo_unsigned' };
    const data = randomBytes(3000);
    await chunk(srv, { id: 'lonely', range: 'bytes 0-999/-1', data: data.subarray(0, 1000), fields });
    await chunk(srv, { id: 'going-on', range: 'bytes 0-999/-1', data: data.subarray(0, 1000), fields });
    await chunk(srv, { id: 'going-on', range: 'bytes 1000-1999/-1', data: data.subarray(1000, 2000), fields });
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(await exists(sessionDir(srv, 'lonely')), false, 'the one-chunk session is gone');
    const late = await chunk(srv, { id: 'lonely', range: 'bytes 1000-2999/3000', data: data.subarray(1000), fields });
    assert.equal(late.status, 400);
    assert.match(late.body.error.message, /Unknown upload 'lonely'/);
    const done = await chunk(srv, { id: 'going-on', range: 'bytes 2000-2999/3000', data: data.subarray(2000), fields });
    assert.equal(done.status, 200, JSON.stringify(done.body));
  });
});

describe('the signing endpoint', () => {
  let srv;
  before(async () => {
    srv = await serve({ devEndpoints: true });
  });
  const sign = (params, headers = {}, on = srv) =>
    send(on, { path: '/api/sign-upload', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ params_to_sign: params }) });

  test('is off without dev endpoints', async () => {
    const plain = await serve();
    const r = await sign({ timestamp: now() }, {}, plain);
    assert.equal(r.status, 404);
  });

  test("answers this server's own pages only: no signature for another origin, and never Access-Control-Allow-Origin: *", async () => {
    const evil = await sign({ timestamp: now(), source: 'uw' }, { origin: 'http://evil.example' });
    assert.equal(evil.status, 403);
    assert.equal(evil.body.signature, undefined);
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    const pre = await send(srv, {
      method: 'OPTIONS',
      path: '/api/sign-upload',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.headers['access-control-allow-origin'], undefined);
    const own = await sign({ timestamp: now(), source: 'uw' }, { origin: srv.url });
    assert.equal(own.status, 200);
    assert.equal(own.headers['access-control-allow-origin'], srv.url);
  });

  test('a DNS-rebinding page (Host and Origin of another name) gets 421', async () => {
    const port = new URL(srv.url).port;
    const r = await sign({ timestamp: now() }, { host: `rebind.test:${port}`, origin: `http://rebind.test:${port}` });
    assert.equal(r.status, 421);
    assert.equal(r.body.signature, undefined);
  });

  test('signs only what the widget sends: no notification_url, eager, overwrite, nor an existing id', async () => {
    for (const extra of [{ notification_url: 'http://evil.example/hook' }, { eager: 'w_10' }, { overwrite: 'true' }, { type: 'private' }, { eval: 'x' }]) {
      const r = await sign({ timestamp: now(), ...extra });
      assert.equal(r.status, 403, JSON.stringify(extra));
      assert.equal(r.body.signature, undefined);
    }
    // Someone else's asset: stored first, then a signature to replace it is refused.
    const form = multipart({ upload_preset: 'demo_unsigned', public_id: 'victim/photo' }, { bytes: randomBytes(100), name: 'v.bin' });
    const stored = await (await fetch(`${srv.url}/v1_1/${CLOUD}/raw/upload`, { method: 'POST', body: form })).json();
    assert.equal(stored.public_id, 'victim/photo');
    const replace = await sign({ timestamp: now(), public_id: 'photo', folder: 'victim' });
    assert.equal(replace.status, 403);
    assert.match(replace.body.error.message, /replace the existing asset 'victim\/photo'/);
    // What the widget sends is signed, and the upload goes through.
    const params = { timestamp: now(), source: 'uw', folder: 'signed', tags: 'a,b', use_filename: 'true', unique_filename: 'false', context: 'alt=x&y' };
    const ok = await sign(params);
    assert.equal(ok.status, 200);
    const up = multipart({ ...params, api_key: KEY, signature: ok.body.signature }, { bytes: randomBytes(100), name: 'w.bin' });
    const res = await fetch(`${srv.url}/v1_1/${CLOUD}/raw/upload`, { method: 'POST', body: up });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).public_id, 'signed/w.bin');
  });
});

describe('the dev endpoints', () => {
  test('refuse a DNS-rebinding page (421) and accept loopback names and names the owner configured', async () => {
    const srv = await serve({ devEndpoints: { hosts: ['owner.test'] } });
    const port = new URL(srv.url).port;
    const rebind = { host: `rebind.test:${port}`, origin: `http://rebind.test:${port}` };
    for (const [method, path, body] of [
      ['GET', '/__dev/requests'],
      ['GET', '/__dev/assets'],
      ['PUT', '/__dev/settings', '{"signatureMaxAge":2592000}'],
      ['DELETE', '/__dev/chunk-sessions'],
      ['DELETE', '/__dev/reset'],
    ]) {
      const r = await send(srv, { method, path, headers: rebind, body });
      assert.equal(r.status, 421, `${method} ${path}`);
    }
    const settings = await send(srv, { method: 'PUT', path: '/__dev/settings', body: '{}' });
    assert.equal(settings.body.signatureMaxAge, 3600, 'the settings did not change');
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `owner.test:${port}`]) {
      const r = await send(srv, { method: 'GET', path: '/__dev/requests', headers: { host, origin: `http://${host}` } });
      assert.equal(r.status, 200, host);
    }
    const v6 = await send(srv, { method: 'GET', path: '/__dev/assets', headers: { host: `[::1]:${port}` } });
    assert.equal(v6.status, 200);
  });

  test('PUT /__dev/settings with bad JSON is a 400', async () => {
    const srv = await serve({ devEndpoints: true });
    for (const body of ['{"signatureMaxAge":', 'nope', '[1]']) {
      const r = await send(srv, { method: 'PUT', path: '/__dev/settings', headers: { 'content-type': 'application/json' }, body });
      assert.equal(r.status, 400, body);
      assert.match(r.body.error.message, /JSON|object/);
    }
  });
});

describe('remote file= fetches', () => {
  /** A DNS server for tests: `answers(name, count)` gives the A records of the count-th A query for name. */
  async function dnsAnswerer(answers) {
    const socket = createSocket('udp4');
    const counts = new Map();
    socket.on('message', (msg, from) => {
      let at = 12;
      const labels = [];
      while (msg[at]) {
        labels.push(msg.subarray(at + 1, at + 1 + msg[at]).toString('latin1'));
        at += msg[at] + 1;
      }
      const qtype = msg.readUInt16BE(at + 1);
      const question = msg.subarray(12, at + 5);
      const name = labels.join('.').toLowerCase();
      let records = [];
      if (qtype === 1) {
        const n = (counts.get(name) ?? 0) + 1;
        counts.set(name, n);
        records = answers(name, n);
      }
      const head = Buffer.alloc(12);
      msg.copy(head, 0, 0, 2);
      head.writeUInt16BE(0x8180, 2);
      head.writeUInt16BE(1, 4);
      head.writeUInt16BE(records.length, 6);
      const rr = records.map((ip) => {
        const r = Buffer.alloc(16);
        r.writeUInt16BE(0xc00c, 0);
        r.writeUInt16BE(1, 2);
        r.writeUInt16BE(1, 4);
        r.writeUInt32BE(0, 6); // TTL 0: ask again every time
        r.writeUInt16BE(4, 10);
        ip.split('.').forEach((b, i) => {
          r[12 + i] = Number(b);
        });
        return r;
      });
      socket.send(Buffer.concat([head, question, ...rr]), from.port, from.address);
    });
    await new Promise((r) => socket.bind(0, '127.0.0.1', r));
    return { address: `127.0.0.1:${socket.address().port}`, counts, close: () => socket.close() };
  }

  test('a DNS-rebinding name (public first, then 127.0.0.1) never reaches the private service', async () => {
    let hits = 0;
    const privateService = createServer((_req, res) => {
      hits++;
      res.end('secret');
    });
    await new Promise((r) => privateService.listen(0, '127.0.0.1', r));
    const port = privateService.address().port;
    // 192.0.2.10 (TEST-NET-1) counts as public, and nothing answers there.
    const dns = await dnsAnswerer((name, n) =>
      name === 'rebind.test' ? (n === 1 ? ['192.0.2.10'] : ['127.0.0.1']) : name === 'inside.test' ? ['127.0.0.1'] : [],
    );
    try {
      const srv = await serve({ dnsServer: dns.address, fetchTimeoutMs: 1500 });
      const up = (file) =>
        send(srv, {
          path: `/v1_1/${CLOUD}/auto/upload`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ upload_preset: 'demo_unsigned', file }),
        });
      // The resolver is the test's: a name that is private from the start is refused as such.
      const inside = await up(`http://inside.test:${port}/x.png`);
      assert.equal(inside.status, 400);
      assert.match(inside.body.error.message, /loopback or private address/);
      const r = await up(`http://rebind.test:${port}/secret.png`);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(hits, 0, 'the private service was reached');
      assert.equal(dns.counts.get('rebind.test'), 1, 'the name is resolved once, and the connection made to that answer');
      assert.deepEqual(await storedAssets(srv), []);
    } finally {
      dns.close();
      privateService.close();
    }
  });

  test('every redirect hop connects to the address its name resolved to when it was checked', async () => {
    // Two services on one port: 127.0.0.1 (the answer checked) and 127.0.0.2 (the answer a
    // second lookup would give). The first redirects to another name, whose answers change too.
    const served = [];
    const make = (who) =>
      createServer((req, res) => {
        served.push(`${who} ${req.url}`);
        if (req.url === '/start.bin') {
          res.writeHead(302, { location: `http://hop.test:${req.socket.localPort}/final.bin` });
          return res.end();
        }
        res.end(`bytes from ${who}`);
      });
    const first = make('checked');
    await new Promise((r) => first.listen(0, '127.0.0.1', r));
    const port = first.address().port;
    const second = make('other');
    await new Promise((r, no) => second.once('error', no).listen(port, '127.0.0.2', r));
    const dns = await dnsAnswerer((name, n) => (['start.test', 'hop.test'].includes(name) ? [n === 1 ? '127.0.0.1' : '127.0.0.2'] : []));
    try {
      // Loopback is the point here, so private addresses are allowed; the pinning holds regardless.
      const srv = await serve({ dnsServer: dns.address, allowPrivateFetch: true });
      const r = await send(srv, {
        path: `/v1_1/${CLOUD}/raw/upload`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upload_preset: 'demo_unsigned', file: `http://start.test:${port}/start.bin` }),
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(served, ['checked /start.bin', 'checked /final.bin']);
      const [asset] = await storedAssets(srv);
      assert.equal(await readFile(join(srv.dataDir, asset.file), 'utf8'), 'bytes from checked');
    } finally {
      dns.close();
      first.close();
      second.close();
    }
  });
});

describe('smaller holes', () => {
  let srv;
  before(async () => {
    srv = await serve();
  });
  const upload = (fields, bytes, name, rt = 'auto') => post(uploadUrl(srv.url, CLOUD, rt), multipart(fields, { bytes, name }));

  test('HTML named .jpg under a jpg-only preset is refused, as raw or auto; a real JPEG passes', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(document.domain)</script></html>');
    for (const rt of ['auto', 'raw']) {
      const r = await upload({ upload_preset: 'jpg_only', filename_override: 'photo.jpg' }, html, 'photo.jpg', rt);
      assert.equal(r.status, 400, rt);
      assert.match(r.body.error.message, /format html not allowed/);
    }
    const plain = await upload({ upload_preset: 'jpg_only' }, Buffer.from('just text'), 'notes.jpg', 'raw');
    assert.equal(plain.status, 400);
    assert.match(plain.body.error.message, /format unknown not allowed/);
    assert.deepEqual(await storedAssets(srv), []);
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    assert.equal((await upload({ upload_preset: 'jpg_only' }, jpeg, 'real.jpg', 'raw')).status, 200);
  });

  test('public_id a then a/child (and the reverse) is a clear 400 or both stored, never a 500', async () => {
    const bytes = randomBytes(50);
    const first = await upload({ upload_preset: 'demo_unsigned', public_id: 'clash/a' }, bytes, 'x.bin', 'raw');
    assert.equal(first.status, 200);
    const child = await upload({ upload_preset: 'demo_unsigned', public_id: 'clash/a/child' }, bytes, 'x.bin', 'raw');
    assert.equal(child.status, 400, JSON.stringify(child.body));
    assert.match(child.body.error.message, /public_id 'clash\/a\/child'.*clashes/);
    const deep = await upload({ upload_preset: 'demo_unsigned', public_id: 'clash2/b/child' }, bytes, 'x.bin', 'raw');
    assert.equal(deep.status, 200);
    const parent = await upload({ upload_preset: 'demo_unsigned', public_id: 'clash2/b' }, bytes, 'x.bin', 'raw');
    assert.equal(parent.status, 400, JSON.stringify(parent.body));
    assert.match(parent.body.error.message, /clashes/);
    // Images carry their format in the file name: both are stored.
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    assert.equal((await upload({ upload_preset: 'demo_unsigned', public_id: 'pic' }, png, 'p.png')).status, 200);
    assert.equal((await upload({ upload_preset: 'demo_unsigned', public_id: 'pic/child' }, png, 'p.png')).status, 200);
  });

  test('the legacy unescaped signature form is refused by default, and accepted only with legacySignatures', async () => {
    // An old SDK signs `&` inside a value unescaped: "context=caption=a&b&timestamp=…".
    const timestamp = now();
    const legacySig = signParams({ context: 'caption=a&b', timestamp }, SECRET, 'sha1', 1);
    const fields = { context: 'caption=a&b', timestamp, api_key: KEY, signature: legacySig };
    const r = await upload(fields, randomBytes(10), 'r.bin', 'raw');
    assert.equal(r.status, 401);
    assert.match(r.body.error.message, /Invalid Signature/);
    const legacy = await serve({ legacySignatures: true });
    const form = multipart(fields, { bytes: randomBytes(10), name: 'r.bin' });
    assert.equal((await fetch(`${legacy.url}/v1_1/${CLOUD}/raw/upload`, { method: 'POST', body: form })).status, 200);
  });

  test('a signature for folder "x&overwrite=true" cannot be replayed as folder=x plus overwrite=true', async () => {
    const dev = await serve({ devEndpoints: true });
    const timestamp = now();
    const signedFor = await send(dev, {
      path: '/api/sign-upload',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ params_to_sign: { folder: 'x&overwrite=true', timestamp } }),
    });
    assert.equal(signedFor.status, 200);
    const form = multipart(
      { folder: 'x', overwrite: 'true', timestamp, api_key: KEY, signature: signedFor.body.signature },
      { bytes: randomBytes(10), name: 'r.bin' },
    );
    const r = await fetch(`${dev.url}/v1_1/${CLOUD}/raw/upload`, { method: 'POST', body: form });
    assert.equal(r.status, 401);
  });
});
