// Red-team cases, round 3, that cost memory or CPU: the server runs in a child process and is
// measured from outside (its peak RSS and CPU time from /proc), while the test sends what an
// attacker sends: upscaling transformations, many renders at once, a render whose client leaves,
// and a storm of large JSON bodies beside a normal small upload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { multipart } from '../support/server-client.mjs';

const SERVER = resolve(import.meta.dirname, '../../server/index.mjs');
const MiB = 1024 * 1024;

/** Starts the upload server in a child process; resolves { url, pid, close }. */
async function childServer(options) {
  const dataDir = await mkdtemp(join(tmpdir(), 'upload-load-'));
  const script = `import { startServer } from ${JSON.stringify(SERVER)};
const s = await startServer({ port: 0, dataDir: ${JSON.stringify(dataDir)}, cloudinaryUrl: 'cloudinary://1:s@demo', ...${JSON.stringify(options)} });
console.log(JSON.stringify({ url: s.url }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) ok(JSON.parse(line).url);
    });
    child.on('exit', (code) => fail(new Error(`the server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid,
    async close() {
      child.kill();
      await new Promise((r) => child.once('exit', r));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The child's current and peak resident memory, in bytes (from /proc). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** CPU seconds the child has used (user + system). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

async function uploadImage(url, width, height, publicId) {
  const png = await sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const form = multipart({ upload_preset: 'demo_unsigned', public_id: publicId }, { bytes: png, name: `${publicId}.png` });
  const res = await fetch(`${url}/v1_1/demo/image/upload`, { method: 'POST', body: form });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

describe('transformations are bounded', () => {
  let srv;
  before(async () => {
    srv = await childServer({ maxRenders: 2, renderQueue: 2 });
    await uploadImage(srv.url, 400, 300, 'small');
    await uploadImage(srv.url, 3000, 3000, 'big');
  });
  after(() => srv?.close());

  test('an upscaling step is refused by its output size, and four at once leave memory flat', async () => {
    const before = memory(srv.pid).rss;
    const answers = await Promise.all(
      [9999, 9998, 9997, 9996].map((w) => fetch(`${srv.url}/demo/image/upload/w_${w},h_9999,c_scale/small.png`).then(async (r) => [r.status, await r.text()])),
    );
    for (const [status, text] of answers) {
      assert.equal(status, 400, text);
      assert.match(text, /at most 25 megapixels/);
    }
    // Also as the second step of a chain, and by c_fill and c_fit.
    for (const t of ['w_100/w_9000,h_9000,c_scale', 'w_9000,h_9000,c_fill', 'w_9000,h_9000,c_fit', 'w_1.0,c_scale/w_9999,c_scale']) {
      const r = await fetch(`${srv.url}/demo/image/upload/${t}/small.png`);
      assert.equal(r.status, 400, t);
    }
    const grew = memory(srv.pid).peak - before;
    assert.ok(grew < 150 * MiB, `peak RSS grew by ${Math.round(grew / MiB)} MiB`);
  });

  test('renders beyond those running and queued get 503 with Retry-After; the others are served', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`${srv.url}/demo/image/upload/w_${2000 + i},h_${1500 + i},c_fill/big.webp`).then(async (r) => ({
          status: r.status,
          retry: r.headers.get('retry-after'),
          bytes: (await r.arrayBuffer()).byteLength,
        })),
      ),
    );
    const busy = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    assert.ok(busy.length >= 1, `statuses ${answers.map((a) => a.status)}`);
    assert.equal(busy.length + served.length, answers.length, `statuses ${answers.map((a) => a.status)}`);
    assert.ok(served.length >= 4, 'two running and two queued are served');
    for (const b of busy) assert.ok(Number(b.retry) > 0);
    for (const s of served) assert.ok(s.bytes > 0);
  });

  test('a render stops when its client disconnects', async () => {
    const chain = (base) => Array.from({ length: 8 }, (_, i) => `w_${base - i * 7},h_${base - i * 5},c_scale`).join('/');
    // The whole chain, waited for: what it costs.
    const started = cpuSeconds(srv.pid);
    const whole = await fetch(`${srv.url}/demo/image/upload/${chain(4000)}/big.png`);
    assert.equal(whole.status, 200);
    await whole.arrayBuffer();
    const full = cpuSeconds(srv.pid) - started;
    // The same work under another name, left after 300 ms.
    const at = cpuSeconds(srv.pid);
    await new Promise((done) => {
      const req = request(`${srv.url}/demo/image/upload/${chain(3990)}/big.png`);
      req.on('error', () => done(undefined));
      req.end();
      setTimeout(() => {
        req.destroy();
        done(undefined);
      }, 300);
    });
    await new Promise((r) => setTimeout(r, Math.max(3000, full * 1500)));
    const spent = cpuSeconds(srv.pid) - at;
    assert.ok(spent < full * 0.6, `the abandoned render used ${spent.toFixed(2)} s of CPU; the whole one ${full.toFixed(2)} s`);
  });
});

describe('request bodies in memory are bounded', () => {
  test('a storm of large JSON bodies gets 503 + Retry-After beyond the budget, and a small upload is answered meanwhile', async () => {
    const srv = await childServer({ bodyBudgetBytes: 64 * MiB });
    try {
      const base = memory(srv.pid).rss;
      // 12 bodies of 8 MiB (a data URI of 6 MiB), sent at once.
      const body = JSON.stringify({ upload_preset: 'demo_unsigned', file: `data:application/octet-stream;base64,${randomBytes(6 * MiB).toString('base64')}` });
      const post = (payload, type) =>
        new Promise((done) => {
          const req = request(
            `${srv.url}/v1_1/demo/raw/upload`,
            { method: 'POST', headers: { 'content-type': type, 'content-length': Buffer.byteLength(payload) } },
            (res) => {
              res.resume();
              res.on('end', () => done({ status: res.statusCode, retry: res.headers['retry-after'] }));
            },
          );
          req.on('error', (e) => done({ status: 0, error: e.message }));
          req.end(payload);
        });
      const storm = Array.from({ length: 12 }, () => post(body, 'application/json'));
      // A normal small upload in the middle of it.
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      const form = multipart({ upload_preset: 'demo_unsigned' }, { bytes: randomBytes(2000), name: 'small.bin' });
      const small = await fetch(`${srv.url}/v1_1/demo/raw/upload`, { method: 'POST', body: form });
      const ms = Date.now() - started;
      assert.equal(small.status, 200, await small.clone().text());
      assert.ok(ms < 3000, `the small upload took ${ms} ms`);
      const answers = await Promise.all(storm);
      const statuses = answers.map((a) => a.status);
      assert.ok(
        answers.every((a) => a.status === 200 || (a.status === 503 && Number(a.retry) > 0)),
        `only 200 or 503 + Retry-After: ${JSON.stringify(answers)}`,
      );
      assert.ok(statuses.includes(503), `some are turned away: ${statuses}`);
      assert.ok(statuses.includes(200), `some are served: ${statuses}`);
      const grew = memory(srv.pid).peak - base;
      assert.ok(grew < 300 * MiB, `peak RSS grew by ${Math.round(grew / MiB)} MiB`);
    } finally {
      await srv.close();
    }
  });
});
