// The upload server against the official cloudinary SDK and raw HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { startServer } from '../../server/index.mjs';
import { toError } from '../../server/reply.mjs';
import { multipart, post as postTo } from '../support/server-client.mjs';

const KEY = '111122223333444';
const SECRET = 'test-secret-abc';
const CLOUD = 'testcloud';

let srv;
let dir;
let cloudinary;

async function pngOf(width, height, color = { r: 200, g: 30, b: 90 }) {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();
}

/** POST a form to the upload endpoint; returns { status, body }. */
const post = (form, path = `/v1_1/${CLOUD}/image/upload`, headers = {}) => postTo(srv.url + path, form, headers);

/** A form signed by the official SDK: `params` with a timestamp, then the file. */
function signedForm(params, fileBlob, fileName = 'pic.png') {
  const all = { timestamp: Math.floor(Date.now() / 1000), ...params };
  const form = multipart({ ...all, api_key: KEY, signature: cloudinary.utils.api_sign_request(all, SECRET) });
  if (fileBlob) form.append('file', fileBlob, fileName);
  return form;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-server-'));
  srv = await startServer({
    port: 0,
    dataDir: dir,
    cloudinaryUrl: `cloudinary://${KEY}:${SECRET}@${CLOUD}`,
    presets: {
      demo_unsigned: { unsigned: true },
      tagged: { unsigned: true, tags: 'from-preset', folder: 'preset-folder', context: 'alt=preset' },
      signed_only: { unsigned: false, tags: 'signed-preset' },
      png_only: { unsigned: true, allowed_formats: 'png' },
    },
    maxRequestBytes: 8 * 1024 * 1024,
    // The remote-file tests below serve their files from this machine.
    allowPrivateFetch: true,
    devEndpoints: { origins: ['http://tests.example'] },
  });
  // The SDK reads CLOUDINARY_URL once, when first loaded, and picks http vs https from upload_prefix.
  process.env.CLOUDINARY_URL = `cloudinary://${KEY}:${SECRET}@${CLOUD}?upload_prefix=${srv.url}`;
  cloudinary = createRequire(import.meta.url)('cloudinary').v2;
});

after(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

describe('signed uploads with the official SDK', () => {
  test('a signed image upload returns a verifiable response and delivers the same bytes', async () => {
    const png = await pngOf(40, 30);
    const file = join(dir, 'sample.png');
    await writeFile(file, png);
    const r = await cloudinary.uploader.upload(file, { tags: ['a', 'b'], context: { alt: 'A cat', caption: 'x=y|z' } });
    assert.ok(cloudinary.utils.verify_api_response_signature(r.public_id, r.version, r.signature));
    assert.match(r.public_id, /^[a-z0-9]{20}$/);
    assert.match(r.asset_id, /^[0-9a-f]{32}$/);
    assert.match(r.version_id, /^[0-9a-f]{32}$/);
    assert.equal(r.width, 40);
    assert.equal(r.height, 30);
    assert.equal(r.format, 'png');
    assert.equal(r.resource_type, 'image');
    assert.equal(r.type, 'upload');
    assert.equal(r.bytes, png.length);
    assert.equal(r.pages, 1);
    assert.equal(r.placeholder, false);
    assert.equal(r.original_filename, 'sample');
    assert.equal(r.api_key, KEY);
    assert.deepEqual(r.tags, ['a', 'b']);
    assert.deepEqual(r.context, { custom: { alt: 'A cat', caption: 'x=y|z' } });
    assert.ok(r.secure_url.startsWith(`${srv.url}/${CLOUD}/image/upload/v${r.version}/`));
    const got = await fetch(r.secure_url);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.equal(got.headers.get('access-control-allow-origin'), '*');
    assert.ok(Buffer.from(await got.arrayBuffer()).equals(png));
    const head = await fetch(r.secure_url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), `"${r.etag}"`);
  });

  test('upload_large sends 5 MB chunks that assemble into the identical file', async () => {
    const data = randomBytes(12 * 1024 * 1024);
    const file = join(dir, 'big.bin');
    await writeFile(file, data);
    const { seq } = await (await fetch(`${srv.url}/__dev/reset`, { method: 'DELETE' })).json();
    const r = await new Promise((resolve, reject) => {
      // v2 argument order: (path, options, callback).
      cloudinary.uploader.upload_large(file, { chunk_size: 5 * 1024 * 1024, resource_type: 'raw' }, (err, res) => (err ? reject(err) : resolve(res)));
    });
    assert.equal(r.resource_type, 'raw');
    assert.equal(r.bytes, data.length);
    const log = await (await fetch(`${srv.url}/__dev/requests?since=${seq}`)).json();
    assert.deepEqual(
      log.map((e) => e.headers['content-range']),
      ['bytes 0-5242879/-1', 'bytes 5242880-10485759/-1', 'bytes 10485760-12582911/12582912'],
    );
    assert.equal(new Set(log.map((e) => e.headers['x-unique-upload-id'])).size, 1);
    assert.deepEqual(
      log.map((e) => e.status),
      [200, 200, 200],
    );
    assert.deepEqual(
      log.slice(0, 2).map((e) => e.response.done),
      [false, false],
    );
    assert.deepEqual(
      log.map((e) => e.fileBytes),
      [5242880, 5242880, 2097152],
    );
    const got = Buffer.from(await (await fetch(r.secure_url)).arrayBuffer());
    assert.ok(got.equals(data));
    const left = await readdir(join(dir, '.tmp', 'chunks'));
    assert.deepEqual(left, []);
  });

  test('a signed request may name a signed preset whose params apply', async () => {
    const r = await cloudinary.uploader.upload(`data:image/png;base64,${(await pngOf(4, 4)).toString('base64')}`, { upload_preset: 'signed_only' });
    assert.deepEqual(r.tags, ['signed-preset']);
  });
});

