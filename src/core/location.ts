// Where a photo was taken, taken out before it leaves the browser: the GPS data of a JPEG's or a
// HEIF's (HEIC, AVIF) Exif, and the GPS properties of its XMP. Edited in place, byte for byte:
// the GPS directory and the values it points to become zeros, its entry leaves the first
// directory, and XMP's GPS properties become spaces. Nothing moves, so every offset in the file
// stays true, the image data is untouched (no re-encoding) and the file keeps its size. Only the
// metadata is read (a few KiB at the head, or the HEIF's Exif item): a big file is never read
// whole, and the rest of the new file is the old one's bytes by reference (Blob slices).
import { DamagedJpeg, EXIF_HEADER, RangeReader, ascii, jpegSegments } from './jpeg-segments.js';

/** The Exif tag of the GPS directory's offset, in the first directory (IFD0). */
const GPS_IFD_TAG = 0x8825;
/** Bytes of one value of each TIFF type (1 BYTE … 13 IFD); an unknown type counts as 1. */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];
const XMP_HEADERS = ['http://ns.adobe.com/xap/1.0/\0', 'http://ns.adobe.com/xmp/extension/\0'];

/** A range of the file whose bytes were changed. */
interface Patch {
  start: number;
  bytes: Uint8Array;
}

/**
 * `file` without where it was taken: a new File (same name, type, date and size) when the file is
 * a JPEG or a HEIF with GPS data, undefined when there is none or the file is neither. Damaged
 * metadata is left as it is (undefined), never guessed at.
 */
export async function removeLocation(file: File): Promise<File | undefined> {
  const reader = new RangeReader(file);
  const start = await reader.read(0, 12);
  let patches: Patch[] = [];
  try {
    if (start[0] === 0xff && start[1] === 0xd8 && start[2] === 0xff) patches = await jpegPatches(reader);
    else if (start.length === 12 && ascii(start, 4, 4) === 'ftyp') patches = await heifPatches(reader, file.size);
  } catch {
    return undefined;
  }
  if (!patches.length) return undefined;
  const parts: BlobPart[] = [];
  let at = 0;
  for (const { start: from, bytes } of patches.sort((a, b) => a.start - b.start)) {
    parts.push(file.slice(at, from), bytes as Uint8Array<ArrayBuffer>);
    at = from + bytes.length;
  }
  parts.push(file.slice(at));
  return new File(parts, file.name, { type: file.type, lastModified: file.lastModified });
}

/** The JPEG's metadata segments before its image data (SOS), with their GPS removed. */
async function jpegPatches(reader: RangeReader): Promise<Patch[]> {
  const patches: Patch[] = [];
  try {
    for await (const { type, at, length } of jpegSegments(reader)) {
      if (type !== 0xe1) continue;
      const payload = await reader.read(at + 4, at + 2 + length);
      if (ascii(payload, 0, EXIF_HEADER.length) === EXIF_HEADER) {
        if (removeGps(payload, EXIF_HEADER.length, payload.length)) patches.push({ start: at + 4, bytes: payload });
      } else {
        const header = XMP_HEADERS.find((h) => ascii(payload, 0, h.length) === h);
        if (header && blankXmpGps(payload, header.length)) patches.push({ start: at + 4, bytes: payload });
      }
    }
  } catch (e) {
    // What was found before a damaged segment is still removed; nothing after it is read.
    if (!(e instanceof DamagedJpeg)) throw e;
  }
  return patches;
}

/**
 * Removes the GPS directory of the TIFF structure at `tiff` in `bytes` (Exif's layout), in place.
 * True when there was one. Offsets are relative to `tiff` and must stay before `end`.
 */
