// Chunked uploads over raw HTTP: retries, dropped connections, inconsistent ranges.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/index.mjs';
import { multipartBody, signed } from '../support/server-client.mjs';

let srv;
let dir;
const CLOUD = 'demo';
const SECRET = 'chunk-secret';
const KEY = '42';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-chunks-'));
  // Small chunks keep these protocol tests fast; the 5 MiB rule has a test of its own below.
  srv = await startServer({ port: 0, dataDir: dir, cloudinaryUrl: `cloudinary://${KEY}:${SECRET}@${CLOUD}`, minChunkBytes: 1 });
});
after(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

/** Fields for a chunked upload, signed: now, a public id of its own, and `extra`. */
function sign(extra = {}) {
  const params = { timestamp: String(Math.floor(Date.now() / 1000)), public_id: `chunked-${randomBytes(3).toString('hex')}`, ...extra };
  return signed(params, { key: KEY, secret: SECRET });
}

/** Sends one chunk; resolves { status, body }. `pauseMs`: hold its last 100 bytes back that long. */
function sendChunk(fields, uploadId, range, data, pauseMs = 0) {
  const { body, type } = multipartBody(fields, data);
  return new Promise((resolve, reject) => {
    const req = request(
      `${srv.url}/v1_1/${CLOUD}/raw/upload`,
      {
        method: 'POST',
        headers: { 'content-type': type, 'content-length': body.length, 'x-unique-upload-id': uploadId, 'content-range': range },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    if (!pauseMs) return req.end(body);
    req.write(body.subarray(0, body.length - 100));
    setTimeout(() => req.end(body.subarray(body.length - 100)), pauseMs);
  });
}

const sessionFiles = async (id) => readdir(join(dir, '.tmp', 'chunks', id)).catch(() => []);

test('a retried chunk replaces itself', async () => {
  const data = randomBytes(3000);
  const fields = sign();
  const id = 'retry-1';
  let r = await sendChunk(fields, id, 'bytes 0-999/-1', randomBytes(1000)); // garbage first attempt
  assert.deepEqual([r.status, r.body.done, r.body.bytes], [200, false, 1000]);
  r = await sendChunk(fields, id, 'bytes 0-999/-1', data.subarray(0, 1000)); // the retry wins
  assert.deepEqual([r.status, r.body.bytes], [200, 1000]);
  r = await sendChunk(fields, id, 'bytes 1000-1999/-1', data.subarray(1000, 2000));
  assert.equal(r.body.bytes, 2000);
  r = await sendChunk(fields, id, 'bytes 2000-2999/3000', data.subarray(2000));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.public_id, fields.public_id);
  assert.equal(r.body.bytes, 3000);
  const got = Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer());
  assert.ok(got.equals(data));
  assert.deepEqual(await sessionFiles(id), []);
});

test('middle chunks may arrive in any order between the first and the last', async () => {
  const data = randomBytes(4000);
  const fields = sign();
  const id = 'ooo-1';
  const part = (n) => [`bytes ${n * 1000}-${n * 1000 + 999}/${n === 3 ? 4000 : -1}`, data.subarray(n * 1000, n * 1000 + 1000)];
  let r = await sendChunk(fields, id, ...part(0));
  assert.equal(r.body.done, false);
  r = await sendChunk(fields, id, ...part(2));
  assert.deepEqual([r.status, r.body.done, r.body.bytes], [200, false, 2000]);
  r = await sendChunk(fields, id, ...part(1));
  assert.deepEqual([r.status, r.body.done, r.body.bytes], [200, false, 3000]);
  r = await sendChunk(fields, id, ...part(3));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.bytes, 4000);
  assert.equal(r.body.etag, createHash('md5').update(data).digest('hex'));
  assert.ok(Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer()).equals(data));
});

test('the first chunk opens the upload: any other chunk under an unknown id is a 400, and nothing is kept', async () => {
  const data = randomBytes(3000);
  const fields = sign();
  for (const [id, range] of [
    ['first-1', 'bytes 1000-1999/-1'],
    ['first-2', 'bytes 2000-2999/3000'],
    ['first-3', 'bytes 1000-1999/3000'],
  ]) {
    const r = await sendChunk(fields, id, range, data.subarray(0, 1000));
    assert.equal(r.status, 400, range);
    assert.match(r.body.error.message, /^Unknown upload 'first-\d': its first chunk \(bytes 0-…\) must be sent, and answered, before any other$/);
    assert.deepEqual(await sessionFiles(id), [], 'no session is opened');
  }
  // The same id then works from its first chunk.
  let r = await sendChunk(fields, 'first-1', 'bytes 0-999/3000', data.subarray(0, 1000));
  r = await sendChunk(fields, 'first-1', 'bytes 1000-1999/3000', data.subarray(1000, 2000));
  r = await sendChunk(fields, 'first-1', 'bytes 2000-2999/3000', data.subarray(2000));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer()).equals(data));
  // A finished upload is closed: a late chunk under its id does not reopen it.
  r = await sendChunk(fields, 'first-1', 'bytes 1000-1999/3000', data.subarray(1000, 2000));
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /^Upload 'first-1' is already complete/);
});

