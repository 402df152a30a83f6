// End to end, each source and view through the whole widget, by keyboard where a person would,
// each ending with what the server stored; axe audits every view on the way. Runs in each engine
// (UW_ENGINE, through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, eventDetails, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { multipart, post, uploadUrl } from '../support/server-client.mjs';

const e2e = e2eSuite({
  pages: (env) => ({
    'page.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sources</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Sources</h1><upload-widget id="w" inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
    'crop.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>crop</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Crop</h1><upload-widget id="w" inline cropping multiple="false" ${widgetAttributes(env)}></upload-widget></main></body></html>`,
    'record.js': recordEvents(['success', 'error', 'queues-end', 'publicid', 'tags']),
  }),
});

/** Uploads a PNG through the server first, so there is an image at a web address to fetch. */
async function imageAtAddress(width, height) {
  const png = await sharp({ create: { width, height, channels: 3, background: '#884422' } })
    .png()
    .toBuffer();
  const form = multipart({ upload_preset: 'demo_unsigned' }, { bytes: png, name: 'remote.png', type: 'image/png' });
  const { body } = await post(uploadUrl(e2e.servers.env.server, e2e.servers.env.cloudName), form);
  return { url: body.secure_url, png };
}

test('web address: typed and sent with the keyboard; the server fetched and stored the image', async () => {
  const { url, png } = await imageAtAddress(30, 20);
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/page.html`);
  await page.focus('[role=tab][aria-selected=true]');
  await page.press('ArrowRight');
  await page.focus('uw-url-source input');
  assert.deepEqual(await page.axe(), []);
  await page.type('ftp://example.com/x.png');
  await page.press('Enter');
  assert.match(await page.text('uw-url-source [role=alert]'), /Only http:\/\/ and https:\/\//);
  await page.evaluate(`(${DEEP_QUERY})('uw-url-source input')[0].select()`);
  await page.type(url);
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
  // After the address is sent, focus lands on the batch's progress, not on the page.
  assert.equal((await page.focused()).part, 'queue-header');
  const [info] = await eventDetails(page, 'success');
  assert.deepEqual([info.width, info.height], [30, 20]);
  const stored = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
  assert.ok(stored.equals(png), 'the server stored the bytes it fetched from the address');
  await page.close();
});

test('camera: preview, take a photo and use it by keyboard; the server stored a 640×480 photo', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/page.html`);
  await page.clickSelector('[role=tab][data-source=camera]');
  await page.waitFor(() => {
    const video = document.querySelector('upload-widget').shadowRoot.querySelector('uw-camera-source')?.shadowRoot?.querySelector('video');
    return video && video.readyState >= 2;
  });
  assert.deepEqual(await page.axe(), []);
  await page.focus('uw-camera-source [part=take-photo]');
  await page.press('Enter');
  await page.focus('uw-camera-source [part=use]');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), null, { timeout: 20000 });
  const [info] = await eventDetails(page, 'success');
  assert.deepEqual([info.width, info.height, info.format], [640, 480, 'jpg']);
  const meta = await sharp(Buffer.from(await (await fetch(info.secure_url)).arrayBuffer())).metadata();
  assert.deepEqual([meta.width, meta.height], [640, 480]);
  await page.close();
});

