// Delivery URLs and sharp transformations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startServer } from '../../server/index.mjs';
import { multipart, post, uploadUrl } from '../support/server-client.mjs';

let srv;
let dir;
let noise;
let asset;

/** Unsigned upload through the default preset. */
async function upload(buf, fields = {}, name = 'img.png') {
  const { status, body } = await post(uploadUrl(srv.url), multipart({ upload_preset: 'demo_unsigned', ...fields }, { bytes: buf, name }));
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

const url = (transformation, a = asset, ext = a.format) =>
  `${srv.url}/demo/image/upload/${transformation ? `${transformation}/` : ''}v${a.version}/${a.public_id}.${ext}`;

async function get(u) {
  const res = await fetch(u);
  return { res, buf: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-delivery-'));
  srv = await startServer({ port: 0, dataDir: dir, cloudinaryUrl: 'cloudinary://1:s@demo' });
  // Random pixels: any off-by-one in a crop shows up as a mismatch.
  noise = await sharp(randomBytes(120 * 80 * 3), { raw: { width: 120, height: 80, channels: 3 } })
    .png()
    .toBuffer();
  asset = await upload(noise, { custom_coordinates: '10,20,30,40' });
});
after(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

test('custom_coordinates are stored and reported', () => {
  assert.deepEqual(asset.coordinates, { custom: [[10, 20, 30, 40]] });
});

test('w_50,h_50,c_fill gives a 50x50 image', async () => {
  const { res, buf } = await get(url('w_50,h_50,c_fill'));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const m = await sharp(buf).metadata();
  assert.deepEqual([m.width, m.height], [50, 50]);
});

test('c_crop,g_custom gives exactly the custom rectangle', async () => {
  const { res, buf } = await get(url('c_crop,g_custom'));
  assert.equal(res.status, 200);
  const got = await sharp(buf).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const want = await sharp(noise).extract({ left: 10, top: 20, width: 30, height: 40 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([got.info.width, got.info.height], [30, 40]);
  assert.ok(got.data.equals(want.data));
});

test('c_crop with x/y cuts that window', async () => {
  const { buf } = await get(url('c_crop,w_20,h_10,x_5,y_7'));
  const got = await sharp(buf).ensureAlpha().raw().toBuffer();
  const want = await sharp(noise).extract({ left: 5, top: 7, width: 20, height: 10 }).ensureAlpha().raw().toBuffer();
  assert.ok(got.equals(want));
});

test('c_scale, c_fit, c_limit, c_thumb and chained steps', async () => {
  const size = async (t) => {
    const { res, buf } = await get(url(t));
    assert.equal(res.status, 200, t);
    const m = await sharp(buf).metadata();
    return [m.width, m.height];
  };
  assert.deepEqual(await size('w_60,c_scale'), [60, 40]);
  assert.deepEqual(await size('w_30,h_30,c_fit'), [30, 20]);
  assert.deepEqual(await size('w_500,c_limit'), [120, 80]);
  assert.deepEqual(await size('w_20,h_20,c_thumb,g_custom'), [20, 20]);
  assert.deepEqual(await size('c_crop,g_custom/w_15,c_scale'), [15, 20]);
});

test('f_auto → webp, the URL extension picks the format, q_ applies', async () => {
  let r = await get(url('f_auto,q_auto,w_40'));
  assert.equal(r.res.headers.get('content-type'), 'image/webp');
  assert.equal((await sharp(r.buf).metadata()).format, 'webp');
  r = await get(url('', asset, 'jpg'));
  assert.equal(r.res.headers.get('content-type'), 'image/jpeg');
  assert.equal((await sharp(r.buf).metadata()).format, 'jpeg');
  const small = await get(url('q_10,w_100', asset, 'jpg'));
  const large = await get(url('q_95,w_100', asset, 'jpg'));
  assert.ok(small.buf.length < large.buf.length);
});

test('transformed results are cached (same ETag, same bytes)', async () => {
  const a = await get(url('w_33,h_33,c_fill'));
  const b = await get(url('w_33,h_33,c_fill'));
  assert.equal(a.res.headers.get('etag'), b.res.headers.get('etag'));
  assert.ok(a.buf.equals(b.buf));
  const notModified = await fetch(url('w_33,h_33,c_fill'), { headers: { 'if-none-match': a.res.headers.get('etag') } });
  assert.equal(notModified.status, 304);
});

test('unknown transformation → 400; missing asset → 404 plain text', async () => {
  const bad = await fetch(url('e_sepia'));
  assert.equal(bad.status, 400);
  const badCrop = await fetch(url('c_bogus'));
  assert.equal(badCrop.status, 400);
  const missing = await fetch(`${srv.url}/demo/image/upload/nope.png`);
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type'), /text\/plain/);
});

test('EXIF orientation is respected when transforming, reported as stored on upload', async () => {
  const jpg = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#08f' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  const up = await upload(jpg, {}, 'rot.jpg');
  assert.deepEqual([up.width, up.height, up.format], [60, 20, 'jpg']);
  const { buf } = await get(url('w_10,c_scale', up));
  const m = await sharp(buf).metadata();
  assert.deepEqual([m.width, m.height], [10, 30]);
});

test('delivery without a version and HEAD work; a byte range gives 206', async () => {
  const plain = await fetch(`${srv.url}/demo/image/upload/${asset.public_id}.png`);
  assert.ok(Buffer.from(await plain.arrayBuffer()).equals(noise));
  const head = await fetch(`${srv.url}/demo/image/upload/${asset.public_id}.png`, { method: 'HEAD' });
  assert.equal(Number(head.headers.get('content-length')), noise.length);
  const part = await fetch(`${srv.url}/demo/image/upload/${asset.public_id}.png`, { headers: { range: 'bytes=0-9' } });
  assert.equal(part.status, 206);
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(noise.subarray(0, 10)));
});

test('a delivered SVG with script cannot run it: nosniff and a sandboxing CSP on every file', async () => {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script><rect width="10" height="10"/></svg>',
  );
  const form = multipart({ upload_preset: 'demo_unsigned' }, { bytes: svg, name: 'evil.svg', type: 'image/svg+xml' });
  const stored = await (await fetch(`${srv.url}/v1_1/demo/image/upload`, { method: 'POST', body: form })).json();
  const { res, buf } = await get(stored.secure_url);
  assert.equal(res.status, 200);
  assert.ok(buf.equals(svg), 'the bytes are delivered as stored');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-security-policy'), /(^|;\s*)sandbox(;|$)/);
  assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
  // Originals of other kinds, transformed images and errors carry the same headers.
  for (const u of [url(''), url('w_20'), `${srv.url}/demo/image/upload/v1/missing.png`]) {
    const r = await fetch(u);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', u);
    assert.match(r.headers.get('content-security-policy') ?? '', /sandbox/, u);
  }
});

test('delivery reaches stored assets only: encoded ../ and . segments are not found', async () => {
  for (const path of [
    `demo/raw/upload/..%2F..%2F..%2Fdemo%2Fimage%2Fupload%2F${asset.public_id}`,
    `demo/image/upload/v1/..%2F.meta%2Fdemo%2Fimage%2Fupload%2F${asset.public_id}.png`,
    `demo/image/upload/%2E%2E/${asset.public_id}.png`,
    `demo/image/upload/.%2F${asset.public_id}.png`,
    `demo/image/upload/..%5C..%5C${asset.public_id}.png`,
  ]) {
    const { res, buf } = await get(`${srv.url}/${path}`);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(buf.toString(), /public_id|"file"|\.meta|\/tmp\//, path);
  }
});

test('public IDs the file system cannot hold, or that hide their direction, are a 400 naming the parameter, never a path', async () => {
  const tooLong = 'a'.repeat(250);
  const bidi = 'photo\u202egnp.exe';
  for (const [publicId, why] of [
    [tooLong, /public_id.*longer than 200 bytes/],
    [`folder/${'é'.repeat(120)}`, /public_id.*longer than 200 bytes/],
    [bidi, /public_id.*text-direction control/],
    ['a\u0085b', /public_id.*forbidden character/],
  ]) {
    const form = multipart({ upload_preset: 'demo_unsigned', public_id: publicId }, { bytes: noise, name: 'x.png' });
    const res = await fetch(`${srv.url}/v1_1/demo/image/upload`, { method: 'POST', body: form });
    const body = await res.json();
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(body.error.message, why);
    assert.ok(!body.error.message.includes(dir), 'no server path in the message');
  }
});
