// End to end, in the built classic script: what a person hears and can do when files fail. The
// live regions are recorded by a MutationObserver in the page: every failure is spoken with its
// file's name and the server's reason, successes are folded into counts, no message is replaced
// before it has stood a second, and the end names the failed files. A file the server refuses
// for its content (400 "Invalid image file") is offered for removal, not for retry. Runs in each
// engine (UW_ENGINE, through test/support/driver.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import { DEEP_QUERY, until } from '../support/driver.mjs';
import { e2eSuite, recordEvents, widgetAttributes } from '../support/e2e.mjs';

const MB = 2 ** 20;
const CHUNK = 5 * MB;

const e2e = e2eSuite({
  pages: (env) => ({
    'images.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>trouble</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Trouble</h1><button id="opener">Upload files</button>
<upload-widget id="w" ${widgetAttributes(env)} resource-type="image"></upload-widget></main></body></html>`,
    // Through the fault proxy (which throttles it), in 5 MiB chunks.
    'big.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>pause</title>
<script src="/dist/upload-widget.iife.js"></script><script src="/record.js"></script></head>
<body><main><h1>Pause</h1><button id="opener">Upload files</button>
<upload-widget id="w" cloud-name="${env.cloudName}" upload-preset="demo_unsigned" upload-prefix="${env.proxy}" max-chunk-size="${CHUNK}"></upload-widget></main></body></html>`,
    'record.js': `${recordEvents(['queues-end', 'error', 'success'])}
// Every text a live region shows, as it shows it: { region, text, t }.
window.spoken = [];
document.addEventListener('DOMContentLoaded', () => {
  const el = document.querySelector('upload-widget');
  const last = new Map();
  const look = () => {
    for (const region of el.shadowRoot?.querySelectorAll('[aria-live]') ?? []) {
      const key = region.getAttribute('aria-live');
      const text = region.textContent.trim();
      if (text && text !== last.get(key)) window.spoken.push({ region: key, text, t: performance.now() });
      last.set(key, text);
    }
  };
  const watch = () => {
    if (!el.shadowRoot) return requestAnimationFrame(watch);
    new MutationObserver(look).observe(el.shadowRoot, { childList: true, characterData: true, subtree: true });
  };
  watch();
});`,
  }),
});

/** A small valid PNG, a different colour for each seed. */
function png(seed) {
  const image = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([(seed * 37) % 256, (seed * 91) % 256, (i / 4) % 256, 255], i);
  return PNG.sync.write(image);
}
/** A PNG's signature followed by noise: what the server answers with 400 "Invalid image file". */
const corrupt = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(600)]);

const openModal = () => openModalAt('images.html');

async function openModalAt(html) {
  const page = await e2e.browser.newPage();
  await page.goto(`${e2e.servers.upload.url}/${html}`);
  await page.clickSelector('#opener');
  await page.waitForRole('button', 'Browse');
  return page;
}

test('30 files with 3 the server rejects: each failure spoken with its name and reason, at most 30 live-region changes, each held a second, the end naming them', async () => {
  const page = await openModal();
  const bad = new Set([6, 17, 28]);
  const name = (i) => `photo-${String(i).padStart(2, '0')}.png`;
  await page.pickFiles(Array.from({ length: 30 }, (_, i) => ({ name: name(i + 1), buffer: bad.has(i + 1) ? corrupt() : png(i + 1) })));
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'), undefined, { timeout: 30_000 });
  const failedNames = [...bad].map(name);
  // The end summary comes after the failures have had their turn.
  const spoken = await until(
    async () => {
      const all = await page.evaluate(() => window.spoken);
      return all.some((s) => /Finished/.test(s.text)) && all;
    },
    { what: 'the end summary', timeout: 20_000 },
  );
  // Nothing more after it.
  await new Promise((r) => setTimeout(r, 1500));
  const final = await page.evaluate(() => window.spoken);
  console.log(`live-region changes for 30 files / 3 failures: ${final.length}`);
  for (const s of final) console.log(`  ${Math.round(s.t - final[0].t)} ms  [${s.region}] ${s.text}`);
  assert.ok(final.length <= 30, `${final.length} live-region changes`);
  assert.equal(final.length, spoken.length, 'nothing spoken after the summary');
  for (const n of failedNames) {
    assert.ok(
      final.some((s) => s.text.includes(n) && /Invalid image file/.test(s.text) && !/Finished/.test(s.text)),
      `${n} spoken with its reason: ${JSON.stringify(final.map((s) => s.text))}`,
    );
  }
  const summary = final.find((s) => /Finished/.test(s.text)).text;
  for (const n of failedNames) assert.match(summary, new RegExp(n.replace('.', '\\.')), summary);
  assert.match(summary, /27/);
  // Each message stood at least a second, from when it was drawn, before the next replaced it.
  for (let i = 1; i < final.length; i++)
    assert.ok(final[i].t - final[i - 1].t >= 1000, `"${final[i - 1].text}" stood ${Math.round(final[i].t - final[i - 1].t)} ms`);
  await page.close();
});