describe('unsigned uploads', () => {
  test('unsigned_upload applies the preset', async () => {
    const file = join(dir, 'unsigned.png');
    await writeFile(file, await pngOf(10, 10));
    const r = await cloudinary.uploader.unsigned_upload(file, 'tagged', { public_id: 'mine' });
    assert.equal(r.public_id, 'preset-folder/mine');
    assert.equal(r.asset_folder, 'preset-folder');
    assert.deepEqual(r.tags, ['from-preset']);
    assert.deepEqual(r.context, { custom: { alt: 'preset' } });
  });

  test('a parameter not allowed unsigned is rejected by name', async () => {
    const form = multipart({ upload_preset: 'demo_unsigned', overwrite: 'true' }, { bytes: await pngOf(2, 2), name: 'a.png' });
    const { status, body } = await post(form);
    assert.equal(status, 400);
    assert.match(body.error.message, /overwrite/);
  });

  test('no preset → 400', async () => {
    const form = multipart({}, { bytes: await pngOf(2, 2), name: 'a.png' });
    const { status, body } = await post(form);
    assert.equal(status, 400);
    assert.match(body.error.message, /Upload preset must be specified/);
  });

  test('a signed-only preset cannot be used unsigned; an unknown one is not found', async () => {
    for (const [preset, re] of [
      ['signed_only', /whitelisted for unsigned/],
      ['nope', /Upload preset not found/],
    ]) {
      const form = multipart({ upload_preset: preset }, { bytes: await pngOf(2, 2), name: 'a.png' });
      const { status, body } = await post(form);
      assert.equal(status, 400);
      assert.match(body.error.message, re);
    }
  });

  test('malformed values of known params are rejected by name', async () => {
    for (const [k, v] of [
      ['custom_coordinates', '1,2,3'],
      ['face_coordinates', 'a,b,c,d'],
    ]) {
      const form = multipart({ upload_preset: 'demo_unsigned', [k]: v }, { bytes: await pngOf(2, 2), name: 'a.png' });
      const { status, body } = await post(form);
      assert.equal(status, 400);
      assert.match(body.error.message, new RegExp(k));
    }
    const { status, body } = await post(signedForm({ use_filename: 'maybe' }, new Blob([await pngOf(2, 2)])));
    assert.equal(status, 400);
    assert.match(body.error.message, /use_filename/);
  });
});

