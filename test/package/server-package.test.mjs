// upload-widget-server as a user gets it: `npm pack` of server/, installed from the tarball into a
// fresh project with `npm ci --offline` (test/support/consumer.mjs), its bin started on a free
// port with the README's options; a file uploaded with fetch arrives byte for byte, and the
// defaults keep the dev and signing endpoints off. The widget's own package holds no server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeConsumer, packPackage } from '../support/consumer.mjs';
import { multipart, post, uploadUrl } from '../support/server-client.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER = join(ROOT, 'server');
let consumer;
let child;

before(() => {
  consumer = makeConsumer([], { from: SERVER });
});
after(() => {
  child?.kill();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

test('the tarball holds the server, its README and LICENSE, and nothing else', () => {
  const { files } = packPackage(tmpdir(), SERVER);
  rmSync(join(tmpdir(), `upload-widget-server-${JSON.parse(readFileSync(join(SERVER, 'package.json'), 'utf8')).version}.tgz`), { force: true });
  assert.ok(files.includes('cli.mjs') && files.includes('index.mjs') && files.includes('README.md') && files.includes('LICENSE'), files.join(' '));
  // The route table's modules (app.mjs imports each of them).
  for (const group of ['upload', 'sign', 'delivery', 'dev']) assert.ok(files.includes(`routes/${group}.mjs`), files.join(' '));
  assert.deepEqual(
    files.filter((f) => !/^(routes\/)?[a-z-]+\.mjs$/.test(f) && !['README.md', 'LICENSE', 'package.json'].includes(f)),
    [],
  );
  const manifest = JSON.parse(readFileSync(join(SERVER, 'package.json'), 'utf8'));
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(manifest.bin['upload-widget-server'], 'cli.mjs');
  for (const dep of ['busboy', 'sharp']) assert.equal(manifest.dependencies[dep], root.devDependencies[dep], `${dep}: the root's version`);
  // The widget package: lit and @lit/localize only, and no server files.
  assert.deepEqual(Object.keys(root.dependencies).sort(), ['@lit/localize', 'lit']);
  assert.ok(!root.files.some((f) => f.startsWith('server')));
});

test('npx upload-widget-server --port … --data-dir … --presets … takes an upload and stores its bytes', async () => {
  const bin = join(consumer, 'node_modules/.bin/upload-widget-server');
  assert.ok(existsSync(bin), 'the bin is linked');
  writeFileSync(join(consumer, 'presets.json'), JSON.stringify({ site_unsigned: { unsigned: true, folder: 'site' } }));
  child = spawn(bin, ['--port', '0', '--data-dir', './uploads', '--presets', 'presets.json'], { cwd: consumer, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /Upload server: (http:\/\/[^ ]+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('exit', (code) => fail(new Error(`exited with ${code}: ${err}`)));
    setTimeout(() => fail(new Error(`no start line within 20 s: ${out} ${err}`)), 20_000);
  });
  const bytes = randomBytes(5000);
  const { status, body } = await post(uploadUrl(url, 'demo', 'raw'), multipart({ upload_preset: 'site_unsigned' }, { bytes, name: 'notes.bin' }));
  assert.equal(status, 200, JSON.stringify(body));
  assert.match(body.public_id, /^site\//);
  const stored = readFileSync(join(consumer, 'uploads', 'demo', 'raw', 'upload', body.public_id));
  assert.ok(stored.equals(bytes), 'the stored bytes are the sent ones');
  assert.ok(Buffer.from(await (await fetch(body.secure_url)).arrayBuffer()).equals(bytes));
  // An image goes through sharp, installed with its binary for this machine.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const { body: pic } = await post(uploadUrl(url), multipart({ upload_preset: 'site_unsigned' }, { bytes: png, name: 'dot.png' }));
  assert.deepEqual([pic.width, pic.height, pic.format], [1, 1, 'png']);
  // Defaults: no dev endpoints, no signing endpoint.
  assert.equal((await fetch(`${url}/__dev/requests`)).status, 404);
  assert.equal((await fetch(`${url}/api/sign-upload`, { method: 'POST', body: '{}' })).status, 404);
});