function removeGps(bytes: Uint8Array, tiff: number, end: number): boolean {
  if (end - tiff < 8) return false;
  const order = ascii(bytes, tiff, 2);
  if (order !== 'II' && order !== 'MM') return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = order === 'II';
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  if (u16(tiff + 2) !== 42) return false;
  const inside = (offset: number, length: number) => offset >= 8 && tiff + offset + length <= end;
  const ifd0 = u32(tiff + 4);
  if (!inside(ifd0, 2)) return false;
  const count = u16(tiff + ifd0);
  const entries = tiff + ifd0 + 2;
  if (!inside(ifd0, 2 + count * 12 + 4)) return false;
  let gpsEntry = -1;
  for (let i = 0; i < count; i++) if (u16(entries + i * 12) === GPS_IFD_TAG) gpsEntry = i;
  if (gpsEntry < 0) return false;
  const gps = u32(entries + gpsEntry * 12 + 8);
  // The GPS directory, and each value too big to sit in its entry, become zeros.
  if (inside(gps, 2)) {
    const gpsCount = u16(tiff + gps);
    const size = 2 + gpsCount * 12 + 4;
    if (inside(gps, size)) {
      for (let i = 0; i < gpsCount; i++) {
        const entry = tiff + gps + 2 + i * 12;
        const valueBytes = (TYPE_SIZES[u16(entry + 2)] ?? 1) * u32(entry + 4);
        const valueAt = u32(entry + 8);
        if (valueBytes > 4 && inside(valueAt, valueBytes)) bytes.fill(0, tiff + valueAt, tiff + valueAt + valueBytes);
      }
      bytes.fill(0, tiff + gps, tiff + gps + size);
    }
  }
  // The first directory without the GPS entry: the later entries and the next-directory offset
  // move up one entry, the freed entry becomes zeros.
  const after = entries + (gpsEntry + 1) * 12;
  bytes.copyWithin(after - 12, after, entries + count * 12 + 4);
  bytes.fill(0, entries + count * 12 - 8, entries + count * 12 + 4);
  view.setUint16(tiff + ifd0, count - 1, little);
  return true;
}

/** An XMP property whose name starts with GPS (exif:GPSLatitude…), as an attribute or an element. */
const XMP_GPS = [/\s[A-Za-z_][\w.-]*:GPS[\w.-]*\s*=\s*("[^"]*"|'[^']*')/g, /<([A-Za-z_][\w.-]*:GPS[\w.-]*)\b[^>]*?(\/>|>[\s\S]*?<\/\1\s*>)/g];

/** Blanks XMP's GPS properties (spaces, so nothing moves) in `bytes` from `start`, in place. True when there were some. */
function blankXmpGps(bytes: Uint8Array, start: number): boolean {
  // One character per byte, so a match's index is its byte's.
  const text = new TextDecoder('windows-1252').decode(bytes.subarray(start));
  let found = false;
  for (const pattern of XMP_GPS) {
    for (const match of text.matchAll(pattern)) {
      bytes.fill(0x20, start + match.index, start + match.index + match[0].length);
      found = true;
    }
  }
  return found;
}

/** A box of an ISO media file (HEIF): its type and where its content is. */
interface Box {
  type: string;
  start: number;
  end: number;
}

/** The boxes in `bytes` from `at` to `end`; offsets are `base` + index in `bytes`. */
function boxesIn(bytes: Uint8Array, at: number, end: number, base = 0): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) break;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header) break;
    boxes.push({ type, start: base + at + header, end: base + Math.min(at + size, end) });
    at += size;
  }
  return boxes;
}