test('the last chunk of a finished upload sent again (its answer lost) gets the same answer, and no second copy is stored', async () => {
  const data = randomBytes(3000);
  const fields = sign();
  const id = 'lost-answer-1';
  await sendChunk(fields, id, 'bytes 0-999/3000', data.subarray(0, 1000));
  await sendChunk(fields, id, 'bytes 1000-1999/3000', data.subarray(1000, 2000));
  const first = await sendChunk(fields, id, 'bytes 2000-2999/3000', data.subarray(2000));
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const again = await sendChunk(sign({ public_id: fields.public_id }), id, 'bytes 2000-2999/3000', data.subarray(2000)); // re-signed
  assert.deepEqual([again.status, again.body], [200, first.body]);
  assert.deepEqual(await sessionFiles(id), [], 'no session is opened');
  // Only that very chunk, from that very upload: another range, or other parameters, are refused.
  for (const [f, range] of [
    [fields, 'bytes 1000-2999/3000'],
    [sign({ public_id: 'someone-else' }), 'bytes 2000-2999/3000'],
  ]) {
    const r = await sendChunk(f, id, range, data.subarray(3000 - (range.startsWith('bytes 1000') ? 2000 : 1000)));
    assert.equal(r.status, 409, range);
    assert.match(r.body.error.message, /^Upload 'lost-answer-1' is already complete/);
  }
  // The id stays the finished upload's: a new first chunk under it is refused too.
  const reopened = await sendChunk(fields, id, 'bytes 0-1999/3000', data.subarray(0, 2000));
  assert.equal(reopened.status, 409);
  assert.deepEqual(await sessionFiles(id), [], 'no session is opened');
});

test('the last chunk closes the upload: sent before every other chunk has been answered it is a 400, and not kept', async () => {
  const data = randomBytes(4000);
  const fields = sign();
  const id = 'last-1';
  const range = (n) => `bytes ${n * 1000}-${n * 1000 + 999}/4000`;
  const bytes = (n) => data.subarray(n * 1000, n * 1000 + 1000);
  let r = await sendChunk(fields, id, range(0), bytes(0));
  r = await sendChunk(fields, id, range(2), bytes(2));
  r = await sendChunk(fields, id, range(3), bytes(3));
  assert.equal(r.status, 400);
  assert.equal(
    r.body.error.message,
    "The last chunk of upload 'last-1' arrived before bytes 1000-1999: send it only after every other chunk has been answered",
  );
  r = await sendChunk(fields, id, range(1), bytes(1));
  assert.deepEqual([r.status, r.body.done, r.body.bytes], [200, false, 3000], 'the early last chunk was not kept');
  r = await sendChunk(fields, id, range(3), bytes(3));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.etag, createHash('md5').update(data).digest('hex'));
  assert.ok(Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer()).equals(data));
  // The SDK's style (total -1 until the last chunk) follows the same rule.
  r = await sendChunk(fields, 'last-2', 'bytes 0-999/-1', bytes(0));
  r = await sendChunk(fields, 'last-2', 'bytes 2000-3999/4000', data.subarray(2000));
  assert.equal(r.status, 400);
  assert.match(r.body.error.message, /arrived before bytes 1000-1999/);
});

test('a garbage middle chunk, a gap filled, the retried middle one (inside the hashed prefix), then the last: identical bytes, md5 etag', async () => {
  const data = randomBytes(3 * 70_000 + 1234);
  const md5 = createHash('md5').update(data).digest('hex');
  const fields = sign();
  const total = data.length;
  const part = (s, e) => data.subarray(s, e + 1);
  const id = 'ooo-retry-2';
  let r = await sendChunk(fields, id, 'bytes 0-69999/-1', part(0, 69_999));
  assert.equal(r.body.bytes, 70_000);
  r = await sendChunk(fields, id, 'bytes 140000-209999/-1', randomBytes(70_000)); // garbage attempt past a gap
  assert.deepEqual([r.status, r.body.done, r.body.bytes], [200, false, 140_000]);
  r = await sendChunk(fields, id, 'bytes 70000-139999/-1', part(70_000, 139_999)); // fills the gap: the hash runs past the garbage
  assert.equal(r.body.bytes, 210_000);
  r = await sendChunk(fields, id, 'bytes 140000-209999/-1', part(140_000, 209_999)); // retry inside the hashed prefix
  assert.equal(r.body.bytes, 210_000);
  r = await sendChunk(fields, id, `bytes 210000-${total - 1}/${total}`, part(210_000, total - 1));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.bytes, total);
  assert.equal(r.body.etag, md5);
  const got = Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer());
  assert.ok(got.equals(data));
  assert.deepEqual(await sessionFiles(id), []);
});

