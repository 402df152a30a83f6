// <uw-crop-view> in Chromium: a real image, real key presses and mouse drags, and the crop checked
// on the local server's delivered image.
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/views/crop-view.js';
import type { CropView } from '../../src/views/crop-view.js';
import { coordinatesOverride, type CropRect } from '../../src/core/crop.js';
import type { CropFinishDetail } from '../../src/views/crop-batch.js';
import { DEFAULT_OPTIONS, type WidgetOptions } from '../../src/options.js';
import { delay, makeController, nextEvent, until } from './helpers.js';

/** A PNG (or JPEG) with four flat quadrants: red, green / blue, yellow, plus a marker square. */
async function quadrants(width = 400, height = 300, type = 'image/png'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const w = width / 2;
  const h = height / 2;
  [
    ['#ff0000', 0, 0],
    ['#00ff00', w, 0],
    ['#0000ff', 0, h],
    ['#ffff00', w, h],
  ].forEach(([color, x, y]) => {
    ctx.fillStyle = color as string;
    ctx.fillRect(x as number, y as number, w, h);
  });
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(20, 20, 30, 30);
  const blob = await canvas.convertToBlob({ type, quality: 0.95 });
  return new File([blob], type === 'image/png' ? 'quadrants.png' : 'quadrants.jpg', { type });
}

/**
 * Inserts an EXIF APP1 segment with the given Orientation after the JPEG's SOI marker, and after
 * its JFIF APP0 segment when there is one (which must come first: Firefox refuses the file else).
 */
async function withExifOrientation(jpeg: File, orientation: number): Promise<File> {
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  const exif = new Uint8Array([
    0xff,
    0xe1,
    0x00,
    0x22, // APP1, length 34
    0x45,
    0x78,
    0x69,
    0x66,
    0x00,
    0x00, // "Exif\0\0"
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // big-endian TIFF, IFD at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation, SHORT
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]);
  const at = bytes[2] === 0xff && bytes[3] === 0xe0 ? 4 + ((bytes[4] << 8) | bytes[5]) : 2;
  return new File([bytes.slice(0, at), exif, bytes.slice(at)], jpeg.name, { type: 'image/jpeg' });
}

/** The pixels of `rect` in the image as displayed upright. */
async function pixels(blob: Blob, rect?: CropRect): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const r = rect ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
  return ctx.getImageData(r.x, r.y, r.width, r.height);
}

/** Mean absolute difference per channel, and the largest one. */
function difference(a: ImageData, b: ImageData): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / a.data.length, max };
}

function options(overrides: Partial<WidgetOptions> = {}): WidgetOptions {
  return { ...DEFAULT_OPTIONS, cropping: true, ...overrides };
}

async function render(file: File, overrides: Partial<WidgetOptions> = {}): Promise<CropView> {
  const el = await fixture<CropView>(html`<uw-crop-view .file=${file} .options=${options(overrides)}></uw-crop-view>`);
  await el.updateComplete;
  return el;
}

