// The local server is safe to leave running: silent clients are dropped (and what they sent is
// deleted), and small files that decode to huge images are refused before they cost memory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startServer } from '../../server/index.mjs';
import { multipart } from '../support/server-client.mjs';

let srv;
let dir;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-limits-'));
  srv = await startServer({ port: 0, dataDir: dir, cloudinaryUrl: 'cloudinary://1:s@demo', idleTimeoutMs: 400, headersTimeoutMs: 400 });
});
after(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a raw connection, writes `text`, and resolves with how long the server took to close it. */
function silentClient(text) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(srv.port, '127.0.0.1', () => socket.write(text));
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => resolve(Date.now() - started));
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept a silent connection open for 5 s'));
    }, 5000);
  });
}

const leftovers = async () => (await readdir(join(dir, '.tmp'))).filter((n) => n !== 'chunks');

test('a client that sends half its headers and goes silent is dropped', async () => {
  const ms = await silentClient('POST /v1_1/demo/image/upload HTTP/1.1\r\nHost: x\r\nContent-Ty');
  assert.ok(ms < 3000, `closed after ${ms} ms`);
});

test('a client that stops halfway through an upload is dropped, and its partial file deleted', async () => {
  const boundary = 'b0undary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="upload_preset"\r\n\r\ndemo_unsigned\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const request = `POST /v1_1/demo/raw/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 1000000\r\n\r\n${head}${'x'.repeat(50_000)}`;
  const ms = await silentClient(request);
  assert.ok(ms < 3000, `closed after ${ms} ms`);
  // The half-written temp file goes with the connection.
  for (let i = 0; i < 50 && (await leftovers()).length; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(await leftovers(), []);
});

test('a picture over 50 megapixels is stored but not transformed: a 400 naming the limit', async () => {
  const big = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: '#336699' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  assert.ok(big.length < 2_000_000, 'a small file');
  const form = multipart({ upload_preset: 'demo_unsigned' }, { bytes: big, name: 'huge.png' });
  const stored = await (await fetch(`${srv.url}/v1_1/demo/image/upload`, { method: 'POST', body: form })).json();
  assert.equal(stored.width, 8000);
  const res = await fetch(stored.secure_url.replace('/upload/', '/upload/w_100/'));
  const text = await res.text();
  assert.equal(res.status, 400);
  assert.match(text, /8000×7000 pixels; this server transforms images of at most 50 megapixels/);
  // The original itself is still delivered as stored.
  assert.equal((await fetch(stored.secure_url)).status, 200);
});

test('text held in memory is capped at 16 MiB: a big JSON data URI and a big multipart text field are a 413 that says what to do', async () => {
  const big = `data:application/octet-stream;base64,${Buffer.alloc(13 * 1024 * 1024, 7).toString('base64')}`;
  const asJson = await fetch(`${srv.url}/v1_1/demo/raw/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upload_preset: 'demo_unsigned', file: big }),
  });
  assert.equal(asJson.status, 413);
  assert.match((await asJson.json()).error.message, /limited to 16777216 bytes; send the file as a multipart file part, or in chunks/);
  const form = multipart({ upload_preset: 'demo_unsigned', file: big });
  const asField = await fetch(`${srv.url}/v1_1/demo/raw/upload`, { method: 'POST', body: form });
  assert.equal(asField.status, 413);
  assert.deepEqual(await leftovers(), []);
  // A small data URI still works.
  const small = await fetch(`${srv.url}/v1_1/demo/raw/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upload_preset: 'demo_unsigned', file: 'data:text/plain;base64,aGVsbG8=' }),
  });
  assert.equal(small.status, 200);
});