/** The HEIF's Exif and XMP items, with their GPS removed. */
async function heifPatches(reader: RangeReader, fileSize: number): Promise<Patch[]> {
  // The top-level boxes, found by their headers alone (the media data box can be gigabytes).
  let meta: Box | undefined;
  for (let at = 0; at + 8 <= fileSize && !meta; ) {
    const head = await reader.read(at, at + 16);
    const [box] = boxesIn(head, 0, head.length, at);
    if (!box) break;
    const size = new DataView(head.buffer).getUint32(0);
    const next = size === 0 ? fileSize : size === 1 ? at + Number(new DataView(head.buffer).getBigUint64(8)) : at + size;
    if (box.type === 'meta') meta = { ...box, end: next };
    if (next <= at) break;
    at = next;
  }
  if (!meta) return [];
  const bytes = await reader.read(meta.start, meta.end);
  // A full box: version and flags first.
  const children = boxesIn(bytes, 4, bytes.length);
  const items = itemInfo(
    bytes,
    children.find((b) => b.type === 'iinf'),
  );
  const locations = itemLocations(
    bytes,
    children.find((b) => b.type === 'iloc'),
  );
  const patches: Patch[] = [];
  for (const [id, info] of items) {
    const location = locations.get(id);
    if (!location) continue;
    const isExif = info.type === 'Exif';
    const isXmp = info.type === 'mime' && /rdf\+xml/.test(info.contentType);
    if (!isExif && !isXmp) continue;
    const data = await reader.read(location.offset, location.offset + location.length);
    if (data.length !== location.length) continue;
    // An Exif item starts with where its TIFF header is, after that offset's four bytes.
    const changed = isExif ? data.length >= 4 && removeGps(data, 4 + new DataView(data.buffer).getUint32(0), data.length) : blankXmpGps(data, 0);
    if (changed) patches.push({ start: location.offset, bytes: data });
  }
  return patches;
}

/** The items of a HEIF's item information box: type and, for `mime` items, content type, by item ID. */
function itemInfo(bytes: Uint8Array, iinf: Box | undefined): Map<number, { type: string; contentType: string }> {
  const items = new Map<number, { type: string; contentType: string }>();
  if (!iinf) return items;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[iinf.start];
  const first = iinf.start + 4 + (version === 0 ? 2 : 4);
  for (const infe of boxesIn(bytes, first, iinf.end).filter((b) => b.type === 'infe')) {
    const infeVersion = bytes[infe.start];
    if (infeVersion < 2) continue;
    let at = infe.start + 4;
    const id = infeVersion === 2 ? view.getUint16(at) : view.getUint32(at);
    at += infeVersion === 2 ? 2 : 4;
    at += 2; // protection index
    const type = ascii(bytes, at, 4);
    at += 4;
    // item_name, then for mime items content_type: strings ending in a zero byte.
    const string = () => {
      const zero = bytes.indexOf(0, at);
      const text = ascii(bytes, at, (zero < 0 || zero > infe.end ? infe.end : zero) - at);
      at = zero < 0 ? infe.end : zero + 1;
      return text;
    };
    string();
    items.set(id, { type, contentType: type === 'mime' ? string() : '' });
  }
  return items;
}

/** Where each item's bytes are in the file (one extent, stored in the file itself), by item ID. */
function itemLocations(bytes: Uint8Array, iloc: Box | undefined): Map<number, { offset: number; length: number }> {
  const found = new Map<number, { offset: number; length: number }>();
  if (!iloc) return found;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[iloc.start];
  let at = iloc.start + 4;
  const sizes = view.getUint16(at);
  at += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseSize = (sizes >> 4) & 0xf;
  const indexSize = version === 1 || version === 2 ? sizes & 0xf : 0;
  const read = (size: number) => {
    const value = size === 8 ? Number(view.getBigUint64(at)) : size === 4 ? view.getUint32(at) : size === 2 ? view.getUint16(at) : 0;
    at += size;
    return value;
  };
  const count = version < 2 ? read(2) : read(4);
  for (let i = 0; i < count && at < iloc.end; i++) {
    const id = version < 2 ? read(2) : read(4);
    const method = version === 1 || version === 2 ? read(2) & 0xf : 0;
    read(2); // data reference index
    const base = read(baseSize);
    const extents = read(2);
    let offset = 0;
    let length = 0;
    for (let e = 0; e < extents; e++) {
      read(indexSize);
      offset = base + read(offsetSize);
      length = read(lengthSize);
    }
    // Only an item stored in the file as one piece is edited; others are left as they are.
    if (method === 0 && extents === 1) found.set(id, { offset, length });
  }
  return found;
}
