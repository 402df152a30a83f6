// End to end, in the built classic script: the crop view's tools reach the stored asset. A JPEG
// turned right is stored 48×64 upright with its image data byte for byte (its Orientation says the
// turn); a PNG flipped and turned is stored with its pixels moved exactly; a phone photo with EXIF
// Orientation 6 is cropped upright and the server crops the same pixels; a pick of several
// pictures gets each one's crop step in turn (Crop, Apply to all), and goes as one batch with each
// file's coordinates. Keyboard only where a person would use it. Runs in each engine (UW_ENGINE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { exifOf, exifSegment, exifTiff, scanStart, withSegments } from '../support/photo-metadata.mjs';
import { hasHeifEnc, heic } from '../support/pictures.mjs';

const e2e = e2eSuite({
  pages: (env) => {
    const page = (attributes) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>crop tools</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)} ${attributes}></upload-widget></main></body></html>`;
    return {
      'one.html': page('cropping multiple="false"'),
      'batch.html': page('cropping cropping-aspect-ratio="1"'),
      'record.js': recordEvents(['success', 'error', 'queues-start', 'queues-end', 'upload-added']),
    };
  },
});

const cropView = `(${DEEP_QUERY})('uw-crop-view')[0]`;

/** A 64×48 picture: left half red, right half blue. */
const halves = (format) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: 32, height: 48, channels: 3, background: '#0000ff' } }, left: 32, top: 0 }])
    [format](format === 'jpeg' ? { quality: 95 } : {})
    .toBuffer();

/** A 64×48 PNG of distinct pixels (each one's colour says where it was). */
const gradient = () => {
  const data = Buffer.alloc(64 * 48 * 3);
  for (let y = 0; y < 48; y++) for (let x = 0; x < 64; x++) data.set([x * 4, y * 5, 255 - x * 2], (y * 64 + x) * 3);
  return sharp(data, { raw: { width: 64, height: 48, channels: 3 } })
    .png()
    .toBuffer();
};

/** Opens `html`, picks `files`, and waits for the crop view's box to have focus. */
async function pick(html, files) {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/${html}`);
  await page.waitForRole('button', 'Browse');
  await page.pickFiles(files);
  await until(async () => (await page.focused()).part === 'crop-box', { what: 'focus on the crop box' });
  return page;
}

/** Tabs from the focused element to the button named `label` (at most `limit` presses), then presses Enter on it. */
async function tabTo(page, label, limit = 12) {
  for (let i = 0; i < limit; i++) {
    if ((await page.focused()).label === label) return page.press('Enter');
    await page.press('Tab');
  }
  assert.fail(`Tab never reached "${label}" (at ${JSON.stringify(await page.focused())})`);
}

/** Each success's stored bytes by original file name, once the queue ends without errors. */
async function stored(page) {
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 30_000 });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'error').map((e) => e.detail.message),
    [],
  );
  const byName = {};
  for (const { detail } of events.filter((e) => e.name === 'success')) {
    byName[detail.original_filename] = { info: detail, bytes: Buffer.from(await (await fetch(detail.secure_url)).arrayBuffer()) };
  }
  return { byName, events };
}

