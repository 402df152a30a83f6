// Photos with metadata, written byte by byte for the tests of location removal (src/core/location.ts),
// and readers for what a test checks in the result. Plain Uint8Arrays: used by unit tests in the
// browser and by end-to-end tests in Node.

/** The GPS position the fixtures carry: 48°51'29.64" N, 2°17'40.32" E, as the rationals Exif stores. */
export const LATITUDE = [
  [48, 1],
  [51, 1],
  [2964, 100],
];
export const LONGITUDE = [
  [2, 1],
  [17, 1],
  [4032, 100],
];
const TAGS = { make: 0x010f, orientation: 0x0112, gps: 0x8825 };
export const MAKE = 'TestCam';

const ascii = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * A TIFF structure as Exif holds it: IFD0 with Make, Orientation and (unless `gps: false`) the GPS
 * directory's offset; the GPS directory with version, latitude and longitude.
 */
export function exifTiff({ orientation = 6, gps = true, bigEndian = false } = {}) {
  const bytes = new Uint8Array(256);
  const view = new DataView(bytes.buffer);
  const little = !bigEndian;
  bytes.set(ascii(bigEndian ? 'MM' : 'II'), 0);
  view.setUint16(2, 42, little);
  view.setUint32(4, 8, little);
  const entries = gps ? 3 : 2;
  const ifd0 = 8;
  const makeAt = ifd0 + 2 + entries * 12 + 4;
  const gpsAt = makeAt + 8;
  const entry = (at, tag, type, count, value) => {
    view.setUint16(at, tag, little);
    view.setUint16(at + 2, type, little);
    view.setUint32(at + 4, count, little);
    if (type === 3 && count === 1) view.setUint16(at + 8, value, little);
    else view.setUint32(at + 8, value, little);
  };
  view.setUint16(ifd0, entries, little);
  entry(ifd0 + 2, TAGS.make, 2, MAKE.length + 1, makeAt);
  entry(ifd0 + 14, TAGS.orientation, 3, 1, orientation);
  if (gps) entry(ifd0 + 26, TAGS.gps, 4, 1, gpsAt);
  view.setUint32(ifd0 + 2 + entries * 12, 0, little);
  bytes.set(ascii(`${MAKE}\0`), makeAt);
  if (!gps) return bytes.slice(0, gpsAt);
  // GPSVersionID (inline), GPSLatitudeRef, GPSLatitude, GPSLongitudeRef, GPSLongitude.
  const gpsEntries = 5;
  const latAt = gpsAt + 2 + gpsEntries * 12 + 4;
  const lonAt = latAt + 24;
  view.setUint16(gpsAt, gpsEntries, little);
  entry(gpsAt + 2, 0x0000, 1, 4, 0);
  bytes.set([2, 3, 0, 0], gpsAt + 2 + 8);
  entry(gpsAt + 14, 0x0001, 2, 2, 0);
  bytes.set(ascii('N\0'), gpsAt + 14 + 8);
  entry(gpsAt + 26, 0x0002, 5, 3, latAt);
  entry(gpsAt + 38, 0x0003, 2, 2, 0);
  bytes.set(ascii('E\0'), gpsAt + 38 + 8);
  entry(gpsAt + 50, 0x0004, 5, 3, lonAt);
  view.setUint32(gpsAt + 2 + gpsEntries * 12, 0, little);
  LATITUDE.forEach(([n, d], i) => {
    view.setUint32(latAt + i * 8, n, little);
    view.setUint32(latAt + i * 8 + 4, d, little);
  });
  LONGITUDE.forEach(([n, d], i) => {
    view.setUint32(lonAt + i * 8, n, little);
    view.setUint32(lonAt + i * 8 + 4, d, little);
  });
  return bytes.slice(0, lonAt + 24);
}

/** The rationals of the fixtures' latitude as they are stored, in either byte order: what must be gone. */
export function latitudeBytes(bigEndian = false) {
  const bytes = new Uint8Array(24);
  const view = new DataView(bytes.buffer);
  LATITUDE.forEach(([n, d], i) => {
    view.setUint32(i * 8, n, !bigEndian);
    view.setUint32(i * 8 + 4, d, !bigEndian);
  });
  return bytes;
}

const segment = (marker, payload) => concat(Uint8Array.of(0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff), payload);

/** A JPEG APP1 segment holding `tiff` as Exif. */
export const exifSegment = (tiff) => segment(0xe1, concat(ascii('Exif\0\0'), tiff));

/** A JPEG APP1 segment holding an XMP packet. */
export const xmpSegment = (xml) => segment(0xe1, concat(ascii('http://ns.adobe.com/xap/1.0/\0'), new TextEncoder().encode(xml)));

