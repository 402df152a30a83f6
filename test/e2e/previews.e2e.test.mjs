// End to end, in the built classic script under a strict CSP, against the real upload server: what
// a queue row shows of its file. A picture's thumbnail keeps its shape (letterboxed in the row's
// square, a portrait taller than wide, turned as its EXIF orientation says). Checked as a person
// sees it: the thumbnail is an img, canvas or video inside the row (role listitem), has a real size,
// and its pixels, read back, are not blank. A video's row shows a poster frame and its length. Where
// A PDF's row shows its first page (pdf.js, loaded only when a PDF is queued), with its worker or,
// where the page's CSP forbids it, without. Where
// an engine cannot decode a format, the test says so and checks the fallback: the type icon, and
// the file arriving at the server as picked. Runs in each engine (UW_ENGINE, through
// test/support/driver.mjs); the fixtures are made in the test: the video by MediaRecorder in
// Chromium (WebKitGTK's recorder writes empty files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { engine } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { exifSegment, exifTiff, withSegments } from '../support/photo-metadata.mjs';
import { hasHeifEnc, heic } from '../support/pictures.mjs';

/** A 2.5 s WebM (VP8, 160×90: its left half orange, its right half dark blue, a white square moving), and its length. */
let clip;

// The header allows what libheif's decoder needs (a blob: worker, WebAssembly): heic.html; every other
// page tightens it with a meta CSP as strict as a careful site: no inline script, no eval, no
// WebAssembly; pictures and media only from the page itself and the files a person picks (blob:);
// workers from the page's origin only.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
const STRICT = `<meta http-equiv="Content-Security-Policy" content="script-src 'self'; worker-src 'self'">`;

const e2e = e2eSuite(
  {
    // Playwright's Chromium records the video fixture.
    chromium: true,
    headers: { 'Content-Security-Policy': CSP },
    pages: (env) => ({
      'rows.html': `<!doctype html><html lang="en"><head><meta charset="utf-8">${STRICT}<link rel="icon" href="data:,"><title>previews</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
      // The same page where no worker may start (a meta CSP adds to the header's): pdf.js runs on the page.
      'noworker.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'self'; worker-src 'none'"><link rel="icon" href="data:,"><title>previews without workers</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
      // The built ES module as a site serves it: pdf.js's worker code is a chunk of it, run on the page.
      'module.html': `<!doctype html><html lang="en"><head><meta charset="utf-8">${STRICT}<link rel="icon" href="data:,"><title>previews, ES module</title>
<script type="module" src="/dist/upload-widget.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
      'heic.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>previews, HEIC</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><upload-widget inline ${widgetAttributes(env)}></upload-widget></main></body></html>`,
      'record.js': recordEvents(['success', 'error', 'queues-end']),
    }),
  },
  {
    ready: async (suite) => {
      clip = await recordClip(suite.chromium);
    },
  },
);

/**
 * In the page: the row (role listitem) showing the file `name`, and its thumbnail as a person sees
 * it: which element, its pixel size and its box on screen, the row's square, whether its pixels
 * are blank (one colour, or transparent), the luminance at points given as fractions of the picture,
 * the row's text and whether it shows a generic type icon instead.
 */
