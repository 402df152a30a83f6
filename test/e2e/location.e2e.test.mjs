// End to end, in the built classic script: a phone photo's location does not leave the browser
// unless the site asks for it. A JPEG with an Exif GPS directory and XMP GPS properties (written
// byte by byte) arrives on the server without them, with its orientation and other metadata, the
// same size and the image data byte for byte; its row says "Location removed", readable whole on
// a narrow screen. A HEIF's Exif item loses its GPS the same way. With keep-location the stored
// bytes are the picked ones. Runs in each engine (UW_ENGINE, through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { DEEP_QUERY, limits, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import {
  MAKE,
  XMP_WITH_GPS,
  exifOf,
  exifSegment,
  exifTiff,
  heifWithMetadata,
  indexOfBytes,
  latitudeBytes,
  scanStart,
  tiffOf,
  withSegments,
  xmpSegment,
} from '../support/photo-metadata.mjs';

const e2e = e2eSuite({
  pages: (env) => {
    const page = (attributes) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>location</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)} ${attributes}></upload-widget></main></body></html>`;
    return {
      'index.html': page(''),
      'keep.html': page('keep-location'),
      'record.js': recordEvents(['success', 'error', 'queues-end']),
    };
  },
});

/** A 64×48 JPEG from sharp with Exif (Orientation 6, a make, a GPS directory) and XMP with GPS properties. */
async function phonePhoto() {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return Buffer.from(withSegments(new Uint8Array(jpeg), exifSegment(exifTiff({ orientation: 6 })), xmpSegment(XMP_WITH_GPS)));
}

/** Uploads `files` in `html`, and gives each one's stored bytes and its row, by name. */
async function upload(html, files, size) {
  const page = await e2e.browser.newPage(size);
  await page.goto(`${e2e.servers.upload.url}/${html}`);
  await page.waitForRole('button', 'Browse');
  await page.pickFiles(files);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30_000 });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'error').map((e) => e.detail.message),
    [],
  );
  const stored = {};
  for (const { detail } of events.filter((e) => e.name === 'success')) {
    stored[detail.original_filename] = Buffer.from(await (await fetch(detail.secure_url)).arrayBuffer());
  }
  return { page, stored };
}

/** The row of `name` once it is done: its text, and whether its location notice is shown whole. */
const doneRow = (page, name) =>
  until(
    () =>
      page.evaluate(`(() => {
        const row = (${DEEP_QUERY})('[part=queue-item][data-status=done]').find((r) => r.textContent.includes(${JSON.stringify(name)}));
        if (!row) return null;
        const notice = row.querySelector('.notice');
        const meta = notice?.parentElement.getBoundingClientRect();
        const box = notice?.getBoundingClientRect();
        return {
          text: row.textContent.replace(/\\s+/g, ' ').trim(),
          notice: notice?.textContent.trim() ?? null,
          whole: !!box && box.width > 0 && box.left >= meta.left - 0.5 && box.right <= meta.right + 0.5,
        };
      })()`),
    { what: `the done row of ${name}` },
  );

test('a JPEG arrives without its GPS directory and XMP GPS, same size, orientation and make kept, image data byte for byte; the row says Location removed', async () => {
  const photo = await phonePhoto();
  // Narrow, where the row's meta line has the least room (WebKitGTK's window is at least 447 px wide).
  const { page, stored } = await upload('index.html', [{ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo }], {
    width: Math.max(360, limits.minWidth),
    height: 740,
  });
  const arrived = stored.IMG_2041;
  assert.ok(arrived, 'stored');
  assert.equal(arrived.length, photo.length, 'nothing moved');
  const exif = exifOf(new Uint8Array(arrived));
  assert.deepEqual(exif.tags, [0x010f, 0x0112], 'make and orientation, no GPS directory');
  assert.equal(exif.orientation, 6);
  assert.equal(exif.make, MAKE);
  assert.equal(indexOfBytes(arrived, latitudeBytes()), -1, 'the latitude is gone');
  assert.doesNotMatch(arrived.toString('latin1'), /GPS/, 'no GPS property left in the XMP');
  assert.match(arrived.toString('latin1'), /xmp:CreatorTool="TestCam 1\.0"/, 'the rest of the XMP stays');
  const sos = scanStart(new Uint8Array(photo));
  assert.ok(sos > 0);
  assert.ok(arrived.subarray(sos).equals(photo.subarray(sos)), 'the image data is the same bytes');
  // The server read it as the same picture.
  const { width, height } = await sharp(arrived).metadata();
  assert.deepEqual([width, height], [64, 48]);

  const row = await doneRow(page, 'IMG_2041.jpg');
  assert.equal(row.notice, 'Location removed', row.text);
  assert.ok(row.whole, `the notice is cut: ${row.text}`);
  await page.close();
});

test("a HEIF's Exif item loses its GPS directory and its XMP item its GPS properties; every other byte arrives as picked", async () => {
  const heif = heifWithMetadata(exifTiff({ orientation: 1 }));
  const original = Buffer.from(heif.bytes);
  const { page, stored } = await upload('index.html', [{ name: 'IMG_0007.heic', mimeType: 'image/heic', buffer: original }]);
  const arrived = stored.IMG_0007;
  assert.ok(arrived, 'stored');
  assert.equal(arrived.length, original.length);
  assert.deepEqual(tiffOf(new Uint8Array(arrived.subarray(heif.exifAt + 10))).tags, [0x010f, 0x0112]);
  assert.equal(indexOfBytes(arrived, latitudeBytes()), -1);
  assert.doesNotMatch(arrived.subarray(heif.xmpAt).toString('latin1'), /GPS/);
  assert.ok(arrived.subarray(0, heif.exifAt).equals(original.subarray(0, heif.exifAt)), 'the boxes and the image item are as picked');
  assert.equal((await doneRow(page, 'IMG_0007.heic')).notice, 'Location removed');
  await page.close();
});

test('with keep-location the photo arrives exactly as picked, GPS and all, and the row says nothing of it', async () => {
  const photo = await phonePhoto();
  const { page, stored } = await upload('keep.html', [{ name: 'IMG_2042.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  assert.ok(stored.IMG_2042?.equals(photo), 'the stored bytes are the picked ones');
  assert.ok(exifOf(new Uint8Array(stored.IMG_2042)).tags.includes(0x8825));
  const row = await doneRow(page, 'IMG_2042.jpg');
  assert.equal(row.notice, null, row.text);
  await page.close();
});
