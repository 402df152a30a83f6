// End to end, in the built classic script, against the real upload server: a long batch a person
// can work with. Failures are found through the failed count (a toggle that filters the list) and
// grouped at the top under "Needs attention" when the batch ends, F and Shift+F jump between them;
// rows are compact (at least 8 whole rows on a 360×740 phone); the list follows the work and folds
// finished files into "N done"; a cropped file's preview shows the crop; a web address's row shows
// the server's preview; the dialog's top edge stays put from view to view. Runs in each engine
// (UW_ENGINE, through test/support/driver.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { engine, limits, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';
import { multipart, post, uploadUrl } from '../support/server-client.mjs';

let tinies;

/** The phone: 360×740 with touch; WebKitGTK's window is at least 447 px wide and has no touch (the queue is still narrow). */
const PHONE = { width: limits.touch ? 360 : limits.minWidth, height: 740, touch: limits.touch };
const DESKTOP = { width: 1280, height: 800 };
const CHUNK = 5 * 1024 * 1024;

before(async () => {
  // A different little picture per file: the same bytes twice would be held as a copy (checkDuplicates).
  tinies = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 40 + i, g: 157, b: 143 } } })
        .png()
        .toBuffer(),
    ),
  );
});

const e2e = e2eSuite({
  pages: (env) => {
    const page = (
      name,
      attrs,
      server = env.server,
    ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Queue</h1><button id="opener">Upload files</button>
<upload-widget id="w" ${widgetAttributes(env).replace(env.server, server)} ${attrs}></upload-widget></main></body></html>`;
    return {
      // Images only: a file that is not a picture is answered 400 "Invalid image file".
      'images.html': page('images', 'resource-type="image"'),
      'crop.html': page('crop', 'cropping multiple="false" single-upload-auto-close="false" cropping-aspect-ratio="2"'),
      'slow.html': page('slow', `max-chunk-size="${CHUNK}" max-concurrent-uploads="1"`, env.proxy),
      'record.js': recordEvents(['queues-end', 'success', 'upload-added']),
    };
  },
});

async function openModal(name, size) {
  const page = await e2e.browser.newPage(size);
  await page.goto(`${e2e.servers.upload.url}/${name}.html`);
  await page.clickSelector('#opener');
  await page.waitForRole('button', 'Browse');
  return page;
}

/** 60 files, the 4 at positions 9, 23, 38 and 51 not pictures at all. */
const BROKEN = [9, 23, 38, 51];
const batch60 = () =>
  Array.from({ length: 60 }, (_, i) => {
    const name = `photo-${String(i + 1).padStart(2, '0')}.png`;
    return { name, buffer: BROKEN.includes(i + 1) ? Buffer.from(`not a picture ${i}`) : tinies[i] };
  });
const brokenNames = BROKEN.map((n) => `photo-${String(n).padStart(2, '0')}.png`);

/** In the page: the list's entries in the order they stand (by their top), those wholly in the scroller's view marked. */
function listed() {
  const queue = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue').shadowRoot;
  const scroller = queue.querySelector('.scroller');
  const view = scroller.getBoundingClientRect();
  const bottom = Math.min(view.bottom, window.innerHeight);
  return [...queue.querySelectorAll('[part=queue-list] > li')]
    .map((li) => {
      const r = li.getBoundingClientRect();
      return {
        top: r.top,
        height: r.height,
        heading: li.classList.contains('heading') ? li.textContent.trim() : undefined,
        name: li.querySelector('.name')?.textContent,
        status: li.dataset.status,
        setSize: li.getAttribute('aria-setsize'),
        inView: r.top >= view.top - 0.5 && r.bottom <= bottom + 0.5,
      };
    })
    .sort((a, b) => a.top - b.top);
}

const failedToggle = () =>
  `(() => { const q = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue').shadowRoot; const b = [...q.querySelectorAll('button')].find((b) => /failed/.test(b.textContent)); return b ? { name: b.textContent.trim().replace(/\\s+/g, ' '), pressed: b.getAttribute('aria-pressed') } : null; })()`;

for (const [where, size] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
]) {
  test(`${where}: 4 failures among 60 are found through the failed count, grouped at the top under "Needs attention", and F / Shift+F jump between them`, async () => {
    const page = await openModal('images', size);
    try {
      await page.pickFiles(batch60());
      await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), undefined, { timeout: 60_000 });
      const items = await page.evaluate(() => document.querySelector('upload-widget').items.map((i) => [i.name, i.status, i.error ?? '']));
      assert.deepEqual(
        items.filter(([, s]) => s === 'failed').map(([n]) => n),
        brokenNames,
        'the server refused exactly the 4 files that are not pictures',
      );
      assert.match(items.find(([, s]) => s === 'failed')[2], /Invalid image file/);

      // The count is a control, named with "failed" (read once the ended batch is drawn, a frame after queues-end).
      const toggle = await until(
        async () => {
          const read = await page.evaluate(failedToggle());
          return read?.name.startsWith('4 ') && read;
        },
        { what: 'the failed count of the ended batch' },
      ).catch(() => page.evaluate(failedToggle()));
      assert.ok(toggle, 'the failed count is a button');
      assert.match(toggle.name, /^4 failed: show only these$/);
      assert.equal(toggle.pressed, 'false');

      // At the end, the failures are grouped at the top (once the ended batch is drawn, a frame after queues-end).
      let rows = await until(
        async () => {
          const now = await page.evaluate(listed);
          return now[0]?.heading === 'Needs attention' && now;
        },
        { what: 'the failures grouped under "Needs attention"' },
      ).catch(() => page.evaluate(listed));
      assert.equal(rows[0].heading, 'Needs attention');
      assert.deepEqual(
        rows.slice(1, 5).map((r) => r.name),
        brokenNames,
      );
      assert.ok(
        rows.slice(0, 5).every((r) => r.inView),
        'the heading and the 4 failures are in view at the end',
      );
      assert.equal(rows[5].name, 'photo-01.png', 'then the others, in order');

      // Only these, then all again.
      await page.click('button', '4 failed: show only these');
      await page.waitFor(
        () =>
          document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue')?.shadowRoot.querySelector('li')?.getAttribute('aria-setsize') === '4',
      );
      rows = await page.evaluate(listed);
      assert.deepEqual(
        rows.map((r) => [r.name, r.status, r.inView]),
        brokenNames.map((n) => [n, 'failed', true]),
      );
      assert.equal((await page.evaluate(failedToggle())).pressed, 'true');
      assert.equal((await page.focused()).label, '4 failed: show all files', 'focus stays on the toggle');
      await page.click('button', '4 failed: show all files');
      await page.waitFor(
        () =>
          document
            .querySelector('upload-widget')
            .shadowRoot.querySelector('uw-queue')
            .shadowRoot.querySelector('li[aria-setsize]')
            ?.getAttribute('aria-setsize') === '60',
      );

      // Keyboard: from a file far down the list, F goes to the next failure (round the list), Shift+F back.
      await page.focus('[part=queue-list] li[data-id] button[data-action=remove]');
      await page.press('End');
      await until(async () => (await page.focused()).label === 'Remove from list: photo-60.png', { what: 'focus on the last row' });
      await page.press('f');
      await until(async () => /photo-09\.png$/.test((await page.focused()).label ?? ''), { what: 'F: the first failure' });
      await page.press('f');
      await until(async () => /photo-23\.png$/.test((await page.focused()).label ?? ''), { what: 'F: the second failure' });
      await page.press('Shift+F');
      await until(async () => /photo-09\.png$/.test((await page.focused()).label ?? ''), { what: 'Shift+F: back to the first' });
      await page.press('Shift+F');
      await until(async () => /photo-51\.png$/.test((await page.focused()).label ?? ''), { what: 'Shift+F: round to the last' });
      const described = await page.evaluate(() => {
        const q = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue').shadowRoot;
        return q.getElementById(q.querySelector('.scroller').getAttribute('aria-describedby'))?.textContent;
      });
      assert.match(described, /F and Shift\+F/, 'the list says how to jump');
      assert.deepEqual(await page.axe(), []);
      assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
    } finally {
      await page.close();
    }
  });
}

test(`phone (${PHONE.width}×${PHONE.height}): at least 8 whole rows of a finished batch are in view`, async () => {
  const page = await openModal('images', PHONE);
  try {
    await page.pickFiles(Array.from({ length: 30 }, (_, i) => ({ name: `scan-${String(i + 1).padStart(2, '0')}.png`, buffer: tinies[i] })));
    await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), undefined, { timeout: 60_000 });
    await until(async () => (await page.evaluate(listed)).filter((r) => r.inView).length >= 8, {
      what: `8 rows in view (${engine})`,
      timeout: 3000,
    }).catch(async () => {
      const rows = await page.evaluate(listed);
      assert.fail(`rows wholly in view: ${rows.filter((r) => r.inView).length}, row height ${rows[0]?.height} px`);
    });
    const rows = await page.evaluate(listed);
    console.log(`# ${engine} ${PHONE.width}×${PHONE.height}: ${rows.filter((r) => r.inView).length} whole rows in view, ${rows[0].height} px each`);
  } finally {
    await page.close();
  }
});

test('mid-batch the list follows the work: finished files fold into "N done", which expands them, and the file in progress stays in view', async () => {
  // The big file's second chunk is read and never answered: it stays "uploading" after 30 files are done.
  const res = await fetch(`${e2e.servers.proxy.url}/__proxy/rules`, {
    method: 'PUT',
    body: JSON.stringify([{ match: { method: 'POST', contentRangeStart: CHUNK }, action: 'stall', drain: true, ms: 60_000, times: 5 }]),
  });
  assert.equal(res.status, 204);
  const page = await openModal('slow', PHONE);
  try {
    const files = Array.from({ length: 30 }, (_, i) => ({ name: `note-${String(i + 1).padStart(2, '0')}.bin`, buffer: Buffer.alloc(200 + i, i) }));
    await page.pickFiles([...files, { name: 'zz-video.mp4', buffer: Buffer.alloc(12_000_000, 7) }]);
    await page.waitFor(
      (chunk) => {
        const items = document.querySelector('upload-widget').items;
        return items.filter((i) => i.status === 'done').length === 30 && items[30].status === 'uploading' && items[30].uploadedBytes >= chunk;
      },
      CHUNK,
      { timeout: 60_000 },
    );
    const fold = () =>
      page.evaluate(() => {
        const b = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue')?.shadowRoot.querySelector('button[aria-expanded]');
        return b && { name: b.textContent.trim(), expanded: b.getAttribute('aria-expanded') };
      });
    // The list draws a busy queue a few times a second: what the engine did shows within one such draw.
    await until(async () => (await fold())?.name === '30 done', { what: 'the fold counting 30 done' });
    assert.deepEqual(await fold(), { name: '30 done', expanded: 'false' });
    let rows = await page.evaluate(listed);
    assert.deepEqual(
      rows.map((r) => r.name),
      ['zz-video.mp4'],
      'only the file in progress is listed',
    );
    await page.click('button', '30 done');
    await page.waitFor(() =>
      Boolean(document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue')?.shadowRoot.querySelector('li[aria-setsize="31"]')),
    );
    assert.equal((await fold()).expanded, 'true');
    rows = await page.evaluate(listed);
    assert.ok(
      rows.some((r) => r.name === 'zz-video.mp4' && r.inView),
      'the file in progress is still in view, below the finished ones',
    );
    assert.ok(
      rows.some((r) => r.name === 'note-30.bin'),
      'the finished files are listed again',
    );
  } finally {
    await page.close();
    await fetch(`${e2e.servers.proxy.url}/__proxy/rules`, { method: 'DELETE' });
  }
});

test("a cropped file: its row shows the crop (the crop rectangle's shape) with a crop badge", async () => {
  const page = await openModal('crop', DESKTOP);
  try {
    const portrait = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    await page.pickFiles([{ name: 'landscape.png', buffer: portrait }]);
    await page.shown('upload-widget [part=crop-box]');
    await page.click('button', 'Crop');
    await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
    const coordinates = await page.evaluate(() => document.querySelector('upload-widget').items[0].overrides.custom_coordinates);
    const [, , w, h] = coordinates.split(',').map(Number);
    const thumb = await page.waitFor(() => {
      const row = document.querySelector('upload-widget').shadowRoot.querySelector('uw-queue')?.shadowRoot.querySelector('[part=queue-item]');
      const canvas = row?.querySelector('canvas');
      if (!canvas) return null;
      const r = canvas.getBoundingClientRect();
      return { bitmap: canvas.width / canvas.height, shown: r.width / r.height, badge: Boolean(row.querySelector('.badge.crop')?.checkVisibility()) };
    });
    const ratio = w / h;
    assert.ok(Math.abs(ratio - 2) < 0.02, `the crop is 2:1 (${w}×${h})`);
    assert.ok(Math.abs(thumb.bitmap - ratio) < 0.1, `the preview is drawn from the crop: ${thumb.bitmap.toFixed(2)} vs ${ratio.toFixed(2)}`);
    assert.ok(Math.abs(thumb.shown - ratio) < 0.1, `and shown in its shape: ${thumb.shown.toFixed(2)} vs ${ratio.toFixed(2)}`);
    assert.ok(thumb.badge, 'a crop badge');
  } finally {
    await page.close();
  }
});

test("a web address's row shows the server's preview as an <img>", async () => {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } })
    .png()
    .toBuffer();
  const form = multipart({ upload_preset: 'demo_unsigned' }, { bytes: png, name: 'remote.png', type: 'image/png' });
  const { body: stored } = await post(uploadUrl(e2e.servers.env.server, e2e.servers.env.cloudName), form);
  const page = await openModal('images', DESKTOP);
  try {
    await page.evaluate(() => document.querySelector('upload-widget').open('url'));
    await page.focus('uw-url-source input');
    await page.type(stored.secure_url);
    await page.press('Enter');
    await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
    const [info] = await page.evaluate(() => window.events.filter((e) => e.name === 'success').map((e) => e.detail));
    assert.ok(info.thumbnail_url, 'the success event names a preview');
    const img = await page.waitFor(() => {
      const el = document
        .querySelector('upload-widget')
        .shadowRoot.querySelector('uw-queue')
        .shadowRoot.querySelector('[part=queue-item] [part=thumbnail] img');
      return el?.complete && el.naturalWidth > 0 ? { src: el.src, width: el.naturalWidth, height: el.naturalHeight } : null;
    });
    assert.equal(img.src, info.thumbnail_url);
    assert.ok(img.width > 0 && img.height > 0, 'the server answered the preview with a picture');
  } finally {
    await page.close();
  }
});