const requests = async () => (await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=0`)).json()).filter((r) => r.status === 200);

const rgbAt = (raw, width, x, y) => [...raw.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
const near = (a, b, tolerance = 40) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

test('Rotate right, by keyboard: a 64×48 JPEG is stored 48×64 upright, red on top, its image data byte for byte', async () => {
  const jpeg = await halves('jpeg');
  const page = await pick('one.html', [{ name: 'turn-me.jpg', mimeType: 'image/jpeg', buffer: jpeg }]);
  await tabTo(page, 'Rotate right');
  await until(() => page.evaluate(`${cropView}.imageSize.width === 48`), { what: 'the picture turned' });
  const selection = await page.evaluate(`${cropView}.selection`);
  assert.ok(selection.x + selection.width <= 48 && selection.y + selection.height <= 64, JSON.stringify(selection));
  await page.click('button', 'Crop');
  const { byName } = await stored(page);
  // The row's preview shows the picture turned (and cropped): its pixels are taller than wide
  // (drawn here, or the server's thumbnail of what it stored).
  const thumb = await until(
    () =>
      page.evaluate(`(() => {
        const canvas = (${DEEP_QUERY})('[part=queue-item] [part=thumbnail] canvas')[0];
        if (canvas && canvas.width > 0) return { width: canvas.width, height: canvas.height };
        const img = (${DEEP_QUERY})('[part=queue-item] [part=thumbnail] img')[0];
        return img && img.naturalWidth > 0 ? { width: img.naturalWidth, height: img.naturalHeight } : null;
      })()`),
    { what: 'the row preview' },
  );
  assert.ok(thumb.height > thumb.width, `the preview is upright: ${JSON.stringify(thumb)}`);
  const arrived = byName['turn-me'].bytes;
  // The picture as any viewer shows it: 48×64, the left (red) edge on top.
  const upright = await sharp(arrived).rotate().raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([upright.info.width, upright.info.height], [48, 64]);
  assert.ok(near(rgbAt(upright.data, 48, 24, 8), [255, 0, 0]), `top ${rgbAt(upright.data, 48, 24, 8)}`);
  assert.ok(near(rgbAt(upright.data, 48, 24, 56), [0, 0, 255]), `bottom ${rgbAt(upright.data, 48, 24, 56)}`);
  // Not re-encoded: the scan data is the picked file's, and the Exif says Orientation 6.
  const original = new Uint8Array(jpeg);
  assert.ok(arrived.subarray(scanStart(new Uint8Array(arrived))).equals(Buffer.from(original.subarray(scanStart(original)))), 'same image data');
  assert.equal(exifOf(new Uint8Array(arrived)).orientation, 6);
  // The coordinates are the upright picture's, and the server crops those pixels.
  const sent = (await requests()).filter((r) => r.fileName === 'turn-me.jpg').at(-1);
  assert.equal(sent.params.custom_coordinates, `${selection.x},${selection.y},${selection.width},${selection.height}`);
  const cropped = await sharp(Buffer.from(await (await fetch(byName['turn-me'].info.secure_url.replace('/upload/', '/upload/c_crop,g_custom/'))).arrayBuffer()))
    .raw()
    .toBuffer({ resolveWithObject: true });
  assert.deepEqual([cropped.info.width, cropped.info.height], [selection.width, selection.height]);
  await page.close();
});

test('Flip vertical then Rotate left: a PNG is stored with every pixel where the person saw it', async () => {
  const png = await gradient();
  const page = await pick('one.html', [{ name: 'pixels.png', mimeType: 'image/png', buffer: png }]);
  await page.click('button', 'Flip vertical');
  await page.click('button', 'Rotate left');
  await until(() => page.evaluate(`${cropView}.imageSize.width === 48`), { what: 'the picture turned' });
  await page.click('button', 'Crop');
  const { byName } = await stored(page);
  const { hasAlpha } = await sharp(byName.pixels.bytes)
    .stats()
    .then((s) => ({ hasAlpha: s.channels.length === 4 && s.channels[3].min < 255 }));
  assert.equal(hasAlpha, false, 'opaque, as picked');
  const arrived = await sharp(byName.pixels.bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([arrived.info.width, arrived.info.height, arrived.info.channels], [48, 64, 3]);
  const original = await sharp(png).raw().toBuffer();
  // Flip vertical: (x, y) → (x, 47 − y); then a left turn: (x, y) → (y, 63 − x) on the 64-wide picture.
  let wrong = 0;
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 64; x++) {
      if (!rgbAt(arrived.data, 48, 47 - y, 63 - x).every((v, i) => v === rgbAt(original, 64, x, y)[i])) wrong++;
    }
  }
  assert.equal(wrong, 0, 'pixels out of place');
  await page.close();
});

test('EXIF Orientation 6: the crop view shows the photo 48×64 as a person sees it, and the server crops those upright pixels', async () => {
  // Stored 64×48 (left red, right blue), Orientation 6: seen 48×64, red on top.
  const photo = Buffer.from(withSegments(new Uint8Array(await halves('jpeg')), exifSegment(exifTiff({ orientation: 6, gps: false }))));
  const page = await pick('one.html', [{ name: 'phone.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  assert.deepEqual(await page.evaluate(`${cropView}.imageSize`), { width: 48, height: 64 });
  const canvas = await page.box('uw-crop-view canvas');
  assert.ok(canvas.height > canvas.width * 1.2, `drawn upright: ${JSON.stringify(canvas)}`);
  // Smaller (Shift+PageUp: 10% of 64 each), then to the top edge: only red is inside.
  for (let i = 0; i < 6; i++) await page.press('Shift+PageUp');
  await page.press('Control+Home');
  const selection = await page.evaluate(`${cropView}.selection`);
  assert.equal(selection.y, 0);
  assert.ok(selection.height <= 32, JSON.stringify(selection));
  await page.press('Enter');
  const { byName } = await stored(page);
  const url = byName.phone.info.secure_url.replace('/upload/', '/upload/c_crop,g_custom/').replace(/\.jpe?g$/, '.png');
  const cropped = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer()))
    .raw()
    .toBuffer({ resolveWithObject: true });
  assert.deepEqual([cropped.info.width, cropped.info.height], [selection.width, selection.height]);
  const middle = rgbAt(cropped.data, cropped.info.width, Math.floor(cropped.info.width / 2), Math.floor(cropped.info.height / 2));
  assert.ok(near(middle, [255, 0, 0]), `the crop is of the red (top) half: ${middle}`);
  await page.close();
});

test('a pick of three pictures and a text file: each picture in turn (Crop, then Apply to all), one batch, each with its coordinates', async () => {
  const picture = (width, height, color) =>
    sharp({ create: { width, height, channels: 3, background: color } })
      .png()
      .toBuffer();
  const files = [
    { name: 'wide.png', mimeType: 'image/png', buffer: await picture(80, 60, '#336699') },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
    { name: 'tall.png', mimeType: 'image/png', buffer: await picture(60, 80, '#993366') },
    { name: 'square.png', mimeType: 'image/png', buffer: await picture(100, 100, '#669933') },
  ];
  const before = (await requests()).length;
  const page = await pick('batch.html', files);
  assert.match(await page.text('uw-crop-view [part=crop-position]'), /Image 1 of 3/);
  assert.equal(await page.evaluate(`${cropView}.file.name`), 'wide.png');
  const first = await page.evaluate(`${cropView}.selection`);
  assert.equal(first.width, first.height, 'the site’s 1:1');
  await page.press('Enter');
  await until(async () => /Image 2 of 3/.test(await page.text('uw-crop-view [part=crop-position]')), { what: 'the second picture' });
  await until(async () => (await page.focused()).part === 'crop-box', { what: 'focus on the second crop box' });
  assert.equal(await page.evaluate(`${cropView}.file.name`), 'tall.png');
  const second = await page.evaluate(`${cropView}.selection`);
  await tabTo(page, 'Apply to all', 20);
  const { events } = await stored(page);
  assert.equal(events.filter((e) => e.name === 'queues-start').length, 1, 'one batch');
  assert.deepEqual(
    events.filter((e) => e.name === 'upload-added').map((e) => e.detail.file.name),
    ['wide.png', 'notes.txt', 'tall.png', 'square.png'],
  );
  const sent = Object.fromEntries((await requests()).slice(before).map((r) => [r.fileName, r.params.custom_coordinates]));
  assert.equal(sent['wide.png'], `${first.x},${first.y},${first.width},${first.height}`);
  assert.equal(sent['tall.png'], `${second.x},${second.y},${second.width},${second.height}`);
  assert.equal(sent['notes.txt'], undefined);
  // The square gets the same share of itself, centred: a square too.
  const [x, y, w, h] = sent['square.png'].split(',').map(Number);
  assert.equal(w, h);
  assert.equal(w, Math.round((100 * second.width) / 60));
  assert.ok(x + w <= 100 && y + h <= 100);
  await page.close();
});

test('a HEIC is cropped: the crop view shows it upright (through libheif where the browser has no decoder), and it arrives as picked, with its coordinates', {
  skip: hasHeifEnc ? false : 'heif-enc is missing (Debian: apt-get install libheif-examples): no HEIC to test with',
}, async () => {
  // 48×64, top half red, bottom half blue.
  const photo = await heic(48, 64);
  assert.ok(photo, 'heif-enc made a HEIC');
  const page = await pick('one.html', [{ name: 'phone.heic', mimeType: 'image/heic', buffer: photo }]);
  assert.deepEqual(await page.evaluate(`${cropView}.imageSize`), { width: 48, height: 64 });
  // No turn tools for HEIC (no browser but Safari redraws it); the crop itself works.
  assert.equal(await page.evaluate(`Boolean(${cropView}.shadowRoot.querySelector('[data-tool="rotate-right"]'))`), false);
  for (let i = 0; i < 5; i++) await page.press('Shift+PageUp');
  await page.press('Control+Home');
  const selection = await page.evaluate(`${cropView}.selection`);
  await page.press('Enter');
  const { byName } = await stored(page);
  assert.ok(byName.phone.bytes.equals(photo), 'the HEIC arrives byte for byte');
  const sent = (await requests()).filter((r) => r.fileName === 'phone.heic').at(-1);
  assert.equal(sent.params.custom_coordinates, `${selection.x},${selection.y},${selection.width},${selection.height}`);
  assert.equal(selection.y, 0);
  await page.close();
});
