// A photo's location, taken out before upload (src/core/location.ts): the GPS directory of a JPEG's
// or a HEIF's Exif and the GPS properties of its XMP, edited in place. The image data and every
// other byte stay as they were; orientation and the other tags stay readable; damaged metadata is
// left alone; a big file is never read whole.
import { expect } from '@open-wc/testing';
import { removeLocation } from '../../src/core/location.js';
import {
  MAKE,
  XMP_WITH_GPS,
  exifOf,
  exifSegment,
  exifTiff,
  heifWithMetadata,
  indexOfBytes,
  latitudeBytes,
  scanStart,
  tiffOf,
  withSegments,
  xmpSegment,
} from '../support/photo-metadata.mjs';

/** A real JPEG (JFIF, no Exif) from a canvas. */
async function plainJpeg(): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#c33';
  g.fillRect(0, 0, 64, 48);
  g.fillStyle = '#36c';
  g.fillRect(0, 0, 32, 24);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
  return new Uint8Array(await blob.arrayBuffer());
}

const fileOf = (bytes: Uint8Array, name = 'photo.jpg', type = 'image/jpeg') =>
  new File([bytes as Uint8Array<ArrayBuffer>], name, { type, lastModified: 1_700_000_000_000 });
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
/** Indexes where two arrays of one length differ. */
const differences = (a: Uint8Array, b: Uint8Array) => {
  const at: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) at.push(i);
  return at;
};

describe('removeLocation', () => {
  for (const bigEndian of [false, true]) {
    it(`takes the GPS directory out of a JPEG's Exif (${bigEndian ? 'big' : 'little'}-endian), keeps orientation and make, and leaves the image data byte for byte`, async () => {
      const jpeg = await plainJpeg();
      const segment = exifSegment(exifTiff({ orientation: 6, bigEndian }));
      const original = withSegments(jpeg, segment);
      expect(exifOf(original).tags).to.include(0x8825);
      expect(indexOfBytes(original, latitudeBytes(bigEndian))).to.be.greaterThan(0);

      const cleaned = await removeLocation(fileOf(original));
      expect(cleaned, 'a new file').to.be.instanceOf(File);
      expect(cleaned!.name).to.equal('photo.jpg');
      expect(cleaned!.type).to.equal('image/jpeg');
      expect(cleaned!.lastModified).to.equal(1_700_000_000_000);
      const after = await bytesOf(cleaned!);
      expect(after.length, 'nothing moved').to.equal(original.length);
      const exif = exifOf(after);
      expect(exif.tags).to.deep.equal([0x010f, 0x0112]);
      expect(exif.orientation).to.equal(6);
      expect(exif.make).to.equal(MAKE);
      expect(exif.next, 'the next-directory offset followed the entries').to.equal(0);
      expect(indexOfBytes(after, latitudeBytes(bigEndian)), 'the latitude is gone').to.equal(-1);
      // Only the Exif segment changed; the image data is the same bytes.
      const changed = differences(original, after);
      expect(changed[0]).to.be.at.least(2 + 4);
      expect(changed.at(-1)).to.be.below(2 + segment.length);
      const sos = scanStart(original);
      expect(sos).to.be.greaterThan(0);
      expect(differences(original.subarray(sos), after.subarray(sos))).to.deep.equal([]);
      // And the browser still reads it as the same picture, turned as its orientation says.
      const img = new Image();
      img.src = URL.createObjectURL(cleaned!);
      await img.decode();
      URL.revokeObjectURL(img.src);
      expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([48, 64], 'Orientation 6 still applies');
    });
  }

  it("blanks the GPS properties of a JPEG's XMP (attributes and elements) and keeps the rest of the packet well formed", async () => {
    const original = withSegments(await plainJpeg(), xmpSegment(XMP_WITH_GPS));
    const after = await bytesOf((await removeLocation(fileOf(original)))!);
    expect(after.length).to.equal(original.length);
    const text = new TextDecoder().decode(after);
    expect(text).not.to.match(/GPS|48,51|2,17|35\/1/);
    const start = text.indexOf('<x:xmpmeta');
    const xml = text.slice(start, text.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length);
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    expect(doc.getElementsByTagName('parsererror')).to.have.length(0);
    const description = doc.getElementsByTagNameNS('http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'Description')[0];
    expect(description.getAttributeNS('http://ns.adobe.com/xap/1.0/', 'CreatorTool')).to.equal('TestCam 1.0');
    expect(description.getElementsByTagNameNS('http://ns.adobe.com/xap/1.0/', 'Rating')[0].textContent).to.equal('4');
  });

  it('leaves a photo without a location, another format, and damaged metadata alone (no new file, no error)', async () => {
    const jpeg = await plainJpeg();
    expect(await removeLocation(fileOf(jpeg))).to.equal(undefined);
    expect(await removeLocation(fileOf(withSegments(jpeg, exifSegment(exifTiff({ gps: false })))))).to.equal(undefined);
    expect(await removeLocation(fileOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 0]), 'a.png', 'image/png'))).to.equal(undefined);
    // The first directory said to be past the segment's end.
    const broken = exifTiff();
    new DataView(broken.buffer).setUint32(4, 60_000, true);
    expect(await removeLocation(fileOf(withSegments(jpeg, exifSegment(broken))))).to.equal(undefined);
    // Cut short inside the Exif segment.
    const whole = withSegments(jpeg, exifSegment(exifTiff()));
    expect(await removeLocation(fileOf(whole.subarray(0, 40)))).to.equal(undefined);
  });

  it("takes the GPS out of a HEIF's Exif item and blanks its XMP item, every other byte the same", async () => {
    const heif = heifWithMetadata(exifTiff({ orientation: 1 }));
    const original = heif.bytes;
    const cleaned = await removeLocation(fileOf(original, 'IMG_0001.HEIC', ''));
    expect(cleaned).to.be.instanceOf(File);
    const after = await bytesOf(cleaned!);
    expect(after.length).to.equal(original.length);
    // The Exif item: four bytes of offset, "Exif\0\0", then the TIFF structure.
    const tiff = after.subarray(heif.exifAt + 10);
    expect(tiffOf(tiff).tags).to.deep.equal([0x010f, 0x0112]);
    expect(tiffOf(tiff).make).to.equal(MAKE);
    expect(indexOfBytes(after, latitudeBytes())).to.equal(-1);
    expect(new TextDecoder().decode(after.subarray(heif.xmpAt))).not.to.match(/GPS/);
    const changed = differences(original, after);
    expect(changed[0]).to.be.at.least(heif.exifAt);
  });

  it('reads only the metadata of a big photo, never the whole file', async () => {
    const head = withSegments(await plainJpeg(), exifSegment(exifTiff()));
    const big = new File([head as Uint8Array<ArrayBuffer>, new Uint8Array(32 * 2 ** 20)], 'big.jpg', { type: 'image/jpeg' });
    const reads: number[] = [];
    const arrayBuffer = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function (this: Blob) {
      reads.push(this.size);
      return arrayBuffer.call(this);
    };
    let cleaned: File | undefined;
    try {
      cleaned = await removeLocation(big);
    } finally {
      Blob.prototype.arrayBuffer = arrayBuffer;
    }
    expect(cleaned!.size).to.equal(big.size);
    expect(Math.max(...reads)).to.be.at.most(128 * 1024);
    expect(indexOfBytes(await bytesOf(cleaned!.slice(0, head.length)), latitudeBytes())).to.equal(-1);
  });
});
