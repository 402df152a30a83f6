// The crop step: the image scaled to fit, a crop box to drag or resize by pointer, touch or
// keyboard, and Crop / Skip / Back. It sends intents only: `crop-done` with the box in source
// pixels of the upright image (EXIF orientation applied, as Cloudinary's custom_coordinates
// mean), `crop-skip`, `crop-back`. The box lives here, not in the store: it is the view's own
// input state until Crop turns it into upload parameters.
//
// Keyboard on the focused box (the image is physical, so arrows mean screen directions even in
// right-to-left pages): Arrow moves one step (1% of the longer side); Shift+Arrow resizes from
// the top-left corner (Right/Down grow, Left/Up shrink; the aspect ratio is kept); PageUp/PageDown
// move up/down ten steps, with Shift shrink/grow ten steps; Home/End snap to the left/right edge,
// Ctrl/Cmd+Home/End to the top/bottom edge; Enter crops.
import { LitElement, css, html, svg, nothing, type PropertyValues } from 'lit';
import { srOnly } from './shared-styles.js';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg, str } from '@lit/localize';
import { inLanguageOf, localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { DEFAULT_OPTIONS, type WidgetOptions } from '../options.js';
import {
  HANDLES,
  cropProblem,
  defaultSelection,
  keyboardStep,
  moveBy,
  moveTo,
  resizeBy,
  resizeFromHandle,
  snapToEdges,
  type CropRect,
  type Handle,
  type Size,
} from '../core/crop.js';
import { fire } from '../dispatch.js';
import { cssProps } from './css-props.js';

export type CropDoneDetail = CropRect;

/** Longest side of the preview canvas: enough for any widget, without holding a 50-megapixel copy. */
const PREVIEW_MAX = 1600;
/** Handles stay this many CSS pixels apart, and drags snap to an edge this close. */
const MIN_BOX_CSS = 24;
const SNAP_CSS = 8;
/** Quiet time before the live region speaks, so a held key gives one announcement. */
const ANNOUNCE_DELAY = 350;

interface Drag {
  pointerId: number;
  handle: Handle | 'move';
  start: CropRect;
  clientX: number;
  clientY: number;
  /** CSS pixels per source pixel, measured when the drag starts. */
  scale: number;
}

const BACK_ICON = svg`<path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;
const CROP_ICON = svg`<path d="M7 3v14h14M3 7h14v14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;

@element('uw-crop-view')
@localized()
export class CropView extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The image to crop; it is never changed (the shell uploads it with the coordinates). */
  @property({ attribute: false }) file?: File;
  @property({ attribute: false }) options: WidgetOptions = DEFAULT_OPTIONS;

  /** The crop box in source pixels of the upright image; undefined until the image is decoded. */
  @state() selection?: CropRect;
  /** The upright image's size in source pixels. */
  @state() imageSize?: Size;
  @state() private failed = false;
  @state() private announcement = '';

  @query('canvas') private canvas!: HTMLCanvasElement;
  @query('.stage') private stage!: HTMLElement;

  private bitmap?: ImageBitmap;
  private decoding: Promise<void> = Promise.resolve();
  private drag?: Drag;
  private announceTimer?: ReturnType<typeof setTimeout>;

  static override styles = [
    srOnly,
    css`
    :host {
      display: block;
      color: var(--uw-color-text-dark, #000);
    }
    .frame {
      display: flex;
      justify-content: center;
      /* Room for the handles that overhang the image's edges. */
      padding: var(--uw-space-2, 12px);
      background: var(--uw-color-source-bg, #e4ebf1);
      border-radius: var(--uw-radius, 8px);
    }
    /* Image pixels are physical (x grows rightwards in every writing direction), so the stage
       is left-to-right and the logical properties below are the physical ones. */
    .stage {
      position: relative;
      direction: ltr;
      line-height: 0;
      user-select: none;
    }
    canvas {
      display: block;
      max-inline-size: 100%;
      max-block-size: var(--uw-crop-max-height, 60vh);
      inline-size: auto;
      block-size: auto;
    }
    canvas[hidden] {
      display: none;
    }
    /* The shade is clipped to the image; the box is not, so handles on an image edge stay whole. */
    .shade {
      position: absolute;
      inset: 0;
      overflow: hidden;
      pointer-events: none;
    }
    .hole,
    .box {
      position: absolute;
      inset-inline-start: calc(var(--uw-crop-x) * 100%);
      inset-block-start: calc(var(--uw-crop-y) * 100%);
      inline-size: calc(var(--uw-crop-w) * 100%);
      block-size: calc(var(--uw-crop-h) * 100%);
      box-sizing: border-box;
    }
    .hole {
      box-shadow: 0 0 0 100vmax color-mix(in srgb, var(--uw-color-text-dark, #000) 55%, transparent);
    }
    .box {
      border: 2px solid var(--uw-color-text-light, #fff);
      cursor: move;
      touch-action: none;
    }
    .box:focus-visible {
      outline: 3px solid var(--uw-color-link, #0070ef);
      outline-offset: 1px;
    }
    .handle {
      position: absolute;
      inline-size: 14px;
      block-size: 14px;
      box-sizing: border-box;
      background: var(--uw-color-window, #fff);
      border: 2px solid var(--uw-color-link, #0070ef);
      border-radius: 2px;
      touch-action: none;
    }
    /* A larger invisible target for fingers. */
    .handle::after {
      content: '';
      position: absolute;
      inset: -10px;
    }
    [data-handle^='n'] { inset-block-start: -8px; }
    [data-handle^='s'] { inset-block-end: -8px; }
    [data-handle$='w'] { inset-inline-start: -8px; }
    [data-handle$='e'] { inset-inline-end: -8px; }
    [data-handle='n'], [data-handle='s'] { inset-inline-start: calc(50% - 7px); cursor: ns-resize; }
    [data-handle='e'], [data-handle='w'] { inset-block-start: calc(50% - 7px); cursor: ew-resize; }
    [data-handle='nw'], [data-handle='se'] { cursor: nwse-resize; }
    [data-handle='ne'], [data-handle='sw'] { cursor: nesw-resize; }
    .dimensions {
      position: absolute;
      inset-block-end: 4px;
      inset-inline-start: 4px;
      padding: 2px 6px;
      border-radius: 4px;
      font-size: 0.8em;
      line-height: 1.4;
      background: color-mix(in srgb, var(--uw-color-text-dark, #000) 70%, transparent);
      color: var(--uw-color-text-light, #fff);
      pointer-events: none;
      white-space: nowrap;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--uw-space-1, 8px);
      margin-block-start: var(--uw-space-2, 12px);
    }
    .spacer {
      flex: 1;
    }
    .reason,
    .error {
      margin: var(--uw-space-1, 8px) 0 0;
      color: var(--uw-color-error, #d73a2f);
    }
    button {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font: inherit;
      padding: 0.5em 1.2em;
      border-radius: var(--uw-radius, 8px);
      cursor: pointer;
      border: 1px solid var(--uw-color-window-border, #8493a5);
      background: var(--uw-color-window, #fff);
      color: var(--uw-color-link, #0070ef);
    }
    button.primary {
      border-color: transparent;
      background: var(--uw-color-action, #c94d09);
      color: var(--uw-color-text-light, #fff);
    }
    button:disabled {
      cursor: not-allowed;
      background: var(--uw-color-inactive-tab-icon, #0e2f5a);
      opacity: 0.5;
    }
    button:focus-visible {
      outline: 3px solid var(--uw-color-link, #0070ef);
      outline-offset: 2px;
    }
    button svg {
      inline-size: 1.1em;
      block-size: 1.1em;
    }
    button:hover:not(:disabled) {
      background: var(--uw-color-source-bg);
    }
    button.primary:hover:not(:disabled) {
      background: color-mix(in srgb, var(--uw-color-action) 85%, var(--uw-color-text-dark));
    }
    /* Fingers: bigger handles (a 44 px target each) and buttons. */
    @media (pointer: coarse) {
      .handle { inline-size: 22px; block-size: 22px; }
      .handle::after { inset: -11px; }
      [data-handle^='n'] { inset-block-start: -11px; }
      [data-handle^='s'] { inset-block-end: -11px; }
      [data-handle$='w'] { inset-inline-start: -11px; }
      [data-handle$='e'] { inset-inline-end: -11px; }
      [data-handle='n'], [data-handle='s'] { inset-inline-start: calc(50% - 11px); }
      [data-handle='e'], [data-handle='w'] { inset-block-start: calc(50% - 11px); }
      button { min-block-size: 44px; }
    }
  `,
  ];

  /** Resolves once the image is decoded and shown, so callers can read `selection`. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.decoding;
    return super.getUpdateComplete();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
    this.bitmap?.close();
    this.bitmap = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('file')) this.decoding = this.decode(this.file);
    else if (changed.has('options') && this.imageSize) {
      const old = changed.get('options') as WidgetOptions | undefined;
      const o = this.options;
      if (old?.croppingAspectRatio !== o.croppingAspectRatio || old?.croppingDefaultSelectionRatio !== o.croppingDefaultSelectionRatio) {
        this.selection = this.startSelection(this.imageSize);
      }
    }
  }

  protected override updated(): void {
    this.paint();
  }

  private async decode(file: File | undefined): Promise<void> {
    this.bitmap?.close();
    this.bitmap = undefined;
    this.selection = undefined;
    this.imageSize = undefined;
    this.failed = false;
    if (!file) return;
    try {
      // from-image: EXIF orientation applied, so the box is drawn on (and measured in) the upright image.
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      if (file !== this.file) {
        bitmap.close(); // another file arrived while this one decoded
        return;
      }
      this.bitmap = bitmap;
      this.imageSize = { width: bitmap.width, height: bitmap.height };
      this.selection = this.startSelection(this.imageSize);
    } catch {
      if (file === this.file) this.failed = true;
    }
  }

  /** Draws the bitmap into the preview canvas once per image, scaled down to PREVIEW_MAX, then lets it go. */
  private paint() {
    if (!this.bitmap || !this.canvas) return;
    const { width, height } = this.bitmap;
    const scale = Math.min(1, PREVIEW_MAX / Math.max(width, height));
    this.canvas.width = Math.max(1, Math.round(width * scale));
    this.canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(this.bitmap, 0, 0, this.canvas.width, this.canvas.height);
    this.bitmap.close();
    this.bitmap = undefined;
  }

  private startSelection(image: Size): CropRect {
    return defaultSelection(image, this.options.croppingDefaultSelectionRatio, this.options.croppingAspectRatio || undefined);
  }

  /** Why Crop is disabled, when croppingValidateDimensions is on and the box breaks the limits. */
  private get problem(): string | undefined {
    if (!this.selection || !this.options.croppingValidateDimensions) return undefined;
    const p = cropProblem(this.selection, this.options);
    if (!p) return undefined;
    // Worded here, in the crop view's own part: only cropping needs these words.
    if (p.side === 'width') {
      return p.min !== undefined
        ? msg(str`The crop is ${p.size} pixels wide; it must be at least ${p.min}.`)
        : msg(str`The crop is ${p.size} pixels wide; it may be at most ${p.max}.`);
    }
    return p.min !== undefined
      ? msg(str`The crop is ${p.size} pixels high; it must be at least ${p.min}.`)
      : msg(str`The crop is ${p.size} pixels high; it may be at most ${p.max}.`);
  }

  override render() {
    const o = this.options;
    const rect = this.selection;
    const image = this.imageSize;
    const problem = this.problem;
    return html`
      <div class="frame" part="crop-frame">
        ${
          this.failed
            ? html`<p class="error" role="alert">${msg('This image could not be read, so it cannot be cropped.')}</p>`
            : html`<div
              class="stage"
              part="crop-stage"
              ${cssProps(
                rect && image
                  ? {
                      '--uw-crop-x': rect.x / image.width,
                      '--uw-crop-y': rect.y / image.height,
                      '--uw-crop-w': rect.width / image.width,
                      '--uw-crop-h': rect.height / image.height,
                    }
                  : {},
              )}
            >
              <canvas part="crop-image" role="img" aria-label=${msg('Image to crop')} ?hidden=${!image}></canvas>
              ${rect ? html`<div class="shade"><div class="hole"></div></div>${this.renderBox(rect)}` : nothing}
            </div>`
        }
      </div>
      <p id="help" class="sr-only">
        ${msg(
          'Arrow keys move the crop area. Shift with an arrow key resizes it: right and down grow, left and up shrink. Page Up and Page Down move it further. Home and End move it to the left and right edges; with Control or Command, to the top and bottom edges. Enter crops.',
        )}
      </p>
      <div class="sr-only" role="status" aria-live="polite" data-announcer>${this.announcement}</div>
      ${problem ? html`<p id="reason" class="reason" part="crop-reason">${problem}</p>` : nothing}
      <div class="toolbar" part="crop-actions">
        ${
          o.croppingShowBackButton
            ? html`<button type="button" data-action="back" @click=${() => fire(this, 'crop-back', {})}>
              <svg viewBox="0 0 24 24" aria-hidden="true">${BACK_ICON}</svg>${t('back', msg('Back'))}
            </button>`
            : nothing
        }
        <span class="spacer"></span>
        ${
          o.showSkipCropButton
            ? html`<button type="button" data-action="skip" @click=${() => fire(this, 'crop-skip', {})}>${t('crop.skip_btn', msg('Skip'))}</button>`
            : nothing
        }
        <button
          type="button"
          class="primary"
          data-action="crop"
          ?disabled=${!rect || !!problem}
          aria-describedby=${problem ? 'reason' : nothing}
          @click=${this.crop}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">${CROP_ICON}</svg>${t('crop.crop_btn', msg('Crop'))}
        </button>
      </div>
    `;
  }

  private renderBox(rect: CropRect) {
    return html`<div
      class="box"
      part="crop-box"
      tabindex="0"
      role="group"
      aria-roledescription=${msg('crop area')}
      aria-label=${msg('Crop area')}
      aria-describedby="help"
      @keydown=${this.onKeyDown}
      @pointerdown=${this.onPointerDown}
      @pointermove=${this.onPointerMove}
      @pointerup=${this.onPointerUp}
      @pointercancel=${this.onPointerUp}
      @lostpointercapture=${this.onPointerUp}
    >
      ${HANDLES.map((h) => html`<span class="handle" data-handle=${h} aria-hidden="true"></span>`)}
      ${
        this.options.croppingShowDimensions
          ? html`<span class="dimensions" part="crop-dimensions" data-dimensions>${msg(str`${rect.width} × ${rect.height}`)}</span>`
          : nothing
      }
    </div>`;
  }

  private crop() {
    if (!this.selection || this.problem) return;
    fire<CropDoneDetail>(this, 'crop-done', { ...this.selection });
  }

  private get resizeOptions() {
    return { aspect: this.options.croppingAspectRatio || undefined, minSize: 1 };
  }

  private onKeyDown(e: KeyboardEvent) {
    const rect = this.selection;
    const image = this.imageSize;
    if (!rect || !image) return;
    const step = keyboardStep(image);
    const coarse = step * 10;
    const edge = e.ctrlKey || e.metaKey;
    const grow = (dw: number, dh: number) => resizeBy(rect, dw, dh, image, this.resizeOptions);
    const move = (dx: number, dy: number) => (e.shiftKey ? grow(dx, dy) : moveBy(rect, dx, dy, image));
    let next: CropRect;
    switch (e.key) {
      case 'ArrowLeft':
        next = move(-step, 0);
        break;
      case 'ArrowRight':
        next = move(step, 0);
        break;
      case 'ArrowUp':
        next = move(0, -step);
        break;
      case 'ArrowDown':
        next = move(0, step);
        break;
      case 'PageUp':
        next = move(0, -coarse);
        break;
      case 'PageDown':
        next = move(0, coarse);
        break;
      case 'Home':
        next = edge ? moveTo(rect, rect.x, 0, image) : moveTo(rect, 0, rect.y, image);
        break;
      case 'End':
        next = edge ? moveTo(rect, rect.x, image.height, image) : moveTo(rect, image.width, rect.y, image);
        break;
      case 'Enter':
        e.preventDefault();
        this.crop();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.change(next);
  }

  private onPointerDown(e: PointerEvent) {
    if (!this.selection || !this.imageSize || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const target = e.composedPath()[0] as Element;
    const handle = (target.closest?.('[data-handle]')?.getAttribute('data-handle') as Handle | null) ?? 'move';
    const box = e.currentTarget as HTMLElement;
    e.preventDefault();
    box.focus();
    try {
      box.setPointerCapture(e.pointerId);
    } catch {
      // A pointer that is no longer active cannot be captured; moves over the box still work.
    }
    this.drag = {
      pointerId: e.pointerId,
      handle,
      start: this.selection,
      clientX: e.clientX,
      clientY: e.clientY,
      scale: this.stage.getBoundingClientRect().width / this.imageSize.width,
    };
  }

  private onPointerMove(e: PointerEvent) {
    const drag = this.drag;
    const image = this.imageSize;
    if (!drag || !image || e.pointerId !== drag.pointerId) return;
    const dx = (e.clientX - drag.clientX) / drag.scale;
    const dy = (e.clientY - drag.clientY) / drag.scale;
    if (drag.handle === 'move') {
      const moved = moveBy(drag.start, dx, dy, image);
      this.change(snapToEdges(moved, image, SNAP_CSS / drag.scale));
    } else {
      const minSize = Math.max(1, Math.round(MIN_BOX_CSS / drag.scale));
      this.change(resizeFromHandle(drag.start, drag.handle, dx, dy, image, { ...this.resizeOptions, minSize }));
    }
  }

  private onPointerUp(e: PointerEvent) {
    if (this.drag && e.pointerId === this.drag.pointerId) this.drag = undefined;
  }

  private change(next: CropRect) {
    const prev = this.selection;
    if (prev && prev.x === next.x && prev.y === next.y && prev.width === next.width && prev.height === next.height) return;
    this.selection = next;
    this.scheduleAnnouncement();
  }

  private scheduleAnnouncement() {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const r = this.selection;
      // Worded in a timer, outside an update: in the widget's language all the same.
      if (r) this.announcement = inLanguageOf(this, () => msg(str`Crop ${r.width} by ${r.height} at ${r.x}, ${r.y}`));
    }, ANNOUNCE_DELAY);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-crop-view': CropView;
  }
}