/** An XMP packet with a position (as attributes and as elements) beside other properties that must stay. */
export const XMP_WITH_GPS = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="TestCam 1.0" exif:GPSLatitude="48,51.494N" exif:GPSLongitude='2,17.672E'><exif:GPSAltitude>35/1</exif:GPSAltitude><exif:GPSTimeStamp>2026-12-06T10:00:00Z</exif:GPSTimeStamp><xmp:Rating>4</xmp:Rating></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** `jpeg` with `segments` right after its start-of-image marker. */
export function withSegments(jpeg, ...segments) {
  return concat(jpeg.subarray(0, 2), ...segments, jpeg.subarray(2));
}

/** Where a JPEG's image data starts (its SOS marker): the bytes from there on must stay the same. */
export function scanStart(jpeg) {
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return -1;
    if (jpeg[at + 1] === 0xda) return at;
    at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]);
  }
  return -1;
}

/** Where `needle` first occurs in `bytes`, or -1. */
export function indexOfBytes(bytes, needle) {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The first directory of a JPEG's Exif: its tags in order, the orientation and the make, or
 * undefined when it has no Exif.
 */
export function exifOf(jpeg) {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const length = (jpeg[at + 2] << 8) | jpeg[at + 3];
    const payload = jpeg.subarray(at + 4, at + 2 + length);
    if (jpeg[at + 1] === 0xe1 && String.fromCharCode(...payload.subarray(0, 6)) === 'Exif\0\0') return tiffOf(payload.subarray(6));
    at += 2 + length;
  }
  return undefined;
}

/** The first directory of a TIFF structure: tags in order, orientation, make. */
export function tiffOf(tiff) {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const ifd0 = view.getUint32(4, little);
  const count = view.getUint16(ifd0, little);
  const tags = [];
  let orientation;
  let make;
  for (let i = 0; i < count; i++) {
    const e = ifd0 + 2 + i * 12;
    const tag = view.getUint16(e, little);
    tags.push(tag);
    if (tag === TAGS.orientation) orientation = view.getUint16(e + 8, little);
    if (tag === TAGS.make) {
      const at = view.getUint32(e + 8, little);
      make = String.fromCharCode(...tiff.subarray(at, at + view.getUint32(e + 4, little) - 1));
    }
  }
  return { tags, orientation, make, next: view.getUint32(ifd0 + 2 + count * 12, little) };
}

const box = (type, ...content) => {
  const body = concat(...content);
  const header = new Uint8Array(8);
  new DataView(header.buffer).setUint32(0, body.length + 8);
  header.set(ascii(type), 4);
  return concat(header, body);
};
const u16 = (n) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);

/**
 * A HEIF (brand heic) laid out as phones write it: ftyp, meta (hdlr, iinf with an image item, an
 * Exif item and an XMP item, iloc), then mdat with the items' bytes. The image item's bytes are
 * filler: enough for the structure, not a picture.
 */
export function heifWithMetadata(tiff, xml = XMP_WITH_GPS) {
  const exif = concat(u32(6), ascii('Exif\0\0'), tiff);
  const xmp = new TextEncoder().encode(xml);
  const image = new Uint8Array(1000).fill(0x5a);
  const infe = (id, type, name, contentType) =>
    box('infe', Uint8Array.of(2, 0, 0, 0), u16(id), u16(0), ascii(type), ascii(`${name}\0`), contentType ? ascii(`${contentType}\0`) : new Uint8Array(0));
  const ftyp = box('ftyp', ascii('heic'), u32(0), ascii('mif1heic'));
  const build = (mdatStart) => {
    const items = [
      [1, image],
      [2, exif],
      [3, xmp],
    ];
    let at = mdatStart + 8;
    const extents = items.map(([id, bytes]) => {
      const entry = concat(u16(id), u16(0), u16(1), u32(at), u32(bytes.length));
      at += bytes.length;
      return entry;
    });
    // iloc version 0: offset_size 4, length_size 4, base_offset_size 0.
    const iloc = box('iloc', Uint8Array.of(0, 0, 0, 0), Uint8Array.of(0x44, 0x00), u16(items.length), ...extents);
    const iinf = box(
      'iinf',
      Uint8Array.of(0, 0, 0, 0),
      u16(3),
      infe(1, 'hvc1', 'image'),
      infe(2, 'Exif', 'exif'),
      infe(3, 'mime', 'xmp', 'application/rdf+xml'),
    );
    const hdlr = box('hdlr', new Uint8Array(4), u32(0), ascii('pict'), new Uint8Array(12), ascii('\0'));
    return box('meta', Uint8Array.of(0, 0, 0, 0), hdlr, box('pitm', Uint8Array.of(0, 0, 0, 0), u16(1)), iinf, iloc);
  };
  // The meta box's size does not depend on the offsets it holds: build once to learn where mdat starts.
  const mdatStart = ftyp.length + build(0).length;
  return {
    bytes: concat(ftyp, build(mdatStart), box('mdat', image, exif, xmp)),
    exifAt: mdatStart + 8 + image.length,
    xmpAt: mdatStart + 8 + image.length + exif.length,
  };
}
