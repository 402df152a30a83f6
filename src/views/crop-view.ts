// The crop step: the image scaled to fit, a crop box to drag or resize by pointer, touch or
// keyboard, tools to turn, mirror and zoom the picture, aspect choices, and Crop / Skip / Back
// (and Apply to all in a batch with a fixed aspect). It sends intents only: `crop-done` with the
// box in source pixels of the picture as it will be stored (EXIF orientation applied, as
// Cloudinary's custom_coordinates mean) and, when it was turned, the turned file; `crop-skip`,
// `crop-back`; and, given a `pick`, `crop-finish` with the whole pick once each picture is decided
// (crop-batch.ts). The box, the turn and the zoom live here, not in the store: they are the view's
// own input state until Crop turns them into a file and upload parameters.
//
// Keyboard on the focused box (the image is physical, so arrows mean screen directions even in
// right-to-left pages): Arrow moves 5% of the longer side, Alt+Arrow 1%; Shift+Arrow resizes from
// the top-left corner (Right/Down grow, Left/Up shrink; the aspect ratio is kept); PageUp/PageDown
// move up/down 10%, with Shift shrink/grow 10%; Home/End snap to the left/right edge,
// Ctrl/Cmd+Home/End to the top/bottom edge; Enter crops.
import { LitElement, css, html, svg, nothing, type PropertyValues } from 'lit';
import { srOnly } from './shared-styles.js';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg, str } from '@lit/localize';
import { inLanguageOf, localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import type { WidgetOptions } from '../options.js';
import {
  ASPECT_CHOICES,
  HANDLES,
  carryCrop,
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
import { intent } from '../dispatch.js';
import { cssProps } from './css-props.js';
import { TURN_STEPS, UPRIGHT, drawTransform, isUpright, turnRect, turnedSize, type Turn, type TurnStep } from '../core/orientation.js';
import { canTurn, imageSize as measure, turnImage } from '../core/image.js';
import { decodeHeic, isHeic } from '../core/heic.js';
import { CropBatch, type CropFinishDetail, type CropPick } from './crop-batch.js';

/** The crop, in pixels of the picture as it goes; `file` is the picture turned, when it was. */
export type CropDoneDetail = CropRect & { file?: File };

/**
 * The crop of one picture (of `image`'s size, as it goes) carried to others (Apply to all): each
 * gets the same centre and share of its largest box of the aspect; a picture that cannot be read gets none.
 */
function cropsFor(files: readonly File[], crop: CropRect, image: Size, aspect: number): Promise<Array<CropRect | undefined>> {
  return Promise.all(
    files.map(async (file) => {
      const size = await measure(file);
      return size && carryCrop(crop, image, size, aspect);
    }),
  );
}

/** Zoom steps: each press multiplies or divides by this, from 1 (the picture fits) to MAX_ZOOM. */
const ZOOM_STEP = 1.5;
const MAX_ZOOM = 4;

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

const stroke = (d: string) => svg`<path d=${d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;
const BACK_ICON = stroke('M15 5l-7 7 7 7');
const CROP_ICON = stroke('M7 3v14h14M3 7h14v14');
const TOOL_ICONS = {
  'rotate-left': stroke('M4 4v5h5M4.6 9A8 8 0 1 1 6 17'),
  'rotate-right': stroke('M20 4v5h-5M19.4 9A8 8 0 1 0 18 17'),
  'flip-horizontal': stroke('M12 3v18M9 6L3 18h6zM15 6l6 12h-6z'),
  'flip-vertical': stroke('M3 12h18M6 9L18 3v6zM6 15l12 6v-6z'),
  'zoom-in': stroke('M10.5 3.5a7 7 0 1 0 0 14a7 7 0 1 0 0-14M15.5 15.5L21 21M7.5 10.5h6M10.5 7.5v6'),
  'zoom-out': stroke('M10.5 3.5a7 7 0 1 0 0 14a7 7 0 1 0 0-14M15.5 15.5L21 21M7.5 10.5h6'),
};

/** A ratio as w:h in small whole numbers where it is one (1.5 is 3:2), else to two decimals against 1. */
function ratioLabel(aspect: number): string {
  for (let h = 1; h <= 20; h++) {
    const w = aspect * h;
    if (Math.abs(w - Math.round(w)) < 1e-3) return `${Math.round(w)}:${h}`;
  }
  return `${Math.round(aspect * 100) / 100}:1`;
}

/** What the crop view reads of the options: the crop's own, and the size limits a crop may be held to. */
export type CropOptions = Pick<
  WidgetOptions,
  | 'croppingAspectRatio'
  | 'croppingDefaultSelectionRatio'
  | 'croppingShowDimensions'
  | 'croppingCoordinatesMode'
  | 'croppingShowBackButton'
  | 'croppingValidateDimensions'
  | 'showSkipCropButton'
  | 'minImageWidth'
  | 'minImageHeight'
  | 'maxImageWidth'
  | 'maxImageHeight'
>;

@element('uw-crop-view')
@localized()
export class CropView extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /**
   * The pictures of a pick to crop one after another; `crop-finish` sends the pick back with each
   * file's crop. (Alone, `file` is one picture whose crop goes out as `crop-done`.)
   */
  @property({ attribute: false }) pick?: CropPick;
  /** The image to crop; it is never changed (the shell uploads it, or its turned copy, with the coordinates). */
  @property({ attribute: false }) file?: File;
  /** The options it reads (the element's, in force), set with `pick` or `file`. */
  @property({ attribute: false }) options!: CropOptions;

  /** The crop box in source pixels of the picture as it goes (turned); undefined until the image is decoded. */
  @state() selection?: CropRect;
  /** The picture's size as it goes (turned), in source pixels. */
  @state() imageSize?: Size;
  /** How the picture is turned from upright. */
  @state() turn: Turn = UPRIGHT;
  /** width ÷ height the box keeps; free when undefined. */
  @state() aspect?: number;
  /** 1: the picture fits; up to MAX_ZOOM. */
  @state() zoom = 1;
  @state() private failed = false;
  @state() private busy = false;
  /** Turning failed here (the browser could not redraw this picture). */
  @state() private cannotTurn = false;
  @state() private announcement = '';

  @query('canvas') private canvas!: HTMLCanvasElement;
  @query('.stage') private stage!: HTMLElement;
  @query('.frame') private frame!: HTMLElement;

  /** The upright picture at preview size (at most PREVIEW_MAX), drawn turned into the canvas. */
  private preview?: ImageBitmap;
  /** The upright picture's size in source pixels. */
  private uprightSize?: Size;
  /** What the canvas shows now, so it is drawn only when the picture or its turn changes. */
  private painted?: { preview: ImageBitmap; turn: Turn };
  private decoding: Promise<void> = Promise.resolve();
  private drag?: Drag;
  /** Touch points on the frame, for the pinch. */
  private readonly touches = new Map<number, { x: number; y: number }>();
  private pinch?: { distance: number; zoom: number };
  /** The picture's size on screen when it fits (zoom 1), while zoomed. */
  private fitted?: Size;
  private announceTimer?: ReturnType<typeof setTimeout>;
  private batch?: CropBatch;
  /** The file `decoding` is for. */
  private decodingFile?: File;

  static override styles = [
    srOnly,
    css`
    :host {
      display: block;
      color: var(--uw-color-text-dark, #000);
    }
    .frame {
      display: flex;
      /* Room for the handles that overhang the image's edges. */
      padding: var(--uw-space-2, 12px);
      background: var(--uw-color-source-bg, #e4ebf1);
      border-radius: var(--uw-radius, 8px);
      /* Zoomed in, the picture scrolls inside the frame (two fingers pinch, one pans); at rest the
         handles' wider touch targets may overhang it without making it scroll. */
      overflow: hidden;
      max-block-size: calc(var(--uw-crop-max-height, 60vh) + 2 * var(--uw-space-2, 12px));
      box-sizing: border-box;
      touch-action: pan-x pan-y;
    }
    /* Image pixels are physical (x grows rightwards in every writing direction), so the stage
       is left-to-right and the logical properties below are the physical ones. */
    .stage {
      position: relative;
      /* Centred while it fits, scrollable to every edge when it does not. */
      margin: auto;
      min-inline-size: 0;
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
    .frame[data-zoomed] {
      overflow: auto;
    }
    .stage[data-zoomed] {
      flex: none;
    }
    .stage[data-zoomed] canvas {
      max-inline-size: none;
      max-block-size: none;
      inline-size: var(--uw-crop-zoomed-width);
      block-size: var(--uw-crop-zoomed-height);
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
    .toolbar,
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--uw-space-1, 8px);
      margin-block-start: var(--uw-space-2, 12px);
    }
    .tools {
      margin-block-start: var(--uw-space-1, 8px);
    }
    .spacer {
      flex: 1;
    }
    .tool-group,
    .aspects {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    button.tool {
      padding: 0;
      inline-size: 40px;
      block-size: 40px;
      justify-content: center;
    }
    button.tool svg {
      inline-size: 22px;
      block-size: 22px;
    }
    button.tool:disabled {
      background: var(--uw-color-window, #fff);
      opacity: 0.4;
    }
    button.chip {
      padding: 0.3em 0.8em;
      min-block-size: 40px;
      border-radius: 999px;
    }
    button.chip[aria-checked='true'] {
      background: var(--uw-color-link, #0070ef);
      border-color: var(--uw-color-link, #0070ef);
      color: var(--uw-color-text-light, #fff);
    }
    button.chip[aria-checked='true']:hover {
      background: color-mix(in srgb, var(--uw-color-link) 85%, var(--uw-color-text-dark));
    }
    .position {
      margin: 0;
      font-weight: 600;
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
      button.tool { inline-size: 44px; block-size: 44px; }
      button.chip { min-block-size: 44px; min-inline-size: 44px; padding: 0 0.6em; justify-content: center; }
    }
  `,
  ];

  /** Focus goes to the crop box once there is one (the frame scrolls when zoomed, so it can take focus too). */
  override focus(options?: FocusOptions): void {
    const box = this.renderRoot?.querySelector<HTMLElement>('.box');
    if (box) box.focus(options);
    else super.focus(options);
  }

  /** Resolves once the image is decoded and shown, so callers can read `selection`. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.decoding;
    return super.getUpdateComplete();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
    this.preview?.close();
    this.preview = undefined;
    this.painted = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pick')) {
      this.batch = this.pick && new CropBatch(this.pick, this.options.croppingCoordinatesMode);
      this.file = this.batch?.file;
    }
    if ((changed.has('file') || changed.has('pick')) && this.file !== this.decodingFile) {
      this.aspect = this.options.croppingAspectRatio || undefined;
      this.decoding = this.decode(this.file);
    } else if (changed.has('options') && this.imageSize) {
      const old = changed.get('options') as CropOptions | undefined;
      const o = this.options;
      if (old?.croppingAspectRatio !== o.croppingAspectRatio || old?.croppingDefaultSelectionRatio !== o.croppingDefaultSelectionRatio) {
        this.aspect = o.croppingAspectRatio || undefined;
        this.selection = this.startSelection(this.imageSize);
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.paint();
    if (changed.has('zoom')) this.keepBoxInView();
  }

  private async decode(file: File | undefined): Promise<void> {
    this.decodingFile = file;
    this.preview?.close();
    this.preview = undefined;
    this.uprightSize = undefined;
    this.selection = undefined;
    this.imageSize = undefined;
    this.turn = UPRIGHT;
    this.zoom = 1;
    this.fitted = undefined;
    this.cannotTurn = false;
    this.failed = false;
    if (!file) return;
    try {
      // from-image: EXIF orientation applied, so the box is drawn on (and measured in) the upright image.
      // A HEIC this browser cannot decode goes through libheif (loaded only then).
      const options = { imageOrientation: 'from-image' } as const;
      const full = await createImageBitmap(file, options).catch(async (e: unknown) => {
        const heic = isHeic(file) ? await decodeHeic(file, options) : undefined;
        if (!heic) throw e;
        return heic;
      });
      const size = { width: full.width, height: full.height };
      const scale = Math.min(1, PREVIEW_MAX / Math.max(size.width, size.height));
      // Only the preview is kept: a 50-megapixel photo is not held at full size while it is cropped.
      const preview =
        scale < 1
          ? await createImageBitmap(full, {
              resizeWidth: Math.max(1, Math.round(size.width * scale)),
              resizeHeight: Math.max(1, Math.round(size.height * scale)),
              resizeQuality: 'high',
            })
          : full;
      if (preview !== full) full.close();
      if (file !== this.file) {
        preview.close(); // another file arrived while this one decoded
        return;
      }
      this.preview = preview;
      this.uprightSize = size;
      this.imageSize = size;
      this.selection = this.startSelection(size);
    } catch {
      if (file === this.file) this.failed = true;
    }
  }

  /** Draws the preview into the canvas, turned, when the picture or its turn changed. */
  private paint() {
    const preview = this.preview;
    if (!preview || !this.canvas) return;
    if (this.painted?.preview === preview && this.painted.turn === this.turn) return;
    const size = { width: preview.width, height: preview.height };
    const out = turnedSize(size, this.turn);
    this.canvas.width = out.width;
    this.canvas.height = out.height;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(...drawTransform(size, this.turn));
    ctx.drawImage(preview, 0, 0);
    this.painted = { preview, turn: this.turn };
  }

  private startSelection(image: Size): CropRect {
    return defaultSelection(image, this.options.croppingDefaultSelectionRatio, this.aspect);
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

  /** The aspects offered: the fixed list, and the site's croppingAspectRatio where it is not in it. */
  private get aspects(): Array<number | undefined> {
    const list = ASPECT_CHOICES.map((c) => (c ? c[0] / c[1] : undefined));
    const own = this.options.croppingAspectRatio;
    return own && !list.some((a) => a && Math.abs(a - own) < 1e-3) ? [...list, own] : list;
  }

  private sameAspect = (a: number | undefined, b: number | undefined) => (a === undefined ? b === undefined : b !== undefined && Math.abs(a - b) < 1e-3);

  override render() {
    const o = this.options;
    const rect = this.selection;
    const image = this.imageSize;
    const problem = this.problem;
    const position = this.batch?.position;
    // Apply to all needs an aspect, so every picture gets a box of the same shape.
    const applyAll = !!position && position.index < position.count && this.aspect !== undefined;
    return html`
      <div class="frame" part="crop-frame" ?data-zoomed=${this.zoom > 1} @wheel=${this.onWheel} @pointerdown=${this.onFramePointer} @pointermove=${this.onFramePointer} @pointerup=${this.onFrameRelease} @pointercancel=${this.onFrameRelease}>
        ${
          this.failed
            ? html`<p class="error" role="alert">${msg('This image could not be read, so it cannot be cropped.')}</p>`
            : html`<div
              class="stage"
              part="crop-stage"
              ?data-zoomed=${this.zoom > 1}
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
          'Arrow keys move the crop area, with Alt in small steps. Shift with an arrow key resizes it: right and down grow, left and up shrink. Page Up and Page Down move it further. Home and End move it to the left and right edges; with Control or Command, to the top and bottom edges. Enter crops.',
        )}
      </p>
      <div class="sr-only" role="status" aria-live="polite" data-announcer>${this.announcement}</div>
      ${image ? this.renderTools() : nothing}
      ${problem ? html`<p id="reason" class="reason" part="crop-reason">${problem}</p>` : nothing}
      ${this.cannotTurn ? html`<p class="reason" role="alert">${msg('This picture cannot be turned in this browser; it can be cropped as it is.')}</p>` : nothing}
      <div class="toolbar" part="crop-actions">
        ${
          o.croppingShowBackButton
            ? html`<button type="button" data-action="back" @click=${() => intent(this, 'crop-back', {})}>
              <svg viewBox="0 0 24 24" aria-hidden="true">${BACK_ICON}</svg>${t('back', msg('Back'))}
            </button>`
            : nothing
        }
        ${position ? html`<p class="position" part="crop-position">${msg(str`Image ${position.index} of ${position.count}`)}</p>` : nothing}
        <span class="spacer"></span>
        ${
          o.showSkipCropButton
            ? html`<button type="button" data-action="skip" ?disabled=${this.busy} @click=${this.skip}>${t('crop.skip_btn', msg('Skip'))}</button>`
            : nothing
        }
        ${
          applyAll
            ? html`<button type="button" data-action="apply-all" ?disabled=${!rect || !!problem || this.busy} @click=${this.applyToAll}>
              ${msg('Apply to all')}
            </button>`
            : nothing
        }
        <button
          type="button"
          class="primary"
          data-action="crop"
          ?disabled=${!rect || !!problem || this.busy}
          aria-describedby=${problem ? 'reason' : nothing}
          @click=${this.crop}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">${CROP_ICON}</svg>${t('crop.crop_btn', msg('Crop'))}
        </button>
      </div>
    `;
  }

  private renderTools() {
    const tool = (name: keyof typeof TOOL_ICONS, label: string, onClick: () => void, disabled = false) =>
      html`<button type="button" class="tool" data-tool=${name} aria-label=${label} title=${label} ?disabled=${disabled || this.busy} @click=${onClick}>
        <svg viewBox="0 0 24 24" aria-hidden="true">${TOOL_ICONS[name]}</svg>
      </button>`;
    const turnable = !!this.file && canTurn(this.file.type) && !this.cannotTurn;
    const checked = this.aspects.findIndex((a) => this.sameAspect(a, this.aspect));
    return html`<div class="tools" part="crop-tools">
      <div class="tool-group" role="group" aria-label=${msg('Edit image')}>
        ${
          turnable
            ? html`${tool('rotate-left', msg('Rotate left'), () => this.applyTurn('rotate-left'))}
              ${tool('rotate-right', msg('Rotate right'), () => this.applyTurn('rotate-right'))}
              ${tool('flip-horizontal', msg('Flip horizontal'), () => this.applyTurn('flip-horizontal'))}
              ${tool('flip-vertical', msg('Flip vertical'), () => this.applyTurn('flip-vertical'))}`
            : nothing
        }
        ${tool('zoom-out', msg('Zoom out'), () => this.zoomTo(this.zoom / ZOOM_STEP), this.zoom <= 1)}
        ${tool('zoom-in', msg('Zoom in'), () => this.zoomTo(this.zoom * ZOOM_STEP), this.zoom >= MAX_ZOOM)}
      </div>
      <div class="aspects" role="radiogroup" aria-label=${msg('Aspect ratio')} @keydown=${this.onAspectKey}>
        ${this.aspects.map(
          (a, i) => html`<button
            type="button"
            class="chip"
            role="radio"
            data-aspect=${a ?? 'free'}
            aria-checked=${i === checked ? 'true' : 'false'}
            tabindex=${i === Math.max(checked, 0) ? 0 : -1}
            ?disabled=${this.busy}
            @click=${() => this.chooseAspect(a)}
          >${a === undefined ? msg('Free') : ratioLabel(a)}</button>`,
        )}
      </div>
    </div>`;
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

  /** The crop as it goes: the box, and the turned file when the picture was turned. */
  private async result(): Promise<CropDoneDetail | undefined> {
    const file = this.file;
    if (!this.selection || this.problem || !file || this.busy) return undefined;
    const rect = { ...this.selection };
    if (isUpright(this.turn)) return rect;
    this.busy = true;
    try {
      const turned = await turnImage(file, this.turn);
      return turned ? { ...rect, file: turned } : rect;
    } finally {
      this.busy = false;
    }
  }

  private async crop() {
    const detail = await this.result().catch(() => this.turnFailed());
    if (!detail) return;
    intent<CropDoneDetail>(this, 'crop-done', detail);
    this.batch?.decide(detail);
    this.next();
  }

  private skip() {
    intent(this, 'crop-skip', {});
    this.batch?.decide();
    this.next();
  }

  /** This crop for the pictures after this one too (same aspect, centre and share of the picture). */
  private async applyToAll() {
    const { batch, imageSize: image, aspect } = this;
    const crop = await this.result().catch(() => this.turnFailed());
    if (!batch || !crop || !image || !aspect) return;
    this.busy = true;
    const rest = await cropsFor(batch.rest, crop, image, aspect);
    this.busy = false;
    if (batch !== this.batch) return;
    batch.decideAll(crop, rest);
    this.next();
  }

  /** The batch's next picture, with focus on its crop box; the pick goes back once all are decided. */
  private next() {
    const batch = this.batch;
    if (!batch) return;
    const file = batch.file;
    if (!file) {
      intent<CropFinishDetail>(this, 'crop-finish', batch.result);
      return;
    }
    this.file = file;
    this.aspect = this.options.croppingAspectRatio || undefined;
    this.decoding = this.decode(file);
    void this.updateComplete.then(() => this.focus());
  }

  /** The browser could not redraw the picture turned: it is shown upright again, without the turn tools, and says so. */
  private turnFailed(): undefined {
    this.cannotTurn = true;
    this.turn = UPRIGHT;
    this.zoom = 1;
    this.fitted = undefined;
    if (this.uprightSize) {
      this.imageSize = this.uprightSize;
      this.selection = this.startSelection(this.uprightSize);
    }
    return undefined;
  }

  /** Turns the picture one step; the box follows it (or starts anew when its fixed shape no longer fits). */
  private applyTurn(step: TurnStep) {
    const image = this.imageSize;
    if (!image || !this.uprightSize) return;
    // Turned, the picture fits anew (a quarter turn swaps its sides).
    this.zoom = 1;
    this.fitted = undefined;
    this.turn = TURN_STEPS[step](this.turn);
    const next = turnedSize(this.uprightSize, this.turn);
    this.imageSize = next;
    const turnsShape = step.startsWith('rotate') && this.aspect !== undefined && Math.abs(this.aspect - 1) > 1e-3;
    this.selection = this.selection && !turnsShape ? turnRect(this.selection, image, step) : this.startSelection(next);
    this.scheduleAnnouncement();
  }

  private chooseAspect(aspect: number | undefined) {
    if (this.sameAspect(aspect, this.aspect) || !this.imageSize) return;
    this.aspect = aspect;
    this.selection = this.startSelection(this.imageSize);
    this.scheduleAnnouncement();
  }

  /** Arrow keys move the choice (and focus) along the radio group, as radios do. */
  private onAspectKey(e: KeyboardEvent) {
    const forward = e.key === 'ArrowRight' || e.key === 'ArrowDown';
    const backward = e.key === 'ArrowLeft' || e.key === 'ArrowUp';
    if (!forward && !backward) return;
    e.preventDefault();
    const aspects = this.aspects;
    const at = aspects.findIndex((a) => this.sameAspect(a, this.aspect));
    // In a right-to-left page the row runs the other way.
    const rtl = getComputedStyle(this).direction === 'rtl' && (e.key === 'ArrowRight' || e.key === 'ArrowLeft');
    const next = (at + (forward !== rtl ? 1 : -1) + aspects.length) % aspects.length;
    this.chooseAspect(aspects[next]);
    void this.updateComplete.then(() => this.renderRoot.querySelectorAll<HTMLElement>('.chip')[next]?.focus());
  }

  private zoomTo(zoom: number) {
    const next = Math.min(MAX_ZOOM, Math.max(1, Math.round(zoom * 100) / 100));
    if (next === this.zoom || !this.canvas) return;
    // The picture's size when it fits, measured while it does: several steps before the next draw
    // (a fast wheel) all scale that size, not a size that is about to change.
    if (this.zoom === 1 || !this.fitted) {
      const shown = this.canvas.getBoundingClientRect();
      this.fitted = { width: shown.width / this.zoom, height: shown.height / this.zoom };
    }
    this.stage?.style.setProperty('--uw-crop-zoomed-width', `${this.fitted.width * next}px`);
    this.stage?.style.setProperty('--uw-crop-zoomed-height', `${this.fitted.height * next}px`);
    this.zoom = next;
  }

  /** After a zoom the crop box stays in the middle of what the frame shows. */
  private keepBoxInView() {
    const frame = this.frame;
    const box = this.renderRoot.querySelector<HTMLElement>('.box');
    if (!frame || !box) return;
    const f = frame.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    frame.scrollLeft += b.left + b.width / 2 - (f.left + f.width / 2);
    frame.scrollTop += b.top + b.height / 2 - (f.top + f.height / 2);
  }

  private onWheel(e: WheelEvent) {
    if (!this.imageSize || e.deltaY === 0) return;
    e.preventDefault();
    this.zoomTo(this.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
  }

  /** Two fingers on the frame pinch the zoom; the box's own drag stops meanwhile. */
  private onFramePointer(e: PointerEvent) {
    if (e.pointerType !== 'touch') return;
    if (e.type === 'pointerdown' || this.touches.has(e.pointerId)) this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (this.touches.size !== 2) return;
    const [a, b] = [...this.touches.values()];
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    if (!this.pinch) {
      this.drag = undefined;
      this.pinch = { distance, zoom: this.zoom };
    } else if (this.pinch.distance > 0) this.zoomTo((this.pinch.zoom * distance) / this.pinch.distance);
  }

  private onFrameRelease(e: PointerEvent) {
    this.touches.delete(e.pointerId);
    if (this.touches.size < 2) this.pinch = undefined;
  }

  private get resizeOptions() {
    return { aspect: this.aspect, minSize: 1 };
  }

  private onKeyDown(e: KeyboardEvent) {
    const rect = this.selection;
    const image = this.imageSize;
    if (!rect || !image) return;
    const step = keyboardStep(image, e.altKey);
    const coarse = keyboardStep(image) * 2;
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
        void this.crop();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.change(next);
    // Zoomed in, the box moved by keys stays in sight (the frame scrolls to it).
    if (this.zoom > 1) void this.updateComplete.then(() => this.renderRoot.querySelector('.box')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
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
