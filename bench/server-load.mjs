// The local server under load, as its own process (so its memory is its own): 600 small uploads
// at concurrency 20, then 5 × 50 MiB chunked uploads side by side. Prints the server's resident
// memory before, at its peak and after, and the failures. `node bench/server-load.mjs`
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multipart, uploadUrl } from '../test/support/server-client.mjs';

const PORT = 18000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'uw-load-'));
const server = spawn(process.execPath, ['server/cli.mjs', '--port', String(PORT), '--data-dir', dataDir, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.on('data', (d) => String(d).includes('Upload server') && resolve()));

const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, rssMiB())), 50);

async function upload(bytes, name, headers = {}, publicId) {
  const form = multipart({ upload_preset: 'demo_unsigned', ...(publicId ? { public_id: publicId } : {}) }, { bytes, name });
  const res = await fetch(uploadUrl(base, 'demo', 'raw'), { method: 'POST', body: form, headers });
  await res.arrayBuffer();
  return res.status;
}

const before = rssMiB();
let failures = 0;
const small = Array.from({ length: 600 }, (_, i) => [randomBytes(16 * 1024 + i), `s${i}.bin`]);
let next = 0;
const t0 = Date.now();
await Promise.all(
  Array.from({ length: 20 }, async () => {
    while (next < small.length) {
      const [bytes, name] = small[next++];
      if ((await upload(bytes, name)) !== 200) failures++;
    }
  }),
);
const smallSeconds = (Date.now() - t0) / 1000;
const afterSmall = rssMiB();

const CHUNK = 10 * 1024 * 1024;
const SIZE = 50 * 1024 * 1024;
const t1 = Date.now();
await Promise.all(
  Array.from({ length: 5 }, async (_, f) => {
    const id = `load-${f}-${randomBytes(4).toString('hex')}`;
    const block = randomBytes(CHUNK);
    for (let start = 0; start < SIZE; start += CHUNK) {
      const end = Math.min(start + CHUNK, SIZE) - 1;
      const status = await upload(
        block.subarray(0, end - start + 1),
        `big-${f}.bin`,
        { 'x-unique-upload-id': id, 'content-range': `bytes ${start}-${end}/${SIZE}` },
        `big-${f}`,
      );
      if (status !== 200) failures++;
    }
  }),
);
const bigSeconds = (Date.now() - t1) / 1000;
await new Promise((r) => setTimeout(r, 1000));
const after = rssMiB();
clearInterval(sampler);
server.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

console.log(
  `server RSS: ${before.toFixed(0)} MiB before, ${afterSmall.toFixed(0)} MiB after 600 small uploads (${smallSeconds.toFixed(1)} s at concurrency 20), ${after.toFixed(0)} MiB after 5 × 50 MiB chunked (${bigSeconds.toFixed(1)} s), peak ${peak.toFixed(0)} MiB; ${failures} failures`,
);