test('advanced options: public ID and tags chosen by keyboard reach the server', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/page.html`);
  await page.evaluate(() => {
    const w = document.querySelector('upload-widget');
    w.showAdvancedOptions = true;
    w.getTags = (cb, prefix) => cb(['sunset', 'summer', 'snow'].filter((t) => t.startsWith(prefix)));
  });
  await page.focus('uw-advanced-options [part=toggle]');
  await page.press('Enter');
  await page.focus('uw-advanced-options #public-id');
  await page.type('e2e/advanced-photo');
  await page.press('Tab');
  await page.type('su');
  await page.text('uw-advanced-options [role=option]');
  assert.deepEqual(await page.axe(), []);
  await page.press('ArrowDown');
  await page.press('Enter');
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();
  await page.pickFiles([{ name: 'adv.png', mimeType: 'image/png', buffer: png }]);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
  const [info] = await eventDetails(page, 'success');
  assert.equal(info.public_id, 'e2e/advanced-photo');
  assert.deepEqual(info.tags, ['sunset']);
  const events = await page.evaluate(() => window.events.map((e) => e.name));
  assert.ok(events.includes('publicid') && events.includes('tags'));
  // The public ID and tags belonged to that batch: back on the sources, the panel is empty.
  await page.click('button', 'Upload more');
  await page.focus('uw-advanced-options [part=toggle]');
  await page.press('Enter');
  await page.shown('uw-advanced-options #public-id');
  assert.equal(
    await page.evaluate(
      () => document.querySelector('upload-widget').shadowRoot.querySelector('uw-advanced-options').shadowRoot.querySelector('#public-id').value,
    ),
    '',
  );
  assert.deepEqual(await page.texts('uw-advanced-options uw-tags-combobox [part=chip]'), []);
  await page.close();
});

test('cropping by keyboard alone: the server stores the crop coordinates and delivers the cropped pixels', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/crop.html`);
  // 400×300, left half red, right half blue.
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: 200, height: 300, channels: 3, background: '#0000ff' } }, left: 200, top: 0 }])
    .png()
    .toBuffer();
  await page.waitForRole('button', 'Browse');
  await page.pickFiles([{ name: 'halves.png', mimeType: 'image/png', buffer: png }]);
  await page.waitFor(() => document.querySelector('upload-widget').shadowRoot.querySelector('uw-crop-view')?.selection);
  assert.deepEqual(await page.axe(), []);
  // The box starts as the whole image: shrink it (Shift+PageUp: height, Shift+ArrowLeft: width),
  // then snap it to the right edge (End) and the bottom (Ctrl+End).
  // The crop view opens with focus on the box itself: arrows work at once.
  await until(async () => (await page.focused()).part === 'crop-box', { what: 'focus on the crop box' });
  for (let i = 0; i < 5; i++) await page.press('Shift+PageUp');
  for (let i = 0; i < 5; i++) await page.press('Shift+ArrowLeft');
  await page.press('End');
  await page.press('Control+End');
  const selection = await page.evaluate(() => document.querySelector('upload-widget').shadowRoot.querySelector('uw-crop-view').selection);
  assert.ok(selection.width < 400 && selection.height < 300, JSON.stringify(selection));
  assert.equal(selection.x + selection.width, 400, 'snapped to the right edge');
  assert.equal(selection.y + selection.height, 300, 'snapped to the bottom edge');
  await page.press('Enter');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
  // After cropping, focus lands on the batch's progress, not on the page.
  assert.equal((await page.focused()).part, 'queue-header');
  const [info] = await eventDetails(page, 'success');
  const { x, y, width, height } = selection;
  const assets = await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=0`)).json();
  const sent = assets.filter((r) => r.status === 200).at(-1);
  assert.equal(sent.params.custom_coordinates, `${x},${y},${width},${height}`);
  // The delivered crop is exactly that rectangle of the original.
  const cropUrl = info.secure_url.replace('/upload/', '/upload/c_crop,g_custom/');
  const delivered = await sharp(Buffer.from(await (await fetch(cropUrl)).arrayBuffer()))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const expected = await sharp(png).extract({ left: x, top: y, width, height }).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([delivered.info.width, delivered.info.height], [width, height]);
  assert.ok(delivered.data.equals(expected.data), 'delivered crop pixels equal the expected region');
  await page.close();
});

test('cropping with the pointer: dragging a corner handle sets the coordinates the server stores', async () => {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/crop.html`);
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#22aa44' } })
    .png()
    .toBuffer();
  await page.waitForRole('button', 'Browse');
  await page.pickFiles([{ name: 'drag.png', mimeType: 'image/png', buffer: png }]);
  await page.waitFor(() => document.querySelector('upload-widget').shadowRoot.querySelector('uw-crop-view')?.selection);
  // Drag the bottom-right handle up and left by a third of the displayed box.
  const box = await page.box('uw-crop-view [part=crop-box]');
  const h = await page.box('uw-crop-view [data-handle=se]');
  const start = { x: h.x + h.width / 2, y: h.y + h.height / 2 };
  await page.drag(start, { x: start.x - box.width / 3, y: start.y - box.height / 3 });
  const selection = await page.evaluate(() => document.querySelector('upload-widget').shadowRoot.querySelector('uw-crop-view').selection);
  assert.equal(selection.x, 0);
  assert.equal(selection.y, 0);
  assert.ok(selection.width > 240 && selection.width < 300, `width ${selection.width}`);
  assert.ok(selection.height > 180 && selection.height < 220, `height ${selection.height}`);
  await page.clickSelector('uw-crop-view button[data-action=crop]');
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
  const requests = await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=0`)).json();
  const sent = requests.filter((r) => r.status === 200 && r.fileName === 'drag.png').at(-1);
  assert.equal(sent.params.custom_coordinates, `${selection.x},${selection.y},${selection.width},${selection.height}`);
  const [info] = await eventDetails(page, 'success');
  assert.deepEqual(info.coordinates?.custom, [[selection.x, selection.y, selection.width, selection.height]]);
  await page.close();
});
