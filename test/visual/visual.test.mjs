// Visual suite: the BUILT widget (dist/, the classic script, and the ES module once) in every view
// and state a person meets, at 1280×800 and at 360×740 with touch. For each, the geometry a person
// relies on is measured in the page (inspect.mjs: real sizes, inside the viewport, nothing
// interactive over text, no unreadable clipping, 44 px touch targets, WCAG AA contrast), and the
// screenshot is compared with its baseline (compare.mjs). States are reached only through the
// widget's public surface and the real upload server, with faults from the fault proxy.
// Runs in each engine (UW_ENGINE, through test/support/driver.mjs), against that engine's baselines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { engine, limits } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { inspectWidget } from './inspect.mjs';
import { UPDATING, compareWithBaseline } from './compare.mjs';

/**
 * The phone-sized run: 360×740 with a touch screen; WebKitGTK's MiniBrowser can do neither, so
 * there it is its narrowest window (which still takes the widget's narrow layout), without the
 * touch-target checks, and the test's name says so.
 */
const VIEWPORTS = {
  desktop: { width: 1280, height: 800, touch: false, label: '1280×800' },
  mobile: limits.touch
    ? { width: 360, height: 740, touch: true, label: '360×740 touch' }
    : {
        width: limits.minWidth,
        height: 740,
        touch: false,
        label: `${limits.minWidth}×740 [no touch in ${engine}: WebKitGTK's window is at least ${limits.minWidth} px wide and has no touch emulation]`,
      },
};
/** Chunks of the big file: the widget's smallest (Cloudinary's 5 MiB). */
const CHUNK = 5 * 1024 * 1024;

/** A photo-like picture with its name drawn in, so previews are recognisable in screenshots. */
const picture = (width, height, hue) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40 + hue, g: 120, b: 200 - hue } } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#ffd166"/><rect x="0" y="${height * 0.7}" width="${width}" height="${height * 0.3}" fill="#2a9d8f"/></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();

let images;

const file = (name, buffer) => ({ name, buffer });