const THUMB_OF = ({ name, points = [] }) => {
  const rows = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'LI' && (el.getAttribute('role') ?? 'listitem') === 'listitem' && el.querySelector('.name')?.textContent === name) rows.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const row = rows[0];
  if (!row) return null;
  const picture = row.querySelector('.thumb canvas, .thumb img, .thumb video');
  const box = row.querySelector('.thumb').getBoundingClientRect();
  const result = {
    text: row.textContent.replace(/\s+/g, ' ').trim(),
    icon: Boolean(row.querySelector('.thumb .file-icon')),
    square: { width: box.width, height: box.height },
  };
  if (!picture) return result;
  const width = picture.width && picture.tagName === 'CANVAS' ? picture.width : picture.naturalWidth || picture.videoWidth || 0;
  const height = picture.height && picture.tagName === 'CANVAS' ? picture.height : picture.naturalHeight || picture.videoHeight || 0;
  const shown = picture.getBoundingClientRect();
  Object.assign(result, {
    tag: picture.tagName.toLowerCase(),
    inRow: row.contains(picture),
    pixels: { width, height },
    shown: { width: shown.width, height: shown.height, x: shown.x - box.x, y: shown.y - box.y },
  });
  if (!width || !height) return result;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(picture, 0, 0, width, height);
  const data = ctx.getImageData(0, 0, width, height).data;
  const colours = new Set();
  let opaque = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0) opaque++;
    colours.add((data[i] >> 4) * 256 + (data[i + 1] >> 4) * 16 + (data[i + 2] >> 4));
  }
  const luminance = ([fx, fy]) => {
    const i = (Math.min(height - 1, Math.floor(fy * height)) * width + Math.min(width - 1, Math.floor(fx * width))) * 4;
    return Math.round(0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]);
  };
  const rgb = ([fx, fy]) => {
    const i = (Math.min(height - 1, Math.floor(fy * height)) * width + Math.min(width - 1, Math.floor(fx * width))) * 4;
    return [data[i], data[i + 1], data[i + 2]];
  };
  Object.assign(result, { blank: opaque === 0 || colours.size < 2, opaque: opaque / (width * height), at: points.map(luminance), rgb: points.map(rgb) });
  return result;
};

async function openRows(html = 'rows.html') {
  const page = await e2e.browser.newPage({ width: 1280, height: 800 });
  await page.goto(`${e2e.servers.upload.url}/${html}`);
  await page.waitForRole('button', 'Browse');
  return page;
}

/**
 * Waits for the row of `name` to show a picture at rest (its pixels known, laid out to fill its
 * square on its long side), or gives null after `timeout`.
 */
function thumbnail(page, name, { points = [], timeout = 20_000 } = {}) {
  return page
    .waitFor(
      `(() => {
        const t = (${THUMB_OF})(${JSON.stringify({ name, points })});
        const fills = t?.shown && (Math.abs(t.shown.width - t.square.width) < 1.5 || Math.abs(t.shown.height - t.square.height) < 1.5);
        return t?.pixels?.width && fills ? t : null;
      })()`,
      null,
      { timeout },
    )
    .catch(() => null);
}

/** Waits for every picked file to be stored, and gives the stored bytes by original file name. */
async function storedFiles(page, count, { allowed = [] } = {}) {
  await page.waitFor((n) => window.events.filter((e) => e.name === 'success').length >= n, count, { timeout: 30_000 });
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(
    events.filter((e) => e.name === 'error' || (e.name === 'csp-violation' && !allowed.includes(e.detail))).map((e) => e.detail?.message ?? e.detail),
    [],
    'no error, nothing the CSP refused',
  );
  assert.deepEqual(await page.evaluate(() => window.pageErrors), [], 'no error the page did not catch');
  const stored = {};
  for (const { detail } of events.filter((e) => e.name === 'success'))
    stored[`${detail.original_filename}`] = Buffer.from(await (await fetch(detail.secure_url)).arrayBuffer());
  return stored;
}

/** A `width`×`height` picture, its left half red and its right half blue. */
function halves(width, height) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(x < width / 2 ? [230, 20, 20] : [20, 20, 230], (y * width + x) * 3);
  return sharp(data, { raw: { width, height, channels: 3 } });
}

