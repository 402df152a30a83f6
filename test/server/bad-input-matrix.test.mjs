// Bad input, case by case, against a server in its default (strict) configuration: every case ends
// in a clear 4xx whose message names what was wrong and shows no server path or stack, and after
// every case nothing already stored changed and no temporary file is left behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startServer } from '../../server/index.mjs';
import { signParams } from '../../server/signature.mjs';
import { multipart, sha, signed } from '../support/server-client.mjs';

const KEY = '7777';
const SECRET = 'matrix-secret';
const CLOUD = 'demo';

let srv;
let dir;
let seeded;
let seededBytes;

const now = () => String(Math.floor(Date.now() / 1000));
const sign = (params) => signed(params, { key: KEY, secret: SECRET });
const png = () =>
  sharp({ create: { width: 6, height: 4, channels: 3, background: '#884422' } })
    .png()
    .toBuffer();

/** The requests, by class: [name, () => fetch options, expected status, message pattern]. */
function cases() {
  const up = (rt = 'image') => `/v1_1/${CLOUD}/${rt}/upload`;
  const form = (fields, file = { bytes: seededBytes, name: 'p.png' }) => ({ method: 'POST', path: up(), body: multipart(fields, file) });
  const json = (body, path = up()) => ({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const unsigned = (extra) => form({ upload_preset: 'demo_unsigned', ...extra });
  const chunk = (headers, size = 1000, fields = sign({ timestamp: now(), public_id: 'chunky' })) => ({
    method: 'POST',
    path: up('raw'),
    headers,
    body: multipart(fields, { bytes: Buffer.alloc(size, 1), name: 'c.bin' }),
  });
  const get = (path, headers = {}) => ({ method: 'GET', path, headers });
  const list = [];
  const add = (cls, name, request, status, pattern) => list.push({ cls, name, request, status, pattern });

  for (const id of [
    '../x',
    '/abs',
    'a\\b',
    'a?b',
    'a#b',
    'a%b',
    'a<b',
    'a>b',
    'a&b',
    'a+b',
    'x/./y',
    'x/../y',
    'C:evil',
    'a\u0000b',
    'a\u0085b',
    'a\u202eb',
    'a\u2066b',
    'a'.repeat(256),
    'é'.repeat(120),
    'a'.repeat(201),
  ]) {
    add('public ids', JSON.stringify(id.length > 20 ? `${id.slice(0, 8)}…(${id.length})` : id), () => unsigned({ public_id: id }), 400, /public_id/);
  }
  for (const [param, value] of [
    ['overwrite', 'true'],
    ['type', 'private'],
    ['eager', 'w_10'],
    ['eval', 'x'],
    ['notification_url', 'http://x'],
    ['access_mode', 'authenticated'],
    ['allowed_formats', 'png'],
    ['transformation', 'w_10'],
  ]) {
    add('unsigned parameters', param, () => unsigned({ [param]: value }), 400, new RegExp(`${param} parameter is not allowed when using unsigned upload`));
  }
  add('auth', 'no preset, no signature', () => form({}), 400, /Upload preset must be specified/);
  add('auth', 'unknown preset', () => unsigned({ upload_preset: 'nope' }), 400, /preset/i);
  add('auth', 'wrong signature', () => form({ timestamp: now(), public_id: 'x', api_key: KEY, signature: 'a'.repeat(40) }), 401, /signature/i);
  add('auth', 'stale timestamp', () => form(sign({ timestamp: String(Math.floor(Date.now() / 1000) - 7200), public_id: 'x' })), 401, /Stale request/);
  add('auth', 'unknown api key', () => form({ ...sign({ timestamp: now() }), api_key: '1' }), 401, /Unknown API key/);
  add(
    'auth',
    'signature without timestamp',
    () => form({ api_key: KEY, signature: signParams({ public_id: 'x' }, SECRET), public_id: 'x' }),
    400,
    /timestamp/i,
  );

  add('file input', 'missing file', () => form({ upload_preset: 'demo_unsigned' }, null), 400, /Missing required parameter - file/);
  add('file input', 'empty file', () => form({ upload_preset: 'demo_unsigned' }, { bytes: Buffer.alloc(0), name: 'e.png' }), 400, /Empty file/);
  for (const value of ['ftp://example.com/x.png', 'javascript:alert(1)', 'file:///etc/passwd', 'data:xyz', 'data:image/png;base64,@@@@', 'not a url']) {
    add('file input', `file=${value}`, () => json({ upload_preset: 'demo_unsigned', file: value }), 400, /file parameter|data URI/);
  }
  for (const value of [{}, 42, ['a']])
    add('file input', `file=${JSON.stringify(value)}`, () => json({ upload_preset: 'demo_unsigned', file: value }), 400, /file parameter|expected/);
  for (const host of ['127.0.0.1', 'localhost', '[::1]', '169.254.169.254', '10.0.0.1', '0x7f.1', '2130706433', '[::ffff:127.0.0.1]']) {
    add(
      'remote fetch',
      host,
      () => json({ upload_preset: 'demo_unsigned', file: `http://${host}/x.png` }),
      400,
      /loopback or private address|could not be resolved/,
    );
  }

  add(
    'bodies',
    'invalid JSON',
    () => ({ method: 'POST', path: up(), headers: { 'content-type': 'application/json' }, body: '{"upload_preset":' }),
    400,
    /Invalid JSON body/,
  );
  add(
    'bodies',
    'JSON array',
    () => ({ method: 'POST', path: up(), headers: { 'content-type': 'application/json' }, body: '[1,2]' }),
    400,
    /JSON body must be an object/,
  );
  add(
    'bodies',
    'JSON string',
    () => ({ method: 'POST', path: up(), headers: { 'content-type': 'application/json' }, body: '"x"' }),
    400,
    /JSON body must be an object/,
  );
  add(
    'bodies',
    'JSON over 16 MiB',
    () => json({ upload_preset: 'demo_unsigned', file: `data:text/plain;base64,${'QUFB'.repeat(4_500_000)}` }),
    413,
    /limited to 16777216 bytes/,
  );
  add(
    'bodies',
    'multipart without boundary',
    () => ({ method: 'POST', path: up(), headers: { 'content-type': 'multipart/form-data' }, body: 'x' }),
    400,
    /multipart/i,
  );
  add(
    'bodies',
    'multipart cut short',
    () => ({
      method: 'POST',
      path: up(),
      headers: { 'content-type': 'multipart/form-data; boundary=zz' },
      body: '--zz\r\nContent-Disposition: form-data; name="upload_preset"\r\n\r\ndemo_unsigned\r\n--zz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
    }),
    400,
    /multipart|Missing required parameter - file|Unexpected end/i,
  );
  add(
    'bodies',
    'declared over the request limit',
    () => ({ raw: true, method: 'POST', path: up(), headers: { 'content-type': 'application/octet-stream', 'content-length': String(200 * 1024 * 1024) } }),
    413,
    /File size too large/,
  );

  add('chunks', 'no X-Unique-Upload-Id', () => chunk({ 'content-range': 'bytes 0-999/1000' }), 400, /X-Unique-Upload-Id/);
  add('chunks', 'bad upload id', () => chunk({ 'x-unique-upload-id': '../../x', 'content-range': 'bytes 0-999/1000' }), 400, /X-Unique-Upload-Id/);
  add('chunks', 'garbage Content-Range', () => chunk({ 'x-unique-upload-id': 'm1', 'content-range': 'items 1-2' }), 400, /Content-Range/);
  add('chunks', 'end before start', () => chunk({ 'x-unique-upload-id': 'm2', 'content-range': 'bytes 999-0/1000' }), 400, /end is before start/);
  add('chunks', 'past the declared total', () => chunk({ 'x-unique-upload-id': 'm3', 'content-range': 'bytes 0-1999/1000' }, 2000), 400, /beyond the total/);
  add(
    'chunks',
    'a 2^50 offset',
    () => chunk({ 'x-unique-upload-id': 'm4', 'content-range': `bytes ${2 ** 50}-${2 ** 50 + 999}/-1` }),
    400,
    /at most \d+ bytes/,
  );
  add(
    'chunks',
    'a small middle chunk (5 MiB rule)',
    () => chunk({ 'x-unique-upload-id': 'm5', 'content-range': 'bytes 0-999/20000000' }),
    400,
    /All parts except EOF-chunk must be larger than 5mb/,
  );
  add(
    'chunks',
    'bytes and range disagree',
    () => chunk({ 'x-unique-upload-id': 'm6', 'content-range': 'bytes 0-499/500' }, 1000),
    400,
    /the chunk has more than the 500 bytes the range says/,
  );
  add(
    'chunks',
    'a chunk without a file part',
    () => ({
      method: 'POST',
      path: up('raw'),
      headers: { 'x-unique-upload-id': 'm7', 'content-range': 'bytes 0-9/10' },
      body: multipart(sign({ timestamp: now() })),
    }),
    400,
    /a chunk must be sent as a file part/,
  );

  for (const path of [
    '..%2F..%2F.meta%2Fdemo%2Fimage%2Fupload%2Fseed',
    'v1/..%2F..%2F..%2F.tmp%2Fchunks',
    '%2E%2E/seed.png',
    '.%2Fseed.png',
    '..%5Cseed.png',
  ]) {
    add('delivery', path, () => get(`/${CLOUD}/image/upload/${path}`), 404, /not found/i);
  }
  add(
    'delivery',
    'eleven chained steps',
    () => get(`/${CLOUD}/image/upload/${Array(11).fill('w_10').join('/')}/seed.png`),
    400,
    /Too many chained transformations/,
  );
  add('delivery', 'unknown component', () => get(`/${CLOUD}/image/upload/w_10,zz_1/seed.png`), 400, /Unsupported transformation parameter 'zz'/);
  add('delivery', 'zero width', () => get(`/${CLOUD}/image/upload/w_0/seed.png`), 400, /Invalid transformation component/);
  add('delivery', 'huge width', () => get(`/${CLOUD}/image/upload/w_99999/seed.png`), 400, /Invalid transformation component/);
  add('delivery', 'unknown output format', () => get(`/${CLOUD}/image/upload/w_10/seed.exe`), 400, /Cannot deliver an image as 'exe'|not found/i);

  add('dev endpoints', 'read the log from another site', () => get('/__dev/requests', { origin: 'http://evil.example' }), 403, /own pages only/);
  add(
    'dev endpoints',
    'revive old signatures from another site',
    () => ({
      method: 'PUT',
      path: '/__dev/settings',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{"signatureMaxAge":2592000}',
    }),
    403,
    /own pages only/,
  );
  add('routing', 'unknown resource type', () => ({ ...unsigned({}), path: `/v1_1/${CLOUD}/exe/upload` }), 404, /Unsupported endpoint/);
  add('routing', 'another cloud', () => ({ ...unsigned({}), path: '/v1_1/othercloud/image/upload' }), 404, /cloud|Not found/i);
  return list;
}

/** Everything under the data directory except the seeded asset, the request log and caches. */
async function leftovers() {
  const tmp = (await readdir(join(dir, '.tmp'))).filter((n) => n !== 'chunks');
  const sessions = await readdir(join(dir, '.tmp', 'chunks')).catch(() => []);
  const assets = (await readdir(join(dir, CLOUD), { recursive: true })).filter((f) => /\.\w+$/.test(f));
  return { tmp, sessions, assets };
}

/** Sends only a request's headers (a body the server should refuse before reading it). */
function headersOnly(path, { method, headers }) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(srv.url + path, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text: async () => text }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-matrix-'));
  srv = await startServer({ port: 0, dataDir: dir, cloudinaryUrl: `cloudinary://${KEY}:${SECRET}@${CLOUD}`, devEndpoints: true });
  seededBytes = await png();
  const res = await fetch(`${srv.url}/v1_1/${CLOUD}/image/upload`, {
    method: 'POST',
    body: multipart(sign({ timestamp: now(), public_id: 'seed' }), { bytes: seededBytes, name: 'seed.png' }),
  });
  seeded = await res.json();
  assert.equal(res.status, 200, JSON.stringify(seeded));
});