describe('authentication', () => {
  test('a forged signature → 401 with the string to sign', async () => {
    const form = signedForm({ public_id: 'x' }, new Blob([await pngOf(2, 2)]));
    form.set('public_id', 'y');
    const { status, body } = await post(form);
    assert.equal(status, 401);
    assert.match(body.error.message, /^Invalid Signature [0-9a-f]{40}\. String to sign - 'public_id=y&timestamp=\d+'\.$/);
  });

  test('an expired timestamp → 401 stale request', async () => {
    const form = signedForm({ timestamp: Math.floor(Date.now() / 1000) - 2 * 3600 }, new Blob([await pngOf(2, 2)]));
    const { status, body } = await post(form);
    assert.equal(status, 401);
    assert.match(body.error.message, /^Stale request - reported time is .* which is more than 1 hour ago$/);
  });

  test('an unknown api_key → 401', async () => {
    const form = signedForm({}, new Blob([await pngOf(2, 2)]));
    form.set('api_key', '999');
    const { status } = await post(form);
    assert.equal(status, 401);
  });

  test('sha256 signatures and signature_version 2 (& escaped) are accepted', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const params = { timestamp, context: 'caption=a&b' };
    const form = new FormData();
    form.append('timestamp', String(timestamp));
    form.append('context', 'caption=a&b');
    form.append('api_key', KEY);
    form.append('signature', cloudinary.utils.api_sign_request(params, SECRET, 'sha256', 2));
    form.append('file', new Blob([await pngOf(2, 2)]), 'a.png');
    const { status, body } = await post(form);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.context, { custom: { caption: 'a&b' } });
  });

  test('the signing endpoint output is accepted by an upload', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const params_to_sign = { timestamp, source: 'uw', folder: 'signed', tags: 'one,two' };
    const res = await fetch(`${srv.url}/api/sign-upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ params_to_sign }),
    });
    const { signature, api_key, cloud_name } = await res.json();
    assert.equal(api_key, KEY);
    assert.equal(cloud_name, CLOUD);
    const form = new FormData();
    for (const [k, v] of Object.entries(params_to_sign)) form.append(k, String(v));
    form.append('api_key', api_key);
    form.append('signature', signature);
    form.append('file', new Blob([await pngOf(3, 3)]), 'p.png');
    const { status, body } = await post(form, `/v1_1/${cloud_name}/auto/upload`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.ok(body.public_id.startsWith('signed/'));
    assert.deepEqual(body.tags, ['one', 'two']);
  });
});

describe('files, names and limits', () => {
  test('a data URI file (urlencoded body)', async () => {
    const png = await pngOf(5, 6);
    const body = new URLSearchParams({ upload_preset: 'demo_unsigned', file: `data:image/png;base64,${png.toString('base64')}` });
    const res = await fetch(`${srv.url}/v1_1/${CLOUD}/upload`, { method: 'POST', body });
    const r = await res.json();
    assert.equal(res.status, 200, JSON.stringify(r));
    assert.equal(r.width, 5);
    assert.equal(r.height, 6);
    assert.ok(Buffer.from(await (await fetch(r.secure_url)).arrayBuffer()).equals(png));
  });

  test('a remote URL file is fetched by the server (JSON body)', async () => {
    const png = await pngOf(7, 8);
    const remote = createServer((req, res) => {
      if (req.url === '/img/remote-pic.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(png);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise((r) => remote.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${remote.address().port}`;
      const res = await fetch(`${srv.url}/v1_1/${CLOUD}/image/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upload_preset: 'demo_unsigned', file: `${base}/img/remote-pic.png` }),
      });
      const r = await res.json();
      assert.equal(res.status, 200, JSON.stringify(r));
      assert.equal(r.original_filename, 'remote-pic');
      assert.equal(r.width, 7);
      const missing = await fetch(`${srv.url}/v1_1/${CLOUD}/image/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upload_preset: 'demo_unsigned', file: `${base}/nothing.png` }),
      });
      assert.equal(missing.status, 400);
      const ftp = await fetch(`${srv.url}/v1_1/${CLOUD}/image/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upload_preset: 'demo_unsigned', file: 'ftp://127.0.0.1/x.png' }),
      });
      assert.equal(ftp.status, 400);
      assert.match((await ftp.json()).error.message, /file/);
    } finally {
      remote.close();
    }
  });

  test('path traversal in public_id or folder → 400', async () => {
    for (const [k, v] of [
      ['public_id', '../../etc/passwd'],
      ['public_id', '/abs'],
      ['folder', 'a/../../b'],
      ['public_id', 'a\\b'],
      ['folder', 'x\0y'],
    ]) {
      const form = multipart({ upload_preset: 'demo_unsigned', [k]: v }, { bytes: await pngOf(2, 2), name: 'a.png' });
      const { status, body } = await post(form);
      assert.equal(status, 400, `${k}=${v}`);
      assert.match(body.error.message, new RegExp(k));
    }
  });

  test('an oversize body → 413 (by Content-Length and while streaming)', async () => {
    const big = new Blob([randomBytes(9 * 1024 * 1024)]);
    const form = new FormData();
    form.append('upload_preset', 'demo_unsigned');
    form.append('file', big, 'big.bin');
    const { status, body } = await post(form, `/v1_1/${CLOUD}/raw/upload`);
    assert.equal(status, 413);
    assert.match(body.error.message, /too large/);
    // Chunked transfer encoding: no Content-Length, so the limit trips mid-stream.
    const stream = new Response(form).body;
    const res = await fetch(`${srv.url}/v1_1/${CLOUD}/raw/upload`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': new Response(form).headers.get('content-type') },
    }).catch((e) => e);
    if (!(res instanceof Error)) assert.equal(res.status, 413);
    const temps = (await readdir(join(dir, '.tmp'))).filter((n) => n !== 'chunks');
    assert.deepEqual(temps, []);
  });

  test('overwrite=false keeps the original and answers existing: true', async () => {
    const first = await post(signedForm({ public_id: 'keep-me' }, new Blob([await pngOf(4, 4)])));
    assert.equal(first.status, 200);
    const second = await post(signedForm({ public_id: 'keep-me', overwrite: 'false' }, new Blob([await pngOf(9, 9)])));
    assert.equal(second.status, 200);
    assert.equal(second.body.existing, true);
    assert.equal(second.body.width, 4);
    assert.equal(second.body.version, first.body.version);
    const third = await post(signedForm({ public_id: 'keep-me' }, new Blob([await pngOf(6, 6)])));
    assert.equal(third.body.width, 6);
    assert.ok(third.body.version > first.body.version);
    assert.equal(third.body.asset_id, first.body.asset_id);
  });

  test('use_filename with unique_filename, and raw public ids keep the extension', async () => {
    const a = await post(signedForm({ use_filename: 'true' }, new Blob([await pngOf(2, 2)]), 'My Photo.png'));
    assert.match(a.body.public_id, /^My_Photo_[a-z0-9]{6}$/);
    const b = await post(
      signedForm({ use_filename: 'true', unique_filename: 'false', folder: 'docs' }, new Blob(['hello']), 'notes.txt'),
      `/v1_1/${CLOUD}/auto/upload`,
    );
    assert.equal(b.body.public_id, 'docs/notes.txt');
    assert.equal(b.body.resource_type, 'raw');
    assert.equal(await (await fetch(b.body.secure_url)).text(), 'hello');
    const c = await post(signedForm({}, new Blob(['not an image']), 'x.png'));
    assert.equal(c.status, 400);
    assert.equal(c.body.error.message, 'Invalid image file');
  });
});

describe('HTTP surface', () => {
  test('CORS preflight', async () => {
    const res = await fetch(`${srv.url}/v1_1/${CLOUD}/auto/upload`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-unique-upload-id,content-range' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-methods'), /POST/);
    const allowed = res.headers.get('access-control-allow-headers').toLowerCase();
    for (const h of ['x-unique-upload-id', 'content-range', 'x-requested-with', 'content-type']) assert.ok(allowed.includes(h), h);
    assert.ok(Number(res.headers.get('access-control-max-age')) > 0);
  });

  test('wrong cloud name → 404 JSON; unknown path → 404; healthz', async () => {
    const res = await fetch(`${srv.url}/v1_1/othercloud/image/upload`, { method: 'POST', body: new FormData() });
    assert.equal(res.status, 404);
    assert.ok((await res.json()).error.message);
    assert.equal((await fetch(`${srv.url}/nope`)).status, 404);
    assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${srv.url}/${CLOUD}/image/upload/missing.png`)).status, 404);
  });

  test('/__dev/requests records params and files; /__dev/assets lists assets', async () => {
    const { seq } = await (await fetch(`${srv.url}/__dev/reset`, { method: 'DELETE' })).json();
    const form = multipart({ upload_preset: 'demo_unsigned', tags: 'x' }, { bytes: await pngOf(2, 2), name: 'log.png' });
    const up = await post(form, `/v1_1/${CLOUD}/image/upload`, { origin: 'http://example.test' });
    const [entry, ...rest] = await (await fetch(`${srv.url}/__dev/requests?since=${seq}`)).json();
    assert.equal(rest.length, 0);
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, `/v1_1/${CLOUD}/image/upload`);
    assert.equal(entry.status, 200);
    assert.equal(entry.headers.origin, 'http://example.test');
    assert.deepEqual(entry.params, { upload_preset: 'demo_unsigned', tags: 'x' });
    assert.equal(entry.fileName, 'log.png');
    assert.equal(entry.response.public_id, up.body.public_id);
    const assets = await (await fetch(`${srv.url}/__dev/assets`)).json();
    assert.ok(assets.some((a) => a.public_id === up.body.public_id));
  });
});