test('a portrait photo (a 64×48 JPEG with EXIF Orientation 6): its row shows it turned, taller than wide, letterboxed in the square; a wide PNG stays wide', async () => {
  const jpeg = await halves(64, 48).jpeg({ quality: 95 }).toBuffer();
  const turned = Buffer.from(withSegments(jpeg, exifSegment(exifTiff({ orientation: 6, gps: false }))));
  const wide = await halves(300, 100).png().toBuffer();
  const page = await openRows();
  try {
    await page.pickFiles([
      { name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: turned },
      { name: 'wide.png', mimeType: 'image/png', buffer: wide },
    ]);
    const portrait = await thumbnail(page, 'portrait.jpg', {
      points: [
        [0.5, 0.15],
        [0.5, 0.85],
      ],
    });
    assert.ok(portrait, 'the photo’s row shows a picture');
    assert.ok(['canvas', 'img'].includes(portrait.tag) && portrait.inRow, `a picture inside the row: ${portrait.tag}`);
    assert.ok(portrait.pixels.height > portrait.pixels.width, `its own pixels are taller than wide: ${portrait.pixels.width}×${portrait.pixels.height}`);
    assert.ok(Math.abs(portrait.pixels.width / portrait.pixels.height - 48 / 64) < 0.05, 'in the photo’s shape, 3:4');
    assert.ok(portrait.shown.height > portrait.shown.width && portrait.shown.width > 20, `shown taller than wide: ${JSON.stringify(portrait.shown)}`);
    assert.ok(Math.abs(portrait.shown.height - portrait.square.height) < 1.5, `as tall as the square: ${JSON.stringify(portrait)}`);
    assert.ok(portrait.shown.x > 3 && portrait.shown.x + portrait.shown.width < portrait.square.width - 3, 'centred in it, room on both sides');
    assert.equal(portrait.blank, false, 'its pixels are not blank');
    // Orientation 6 is a quarter turn clockwise: the picture's left half (red) is on top.
    const [[topR, , topB], [bottomR, , bottomB]] = portrait.rgb;
    assert.ok(topR > 150 && topB < 100, `red on top: ${portrait.rgb[0]}`);
    assert.ok(bottomB > 150 && bottomR < 100, `blue below: ${portrait.rgb[1]}`);

    const landscape = await thumbnail(page, 'wide.png');
    assert.ok(landscape, 'the wide picture’s row shows a picture');
    assert.ok(landscape.pixels.width > landscape.pixels.height * 2.5, `a wide picture stays wide: ${landscape.pixels.width}×${landscape.pixels.height}`);
    assert.ok(landscape.shown.width > landscape.shown.height * 2.5, 'and is shown wide');
    assert.equal(landscape.blank, false);

    const stored = await storedFiles(page, 2);
    assert.ok(stored.portrait.equals(turned), 'the photo arrives as picked');
  } finally {
    await page.close();
  }
});

/** Records the test video with MediaRecorder in a Chromium page, from a canvas's captureStream. */
async function recordClip(chromium) {
  const page = await chromium.newPage();
  try {
    const { base64, duration } = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 90;
      document.body.append(canvas);
      const ctx = canvas.getContext('2d');
      const stream = canvas.captureStream(25);
      const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 500_000 });
      const chunks = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      const start = performance.now();
      recorder.start(250);
      while (performance.now() - start < 2500) {
        const t = (performance.now() - start) / 2500;
        ctx.fillStyle = '#f08c00';
        ctx.fillRect(0, 0, 80, 90);
        ctx.fillStyle = '#102a6b';
        ctx.fillRect(80, 0, 80, 90);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(10 + 130 * t, 35, 20, 20);
        await new Promise((r) => setTimeout(r, 40));
      }
      recorder.stop();
      await stopped;
      const blob = new Blob(chunks, { type: 'video/webm' });
      // Its length, as a player finds it (MediaRecorder writes none in the header).
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(blob);
      await new Promise((r) => (video.onloadedmetadata = r));
      if (!Number.isFinite(video.duration)) {
        video.currentTime = 1e9;
        await new Promise((r) => (video.onseeked = r));
      }
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { base64: btoa(binary), duration: video.duration };
    });
    return { buffer: Buffer.from(base64, 'base64'), duration };
  } finally {
    await page.close();
  }
}

/** Whether the engine under test plays these bytes (its own <video>, from a blob: address). */
function canPlay(page, buffer, type) {
  return page.evaluate(
    async ({ base64, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([bytes], { type }));
      return new Promise((resolve) => {
        video.onloadeddata = () => resolve(video.videoWidth > 0);
        video.onerror = () => resolve(false);
        setTimeout(() => resolve(false), 10_000);
      });
    },
    { base64: buffer.toString('base64'), type },
  );
}

/**
 * `webm` with its length written in its header (Segment Info's Duration, in the 1 ms timecode scale
 * Chromium writes), as a camera or an editor writes it: MediaRecorder cannot, it writes as it records.
 */
