// Turning and mirroring a picture, headless. A turn is how the picture a person sees is drawn from
// the upright image (EXIF orientation applied): first `quarters` quarter turns clockwise, then a
// left-right mirror when `mirrored`. The eight turns are EXIF's eight orientations, so a JPEG is
// turned without touching its image data: its Orientation tag says the new turn (lossless, and only
// the head of the file is read). Other files have their pixels redrawn (image.ts).
import type { CropRect, Size } from './crop.js';
import { DamagedJpeg, EXIF_HEADER, RangeReader, ascii, jpegSegments } from './jpeg-segments.js';

export interface Turn {
  /** Quarter turns clockwise, 0–3. */
  readonly quarters: number;
  /** Mirrored left to right after turning. */
  readonly mirrored: boolean;
}

export const UPRIGHT: Turn = { quarters: 0, mirrored: false };

const quarter = (n: number) => ((n % 4) + 4) % 4;

// A mirror reverses the sense of a later rotation (R·F = F·R⁻¹), hence the sign below.
const rotateRight = (t: Turn): Turn => ({ quarters: quarter(t.quarters + (t.mirrored ? -1 : 1)), mirrored: t.mirrored });
const rotateLeft = (t: Turn): Turn => ({ quarters: quarter(t.quarters + (t.mirrored ? 1 : -1)), mirrored: t.mirrored });
const flipHorizontal = (t: Turn): Turn => ({ quarters: t.quarters, mirrored: !t.mirrored });
/** Top to bottom: a left-right mirror and a half turn. */
const flipVertical = (t: Turn): Turn => ({ quarters: quarter(t.quarters + 2), mirrored: !t.mirrored });

export const isUpright = (t: Turn) => t.quarters === 0 && !t.mirrored;

/** The size of `size` turned: sides swap on an odd number of quarter turns. */
export function turnedSize(size: Size, t: Turn): Size {
  return t.quarters % 2 ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
}

/** One step of editing, as the crop view offers them. */
export type TurnStep = 'rotate-left' | 'rotate-right' | 'flip-horizontal' | 'flip-vertical';

export const TURN_STEPS: Record<TurnStep, (t: Turn) => Turn> = {
  'rotate-left': rotateLeft,
  'rotate-right': rotateRight,
  'flip-horizontal': flipHorizontal,
  'flip-vertical': flipVertical,
};

/**
 * Where a rectangle of a picture of `size` lands when the picture takes `step`, so a crop box
 * follows the picture it frames.
 */
export function turnRect(rect: CropRect, size: Size, step: TurnStep): CropRect {
  const { x, y, width: w, height: h } = rect;
  switch (step) {
    case 'rotate-right':
      return { x: size.height - y - h, y: x, width: h, height: w };
    case 'rotate-left':
      return { x: y, y: size.width - x - w, width: h, height: w };
    case 'flip-horizontal':
      return { x: size.width - x - w, y, width: w, height: h };
    case 'flip-vertical':
      return { x, y: size.height - y - h, width: w, height: h };
  }
}

/** EXIF orientation (1–8) by [quarters][mirrored]. */
const ORIENTATIONS = [
  [1, 2],
  [6, 5],
  [3, 4],
  [8, 7],
];

function orientationOf(t: Turn): number {
  return ORIENTATIONS[quarter(t.quarters)][t.mirrored ? 1 : 0];
}

function turnOf(orientation: number): Turn {
  for (let quarters = 0; quarters < 4; quarters++) {
    const at = ORIENTATIONS[quarters].indexOf(orientation);
    if (at >= 0) return { quarters, mirrored: at === 1 };
  }
  return UPRIGHT;
}

/** `after` applied to a picture already turned by `before`. */
function compose(before: Turn, after: Turn): Turn {
  return {
    quarters: quarter(before.quarters + (before.mirrored ? -after.quarters : after.quarters)),
    mirrored: before.mirrored !== after.mirrored,
  };
}

/**
 * The canvas transform that draws an image of `size` (upright) turned by `t` into a canvas of
 * the turned size: [a, b, c, d, e, f] as for `setTransform`.
 */
export function drawTransform(size: Size, t: Turn): [number, number, number, number, number, number] {
  const { width: w, height: h } = size;
  // Rotation first (about the origin, then moved back into view), then the mirror across the turned width.
  const rotations: Array<[number, number, number, number, number, number]> = [
    [1, 0, 0, 1, 0, 0],
    [0, 1, -1, 0, h, 0],
    [-1, 0, 0, -1, w, h],
    [0, -1, 1, 0, 0, w],
  ];
  const [a, b, c, d, e, f] = rotations[quarter(t.quarters)];
  if (!t.mirrored) return [a, b, c, d, e, f];
  const turnedWidth = t.quarters % 2 ? h : w;
  return [-a, b, -c, d, turnedWidth - e, f];
}