test('1st, 3rd, retried 1st (different bytes), 2nd, last: the etag is the md5 of the final bytes', async () => {
  const data = randomBytes(40_000);
  const md5 = createHash('md5').update(data).digest('hex');
  const fields = sign();
  const id = 'ooo-retry-3';
  let r = await sendChunk(fields, id, 'bytes 0-9999/40000', randomBytes(10_000));
  r = await sendChunk(fields, id, 'bytes 20000-29999/40000', data.subarray(20_000, 30_000));
  assert.equal(r.body.bytes, 20_000);
  r = await sendChunk(fields, id, 'bytes 0-9999/40000', data.subarray(0, 10_000));
  assert.equal(r.body.bytes, 20_000);
  r = await sendChunk(fields, id, 'bytes 10000-19999/40000', data.subarray(10_000, 20_000));
  assert.equal(r.body.bytes, 30_000);
  r = await sendChunk(fields, id, 'bytes 30000-39999/40000', data.subarray(30_000));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.etag, md5);
  assert.ok(Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer()).equals(data));
});

test('a middle chunk resent right after its answer, while the hash may still be reading it: the etag is the md5 of the final bytes', async () => {
  // Middle chunks are answered before the background hash reaches them (16 MiB takes it tens of
  // ms): a replacement must wait for that read, then rewind, or the etag mixes both copies.
  const size = 16 * 1024 * 1024;
  const data = randomBytes(2 * size + 1000);
  const total = data.length;
  const fields = sign();
  const id = 'hash-race-1';
  let r = await sendChunk(fields, id, `bytes 0-${size - 1}/-1`, data.subarray(0, size));
  assert.equal(r.body.bytes, size);
  r = await sendChunk(fields, id, `bytes ${size}-${2 * size - 1}/-1`, randomBytes(size)); // garbage
  assert.equal(r.body.bytes, 2 * size);
  r = await sendChunk(fields, id, `bytes ${size}-${2 * size - 1}/-1`, data.subarray(size, 2 * size)); // its retry, at once
  assert.equal(r.body.bytes, 2 * size);
  r = await sendChunk(fields, id, `bytes ${2 * size}-${total - 1}/${total}`, data.subarray(2 * size));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.etag, createHash('md5').update(data).digest('hex'));
  assert.ok(Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer()).equals(data));
});

test('a chunk resent while its first copy is still arriving waits for it, then replaces it: the etag is the md5 of the final bytes', async () => {
  // The resent copy overlaps a chunk still being written: it waits for that one to end, then
  // claims the range (un-acknowledging the first copy), as the second of two side-by-side
  // chunks would. It once waited and then wrote without claiming, and got a 400.
  const data = randomBytes(30_000);
  const fields = sign();
  const id = 'in-flight-retry-1';
  let r = await sendChunk(fields, id, 'bytes 0-9999/-1', data.subarray(0, 10_000));
  assert.equal(r.status, 200);
  const first = sendChunk(fields, id, 'bytes 10000-19999/-1', randomBytes(10_000), 400); // garbage, still arriving
  await new Promise((resolve) => setTimeout(resolve, 150));
  const again = await sendChunk(fields, id, 'bytes 10000-19999/-1', data.subarray(10_000, 20_000));
  assert.equal((await first).status, 200);
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(again.body.bytes, 20_000);
  r = await sendChunk(fields, id, 'bytes 20000-29999/30000', data.subarray(20_000));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.etag, createHash('md5').update(data).digest('hex'));
  assert.ok(Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer()).equals(data));
});