function withDuration(webm, seconds) {
  const info = webm.indexOf(Buffer.from('1549a966', 'hex'));
  const first = webm[info + 4];
  const width = Math.clz32(first) - 23;
  let size = first & (0xff >> width);
  for (let i = 1; i < width; i++) size = size * 256 + webm[info + 4 + i];
  const end = info + 4 + width + size;
  const duration = Buffer.alloc(11);
  duration.set([0x44, 0x89, 0x88]);
  duration.writeDoubleBE(seconds * 1000, 3);
  const sizeBytes = Buffer.alloc(width);
  for (let i = width - 1, v = size + 11; i >= 0; i--, v = Math.floor(v / 256)) sizeBytes[i] = v & 0xff;
  sizeBytes[0] |= 0x80 >> (width - 1);
  return Buffer.concat([webm.subarray(0, info + 4), sizeBytes, webm.subarray(info + 4 + width, end), duration, webm.subarray(end)]);
}

/** What the engine under test's own <video> finds of a recording's length, seeking past its end as the widget does. */
function lengthFound(page, buffer) {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
    await new Promise((r) => (video.onloadedmetadata = r));
    if (!Number.isFinite(video.duration)) {
      video.currentTime = 1e9;
      await new Promise((r) => (video.onseeked = r));
    }
    return video.duration;
  }, buffer.toString('base64'));
}

test('a video row shows a poster frame in the video’s shape and its length (a 2.5 s WebM recorded by MediaRecorder, with and without its length in its header)', async () => {
  const page = await openRows();
  try {
    const playable = await canPlay(page, clip.buffer, 'video/webm');
    const described = withDuration(clip.buffer, clip.duration);
    await page.pickFiles([
      { name: 'clip.webm', mimeType: 'video/webm', buffer: described },
      { name: 'recorded.webm', mimeType: 'video/webm', buffer: clip.buffer },
    ]);
    const expected = `0:0${Math.floor(clip.duration)}`;
    if (!playable) {
      console.log(`${engine} cannot play WebM: the rows keep their video icon, and the files upload as picked`);
      const stored = await storedFiles(page, 2);
      assert.ok(stored.clip.equals(described) && stored.recorded.equals(clip.buffer), 'the videos arrive as picked');
      const row = await page.evaluate(`(${THUMB_OF})(${JSON.stringify({ name: 'clip.webm' })})`);
      assert.equal(row.icon, true, 'the generic icon');
      assert.equal(row.tag, undefined, 'no picture');
      return;
    }
    const poster = await thumbnail(page, 'clip.webm', {
      points: [
        [0.2, 0.2],
        [0.8, 0.2],
      ],
    });
    assert.ok(poster, 'the video’s row shows a picture');
    assert.ok(['canvas', 'img', 'video'].includes(poster.tag) && poster.inRow, `a picture inside the row: ${poster.tag}`);
    assert.ok(
      Math.abs(poster.pixels.width / poster.pixels.height - 16 / 9) < 0.1,
      `in the video’s shape, 16:9: ${poster.pixels.width}×${poster.pixels.height}`,
    );
    assert.ok(poster.shown.width > 40 && poster.shown.height > 20 && poster.shown.width > poster.shown.height, `shown wide: ${JSON.stringify(poster.shown)}`);
    assert.equal(poster.blank, false, 'its pixels are not blank');
    const [[r1, g1, b1], [r2, , b2]] = poster.rgb;
    assert.ok(r1 > 180 && g1 > 90 && b1 < 90, `the frame’s orange half: ${poster.rgb[0]}`);
    assert.ok(b2 > 70 && r2 < 60, `and its blue half: ${poster.rgb[1]}`);
    const rowText = (name, wanted) =>
      page
        .waitFor(`(() => { const t = (${THUMB_OF})(${JSON.stringify({ name })}); return t?.text.includes(${JSON.stringify(wanted)}) ? t.text : null; })()`)
        .catch(() => page.evaluate(`(${THUMB_OF})(${JSON.stringify({ name })})?.text`));
    const text = await rowText('clip.webm', expected);
    assert.ok(text.includes(expected), `the row shows the length, ${expected}: "${text}"`);

    // Straight from MediaRecorder: no length in the header. Chromium and Firefox find it by seeking
    // past the end; WebKitGTK reports the part it has read, and the row shows no length then.
    assert.ok(await thumbnail(page, 'recorded.webm'), 'the recording’s row shows a picture');
    if (Math.floor(await lengthFound(page, clip.buffer)) === Math.floor(clip.duration)) {
      const recorded = await rowText('recorded.webm', expected);
      assert.ok(recorded.includes(expected), `the recording's row shows its length too, ${expected}: "${recorded}"`);
    } else {
      console.log(`${engine} finds no length in a WebM without one in its header: its row shows none`);
      const recorded = await page.evaluate(`(${THUMB_OF})(${JSON.stringify({ name: 'recorded.webm' })}).text`);
      assert.doesNotMatch(recorded, /\d:\d\d/, `no wrong length: "${recorded}"`);
    }
    const stored = await storedFiles(page, 2);
    assert.ok(stored.clip.equals(described) && stored.recorded.equals(clip.buffer), 'the videos arrive as picked');
    assert.deepEqual(
      e2e.served.filter((path) => /pdf/.test(path)),
      [],
      'pdf.js is not loaded for pictures and videos',
    );
  } finally {
    await page.close();
  }
});

