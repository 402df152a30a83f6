// What a person sees, measured inside the page: run with page.evaluate(inspectWidget, options).
// It walks the widget's shadow roots and returns every problem found, each naming the element:
//   size       an interactive element, row or progress bar without a real size
//   viewport   one that lies (partly) outside the viewport, unless a scrolling list clips it
//   overlap    an interactive element drawn over text that is not its own
//   clipped    text cut off with no way to read it whole (a title or an accessible name)
//   target     on touch, an interactive element smaller than 44 × 44 CSS px
//   contrast   text under WCAG AA against its real background (4.5:1, 3:1 when large),
//              a progress bar's fill or track edge under 3:1
// Self-contained: it is serialized into the page, so it may use nothing from this module's scope.
export function inspectWidget({ touch }) {
  const problems = [];
  const host = document.querySelector('upload-widget');
  if (!host?.shadowRoot) return ['no <upload-widget> with a shadow root in the page'];

  // ---- walking the composed tree -------------------------------------------------------------
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  all.push(host);
  walk(host.shadowRoot);
  const parentOf = (el) => el.parentElement ?? (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
  const ancestors = function* (el) {
    for (let p = parentOf(el); p; p = parentOf(p)) yield p;
  };
  const contains = (outer, inner) => {
    for (let p = inner; p; p = parentOf(p)) if (p === outer) return true;
    return false;
  };

  const shown = (el) =>
    el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
    ![...ancestors(el)].some((a) => a.inert || (a.getAttribute?.('aria-hidden') === 'true' && a !== host));
  const srOnly = (el) => {
    const r = el.getBoundingClientRect();
    return r.width <= 1 && r.height <= 1;
  };

  const describe = (el) => {
    const name = el.getAttribute('aria-label') || el.getAttribute('title') || (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const bits = [el.tagName.toLowerCase()];
    for (const a of ['part', 'role', 'data-action', 'data-status', 'class']) if (el.getAttribute(a)) bits.push(`${a}=${el.getAttribute(a)}`);
    return `<${bits.join(' ')}>${name ? ` "${name}"` : ''}`;
  };

  // ---- colours ---------------------------------------------------------------------------------
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  /** Any CSS colour as [r, g, b, a] (0–255, a 0–1), through the canvas so color-mix() and named colours work. */
  const rgba = (css) => {
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = '#000';
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = (c) =>
    '#' +
    c
      .slice(0, 3)
      .map((v) => Math.round(v).toString(16).padStart(2, '0'))
      .join('');
  /** The colour behind `el`: its own background and its ancestors', composited, on the page's white. */
  const backdrop = (el, includeSelf = true) => {
    const layers = [];
    for (let p = includeSelf ? el : parentOf(el); p; p = parentOf(p)) {
      const bg = rgba(getComputedStyle(p).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let color = [255, 255, 255, 1];
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };

  // ---- what counts ---------------------------------------------------------------------------
  const INTERACTIVE = 'button, input:not([type=hidden]), select, textarea, a[href], [role=tab], [tabindex="0"]';
  const visible = all.filter((el) => shown(el) && !srOnly(el));
  const interactive = visible.filter((el) => el.matches(INTERACTIVE) && !el.disabled);
  const rows = visible.filter((el) => el.getAttribute('part') === 'queue-item');
  const bars = visible.filter((el) => el.getAttribute('role') === 'progressbar');

  /** The part of `el`'s box not cut off by an ancestor that clips (a scrolling list, the dialog). */
  const clipped = (el) => {
    const r = el.getBoundingClientRect();
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    let cut = false;
    for (const a of ancestors(el)) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      const next = {
        left: Math.max(box.left, c.left),
        top: Math.max(box.top, c.top),
        right: Math.min(box.right, c.right),
        bottom: Math.min(box.bottom, c.bottom),
      };
      if (next.left > box.left + 0.5 || next.top > box.top + 0.5 || next.right < box.right - 0.5 || next.bottom < box.bottom - 0.5) cut = true;
      box = next;
    }
    return { box, cut, empty: box.right - box.left < 1 || box.bottom - box.top < 1 };
  };

  // ---- size and viewport ----------------------------------------------------------------------
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  for (const el of [...interactive, ...rows, ...bars]) {
    const r = el.getBoundingClientRect();
    const isRow = rows.includes(el);
    const isBar = bars.includes(el);
    const minW = isBar ? 40 : 12;
    const minH = isRow ? 40 : isBar ? 4 : 12;
    const { box, cut, empty } = clipped(el);
    if (empty) continue; // scrolled out of its list
    if (r.width < minW || r.height < minH) problems.push(`size: ${describe(el)} is ${r.width.toFixed(1)}×${r.height.toFixed(1)} px`);
    if (cut && !isRow) {
      // A control cut by its list is fine only when the list scrolls (it is half scrolled into view).
      const scrolls = [...ancestors(el)].some((a) => /auto|scroll/.test(getComputedStyle(a).overflowY) && a.scrollHeight > a.clientHeight);
      if (!scrolls) problems.push(`size: ${describe(el)} is cut off by its container`);
    }
    if (box.left < -1 || box.top < -1 || box.right > vw + 1 || box.bottom > vh + 1) {
      problems.push(
        `viewport: ${describe(el)} spans ${box.left.toFixed(0)},${box.top.toFixed(0)}–${box.right.toFixed(0)},${box.bottom.toFixed(0)} in a ${vw}×${vh} viewport`,
      );
    }
  }

  // ---- text runs -----------------------------------------------------------------------------
  const runs = [];
  for (const el of visible) {
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) runs.push({ el, rect, text: node.textContent.trim() });
    }
  }

  // ---- nothing interactive over text ---------------------------------------------------------
  for (const control of interactive) {
    const c = clipped(control);
    if (c.empty) continue;
    for (const run of runs) {
      if (contains(control, run.el) || contains(run.el, control)) continue;
      if (clipped(run.el).empty) continue;
      const w = Math.min(c.box.right, run.rect.right) - Math.max(c.box.left, run.rect.left);
      const h = Math.min(c.box.bottom, run.rect.bottom) - Math.max(c.box.top, run.rect.top);
      if (w > 1 && h > 1) problems.push(`overlap: ${describe(control)} is drawn over the text "${run.text.slice(0, 40)}" of ${describe(run.el)}`);
    }
  }

  // ---- clipped text has a way to be read in full ----------------------------------------------
  for (const el of visible) {
    const text = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim();
    if (!text) continue;
    const s = getComputedStyle(el);
    const cutX = el.scrollWidth > el.clientWidth + 1 && /hidden|clip/.test(s.overflowX);
    const cutY = el.scrollHeight > el.clientHeight + 1 && /hidden|clip/.test(s.overflowY);
    if (!cutX && !cutY) continue;
    const readable = [el, ...ancestors(el)].some((a) => (a.getAttribute?.('title') || a.getAttribute?.('aria-label') || '').includes(text));
    if (!readable) problems.push(`clipped: "${text.slice(0, 60)}" in ${describe(el)} is cut off with no title or accessible name holding it`);
  }

  // ---- touch targets --------------------------------------------------------------------------
  if (touch) {
    for (const el of interactive) {
      if (clipped(el).empty) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5) problems.push(`target: ${describe(el)} is ${r.width.toFixed(1)}×${r.height.toFixed(1)} px, under 44×44`);
    }
  }

  // ---- contrast ------------------------------------------------------------------------------
  const seen = new Set();
  for (const run of runs) {
    const el = run.el;
    if (seen.has(el) || el.closest?.('button:disabled')) continue;
    seen.add(el);
    if (clipped(el).empty) continue;
    const s = getComputedStyle(el);
    const fg = rgba(s.color);
    const bg = backdrop(el);
    const color = over(fg, bg);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const got = ratio(color, bg);
    if (got < need - 0.005)
      problems.push(`contrast: "${run.text.slice(0, 40)}" in ${describe(el)} is ${hex(color)} on ${hex(bg)}: ${got.toFixed(2)}:1, needs ${need}:1`);
  }
  for (const bar of bars) {
    if (clipped(bar).empty) continue;
    const track = backdrop(bar);
    const around = backdrop(bar, false);
    const fill = bar.firstElementChild;
    if (fill) {
      const fillColor = over(rgba(getComputedStyle(fill).backgroundColor), track);
      const got = ratio(fillColor, track);
      if (got < 3) problems.push(`contrast: the fill of ${describe(bar)} is ${hex(fillColor)} on its track ${hex(track)}: ${got.toFixed(2)}:1, needs 3:1`);
    }
    // The track's extent shows by its edge (an inset box-shadow) or by its own colour.
    const edge = /rgba?\([^)]*\)/.exec(getComputedStyle(bar).boxShadow)?.[0];
    const edgeRatio = edge ? ratio(over(rgba(edge), around), around) : 0;
    const trackRatio = ratio(track, around);
    if (Math.max(edgeRatio, trackRatio) < 3) {
      problems.push(
        `contrast: the track of ${describe(bar)} does not stand out from ${hex(around)}: edge ${edgeRatio.toFixed(2)}:1, track ${trackRatio.toFixed(2)}:1, needs 3:1`,
      );
    }
  }
  return [...new Set(problems)];
}
