// Crop geometry, headless: one rectangle in the source pixels of the image as displayed upright
// (EXIF orientation applied), which is what Cloudinary's custom_coordinates refer to.
// Every function returns a new rectangle of whole pixels that lies inside the image.
import type { EngineOptions } from './engine-options.js';

/** How crop coordinates are sent: Cloudinary's `custom_coordinates` or `face_coordinates`. */
export type CoordinatesMode = 'custom' | 'face';

/** A crop outside the image dimension limits: which side, its size, and the limit it breaks. */
export interface CropProblem {
  side: 'width' | 'height';
  size: number;
  min?: number;
  max?: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Handles by compass point: n/s move the top/bottom edge, e/w the right/left edge. */
export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export interface ResizeOptions {
  /** width ÷ height to keep; free when undefined. */
  aspect?: number;
  /** Smallest side in source pixels (the view passes one that keeps the handles apart on screen). */
  minSize?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** The largest size of the given aspect that fits in the image (the image itself when free). */
function largestWithAspect(image: Size, aspect?: number): Size {
  if (!aspect) return { width: image.width, height: image.height };
  const width = Math.min(image.width, image.height * aspect);
  return { width, height: width / aspect };
}

/** The starting box: `ratio` (0.1–1) of the largest box of the aspect, centred. */
export function defaultSelection(image: Size, ratio = 1, aspect?: number): CropRect {
  const base = largestWithAspect(image, aspect);
  const r = clamp(ratio, 0.1, 1);
  const width = clamp(Math.round(base.width * r), 1, image.width);
  const height = clamp(aspect ? Math.round(width / aspect) : Math.round(base.height * r), 1, image.height);
  return { x: Math.round((image.width - width) / 2), y: Math.round((image.height - height) / 2), width, height };
}

/** Places the box at (x, y), kept inside the image; its size does not change. */
export function moveTo(rect: CropRect, x: number, y: number, image: Size): CropRect {
  return {
    ...rect,
    x: clamp(Math.round(x), 0, image.width - rect.width),
    y: clamp(Math.round(y), 0, image.height - rect.height),
  };
}

export function moveBy(rect: CropRect, dx: number, dy: number, image: Size): CropRect {
  return moveTo(rect, rect.x + dx, rect.y + dy, image);
}

/** Pulls a box that is within `threshold` pixels of an image edge onto that edge, as a drag lets go. */
export function snapToEdges(rect: CropRect, image: Size, threshold: number): CropRect {
  const snap = (pos: number, size: number, extent: number) => (pos <= threshold ? 0 : extent - (pos + size) <= threshold ? extent - size : pos);
  return { ...rect, x: snap(rect.x, rect.width, image.width), y: snap(rect.y, rect.height, image.height) };
}

/** -1 when the handle moves the start edge (left/top), 1 the end edge, 0 when it leaves this axis alone. */
function direction(handle: Handle, axis: 'x' | 'y'): -1 | 0 | 1 {
  if (axis === 'x') return handle.includes('w') ? -1 : handle.includes('e') ? 1 : 0;
  return handle.startsWith('n') ? -1 : handle.startsWith('s') ? 1 : 0;
}

/** Rounds a size to whole pixels within [min, max] in width, with the height following the aspect when set. */
function fitSize(width: number, height: number, maxW: number, maxH: number, opts: ResizeOptions): Size {
  const minSize = opts.minSize ?? 1;
  const aspect = opts.aspect;
  if (aspect) {
    const top = Math.min(maxW, maxH * aspect);
    const bottom = Math.min(top, Math.max(minSize, minSize * aspect));
    const w = Math.max(1, Math.round(clamp(width, bottom, top)));
    // w ≤ maxH·aspect, so the rounded height never exceeds maxH (a whole number).
    return { width: w, height: clamp(Math.round(w / aspect), 1, maxH) };
  }
  return {
    width: Math.round(clamp(width, Math.min(minSize, maxW), maxW)),
    height: Math.round(clamp(height, Math.min(minSize, maxH), maxH)),
  };
}

/**
 * Resizes `start` as if `handle` were dragged by (dx, dy) source pixels: the opposite edge stays
 * put; with an aspect ratio the other side follows, and an edge handle keeps the box centred on
 * the other axis (sliding it back inside the image when needed).
 */
export function resizeFromHandle(start: CropRect, handle: Handle, dx: number, dy: number, image: Size, opts: ResizeOptions = {}): CropRect {
  const hx = direction(handle, 'x');
  const hy = direction(handle, 'y');
  const room = (dir: number, pos: number, size: number, extent: number) => (dir === 1 ? extent - pos : dir === -1 ? pos + size : extent);
  const roomW = room(hx, start.x, start.width, image.width);
  const roomH = room(hy, start.y, start.height, image.height);
  let width = start.width + hx * dx;
  let height = start.height + hy * dy;
  if (opts.aspect) {
    // A corner follows whichever side the pointer stretched more; an edge drives its own side.
    const byWidth = hy === 0 || (hx !== 0 && Math.abs(width / start.width - 1) >= Math.abs(height / start.height - 1));
    if (byWidth) height = width / opts.aspect;
    else width = height * opts.aspect;
  }
  const size = fitSize(width, height, roomW, roomH, opts);
  const place = (dir: number, pos: number, oldSize: number, newSize: number, extent: number) =>
    dir === 1 ? pos : dir === -1 ? pos + oldSize - newSize : clamp(Math.round(pos + (oldSize - newSize) / 2), 0, extent - newSize);
  return {
    x: place(hx, start.x, start.width, size.width, image.width),
    y: place(hy, start.y, start.height, size.height, image.height),
    ...size,
  };
}

/**
 * Grows (positive) or shrinks (negative) the box by (dw, dh) from its top-left corner, for the
 * keyboard; at the image's right or bottom edge the box slides back so it can still grow.
 */
export function resizeBy(rect: CropRect, dw: number, dh: number, image: Size, opts: ResizeOptions = {}): CropRect {
  let width = rect.width + dw;
  let height = rect.height + dh;
  if (opts.aspect) {
    if (dw !== 0) height = width / opts.aspect;
    else width = height * opts.aspect;
  }
  const size = fitSize(width, height, image.width, image.height, opts);
  return {
    x: clamp(rect.x, 0, image.width - size.width),
    y: clamp(rect.y, 0, image.height - size.height),
    ...size,
  };
}

/** One keyboard step: 5% of the image's longer side (1% when `fine`), at least a pixel. */
export function keyboardStep(image: Size, fine = false): number {
  return Math.max(1, Math.round((Math.max(image.width, image.height) * (fine ? 1 : 5)) / 100));
}

/** The aspect choices the crop view offers, width:height; `undefined` is free. */
export const ASPECT_CHOICES: ReadonlyArray<readonly [number, number] | undefined> = [undefined, [1, 1], [4, 3], [16, 9], [3, 4], [9, 16]];

/**
 * The crop of `rect` (on an image of `from`) carried over to an image of `to`: the same centre and
 * the same share of the largest box of the aspect, as "Apply to all" does for a batch.
 */
export function carryCrop(rect: CropRect, from: Size, to: Size, aspect?: number): CropRect {
  const fromBase = largestWithAspect(from, aspect);
  const toBase = largestWithAspect(to, aspect);
  const share = Math.min(1, rect.width / fromBase.width);
  const width = clamp(Math.round(toBase.width * share), 1, to.width);
  const height = clamp(aspect ? Math.round(width / aspect) : Math.round(toBase.height * Math.min(1, rect.height / fromBase.height)), 1, to.height);
  const cx = ((rect.x + rect.width / 2) / from.width) * to.width;
  const cy = ((rect.y + rect.height / 2) / from.height) * to.height;
  return moveTo({ x: 0, y: 0, width, height }, cx - width / 2, cy - height / 2, to);
}

export type DimensionLimits = Pick<EngineOptions, 'minImageWidth' | 'minImageHeight' | 'maxImageWidth' | 'maxImageHeight'>;

/** Why the crop breaks the min/max image dimensions (croppingValidateDimensions), or undefined. */
export function cropProblem(rect: CropRect, limits: DimensionLimits): CropProblem | undefined {
  const { width, height } = rect;
  const { minImageWidth: minW, minImageHeight: minH, maxImageWidth: maxW, maxImageHeight: maxH } = limits;
  if (minW && width < minW) return { side: 'width', size: width, min: minW };
  if (minH && height < minH) return { side: 'height', size: height, min: minH };
  if (maxW && width > maxW) return { side: 'width', size: width, max: maxW };
  if (maxH && height > maxH) return { side: 'height', size: height, max: maxH };
  return undefined;
}

/** The upload parameter Cloudinary stores the crop in: `custom_coordinates` or `face_coordinates` = "x,y,w,h". */
export function coordinatesOverride(rect: CropRect, mode: CoordinatesMode = 'custom'): { custom_coordinates: string } | { face_coordinates: string } {
  const value = [rect.x, rect.y, rect.width, rect.height].map((n) => Math.round(n)).join(',');
  return mode === 'face' ? { face_coordinates: value } : { custom_coordinates: value };
}

/**
 * Rescales coordinates (`"x,y,w,h|x,y,w,h"`) measured on the original image to an image scaled by
 * `factor`, for files downscaled in the browser after they were cropped.
 */
export function scaleCoordinates(value: string, factor: number): string {
  return value
    .split('|')
    .map((rect) =>
      rect
        .split(',')
        .map((n) => Math.round(Number(n) * factor))
        .join(','),
    )
    .join('|');
}