test('a 400 content rejection reads "Rejected by the server" with a hint; Remove is its only action and Retry failed leaves it alone', async () => {
  const page = await openModal();
  await page.pickFiles([
    { name: 'broken-scan.png', buffer: corrupt() },
    { name: 'fine.png', buffer: png(3) },
  ]);
  await page.waitFor(() => window.events.some((e) => e.name === 'queues-end'));
  const text = await until(
    async () => {
      const t = (await page.text('[part=queue-item][data-status=failed]')).replace(/\s+/g, ' ');
      return /Rejected by the server/.test(t) && t;
    },
    { what: 'the rejected row' },
  );
  assert.match(text, /Invalid image file/);
  assert.match(text, /export it again/);
  const actions = await page.evaluate(`(${DEEP_QUERY})('[part=queue-item][data-status=failed] button').map((b) => b.dataset.action)`);
  assert.deepEqual(actions, ['remove']);
  assert.equal(await page.evaluate(`(${DEEP_QUERY})('[data-action=retry-all]').length`), 0, 'no Retry failed for a rejection');
  // The failure still counts: the summary says so, as two sentences, and it is a group named by
  // that line (not a named generic).
  // Read once the queue's end is drawn (the element draws the engine's changes at the next frame).
  const summary = await until(
    async () => {
      const read = await page.evaluate(`(() => {
    const el = (${DEEP_QUERY})('[part=queue-header]')[0];
    const name = el.getRootNode().getElementById(el.getAttribute('aria-labelledby'));
    return { role: el.getAttribute('role'), label: el.getAttribute('aria-label'), name: name?.textContent.replace(/\\s+/g, ' ').trim() };
  })()`);
      return /^1 of 2/.test(read.name ?? '') && read;
    },
    { what: 'the summary of the ended batch' },
  ).catch(() => page.evaluate(`(${DEEP_QUERY})('[part=queue-header]')[0]?.textContent`).then((t) => ({ name: t })));
  assert.equal(summary.role, 'group');
  assert.equal(summary.label, null);
  assert.match(summary.name, /1 of 2 uploaded ?\. ?1 failed/);
  // Minimized, the pill's name says its percent too.
  await page.evaluate(() => document.querySelector('upload-widget').minimize());
  // (The minimized bar is a lazy part: its button is in its own shadow root.)
  const pill = await until(() => page.evaluate(`(${DEEP_QUERY})('[part=minimized]')[0]?.shadowRoot?.querySelector('button')?.getAttribute('aria-label')`), {
    what: 'the pill',
  });
  assert.match(pill, /1 of 2 uploaded\. 100\s?%, 1 failed\. Expand/);
  await page.evaluate(() => document.querySelector('upload-widget').open());
  // The widget's own retry() skips it too: nothing is sent again.
  const before = (await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=0`)).json()).length;
  await page.evaluate(() => document.querySelector('upload-widget').retry());
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await (await fetch(`${e2e.servers.env.server}/__dev/requests?since=0`)).json()).length, before);
  await page.close();
});

/** Bytes of the file with this total size that reached the server more than once (through the proxy). */
function resentBytes(size) {
  const bodies = e2e.servers.proxy.stats().bodies.filter((b) => b.contentRange?.endsWith(`/${size}`));
  const byStart = new Map();
  for (const b of bodies) {
    const start = /bytes (\d+)/.exec(b.contentRange)[1];
    byStart.set(start, [...(byStart.get(start) ?? []), b]);
  }
  let resent = 0;
  for (const list of byStart.values()) {
    // One complete body per chunk is the upload; everything else went twice.
    const kept = list.find((b) => b.complete);
    resent += list.reduce((n, b) => n + b.bytes, 0) - (kept?.bytes ?? 0);
  }
  return { resent, inFlight: bodies.filter((b) => !b.complete).reduce((n, b) => n + b.bytes, 0) };
}

test('Pause of a 40 MiB file in 5 MiB chunks: "Pausing…" then "Paused · 1 file", at most one chunk sent twice, progress never back, no queues-end; Resume all keeps focus and finishes the file', async () => {
  const SIZE = 40 * MB;
  const bytes = randomBytes(SIZE);
  e2e.servers.proxy.resetStats();
  e2e.servers.proxy.setRules([{ id: 'slow', match: { method: 'POST' }, action: 'throttle', bytesPerSecond: 2 * MB, times: 1000 }]);
  try {
    const page = await openModalAt('big.html');
    // The row's and the summary's progress, and the row's state, every 40 ms.
    await page.evaluate(`(() => {
      const deep = ${DEEP_QUERY};
      window.samples = [];
      window.states = new Set();
      setInterval(() => {
        const row = deep('[part=queue-item] [role=progressbar]')[0];
        const total = deep('[part=queue-header] [role=progressbar]')[0];
        const state = deep('[part=queue-item] .state')[0];
        if (state) window.states.add(state.textContent.trim());
        if (row || total) window.samples.push([Number(row?.getAttribute('aria-valuenow') ?? -1), Number(total?.getAttribute('aria-valuenow') ?? -1)]);
      }, 40);
      return true;
    })()`);
    await page.pickFiles([{ name: 'big.bin', buffer: bytes }]);
    // Pause once more than a chunk's worth of bytes is on its way (several chunks part-sent).
    await until(() => resentBytes(SIZE).inFlight >= 1.3 * CHUNK, { what: 'chunks in flight', timeout: 60_000 });
    await page.click('button', 'Pause: big.bin');
    await until(async () => (await page.evaluate(() => [...window.states])).includes('Paused'), { what: 'Paused', timeout: 60_000 });
    const summary = (await page.text('[part=queue-header]')).replace(/\s+/g, ' ');
    assert.match(summary, /Paused · 1 file/);
    assert.ok(await page.waitForRole('button', 'Resume all'));
    await new Promise((r) => setTimeout(r, 500));
    const events = await page.evaluate(() => window.events.map((e) => e.name));
    assert.ok(!events.includes('queues-end'), `no queues-end while paused: ${events}`);
    const states = await page.evaluate(() => [...window.states]);
    assert.ok(states.includes('Pausing…'), `"Pausing…" shown first: ${states}`);
    // Resume all from the keyboard: focus stays in the widget.
    await page.focusRole('button', 'Resume all');
    await page.press('Enter');
    const focused = await page.focused();
    assert.notEqual(focused.tag, 'body');
    assert.equal(focused.part, 'queue-header');
    await page.waitFor(() => window.events.some((e) => e.name === 'success'), undefined, { timeout: 90_000 });
    const { resent } = resentBytes(SIZE);
    console.log(`bytes resent by one pause (40 MiB, 5 MiB chunks): ${resent} (${(resent / MB).toFixed(2)} MiB)`);
    assert.ok(resent <= CHUNK, `${resent} bytes sent twice`);
    const samples = await page.evaluate(() => window.samples);
    for (let i = 1; i < samples.length; i++) {
      for (const k of [0, 1]) {
        if (samples[i][k] < 0 || samples[i - 1][k] < 0) continue;
        assert.ok(samples[i][k] >= samples[i - 1][k], `progress went back from ${samples[i - 1][k]} to ${samples[i][k]} (sample ${i})`);
      }
    }
    // The file arrived whole, and the batch ended with nothing to fix: focus on Done.
    const info = await page.evaluate(() => window.events.find((e) => e.name === 'success').detail);
    const delivered = Buffer.from(await (await fetch(info.secure_url)).arrayBuffer());
    assert.ok(delivered.equals(bytes), 'the server has the same bytes');
    await until(async () => (await page.focused()).action === 'done', { what: 'focus on Done' });
    await page.close();
  } finally {
    e2e.servers.proxy.setRules([]);
  }
});