const ORIENTATION_TAG = 0x0112;

/** Where a JPEG's Orientation value is, and what it says. */
interface OrientationField {
  /** Offset of the 2-byte value in the file. */
  at: number;
  littleEndian: boolean;
  value: number;
}

/** A JPEG's head, up to its image data: where its Orientation is, or where an Exif segment may go. */
interface JpegHead {
  field?: OrientationField;
  /** An Exif segment without an Orientation entry (it would have to be rebuilt). */
  exifWithout: boolean;
  /** Where a new Exif segment goes: after SOI and a JFIF APP0. */
  insertAt: number;
}

/** Undefined when the file is no JPEG or its head is damaged. */
async function readJpegHead(file: Blob): Promise<JpegHead | undefined> {
  const reader = new RangeReader(file);
  const start = await reader.read(0, 2);
  if (start[0] !== 0xff || start[1] !== 0xd8) return undefined;
  const result: JpegHead = { exifWithout: false, insertAt: 2 };
  try {
    for await (const { type, at, length } of jpegSegments(reader)) {
      if (type === 0xe0 && result.insertAt === at) result.insertAt = at + 2 + length;
      if (type !== 0xe1 || result.field) continue;
      const payload = await reader.read(at + 4, at + 2 + length);
      if (ascii(payload, 0, EXIF_HEADER.length) !== EXIF_HEADER) continue;
      const field = orientationIn(payload, EXIF_HEADER.length, payload.length);
      // The value's place in the file, not in the segment.
      if (field) result.field = { ...field, at: at + 4 + field.at };
      else result.exifWithout = true;
    }
  } catch (e) {
    if (e instanceof DamagedJpeg) return undefined;
    throw e;
  }
  return result;
}

/** The Orientation entry of IFD0 in the TIFF structure at `tiff`, before `end`. */
function orientationIn(bytes: Uint8Array, tiff: number, end: number): OrientationField | undefined {
  if (end - tiff < 8) return undefined;
  const order = ascii(bytes, tiff, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  const view = new DataView(bytes.buffer);
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > end) return undefined;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    // SHORT, one value: it sits in the entry itself.
    if (view.getUint16(entry, little) === ORIENTATION_TAG && view.getUint16(entry + 2, little) === 3) {
      return { at: entry + 8, littleEndian: little, value: view.getUint16(entry + 8, little) };
    }
  }
  return undefined;
}

/** A minimal Exif segment: a big-endian TIFF header and one directory holding only the Orientation. */
function exifSegment(orientation: number): Uint8Array {
  const bytes = new Uint8Array(2 + 2 + 6 + 8 + 2 + 12 + 4);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xffe1);
  view.setUint16(2, bytes.length - 2);
  bytes.set(
    [...EXIF_HEADER].map((c) => c.charCodeAt(0)),
    4,
  );
  bytes.set([0x4d, 0x4d, 0, 42, 0, 0, 0, 8], 10);
  view.setUint16(18, 1);
  view.setUint16(20, ORIENTATION_TAG);
  view.setUint16(22, 3);
  view.setUint32(24, 1);
  view.setUint16(28, orientation);
  return bytes;
}

/** A JPEG's EXIF orientation (1–8; 1 when it has none, or is no JPEG). */
export async function jpegOrientation(file: Blob): Promise<number> {
  return (await readJpegHead(file))?.field?.value ?? 1;
}

/**
 * The JPEG turned by `t` (relative to how it is seen now) without re-encoding: its Orientation
 * value rewritten in place, or a small Exif segment added when it has none. Undefined when the
 * file is not a JPEG or its Exif has no Orientation entry to rewrite (the caller redraws it).
 */
export async function turnJpeg(file: File, t: Turn): Promise<File | undefined> {
  const head = await readJpegHead(file);
  if (!head || (!head.field && head.exifWithout)) return undefined;
  const before = turnOf(head.field?.value ?? 1);
  const orientation = orientationOf(compose(before, t));
  let parts: BlobPart[];
  if (head.field) {
    const value = new Uint8Array(2);
    new DataView(value.buffer).setUint16(0, orientation, head.field.littleEndian);
    parts = [file.slice(0, head.field.at), value, file.slice(head.field.at + 2)];
  } else {
    parts = [file.slice(0, head.insertAt), exifSegment(orientation) as Uint8Array<ArrayBuffer>, file.slice(head.insertAt)];
  }
  return new File(parts, file.name, { type: file.type, lastModified: file.lastModified });
}