/** Each state: the widget's attributes, and what a person (or the page) does to get there. */
const STATES = {
  'sources-local': { attrs: 'max-file-size="10000000" max-files="10" client-allowed-formats=\'["png","jpg","pdf"]\'', run: open() },
  'sources-url-error': {
    run: async (page) => {
      await open('url')(page);
      await page.focus('upload-widget input[type=url]');
      await page.type('ftp://example.com/photo.jpg');
      await page.press('Enter');
      await page.shown('upload-widget [role=alert]');
    },
  },
  'sources-url-preview': {
    run: async (page) => {
      await open('url')(page);
      // Put in at once, as a paste would (key by key is slow through WebDriver); the field hears `input`.
      await page.focus('upload-widget input[type=url]');
      await page.evaluate((url) => {
        let field = document.activeElement;
        while (field.shadowRoot?.activeElement) field = field.shadowRoot.activeElement;
        field.value = url;
        field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
      }, `${e2e.servers.upload.url}/sample.png`);
      await page.waitFor(() => {
        const img = document.querySelector('upload-widget').shadowRoot.querySelector('uw-url-source')?.shadowRoot.querySelector('img');
        return img?.complete && img.naturalWidth > 0 && img.checkVisibility();
      });
    },
  },
  'sources-camera': {
    mask: ['upload-widget video'],
    run: async (page) => {
      await open('camera')(page);
      await page.shown('upload-widget [part=take-photo]:not([disabled])');
    },
  },
  'queue-uploading': {
    attrs: `max-chunk-size="${CHUNK}" max-concurrent-uploads="1"`,
    proxied: true,
    // Speed, time left and the in-flight chunk's share move with the machine's timing.
    mask: [
      'upload-widget [part=queue-stats]',
      'upload-widget [part=queue-header] [role=progressbar]',
      'upload-widget [data-status=uploading] [part=progress]',
      { selector: 'upload-widget [data-status=uploading] *', text: '\\d\\s?%$' },
    ],
    run: async (page) => {
      // The big file's second chunk is read by the proxy and never answered: it stays "uploading".
      await proxyRules([{ match: { method: 'POST', contentRangeStart: CHUNK }, action: 'stall', drain: true, ms: 120_000, times: 5 }]);
      await open()(page);
      await page.pickFiles([file('harbour.png', images[0]), file('meadow.png', images[1]), file('drone-footage.mp4', Buffer.alloc(12_000_000, 9))]);
      await statuses(page, ['done', 'done', 'uploading'], { 2: CHUNK });
    },
  },
  'queue-paused': {
    attrs: `max-chunk-size="${CHUNK}" max-concurrent-uploads="1"`,
    proxied: true,
    run: async (page) => {
      await proxyRules([{ match: { method: 'POST', contentRangeStart: CHUNK }, action: 'stall', drain: true, ms: 120_000, times: 5 }]);
      await open()(page);
      await page.pickFiles([file('harbour.png', images[0]), file('drone-footage.mp4', Buffer.alloc(12_000_000, 9))]);
      await statuses(page, ['done', 'uploading'], { 1: CHUNK });
      await page.click('button', 'Pause: drone-footage.mp4');
      await statuses(page, ['done', 'paused']);
    },
  },
  'queue-failed': {
    attrs: 'max-concurrent-uploads="1"',
    proxied: true,
    run: async (page) => {
      await proxyRules([
        {
          match: { method: 'POST' },
          action: 'status',
          status: 400,
          body: { error: { message: 'Invalid image file: the data does not look like a PNG, JPEG or WebP picture.' } },
          times: 2,
        },
      ]);
      await open()(page);
      await page.pickFiles([file('broken-scan.png', images[0]), file('receipt-march.png', images[1]), file('meadow.png', images[2])]);
      await statuses(page, ['failed', 'failed', 'done']);
    },
  },
  'queue-refused': {
    attrs: 'max-file-size="60000"',
    run: async (page) => {
      await open()(page);
      await page.pickFiles([file('harbour.png', images[0]), file('holiday-video.mp4', Buffer.alloc(2_500_000, 3)), file('notes.pdf', Buffer.alloc(300, 1))]);
      await statuses(page, ['done', 'refused', 'done']);
    },
  },
  // A picture over the byte limit: refused, with "Make smaller and upload" beside Remove.
  'queue-fixable': {
    attrs: 'max-image-file-size="5000"',
    run: async (page) => {
      await open()(page);
      await page.pickFiles([file('harbour.png', images[0]), file('notes.pdf', Buffer.alloc(300, 1))]);
      await statuses(page, ['refused', 'done']);
    },
  },
  // Review before upload: files wait as Ready, the footer's primary button starts them.
  'queue-review': {
    attrs: 'auto-upload="false"',
    run: async (page) => {
      await open()(page);
      await page.pickFiles(images.slice(0, 3).map((b, i) => file(`listing-${i + 1}.png`, b)));
      await statuses(page, ['held', 'held', 'held']);
    },
  },
  'queue-done': {
    run: async (page) => {
      await open()(page);
      await page.pickFiles(images.slice(0, 4).map((b, i) => file(`photo-${i + 1}.png`, b)));
      await statuses(page, ['done', 'done', 'done', 'done']);
    },
  },
  'queue-200': {
    run: async (page) => {
      await open()(page);
      await page.pickFiles(Array.from({ length: 200 }, (_, i) => file(`scan-${String(i + 1).padStart(3, '0')}.bin`, Buffer.alloc(64 + i, i))));
      await statuses(page, Array(200).fill('done'));
      // The ended batch drawn (no "N done" fold: the whole list's height) before scrolling to its middle.
      await page.waitFor(() => {
        const list = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue')?.shadowRoot.querySelector('[part=queue-list]');
        return list && list.parentElement.scrollHeight >= 200 * 40;
      });
      await page.evaluate(() => {
        const list = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue').shadowRoot.querySelector('[part=queue-list]');
        const scroller = list.parentElement;
        scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) / 2;
      });
      await page.waitFor(() => {
        const rows = [...document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue').shadowRoot.querySelectorAll('[part=queue-item]')];
        return rows.some((r) => r.textContent.includes('scan-100.bin'));
      });
    },
  },
  crop: {
    attrs: 'cropping',
    run: async (page) => {
      await open()(page);
      await page.pickFiles([file('portrait.png', await picture(900, 600, 60))]);
      await page.shown('upload-widget [part=crop-box]');
    },
  },
  advanced: {
    attrs: 'show-advanced-options',
    run: async (page) => {
      await open()(page);
      await page.click('button', 'Advanced');
      await page.waitForRole('textbox', 'Public ID');
    },
  },
  minimized: {
    run: async (page) => {
      await STATES['queue-done'].run(page);
      await page.evaluate(() => document.querySelector('upload-widget').minimize());
      await page.shown('upload-widget [part=minimized]');
    },
  },
  inline: { attrs: 'inline', run: async () => {} },
  dark: { attrs: 'theme="dark" max-file-size="60000" max-concurrent-uploads="1"', proxied: true, run: (page) => mixedQueue(page) },
  palette: {
    attrs: `styles='${JSON.stringify({ palette: { window: '#FFF9F0', windowBorder: '#8A6F4D', tabIcon: '#5B2A86', menuIcons: '#5E4B3C', textDark: '#2B1B10', link: '#6A2BB3', action: '#7B2CBF', inProgress: '#6A2BB3', complete: '#23743B', error: '#B3261E', sourceBg: '#F3E9DA', inactiveTabIcon: '#6B5A4A' } })}' max-file-size="60000" max-concurrent-uploads="1"`,
    proxied: true,
    run: (page) => mixedQueue(page),
  },
  'rtl-ar': { attrs: 'language="ar" max-file-size="60000" max-concurrent-uploads="1"', proxied: true, run: (page) => mixedQueue(page) },
  'sources-ja': { attrs: 'language="ja" max-file-size="10000000" max-files="10"', run: (page) => openIn(page, 'ja') },
  'queue-ja': { attrs: 'language="ja" max-file-size="60000" max-concurrent-uploads="1"', proxied: true, run: (page) => mixedQueue(page) },
  'module-sources': { module: true, run: open() },
};