describe('concurrent writes', () => {
  test('parallel signed overwrites of one public id leave one whole asset: metadata, file and delivery agree, no orphans', async () => {
    const png = await pngOf(12, 8);
    const jpg = await sharp({ create: { width: 8, height: 12, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          post(signedForm({ public_id: `race-${round}`, overwrite: 'true' }, new Blob([i % 2 ? jpg : png]), i % 2 ? 'a.jpg' : 'a.png')),
        ),
      );
      assert.deepEqual(
        answers.map((a) => a.status),
        Array(12).fill(200),
        JSON.stringify(answers.find((a) => a.status !== 200)?.body),
      );
      // Versions grow strictly: the writes took turns.
      const versions = answers.map((a) => a.body.version).sort((a, b) => a - b);
      assert.equal(new Set(versions).size, 12);
      const meta = JSON.parse(await readFile(join(dir, '.meta', CLOUD, 'image', 'upload', `race-${round}.json`), 'utf8'));
      assert.equal(meta.version, versions.at(-1));
      const files = (await readdir(join(dir, CLOUD, 'image', 'upload'))).filter((f) => f.startsWith(`race-${round}.`));
      assert.deepEqual(files, [`race-${round}.${meta.format}`], 'exactly the file the metadata names');
      const delivered = await fetch(`${srv.url}/${CLOUD}/image/upload/v${meta.version}/race-${round}.${meta.format}`);
      assert.equal(delivered.status, 200);
      assert.ok(Buffer.from(await delivered.arrayBuffer()).equals(meta.format === 'png' ? png : jpg));
    }
  });
});