test('a connection dropped mid-chunk leaves no trace, and the upload then completes', async () => {
  const data = randomBytes(200_000);
  const fields = sign();
  const id = 'drop-1';
  const first = await sendChunk(fields, id, 'bytes 0-99999/-1', data.subarray(0, 100_000));
  assert.equal(first.status, 200);
  const { body, type } = multipartBody(fields, data.subarray(100_000));
  await new Promise((resolve) => {
    const req = request(`${srv.url}/v1_1/${CLOUD}/raw/upload`, {
      method: 'POST',
      headers: { 'content-type': type, 'content-length': body.length, 'x-unique-upload-id': id, 'content-range': 'bytes 100000-199999/200000' },
    });
    req.on('error', () => resolve(undefined));
    req.write(body.subarray(0, body.length / 2), () =>
      setTimeout(() => {
        req.destroy();
        resolve(undefined);
      }, 50),
    );
  });
  // The server notices the reset and cleans up on its own time: wait for the session to be
  // down to its two files (up to 5 s), then check them.
  for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    if ((await sessionFiles(id)).length === 2 && (await readdir(join(dir, '.tmp'))).every((f) => f === 'chunks')) break;
  }
  // The session acknowledges exactly the first chunk: what the dropped one wrote belongs to no
  // acknowledged range, and its retry overwrites it. No temp file is left.
  assert.deepEqual((await sessionFiles(id)).sort(), ['assembly', 'session.json']);
  const session = JSON.parse(await readFile(join(dir, '.tmp', 'chunks', id, 'session.json'), 'utf8'));
  assert.deepEqual(session.parts, [{ start: 0, end: 99_999 }]);
  assert.deepEqual(
    (await readdir(join(dir, '.tmp'))).filter((f) => f !== 'chunks'),
    [],
  );
  const done = await sendChunk(fields, id, 'bytes 100000-199999/200000', data.subarray(100_000));
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.bytes, 200_000);
  // Cloudinary marks the last chunk's answer as the end of the upload.
  assert.equal(done.body.done, true);
  assert.equal(typeof done.body.public_id, 'string');
  assert.ok(Buffer.from(await (await fetch(done.body.secure_url)).arrayBuffer()).equals(data));
});

test('inconsistent Content-Range → 400 naming Content-Range', async () => {
  const fields = sign();
  const id = 'bad-1';
  const cases = [
    ['bytes 10-5/-1', 6], // end before start
    ['bytes 0-9/-1', 5], // size differs from range
    ['bytes 0-9/5', 10], // beyond total
    ['garbage', 10],
  ];
  for (const [range, size] of cases) {
    const r = await sendChunk(fields, id, range, randomBytes(size));
    assert.equal(r.status, 400, range);
    assert.match(r.body.error.message, /Content-Range/, range);
  }
  assert.equal((await sendChunk(fields, id, 'bytes 0-9/-1', randomBytes(10))).status, 200);
  const overlap = await sendChunk(fields, id, 'bytes 5-14/-1', randomBytes(10));
  assert.equal(overlap.status, 400);
  assert.match(overlap.body.error.message, /Content-Range.*overlaps/);
  assert.equal((await sendChunk(fields, id, 'bytes 10-19/30', randomBytes(10))).status, 200);
  const mismatch = await sendChunk(fields, id, 'bytes 20-29/40', randomBytes(10));
  assert.equal(mismatch.status, 400);
  assert.match(mismatch.body.error.message, /Content-Range.*total/);
  assert.equal((await readdir(join(dir, '.tmp'))).filter((f) => f !== 'chunks').length, 0);
});

test('every chunk is authenticated: a forged signature on a chunk → 401 and nothing kept', async () => {
  const fields = { ...sign(), signature: '0'.repeat(40) };
  const r = await sendChunk(fields, 'forged-1', 'bytes 0-9/-1', randomBytes(10));
  assert.equal(r.status, 401);
  assert.deepEqual(await sessionFiles('forged-1'), []);
});

test('a chunk is bound to its upload: other parameters or credentials under the same id are refused, the session untouched', async () => {
  const id = `bound-${randomBytes(4).toString('hex')}`;
  const data = randomBytes(3000);
  const fields = sign();
  const first = await sendChunk(fields, id, 'bytes 0-999/3000', data.subarray(0, 1000));
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const before = JSON.parse(await readFile(join(dir, '.tmp', 'chunks', id, 'session.json'), 'utf8'));
  // A properly signed chunk, but for another public id: someone taking the bytes.
  const other = await sendChunk(sign({ public_id: 'stolen' }), id, 'bytes 1000-1999/3000', data.subarray(1000, 2000));
  assert.equal(other.status, 400);
  assert.match(other.body.error.message, /does not belong to the upload/);
  // An unsigned chunk through a preset, with its own public id.
  const unsigned = await sendChunk({ upload_preset: 'demo_unsigned', public_id: 'stolen-too' }, id, 'bytes 2000-2999/3000', data.subarray(2000));
  assert.ok(unsigned.status === 400 || unsigned.status === 401, JSON.stringify(unsigned.body));
  const after = JSON.parse(await readFile(join(dir, '.tmp', 'chunks', id, 'session.json'), 'utf8'));
  assert.deepEqual(after.parts, before.parts, 'the session kept only the first chunk');
  // The rightful sender re-signs (a new timestamp is fine) and finishes.
  await new Promise((r) => setTimeout(r, 1100));
  const resigned = sign({ public_id: fields.public_id });
  assert.notEqual(resigned.timestamp, fields.timestamp);
  assert.equal((await sendChunk(resigned, id, 'bytes 1000-1999/3000', data.subarray(1000, 2000))).status, 200);
  const done = await sendChunk(resigned, id, 'bytes 2000-2999/3000', data.subarray(2000));
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.public_id, fields.public_id);
  assert.ok(Buffer.from(await (await fetch(done.body.secure_url)).arrayBuffer()).equals(data));
});