const part = <T extends Element = HTMLElement>(el: CropView, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const box = (el: CropView) => part(el, '.box');
const liveText = (el: CropView) => part(el, '[data-announcer]').textContent!.trim();

async function keys(el: CropView, ...presses: string[]) {
  for (const press of presses) await sendKeys({ press });
  await el.updateComplete;
}

function nextCropEvent<T = unknown>(el: HTMLElement, name: string): Promise<T> {
  return new Promise((resolve) => el.addEventListener(name, (e) => resolve((e as CustomEvent).detail), { once: true }));
}

describe('<uw-crop-view>', () => {
  afterEach(() => resetMouse());

  it('shows the image with a centred box sized by croppingDefaultSelectionRatio, over the matching pixels', async () => {
    const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5, croppingShowDimensions: true });
    expect(el.imageSize).to.deep.equal({ width: 400, height: 300 });
    expect(el.selection).to.deep.equal({ x: 100, y: 75, width: 200, height: 150 });
    // The box sits over the same fraction of the drawn image (set through the CSSOM).
    const stage = part(el, '.stage').getBoundingClientRect();
    const canvas = part(el, 'canvas').getBoundingClientRect();
    expect(stage.width).to.be.closeTo(canvas.width, 0.5);
    expect(stage.height).to.be.closeTo(canvas.height, 0.5);
    const b = box(el).getBoundingClientRect();
    const scale = canvas.width / 400;
    expect(b.left - canvas.left).to.be.closeTo(100 * scale, 1);
    expect(b.top - canvas.top).to.be.closeTo(75 * scale, 1);
    expect(b.width).to.be.closeTo(200 * scale, 1);
    expect(b.height).to.be.closeTo(150 * scale, 1);
    expect(part(el, '[data-dimensions]').textContent).to.contain('200 × 150');
    expect(el.shadowRoot!.querySelectorAll('.handle')).to.have.length(8);
  });

  it('hides the dimensions unless croppingShowDimensions', async () => {
    const el = await render(await quadrants());
    expect(part(el, '[data-dimensions]')).to.equal(null);
  });

  it('is operable from the keyboard: arrows move 5% (Alt 1%), Shift+arrows resize, Page keys move 10%, Home/End snap', async () => {
    const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
    const b = box(el);
    expect(b.tabIndex).to.equal(0);
    expect(b.getAttribute('aria-label')).to.be.ok;
    const help = el.shadowRoot!.getElementById(b.getAttribute('aria-describedby')!)!;
    expect(help.textContent).to.contain('Shift');
    b.focus();
    expect(el.shadowRoot!.activeElement).to.equal(b);
    // Step: 5% of 400 = 20 px; with Alt 1% = 4 px.
    await keys(el, 'ArrowRight');
    expect(el.selection).to.deep.equal({ x: 120, y: 75, width: 200, height: 150 });
    await keys(el, 'Alt+ArrowLeft', 'Alt+ArrowLeft', 'Alt+ArrowLeft', 'Alt+ArrowLeft');
    expect(el.selection).to.deep.equal({ x: 104, y: 75, width: 200, height: 150 });
    await keys(el, 'Alt+ArrowUp', 'Alt+ArrowUp');
    expect(el.selection).to.deep.equal({ x: 104, y: 67, width: 200, height: 150 });
    await keys(el, 'Alt+Shift+ArrowRight', 'Alt+Shift+ArrowDown');
    expect(el.selection).to.deep.equal({ x: 104, y: 67, width: 204, height: 154 });
    await keys(el, 'Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowUp');
    expect(el.selection).to.deep.equal({ x: 104, y: 67, width: 196, height: 150 });
    await keys(el, 'Shift+ArrowRight');
    expect(el.selection).to.deep.equal({ x: 104, y: 67, width: 216, height: 150 });
    await keys(el, 'Shift+ArrowLeft');
    expect(el.selection).to.deep.equal({ x: 104, y: 67, width: 196, height: 150 });
    await keys(el, 'PageDown');
    expect(el.selection).to.deep.equal({ x: 104, y: 107, width: 196, height: 150 });
    await keys(el, 'End');
    expect(el.selection).to.deep.equal({ x: 204, y: 107, width: 196, height: 150 });
    await keys(el, 'Home');
    expect(el.selection).to.deep.equal({ x: 0, y: 107, width: 196, height: 150 });
    await keys(el, 'Control+End');
    expect(el.selection).to.deep.equal({ x: 0, y: 150, width: 196, height: 150 });
    await keys(el, 'Control+Home');
    expect(el.selection).to.deep.equal({ x: 0, y: 0, width: 196, height: 150 });
    // Clamped at the image edge.
    await keys(el, 'ArrowLeft', 'ArrowUp');
    expect(el.selection).to.deep.equal({ x: 0, y: 0, width: 196, height: 150 });
  });

  it('keeps croppingAspectRatio when resizing from the keyboard', async () => {
    const el = await render(await quadrants(), { croppingAspectRatio: 2, croppingDefaultSelectionRatio: 0.5 });
    expect(el.selection).to.deep.equal({ x: 100, y: 100, width: 200, height: 100 });
    box(el).focus();
    await keys(el, 'Alt+Shift+ArrowRight');
    expect(el.selection).to.deep.equal({ x: 100, y: 100, width: 204, height: 102 });
    await keys(el, 'Alt+Shift+ArrowUp');
    expect(el.selection).to.deep.equal({ x: 100, y: 100, width: 196, height: 98 });
    await keys(el, 'Shift+PageDown');
    expect(el.selection).to.deep.equal({ x: 100, y: 100, width: 276, height: 138 });
  });

  it('announces position and size once the keys stop, not on every press', async () => {
    const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
    const b = box(el);
    b.focus();
    const region = part(el, '[data-announcer]');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    // A burst of key presses in one task, as a held key repeats: nothing is said meanwhile.
    const press = (key: string, shiftKey = false) =>
      b.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, composed: true, cancelable: true }));
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown']) press(key);
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ x: 160, y: 95, width: 200, height: 150 });
    expect(liveText(el)).to.equal('');
    await delay(500);
    await el.updateComplete;
    expect(liveText(el)).to.equal('Crop 200 by 150 at 160, 95');
    press('ArrowLeft', true);
    await el.updateComplete;
    expect(liveText(el)).to.equal('Crop 200 by 150 at 160, 95');
    await delay(500);
    await el.updateComplete;
    expect(liveText(el)).to.equal('Crop 180 by 150 at 160, 95');
  });

  it('moves the box when it is dragged with the mouse, snapping to an edge near it', async () => {
    const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
    const scale = part(el, 'canvas').getBoundingClientRect().width / 400;
    const b = box(el).getBoundingClientRect();
    const [x, y] = [Math.round(b.left + b.width / 2), Math.round(b.top + b.height / 2)];
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 30, y + 20] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ x: 100 + Math.round(30 / scale), y: 75 + Math.round(20 / scale), width: 200, height: 150 });
    expect(el.shadowRoot!.activeElement).to.equal(box(el));
    // Dragged to within a few pixels of the left edge: it snaps onto it.
    const c = box(el).getBoundingClientRect();
    const [cx, cy] = [Math.round(c.left + c.width / 2), Math.round(c.top + c.height / 2)];
    await sendMouse({ type: 'move', position: [cx, cy] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [cx - Math.round(126 * scale), cy] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(el.selection!.x).to.equal(0);
  });

  it('resizes from a corner handle with the mouse, keeping the aspect ratio', async () => {
    const el = await render(await quadrants(), { croppingAspectRatio: 2, croppingDefaultSelectionRatio: 0.5 });
    const scale = part(el, 'canvas').getBoundingClientRect().width / 400;
    const handle = part(el, '[data-handle="se"]').getBoundingClientRect();
    const [x, y] = [Math.round(handle.left + handle.width / 2), Math.round(handle.top + handle.height / 2)];
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + Math.round(40 * scale), y + Math.round(5 * scale)] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    const r = el.selection!;
    expect(r.x).to.equal(100);
    expect(r.y).to.equal(100);
    expect(r.width).to.be.closeTo(240, 2);
    expect(r.width / r.height).to.be.closeTo(2, 0.03);
  });

  it('resizes from an edge handle by touch (pointer events), and ignores other pointers meanwhile', async () => {
    const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
    const scale = part(el, 'canvas').getBoundingClientRect().width / 400;
    const handle = part(el, '[data-handle="w"]');
    const r = handle.getBoundingClientRect();
    const at = (dx: number, pointerId = 7) => ({
      pointerId,
      pointerType: 'touch',
      isPrimary: true,
      clientX: r.left + r.width / 2 + dx,
      clientY: r.top + r.height / 2,
      bubbles: true,
      composed: true,
    });
    handle.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    box(el).dispatchEvent(new PointerEvent('pointermove', at(-50 * scale, 8)));
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ x: 100, y: 75, width: 200, height: 150 });
    box(el).dispatchEvent(new PointerEvent('pointermove', at(-50 * scale)));
    box(el).dispatchEvent(new PointerEvent('pointerup', at(-50 * scale)));
    box(el).dispatchEvent(new PointerEvent('pointermove', at(-80 * scale)));
    await el.updateComplete;
    expect(el.selection).to.deep.equal({ x: 50, y: 75, width: 250, height: 150 });
    expect(getComputedStyle(box(el)).touchAction).to.equal('none');
    expect(getComputedStyle(handle).touchAction).to.equal('none');
  });

  it('Crop (or Enter on the box) sends crop-done with the box in source pixels', async () => {
    const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
    box(el).focus();
    await keys(el, 'Alt+ArrowLeft');
    let done = nextCropEvent<CropRect>(el, 'crop-done');
    part<HTMLButtonElement>(el, '[data-action="crop"]').click();
    expect(await done).to.deep.equal({ x: 96, y: 75, width: 200, height: 150 });
    done = nextCropEvent<CropRect>(el, 'crop-done');
    box(el).focus();
    await keys(el, 'Enter');
    expect(await done).to.deep.equal({ x: 96, y: 75, width: 200, height: 150 });
  });

  it('Skip and Back send their intents, and are shown only when their options allow', async () => {
    const el = await render(await quadrants());
    const skip = nextCropEvent(el, 'crop-skip');
    part<HTMLButtonElement>(el, '[data-action="skip"]').click();
    await skip;
    const back = nextCropEvent(el, 'crop-back');
    part<HTMLButtonElement>(el, '[data-action="back"]').click();
    await back;
    el.options = options({ showSkipCropButton: false, croppingShowBackButton: false });
    await el.updateComplete;
    expect(part(el, '[data-action="skip"]')).to.equal(null);
    expect(part(el, '[data-action="back"]')).to.equal(null);
    expect(part(el, '[data-action="crop"]')).to.not.equal(null);
  });

  it('with croppingValidateDimensions, disables Crop with a visible reason until the crop fits the limits', async () => {
    const el = await render(await quadrants(), {
      croppingValidateDimensions: true,
      croppingDefaultSelectionRatio: 0.5,
      minImageWidth: 100,
      maxImageWidth: 190,
    });
    const crop = part<HTMLButtonElement>(el, '[data-action="crop"]');
    expect(crop.disabled).to.equal(true);
    const reason = part(el, '.reason');
    expect(reason.textContent!.trim()).to.equal('The crop is 200 pixels wide; it may be at most 190.');
    expect(reason.getBoundingClientRect().height).to.be.above(0);
    expect(crop.getAttribute('aria-describedby')).to.equal(reason.id);
    let fired = false;
    el.addEventListener('crop-done', () => (fired = true));
    box(el).focus();
    await keys(el, 'Enter');
    expect(fired).to.equal(false);
    // Shrink 200 → 188 px wide: within the limits.
    await keys(el, 'Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowLeft');
    expect(crop.disabled).to.equal(false);
    expect(part(el, '.reason')).to.equal(null);
  });

  it('reports an image it cannot decode, with Crop disabled', async () => {
    const el = await render(new File(['not an image'], 'broken.png', { type: 'image/png' }));
    expect(part(el, '[role="alert"]').textContent).to.contain('could not be read');
    expect(part<HTMLButtonElement>(el, '[data-action="crop"]').disabled).to.equal(true);
  });

  it('the rectangle from crop-done, sent as custom_coordinates, crops exactly those pixels on the server', async () => {
    const file = await quadrants();
    const el = await render(file, { croppingDefaultSelectionRatio: 0.5 });
    box(el).focus();
    // Move into the top-left quadrant's corner area with the white marker, and make it uneven.
    await keys(
      el,
      'Control+Home',
      'Home',
      'Alt+ArrowRight',
      'Alt+ArrowRight',
      'Alt+ArrowDown',
      'Alt+Shift+ArrowLeft',
      'Alt+Shift+ArrowUp',
      'Alt+Shift+ArrowUp',
    );
    const done = nextCropEvent<CropRect>(el, 'crop-done');
    part<HTMLButtonElement>(el, '[data-action="crop"]').click();
    const rect = await done;
    expect(rect).to.deep.equal({ x: 8, y: 4, width: 196, height: 142 });

    const { controller } = makeController({ cropping: true, multiple: false });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([file], coordinatesOverride(rect, 'custom'));
    const info = await success;
    const url = (info.secure_url as string).replace('/upload/', '/upload/c_crop,g_custom/');
    const res = await fetch(url);
    expect(res.ok, url).to.equal(true);
    const delivered = await pixels(await res.blob());
    const expected = await pixels(file, rect);
    expect([delivered.width, delivered.height]).to.deep.equal([rect.width, rect.height]);
    expect(difference(delivered, expected)).to.deep.equal({ mean: 0, max: 0 });
  });

  it('measures a JPEG with an EXIF orientation upright, and the server crops the same upright pixels', async () => {
    // 400×300 stored, Orientation 6 (rotate 90° clockwise): 300×400 as displayed.
    const stored = await quadrants(400, 300, 'image/jpeg');
    const file = await withExifOrientation(stored, 6);
    // Without the tag the same pixels are 400×300: the tag alone turns the image.
    expect((await render(stored)).imageSize).to.deep.equal({ width: 400, height: 300 });
    const el = await render(file, { croppingDefaultSelectionRatio: 0.5 });
    expect(el.imageSize).to.deep.equal({ width: 300, height: 400 });
    expect(el.selection).to.deep.equal({ x: 75, y: 100, width: 150, height: 200 });
    box(el).focus();
    await keys(el, 'End', 'Control+Home');
    const done = nextCropEvent<CropRect>(el, 'crop-done');
    part<HTMLButtonElement>(el, '[data-action="crop"]').click();
    const rect = await done;
    expect(rect).to.deep.equal({ x: 150, y: 0, width: 150, height: 200 });

    const { controller } = makeController({ cropping: true, multiple: false });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([file], coordinatesOverride(rect, 'custom'));
    const info = await success;
    const url = (info.secure_url as string).replace('/upload/', '/upload/c_crop,g_custom/').replace(/\.jpe?g$/, '.png');
    const delivered = await pixels(await (await fetch(url)).blob());
    const expected = await pixels(file, rect);
    expect([delivered.width, delivered.height]).to.deep.equal([rect.width, rect.height]);
    // Two JPEG decoders (the server's and Chromium's) differ slightly; a wrong orientation would
    // put other quadrants' colours here and differ by ~100 per channel on average.
    const diff = difference(delivered, expected);
    expect(diff.mean, JSON.stringify(diff)).to.be.below(4);
  });

  describe('tools', () => {
    const tool = (el: CropView, name: string) => part<HTMLButtonElement>(el, `[data-tool="${name}"]`);
    /** The colour of the canvas's pixel at a fraction of its width and height. */
    const canvasColor = (el: CropView, fx: number, fy: number) => {
      const canvas = part<HTMLCanvasElement>(el, 'canvas');
      const [r, g, b] = canvas.getContext('2d')!.getImageData(Math.floor(canvas.width * fx), Math.floor(canvas.height * fy), 1, 1).data;
      return [r > 128 ? 1 : 0, g > 128 ? 1 : 0, b > 128 ? 1 : 0].join('');
    };

    it('names every tool, and the aspect choices as radios with Free checked', async () => {
      const el = await render(await quadrants());
      for (const [name, label] of [
        ['rotate-left', 'Rotate left'],
        ['rotate-right', 'Rotate right'],
        ['flip-horizontal', 'Flip horizontal'],
        ['flip-vertical', 'Flip vertical'],
        ['zoom-in', 'Zoom in'],
        ['zoom-out', 'Zoom out'],
      ]) {
        expect(tool(el, name).getAttribute('aria-label')).to.equal(label);
        expect(tool(el, name).getBoundingClientRect().width).to.be.at.least(40);
      }
      const chips = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]')];
      expect(chips.map((c) => c.textContent!.trim())).to.deep.equal(['Free', '1:1', '4:3', '16:9', '3:4', '9:16']);
      expect(chips.map((c) => c.getAttribute('aria-checked'))).to.deep.equal(['true', 'false', 'false', 'false', 'false', 'false']);
      expect(chips.map((c) => c.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1]);
      expect(part(el, '[role="radiogroup"]').getAttribute('aria-label')).to.equal('Aspect ratio');
    });

    it('rotates right: the picture turns, the box follows it, and Crop sends the turned file', async () => {
      const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
      // Top-left quadrant red, top-right green.
      expect(canvasColor(el, 0.25, 0.25)).to.equal('100');
      tool(el, 'rotate-right').click();
      await el.updateComplete;
      expect(el.imageSize).to.deep.equal({ width: 300, height: 400 });
      // The red quadrant is now top right, the green one bottom right.
      expect(canvasColor(el, 0.75, 0.25)).to.equal('100');
      expect(canvasColor(el, 0.75, 0.75)).to.equal('010');
      // The box (200×150 at 100,75) turned with it: 150×200 at 75,100.
      expect(el.selection).to.deep.equal({ x: 75, y: 100, width: 150, height: 200 });
      const done = nextCropEvent<CropRect & { file?: File }>(el, 'crop-done');
      part<HTMLButtonElement>(el, '[data-action="crop"]').click();
      const detail = await done;
      expect([detail.x, detail.y, detail.width, detail.height]).to.deep.equal([75, 100, 150, 200]);
      expect(detail.file!.name).to.equal('quadrants.png');
      expect(detail.file!.type).to.equal('image/png');
      const turned = await pixels(detail.file!);
      expect([turned.width, turned.height]).to.deep.equal([300, 400]);
      // PNG is redrawn without loss: the top-right pixel is the original's top-left (red).
      expect([...turned.data.slice((0 * 300 + 299) * 4, (0 * 300 + 299) * 4 + 3)]).to.deep.equal([255, 0, 0]);
    });

    it('rotates left, flips each way, and back to upright sends no new file', async () => {
      const el = await render(await quadrants());
      tool(el, 'rotate-left').click();
      await el.updateComplete;
      // Red (top-left) goes bottom left.
      expect(canvasColor(el, 0.25, 0.75)).to.equal('100');
      tool(el, 'rotate-right').click();
      tool(el, 'flip-horizontal').click();
      await el.updateComplete;
      expect(el.imageSize).to.deep.equal({ width: 400, height: 300 });
      expect(canvasColor(el, 0.75, 0.25)).to.equal('100');
      tool(el, 'flip-horizontal').click();
      tool(el, 'flip-vertical').click();
      await el.updateComplete;
      expect(canvasColor(el, 0.25, 0.75)).to.equal('100');
      tool(el, 'flip-vertical').click();
      await el.updateComplete;
      expect(canvasColor(el, 0.25, 0.25)).to.equal('100');
      const done = nextCropEvent<CropRect & { file?: File }>(el, 'crop-done');
      part<HTMLButtonElement>(el, '[data-action="crop"]').click();
      expect((await done).file).to.equal(undefined);
    });

    it('turns a JPEG without re-encoding it: its image data stays byte for byte, its Orientation says the turn', async () => {
      const jpeg = await quadrants(400, 300, 'image/jpeg');
      const el = await render(jpeg);
      tool(el, 'rotate-right').click();
      tool(el, 'flip-horizontal').click();
      const done = nextCropEvent<CropRect & { file?: File }>(el, 'crop-done');
      part<HTMLButtonElement>(el, '[data-action="crop"]').click();
      const file = (await done).file!;
      const original = new Uint8Array(await jpeg.arrayBuffer());
      const turned = new Uint8Array(await file.arrayBuffer());
      // An Exif segment of 36 bytes went in; everything after it is the original's.
      expect(turned.length).to.equal(original.length + 36);
      const after = original[2] === 0xff && original[3] === 0xe0 ? 4 + ((original[4] << 8) | original[5]) : 2;
      expect(turned.slice(after + 36).every((b, i) => b === original[after + i])).to.equal(true);
      // Rotate right then mirror = transpose = Orientation 5: 300×400 upright, red stays top left.
      const upright = await pixels(file);
      expect([upright.width, upright.height]).to.deep.equal([300, 400]);
      const [r, g] = upright.data.slice((10 * 300 + 60) * 4, (10 * 300 + 60) * 4 + 2);
      expect([r > 128, g > 128]).to.deep.equal([true, false]);
      // Turned back once more from there: the existing Orientation value is rewritten in place.
      const again = await render(file);
      expect(again.imageSize).to.deep.equal({ width: 300, height: 400 });
      tool(again, 'rotate-left').click();
      const done2 = nextCropEvent<CropRect & { file?: File }>(again, 'crop-done');
      part<HTMLButtonElement>(again, '[data-action="crop"]').click();
      const file2 = (await done2).file!;
      expect(file2.size).to.equal(file.size);
      const back = await pixels(file2);
      expect([back.width, back.height]).to.deep.equal([400, 300]);
    });

    it('a picture this browser cannot redraw turned: it says so, shows it upright without the turn tools, and crops it as it is', async () => {
      const el = await render(await quadrants());
      const write = OffscreenCanvas.prototype.convertToBlob;
      OffscreenCanvas.prototype.convertToBlob = () => Promise.reject(new DOMException('no encoder', 'NotSupportedError'));
      try {
        tool(el, 'rotate-right').click();
        part<HTMLButtonElement>(el, '[data-action="crop"]').click();
        await until(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the reason');
      } finally {
        OffscreenCanvas.prototype.convertToBlob = write;
      }
      await el.updateComplete;
      expect(part(el, '[role="alert"]').textContent).to.contain('cannot be turned');
      expect(part(el, '[data-tool="rotate-right"]')).to.equal(null);
      expect(el.imageSize).to.deep.equal({ width: 400, height: 300 });
      const done = nextCropEvent<CropRect & { file?: File }>(el, 'crop-done');
      part<HTMLButtonElement>(el, '[data-action="crop"]').click();
      expect((await done).file).to.equal(undefined);
    });

    it('an aspect choice sets the box; croppingAspectRatio preselects its choice; arrows move along the radios', async () => {
      const el = await render(await quadrants(), { croppingAspectRatio: 1 });
      const chip = (label: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]')].find((c) => c.textContent!.trim() === label)!;
      expect(chip('1:1').getAttribute('aria-checked')).to.equal('true');
      expect(el.selection!.width).to.equal(el.selection!.height);
      chip('16:9').click();
      await el.updateComplete;
      expect(chip('16:9').getAttribute('aria-checked')).to.equal('true');
      expect(el.selection!.width / el.selection!.height).to.be.closeTo(16 / 9, 0.02);
      chip('16:9').focus();
      await keys(el, 'ArrowRight');
      expect(chip('3:4').getAttribute('aria-checked')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(chip('3:4'));
      expect(el.selection!.width / el.selection!.height).to.be.closeTo(3 / 4, 0.02);
      chip('Free').click();
      await el.updateComplete;
      expect(el.aspect).to.equal(undefined);
      // A site's own ratio that is not in the list gets a choice of its own.
      const own = await render(await quadrants(), { croppingAspectRatio: 1.5 });
      expect(part(own, '[role="radio"][aria-checked="true"]').textContent!.trim()).to.equal('3:2');
    });

    it('zooms by its buttons and the wheel, from fitting up to 4×, the box on the same pixels', async () => {
      const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
      expect(tool(el, 'zoom-out').disabled).to.equal(true);
      const before = part(el, 'canvas').getBoundingClientRect().width;
      tool(el, 'zoom-in').click();
      await el.updateComplete;
      expect(part(el, 'canvas').getBoundingClientRect().width).to.be.closeTo(before * 1.5, 1);
      expect(tool(el, 'zoom-out').disabled).to.equal(false);
      const scale = part(el, 'canvas').getBoundingClientRect().width / 400;
      expect(box(el).getBoundingClientRect().width).to.be.closeTo(200 * scale, 1);
      for (let i = 0; i < 5; i++) tool(el, 'zoom-in').click();
      await el.updateComplete;
      expect(el.zoom).to.equal(4);
      expect(tool(el, 'zoom-in').disabled).to.equal(true);
      part(el, '.frame').dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true }));
      await el.updateComplete;
      expect(el.zoom).to.be.below(4);
      tool(el, 'zoom-out').click();
      tool(el, 'zoom-out').click();
      tool(el, 'zoom-out').click();
      tool(el, 'zoom-out').click();
      await el.updateComplete;
      expect(el.zoom).to.equal(1);
      expect(part(el, 'canvas').getBoundingClientRect().width).to.be.closeTo(before, 1);
      // Zoom changes what is seen, never the crop.
      expect(el.selection).to.deep.equal({ x: 100, y: 75, width: 200, height: 150 });
    });
    it('pinches: two fingers spreading on the picture zoom in, closing zoom out, and the box is not dragged meanwhile', async () => {
      const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.5 });
      const frame = part(el, '.frame');
      const r = frame.getBoundingClientRect();
      const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
      const touch = (type: string, pointerId: number, dx: number) =>
        frame.dispatchEvent(
          new PointerEvent(type, { pointerId, pointerType: 'touch', isPrimary: pointerId === 1, clientX: cx + dx, clientY: cy, bubbles: true, composed: true }),
        );
      touch('pointerdown', 1, -20);
      touch('pointerdown', 2, 20);
      touch('pointermove', 2, 60);
      touch('pointermove', 1, -60);
      await el.updateComplete;
      expect(el.zoom).to.be.closeTo(3, 0.05);
      touch('pointermove', 2, 20);
      await el.updateComplete;
      expect(el.zoom).to.be.closeTo(2, 0.05);
      touch('pointerup', 1, -60);
      touch('pointerup', 2, 20);
      expect(el.selection).to.deep.equal({ x: 100, y: 75, width: 200, height: 150 });
    });

    it('a turn while zoomed fits the turned picture anew, its shape kept', async () => {
      const el = await render(await quadrants());
      tool(el, 'zoom-in').click();
      tool(el, 'zoom-in').click();
      await el.updateComplete;
      tool(el, 'rotate-right').click();
      await el.updateComplete;
      expect(el.zoom).to.equal(1);
      const c = part(el, 'canvas').getBoundingClientRect();
      expect(c.height / c.width).to.be.closeTo(400 / 300, 0.02);
    });

    it('zoomed in, a box moved by keys stays in sight: the frame scrolls to it', async () => {
      const el = await render(await quadrants(), { croppingDefaultSelectionRatio: 0.2 });
      for (let i = 0; i < 4; i++) tool(el, 'zoom-in').click();
      await el.updateComplete;
      box(el).focus();
      await keys(el, 'End');
      await keys(el, 'Control+End');
      await delay(100);
      const frame = part(el, '.frame').getBoundingClientRect();
      const b = box(el).getBoundingClientRect();
      expect(el.selection!.x + el.selection!.width).to.equal(400);
      expect(b.right, 'right edge in sight').to.be.at.most(frame.right + 1);
      expect(b.left, 'left edge in sight').to.be.at.least(frame.left - 1);
      expect(b.bottom, 'bottom edge in sight').to.be.at.most(frame.bottom + 1);
    });
  });

  describe('a pick of several pictures', () => {
    async function renderPick(files: Array<File | string>, toCrop: number[], overrides: Partial<WidgetOptions> = {}) {
      const el = await fixture<CropView>(html`<uw-crop-view .pick=${{ files, toCrop }} .options=${options(overrides)}></uw-crop-view>`);
      await el.updateComplete;
      return el;
    }

    it('crops each picture in turn, says which one, and sends the pick back with each crop', async () => {
      const a = await quadrants(400, 300);
      const b = await quadrants(200, 200);
      const doc = new File(['text'], 'notes.txt', { type: 'text/plain' });
      const el = await renderPick([a, doc, b], [0, 2], { croppingDefaultSelectionRatio: 0.5 });
      expect(el.file).to.equal(a);
      expect(part(el, '[part="crop-position"]').textContent!.trim()).to.equal('Image 1 of 2');
      // No fixed aspect: no Apply to all.
      expect(part(el, '[data-action="apply-all"]')).to.equal(null);
      const finished = nextCropEvent<CropFinishDetail>(el, 'crop-finish');
      part<HTMLButtonElement>(el, '[data-action="crop"]').click();
      await until(() => el.file === b, 'the second picture');
      await el.updateComplete;
      expect(part(el, '[part="crop-position"]').textContent!.trim()).to.equal('Image 2 of 2');
      expect(el.imageSize).to.deep.equal({ width: 200, height: 200 });
      await until(() => el.shadowRoot!.activeElement === box(el), 'focus on the second crop box');
      part<HTMLButtonElement>(el, '[data-action="skip"]').click();
      const detail = await finished;
      expect(detail.files).to.deep.equal([a, doc, b]);
      expect(detail.each).to.deep.equal([{ custom_coordinates: '100,75,200,150' }]);
    });

    it('Apply to all, where the aspect is fixed, gives every later picture the same crop by share and centre', async () => {
      const a = await quadrants(400, 300);
      const b = await quadrants(200, 400);
      const c = await quadrants(600, 300);
      const el = await renderPick([a, b, c], [0, 1, 2], { croppingAspectRatio: 1, croppingDefaultSelectionRatio: 0.5 });
      expect(part(el, '[data-action="apply-all"]').textContent!.trim()).to.equal('Apply to all');
      const finished = nextCropEvent<CropFinishDetail>(el, 'crop-finish');
      part<HTMLButtonElement>(el, '[data-action="apply-all"]').click();
      const detail = await finished;
      expect(detail.files).to.deep.equal([a, b, c]);
      // Half of each picture's largest square, centred.
      expect(detail.each).to.deep.equal([
        { custom_coordinates: '125,75,150,150' },
        { custom_coordinates: '50,150,100,100' },
        { custom_coordinates: '225,75,150,150' },
      ]);
    });
  });
});
