// End to end, in the built classic script: smaller uploads (imageFormat, imageQuality). A photo-like
// PNG goes up re-encoded as WebP or JPEG, same size in pixels, fewer bytes, its name's stem kept
// (Cloudinary's original_filename); a GIF goes as it is; a picture the re-encoding would make
// bigger goes as it is. Where an engine cannot write WebP (WebKitGTK), the test says so and checks
// the fallback: the file arrives as picked. Runs in each engine (UW_ENGINE, through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { engine } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { hasHeifEnc, heic, photoPng } from '../support/pictures.mjs';

const e2e = e2eSuite({
  pages: (env) => {
    const page = (attributes) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>compress</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)} ${attributes}></upload-widget></main></body></html>`;
    return {
      'webp.html': page('image-format="webp" image-quality="0.7"'),
      'jpeg.html': page('image-format="jpeg"'),
      'record.js': recordEvents(['success', 'error', 'queues-end']),
    };
  },
});

/** Uploads `files` in `html`; the successes by original file name, with their stored bytes. */
async function upload(html, files) {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/${html}`);
  await page.waitForRole('button', 'Browse');
  await page.pickFiles(files);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30_000 });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'error').map((e) => e.detail.message),
    [],
  );
  const writesWebp = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(2, 2);
    canvas.getContext('2d').fillRect(0, 0, 2, 2);
    return (await canvas.convertToBlob({ type: 'image/webp' })).type === 'image/webp';
  });
  const stored = {};
  for (const { detail } of events.filter((e) => e.name === 'success')) {
    stored[detail.original_filename] = { info: detail, bytes: Buffer.from(await (await fetch(detail.secure_url)).arrayBuffer()) };
  }
  await page.close();
  return { stored, writesWebp };
}

test('image-format="webp": a PNG photo arrives as a smaller WebP of the same pixel size, its name kept; a GIF arrives as picked', async () => {
  const png = await photoPng(640, 480);
  const gif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2e86c1' } })
    .gif()
    .toBuffer();
  const { stored, writesWebp } = await upload('webp.html', [
    { name: 'harbour.png', mimeType: 'image/png', buffer: png },
    { name: 'wave.gif', mimeType: 'image/gif', buffer: gif },
  ]);
  assert.ok(stored.wave.bytes.equals(gif), 'a GIF (maybe animated) goes as it is');
  const { info, bytes } = stored.harbour;
  if (!writesWebp) {
    // WebKitGTK's canvas writes no WebP: the picture goes as it is rather than in another format than asked.
    console.log(`${engine} cannot write WebP: the PNG went as picked`);
    assert.ok(bytes.equals(png));
    return;
  }
  const meta = await sharp(bytes).metadata();
  assert.equal(meta.format, 'webp');
  assert.deepEqual([meta.width, meta.height], [640, 480]);
  assert.equal(info.format, 'webp');
  assert.ok(bytes.length < png.length / 2, `${bytes.length} bytes as WebP, ${png.length} as PNG`);
  console.log(`harbour.png ${png.length} bytes → WebP ${bytes.length} bytes`);
});

test('image-format="jpeg": a PNG photo arrives as a smaller JPEG of the same pixel size; a tiny PNG the re-encoding would grow arrives as picked', async () => {
  const png = await photoPng(640, 480);
  const tiny = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
  const { stored } = await upload('jpeg.html', [
    { name: 'meadow.png', mimeType: 'image/png', buffer: png },
    { name: 'dot.png', mimeType: 'image/png', buffer: tiny },
  ]);
  const meta = await sharp(stored.meadow.bytes).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.deepEqual([meta.width, meta.height], [640, 480]);
  assert.ok(stored.meadow.bytes.length < png.length / 2, `${stored.meadow.bytes.length} bytes as JPEG, ${png.length} as PNG`);
  assert.ok(stored.dot.bytes.equals(tiny), 'a picture that would grow goes as it is');
});

test('image-format="jpeg": a HEIC arrives as a JPEG of the same picture (decoded by libheif where the browser cannot), its name’s stem kept', {
  skip: hasHeifEnc ? false : 'heif-enc is missing (Debian: apt-get install libheif-examples): no HEIC to test with',
}, async () => {
  const photo = await heic(48, 64);
  assert.ok(photo, 'heif-enc made a HEIC');
  const { stored } = await upload('jpeg.html', [{ name: 'IMG_0042.heic', mimeType: 'image/heic', buffer: photo }]);
  const arrived = stored.IMG_0042;
  assert.ok(arrived, 'stored under its stem');
  const meta = await sharp(arrived.bytes).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 48, 64]);
  const { data } = await sharp(arrived.bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (x, y) => [...data.subarray((y * 48 + x) * 3, (y * 48 + x) * 3 + 3)];
  assert.ok(at(24, 8)[0] > 180 && at(24, 8)[2] < 80, `top is red: ${at(24, 8)}`);
  assert.ok(at(24, 56)[2] > 180 && at(24, 56)[0] < 80, `bottom is blue: ${at(24, 56)}`);
});