test('by default every chunk but the last must be at least 5 MiB, as Cloudinary requires', async () => {
  const strictDir = await mkdtemp(join(tmpdir(), 'upload-chunks-strict-'));
  const strict = await startServer({ port: 0, dataDir: strictDir, cloudinaryUrl: `cloudinary://${KEY}:${SECRET}@${CLOUD}` });
  try {
    const send = (fields, id, range, data) => {
      const { body, type } = multipartBody(fields, data);
      return fetch(`${strict.url}/v1_1/${CLOUD}/raw/upload`, {
        method: 'POST',
        body,
        headers: { 'content-type': type, 'x-unique-upload-id': id, 'content-range': range },
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    };
    const small = await send(sign(), 'strict-1', 'bytes 0-999/20000000', randomBytes(1000));
    assert.equal(small.status, 400);
    assert.equal(small.body.error.message, 'All parts except EOF-chunk must be larger than 5mb');
    // A small last chunk is fine, and so is a whole file sent as one small chunk.
    const only = await send(sign(), 'strict-2', 'bytes 0-999/1000', randomBytes(1000));
    assert.equal(only.status, 200, JSON.stringify(only.body));
    assert.equal(only.body.done, true);
  } finally {
    await strict.close();
    await rm(strictDir, { recursive: true, force: true });
  }
});

test('parallel chunked uploads: distinct ids all assemble byte for byte; under one colliding id only the first sender finishes', async () => {
  const files = Array.from({ length: 4 }, () => randomBytes(40_000));
  const range = (k) => [`bytes ${k * 10_000}-${k * 10_000 + 9999}/40000`, k];
  const results = await Promise.all(
    files.map(async (data, i) => {
      const id = `par-${i}-${randomBytes(3).toString('hex')}`;
      const fields = sign();
      const send = ([r, k]) => sendChunk(fields, id, r, data.subarray(k * 10_000, (k + 1) * 10_000));
      // The first alone, the middle two together, the last once they are answered.
      await send(range(0));
      await Promise.all([send(range(2)), send(range(1))]);
      return send(range(3));
    }),
  );
  for (const [i, r] of results.entries()) {
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(Buffer.from(await (await fetch(r.body.secure_url)).arrayBuffer()).equals(files[i]), `upload ${i} byte for byte`);
  }

  // Two senders, one id: the first chunk to arrive binds the upload to its sender.
  const shared = `collide-${randomBytes(3).toString('hex')}`;
  const a = { fields: sign(), data: randomBytes(20_000) };
  const b = { fields: sign(), data: randomBytes(20_000) };
  const first = await sendChunk(a.fields, shared, 'bytes 0-9999/20000', a.data.subarray(0, 10_000));
  assert.equal(first.status, 200);
  // While the upload is open, the other sender's chunks (sent together) are refused...
  const [bFirst, bLast] = await Promise.all([
    sendChunk(b.fields, shared, 'bytes 0-9999/20000', b.data.subarray(0, 10_000)),
    sendChunk(b.fields, shared, 'bytes 10000-19999/20000', b.data.subarray(10_000)),
  ]);
  assert.deepEqual([bFirst.status, bLast.status], [400, 400], 'the second sender is refused');
  // ...and the first sender finishes with its own bytes. (Once finished, the id is free again.)
  const aLast = await sendChunk(a.fields, shared, 'bytes 10000-19999/20000', a.data.subarray(10_000));
  assert.equal(aLast.status, 200, JSON.stringify(aLast.body));
  assert.equal(aLast.body.public_id, a.fields.public_id);
  assert.ok(Buffer.from(await (await fetch(aLast.body.secure_url)).arrayBuffer()).equals(a.data), 'no byte of the other sender mixed in');
});