test("the dialog's top edge stays put: sources, crop, a 1-file queue, sources again, a 3-picture crop, a 3-file queue", async () => {
  const page = await openModal('crop', DESKTOP);
  try {
    // At rest: after the opening animation (which rises by a few pixels).
    const top = () =>
      page.evaluate(async () => {
        const dialog = document.querySelector('upload-widget').shadowRoot.querySelector('dialog');
        await Promise.all(dialog.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => {})));
        return Math.round(dialog.getBoundingClientRect().top);
      });
    const tops = { sources: await top() };
    const picture = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#aa6633' } })
      .png()
      .toBuffer();
    await page.pickFiles([{ name: 'tall.png', buffer: picture }]);
    await page.shown('upload-widget [part=crop-box]');
    tops.crop = await top();
    await page.click('button', 'Crop');
    await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
    tops.queue1 = await top();
    await page.click('button', 'Upload more');
    await page.waitForRole('button', 'Browse');
    tops.sourcesAgain = await top();
    await page.evaluate(() => document.querySelector('upload-widget').setAttribute('multiple', ''));
    await page.pickFiles([1, 2, 3].map((n) => ({ name: `doc-${n}.png`, buffer: tinies[n] })));
    // Three pictures with cropping on: each gets its crop step; one crop for all of them.
    await page.shown('upload-widget [part=crop-box]');
    tops.cropBatch = await top();
    await page.click('button', 'Apply to all');
    await page.waitFor(() => window.events.filter((e) => e.name === 'queues-end').length === 2);
    tops.queue3 = await top();
    const values = Object.values(tops);
    assert.ok(Math.max(...values) - Math.min(...values) <= 1, `top edges: ${JSON.stringify(tops)}`);
  } finally {
    await page.close();
  }
});