describe('what Cloudinary refuses', () => {
  test('an empty file is a 400 that says the file is empty', async () => {
    const form = multipart({ upload_preset: 'demo_unsigned' }, { bytes: Buffer.alloc(0), name: 'empty.png' });
    const { status, body } = await post(form);
    assert.equal(status, 400);
    assert.match(body.error.message, /^Empty file/);
  });

  test("a preset's allowed_formats is enforced: a JPEG through a png-only preset is refused, a PNG passes", async () => {
    const jpg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#abcdef' } })
      .jpeg()
      .toBuffer();
    // The name says .png: the detected format decides.
    const refused = multipart({ upload_preset: 'png_only' }, { bytes: jpg, name: 'disguised.png' });
    const answer = await post(refused);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.message, 'Image file format jpg not allowed');
    const ok = multipart({ upload_preset: 'png_only' }, { bytes: await pngOf(4, 4), name: 'fine.png' });
    assert.equal((await post(ok)).status, 200);
    // Nothing of the refused file is left behind.
    assert.deepEqual(
      (await readdir(join(dir, '.tmp'))).filter((n) => n !== 'chunks'),
      [],
    );
  });
});

describe('remote files (file=<url>)', () => {
  test('by default the server does not fetch loopback or private addresses, in any spelling', async () => {
    const strictDir = await mkdtemp(join(tmpdir(), 'upload-strict-'));
    const strict = await startServer({ port: 0, dataDir: strictDir, cloudinaryUrl: `cloudinary://${KEY}:${SECRET}@${CLOUD}` });
    try {
      const port = strict.port;
      for (const host of [
        '127.0.0.1',
        'localhost',
        '2130706433',
        '0x7f.1',
        '127.1',
        '[::1]',
        '[::ffff:127.0.0.1]',
        '[::ffff:7f00:1]',
        '169.254.169.254',
        '10.1.2.3',
        '192.168.0.1',
        '0.0.0.0',
      ]) {
        const res = await fetch(`${strict.url}/v1_1/${CLOUD}/image/upload`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ upload_preset: 'demo_unsigned', file: `http://${host}:${port}/v1_1/${CLOUD}/image/upload` }),
        });
        const body = await res.json();
        assert.equal(res.status, 400, `${host}: ${JSON.stringify(body)}`);
        assert.match(body.error.message, /loopback or private address|could not be resolved/, host);
      }
      assert.deepEqual(
        (await readdir(join(strictDir, '.tmp'))).filter((n) => n !== 'chunks'),
        [],
      );
    } finally {
      await strict.close();
      await rm(strictDir, { recursive: true, force: true });
    }
  });

  test('a remote name with a bad escape is kept as sent, and no temp file is left behind', async () => {
    const png = await pngOf(3, 3);
    const remote = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    });
    await new Promise((r) => remote.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`${srv.url}/v1_1/${CLOUD}/image/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upload_preset: 'demo_unsigned', file: `http://127.0.0.1:${remote.address().port}/img/bad%E0%A4%A.png` }),
      });
      assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
      assert.deepEqual(
        (await readdir(join(dir, '.tmp'))).filter((n) => n !== 'chunks'),
        [],
      );
    } finally {
      remote.close();
    }
  });
});

