// A JPEG's metadata segments (APPn, COM, …), in order, up to its image data: what removing a
// photo's location (location.ts) and turning a photo without re-encoding it (orientation.ts) read.
// Only the head is read, a range at a time: a big file is never read whole.

/** How much of the head is read at once: JPEG metadata segments are at most 64 KiB each. */
const HEAD_BYTES = 128 * 1024;

export const EXIF_HEADER = 'Exif\0\0';

export const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

/** Reads ranges of a blob, from one read of its head when the range is there. */
export class RangeReader {
  private head?: Uint8Array;
  constructor(private readonly blob: Blob) {}

  async read(start: number, end: number): Promise<Uint8Array> {
    end = Math.min(end, this.blob.size);
    if (start >= end) return new Uint8Array(0);
    this.head ??= new Uint8Array(await this.blob.slice(0, HEAD_BYTES).arrayBuffer());
    if (end <= this.head.length) return this.head.slice(start, end);
    return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
  }
}

export interface JpegSegment {
  /** Its marker's second byte: 0xe0 APP0 (JFIF), 0xe1 APP1 (Exif, XMP), … */
  type: number;
  /** Where its marker is in the file. */
  at: number;
  /** Its length field: the payload (from `at + 4`) and the field's own two bytes. */
  length: number;
}

/** A segment whose length cannot be: the file is damaged from there on. */
export class DamagedJpeg extends Error {}

/**
 * The metadata segments of the JPEG `reader` reads (after its SOI marker), up to its image data;
 * throws DamagedJpeg at a segment whose length cannot be.
 */
export async function* jpegSegments(reader: RangeReader): AsyncGenerator<JpegSegment> {
  let at = 2;
  for (;;) {
    const marker = await reader.read(at, at + 4);
    if (marker.length < 4 || marker[0] !== 0xff) return;
    const type = marker[1];
    // Fill bytes, and markers without a length.
    if (type === 0xff) {
      at += 1;
      continue;
    }
    if (type === 0x01 || (type >= 0xd0 && type <= 0xd7)) {
      at += 2;
      continue;
    }
    // The image data starts (or the image ends): no metadata after it.
    if (type === 0xda || type === 0xd9) return;
    const length = (marker[2] << 8) | marker[3];
    if (length < 2) throw new DamagedJpeg(`a JPEG segment at ${at} is ${length} bytes long`);
    yield { type, at, length };
    at += 2 + length;
  }
}