/** A one-page PDF written by hand: a white 200×300 pt page with a black square in its upper left part. */
function onePagePdf() {
  const content = '0 0 0 rg 20 180 80 80 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The page's square (x 20–100 of 200, y 40–120 of 300 from the top) and a white part, as fractions. */
const IN_SQUARE = [0.3, 0.27];
const ON_WHITE = [0.75, 0.8];

for (const { html, what, allowed, module } of [
  { html: 'rows.html', what: 'with its worker (beside the classic script’s parts)', allowed: [] },
  // Refused there: the workers (pdf.js's, the hashing one), and the hashing's WebAssembly on the
  // page (it hashes in JavaScript then).
  { html: 'noworker.html', what: 'without a worker (the page’s CSP forbids workers: pdf.js runs on the page)', allowed: ['worker-src', 'script-src'] },
  // Refused there: the hashing's WebAssembly (the ES module hashes on the page; in JavaScript then).
  { html: 'module.html', what: 'from the ES module (pdf.js and its worker code are chunks of it, run on the page)', allowed: ['script-src'], module: true },
]) {
  test(`a PDF row shows its first page, ${what}; a damaged PDF keeps its icon; both upload as picked`, async () => {
    const pdf = onePagePdf();
    const damaged = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog'), Buffer.alloc(400, 0x5a)]);
    const page = await openRows(html);
    try {
      await page.pickFiles([
        { name: 'letter.pdf', mimeType: 'application/pdf', buffer: pdf },
        { name: 'damaged.pdf', mimeType: 'application/pdf', buffer: damaged },
      ]);
      const first = await thumbnail(page, 'letter.pdf', { points: [IN_SQUARE, ON_WHITE] });
      assert.ok(first, 'the PDF’s row shows a picture');
      assert.ok(['canvas', 'img'].includes(first.tag) && first.inRow, `a picture inside the row: ${first.tag}`);
      assert.ok(Math.abs(first.pixels.width / first.pixels.height - 2 / 3) < 0.05, `in the page’s shape, 2:3: ${first.pixels.width}×${first.pixels.height}`);
      assert.ok(first.shown.height > first.shown.width && first.shown.width > 20, `shown taller than wide: ${JSON.stringify(first.shown)}`);
      assert.equal(first.blank, false, 'its pixels are not blank');
      const [square, white] = first.at;
      assert.ok(square < 60, `dark where the square is drawn: ${square}`);
      assert.ok(white > 230, `white elsewhere on the page: ${white}`);

      const stored = await storedFiles(page, 2, { allowed });
      assert.ok(stored.letter.equals(pdf), 'the PDF arrives as picked');
      assert.ok(stored.damaged.equals(damaged), 'the damaged PDF too');
      // pdf.js has given up on the damaged one by now (it was asked first): its row keeps the icon.
      await page.waitFor(`(() => { const t = (${THUMB_OF})({ name: 'damaged.pdf' }); return t && t.icon && !t.tag; })()`);
      const served = e2e.served.filter((path) => /pdf/.test(path));
      if (module)
        assert.ok(
          served.some((path) => /^\/dist\/pdf-preview-[\w-]+\.js$/.test(path)),
          `the ES module's PDF chunk loaded: ${served}`,
        );
      else assert.ok(served.includes('/dist/parts/pdf-preview.js'), `the PDF part loaded from beside the classic script: ${served}`);
    } finally {
      await page.close();
    }
  });
}

const NO_HEIF_ENC = hasHeifEnc ? false : 'heif-enc is missing (Debian: apt-get install libheif-examples): no HEIC to test with';

/** Whether the engine under test decodes HEIC itself (Safari does; Chromium and Firefox do not). */
function decodesHeic(page, buffer) {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    try {
      (await createImageBitmap(new Blob([bytes], { type: 'image/heic' }))).close();
      return true;
    } catch {
      return false;
    }
  }, buffer.toString('base64'));
}