describe('the dev endpoints', () => {
  test("are off unless asked for, and then answer this server's own pages and listed origins only", async () => {
    // Off by default: a plain server has none.
    const plainDir = await mkdtemp(join(tmpdir(), 'upload-plain-'));
    const plain = await startServer({ port: 0, dataDir: plainDir, cloudinaryUrl: `cloudinary://${KEY}:${SECRET}@${CLOUD}` });
    try {
      for (const [method, path] of [
        ['GET', '/__dev/requests'],
        ['GET', '/__dev/assets'],
        ['PUT', '/__dev/settings'],
        ['DELETE', '/__dev/reset'],
        ['DELETE', '/__dev/chunk-sessions'],
      ]) {
        const res = await fetch(plain.url + path, { method, body: method === 'PUT' ? '{"signatureMaxAge":2592000}' : undefined });
        assert.equal(res.status, 404, `${method} ${path}`);
      }
    } finally {
      await plain.close();
      await rm(plainDir, { recursive: true, force: true });
    }
    // On: another site's page may neither read the log nor change settings.
    const evil = { origin: 'http://evil.example' };
    const read = await fetch(`${srv.url}/__dev/requests`, { headers: evil });
    assert.equal(read.status, 403);
    assert.equal(read.headers.get('access-control-allow-origin'), null);
    const put = await fetch(`${srv.url}/__dev/settings`, {
      method: 'PUT',
      headers: { ...evil, 'content-type': 'application/json' },
      body: '{"signatureMaxAge":2592000}',
    });
    assert.equal(put.status, 403);
    const forget = await fetch(`${srv.url}/__dev/chunk-sessions`, { method: 'DELETE', headers: evil });
    assert.equal(forget.status, 403);
    // The server's own origin and a listed one may.
    const own = await fetch(`${srv.url}/__dev/assets`, { headers: { origin: srv.url } });
    assert.equal(own.status, 200);
    const listed = await fetch(`${srv.url}/__dev/requests`, { headers: { origin: 'http://tests.example' } });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('access-control-allow-origin'), 'http://tests.example');
  });
});

test('a client that goes away mid-body (ECONNRESET) gets a 400 and leaves no internal error in the log; anything else unknown is a 500 with a reference', () => {
  const logged = [];
  const error = console.error;
  console.error = (...args) => logged.push(args.map(String).join(' '));
  try {
    const aborted = toError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    assert.equal(aborted.status, 400);
    assert.equal(aborted.body.error.message, 'Request aborted by the client');
    assert.deepEqual(logged, []);
    const unknown = toError(new Error('/secret/path/x: EIO'));
    assert.equal(unknown.status, 500);
    assert.match(unknown.body.error.message, /^Internal error \(reference \w+\)/);
    assert.doesNotMatch(unknown.body.error.message, /secret|EIO/);
    assert.equal(logged.length, 1);
  } finally {
    console.error = error;
  }
});