after(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

describe('bad input matrix', () => {
  const all = cases();
  test('has at least 80 cases', () => assert.ok(all.length >= 80, `${all.length} cases`));
  for (const { cls, name, request, status, pattern } of all) {
    test(`${cls}: ${name} → ${status}`, async () => {
      const { path, raw, ...init } = request();
      const res = raw ? await headersOnly(path, init) : await fetch(srv.url + path, init);
      const text = await res.text();
      assert.equal(res.status, status, text.slice(0, 300));
      assert.match(text, pattern);
      // No server path, no stack, no secret in what the client sees.
      assert.ok(!text.includes(dir), 'no data directory path');
      assert.doesNotMatch(text, /\bat \S+ \(|node:internal|\/work\/|\/tmp\//, 'no stack or path');
      assert.ok(!text.includes(SECRET), 'no secret');
      // Nothing stored changed, nothing was left behind.
      const now = await leftovers();
      assert.deepEqual(now.tmp, [], 'no temp files');
      assert.deepEqual(now.sessions, [], 'no chunk sessions');
      assert.deepEqual(now.assets, ['image/upload/seed.png'], 'only the seeded asset');
      const delivered = Buffer.from(await (await fetch(seeded.secure_url)).arrayBuffer());
      assert.equal(sha(delivered), sha(seededBytes), 'the seeded asset is intact');
    });
  }
});