test('a HEIC row shows the picture (the browser’s own decoder, else libheif in WebAssembly, loaded only for HEIC), a portrait taller than wide; it uploads as picked', {
  skip: NO_HEIF_ENC,
}, async () => {
  const photo = await heic(48, 64);
  assert.ok(photo, 'heif-enc made a HEIC');
  const page = await openRows('heic.html');
  try {
    const native = await decodesHeic(page, photo);
    await page.pickFiles([{ name: 'portrait.heic', mimeType: 'image/heic', buffer: photo }]);
    const shown = await thumbnail(page, 'portrait.heic', {
      points: [
        [0.5, 0.15],
        [0.5, 0.85],
      ],
      timeout: 45_000,
    });
    assert.ok(shown, `the HEIC's row shows a picture (${native ? 'the browser decodes HEIC itself' : 'through libheif'})`);
    assert.ok(['canvas', 'img'].includes(shown.tag) && shown.inRow, `a picture inside the row: ${shown.tag}`);
    assert.ok(shown.pixels.height > shown.pixels.width, `taller than wide: ${shown.pixels.width}×${shown.pixels.height}`);
    assert.ok(shown.shown.height > shown.shown.width, `shown taller than wide: ${JSON.stringify(shown.shown)}`);
    assert.equal(shown.blank, false, 'its pixels are not blank');
    const [[topR, , topB], [bottomR, , bottomB]] = shown.rgb;
    assert.ok(topR > 150 && topB < 100, `red on top: ${shown.rgb[0]}`);
    assert.ok(bottomB > 150 && bottomR < 100, `blue below: ${shown.rgb[1]}`);
    const stored = await storedFiles(page, 1);
    assert.ok(stored.portrait.equals(photo), 'the HEIC arrives as picked, not converted');
    if (!native)
      assert.ok(
        e2e.served.some((path) => /^\/dist\/parts\/heic-to/.test(path)),
        'the libheif chunk loaded from beside the parts',
      );
  } finally {
    await page.close();
  }
});

test('a HEIC under a CSP that refuses libheif’s worker and WebAssembly: no preview decoded (the icon, then the server’s preview; unless the browser decodes HEIC itself), no error, and it uploads as picked', {
  skip: NO_HEIF_ENC,
}, async () => {
  const photo = await heic(48, 64);
  const page = await openRows('rows.html');
  try {
    const native = await decodesHeic(page, photo);
    await page.pickFiles([{ name: 'strict.heic', mimeType: 'image/heic', buffer: photo }]);
    // libheif's worker (a blob: address) and its WebAssembly are what this page refuses.
    const stored = await storedFiles(page, 1, { allowed: ['worker-src', 'script-src'] });
    assert.ok(stored.strict.equals(photo), 'the HEIC arrives as picked');
    if (native) {
      console.log(`${engine} decodes HEIC itself: no libheif needed`);
      assert.ok(await thumbnail(page, 'strict.heic'), 'its row shows the picture');
    } else {
      console.log(
        `${engine} cannot decode HEIC itself, and this page refuses libheif: no preview of its own (the icon, then the server's preview once stored)`,
      );
      // No canvas of the widget's own: the type icon, or, once stored, the server's preview (an img from the server).
      const row = await page.waitFor(`(() => { const t = (${THUMB_OF})({ name: 'strict.heic' }); return t && (t.icon || t.tag === 'img') ? t : null; })()`);
      assert.notEqual(row.tag, 'canvas', 'no preview decoded on the page');
    }
  } finally {
    await page.close();
  }
});