/** Done, failed and refused rows side by side. */
async function mixedQueue(page) {
  await proxyRules([{ match: { method: 'POST' }, action: 'status', status: 400, body: { error: { message: 'Invalid image file' } }, times: 1 }]);
  await open()(page);
  await page.pickFiles([file('broken-scan.png', images[0]), file('holiday-video.mp4', Buffer.alloc(2_500_000, 3)), file('harbour.png', images[1])]);
  await statuses(page, ['failed', 'refused', 'done']);
}

async function openIn(page, locale) {
  await open()(page);
  await page.waitFor((l) => document.querySelector('upload-widget').shadowRoot.querySelector('[part=base]')?.getAttribute('lang') === l, locale);
}

function open(source) {
  return async (page) => {
    await page.evaluate((s) => void document.querySelector('upload-widget').open(s), source ?? null);
    await page.shown('upload-widget [part=base]');
  };
}

/** Waits until the queue's items have these statuses (and more than `sentOver[i]` bytes sent), through the public `items`. */
async function statuses(page, expected, sentOver = {}) {
  const reached = ([want, over]) => {
    const items = document.querySelector('upload-widget').items;
    return items.length === want.length && want.every((s, i) => items[i].status === s && !(items[i].uploadedBytes <= (over[i] ?? -1)));
  };
  try {
    await page.waitFor(reached, [expected, sentOver], { timeout: 30_000 });
  } catch (e) {
    const now = await page.evaluate(() => document.querySelector('upload-widget').items.map((i) => `${i.status} ${i.uploadedBytes}`));
    throw new Error(`the queue did not reach ${expected.slice(0, 5).join(', ')}…: it is ${now.slice(0, 5).join(', ')}… (${e.message.split('\n')[0]})`);
  }
}

async function proxyRules(rules) {
  const res = await fetch(`${e2e.servers.proxy.url}/__proxy/rules`, { method: 'PUT', body: JSON.stringify(rules) });
  assert.equal(res.status, 204);
}

/** Everything settled: fonts, lit renders, previews decoded and painted, two frames. */
async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const deep = (root) => [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el, ...deep(el.shadowRoot)] : [el]));
    for (let i = 0; i < 3; i++) {
      await Promise.all(
        deep(document)
          .map((el) => el.updateComplete)
          .filter(Boolean),
      );
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
  });
  // Image rows show a decoded preview, never a half-painted one.
  await page.waitFor(() => {
    const queue = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue')?.shadowRoot;
    if (!queue) return true;
    const rows = [...queue.querySelectorAll('[part=queue-item]')].filter((r) => /\.png/.test(r.textContent));
    return rows.every((r) => r.querySelector('canvas'));
  });
}

const e2e = e2eSuite(
  {
    pages: (env) => {
      // Errors the page did not catch are kept in the page (WebDriver classic reports none).
      const pages = { 'sample.png': images[2], 'record.js': recordEvents([]) };
      for (const [name, state] of Object.entries(STATES)) {
        const attrs = widgetAttributes(env).replace(env.server, state.proxied ? env.proxy : env.server);
        const script = state.module ? '<script type="module" src="/dist/upload-widget.js"></script>' : '<script src="/dist/upload-widget.iife.js"></script>';
        pages[`${name}.html`] = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${name}</title><script src="/record.js"></script>${script}
<style>body{margin:0;font:16px system-ui,sans-serif;background:#f4f6f8;color:#1d2731} main{padding:24px;max-width:760px} h1{font-size:22px;margin:0 0 16px}</style></head>
<body><main><h1>Acme Photos</h1><p>Add pictures to your album.</p><upload-widget ${attrs} ${state.attrs ?? ''}></upload-widget></main></body></html>`;
      }
      return pages;
    },
  },
  {
    first: async () => {
      images = await Promise.all([picture(640, 480, 0), picture(480, 640, 40), picture(800, 450, 80), picture(500, 500, 120)]);
    },
  },
);

for (const [name, state] of Object.entries(STATES)) {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    test(`${name} at ${viewport.label}: laid out as a person needs it, and looks like its baseline`, async () => {
      const page = await e2e.browser.newPage(viewport);
      try {
        await page.goto(`${e2e.servers.upload.url}/${name}.html`);
        await page.waitFor(() => Boolean(customElements.get('upload-widget')));
        await state.run(page);
        await settle(page);
        const problems = await page.evaluate(inspectWidget, { touch: viewport.touch });
        const shot = await page.png({ mask: state.mask });
        const unmasked = UPDATING && state.mask ? await page.png() : shot;
        const mismatch = compareWithBaseline(engine, `${name}-${viewportName}`, shot, unmasked);
        assert.deepEqual(await page.evaluate(() => window.pageErrors), [], 'errors in the page');
        assert.deepEqual(problems, [], `${name} at ${viewport.label}:\n  ${problems.join('\n  ')}`);
        assert.equal(mismatch, null);
      } finally {
        await page.close();
        await fetch(`${e2e.servers.proxy.url}/__proxy/rules`, { method: 'DELETE' });
      }
    });
  }
}
