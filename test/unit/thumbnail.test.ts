// decodeThumbnail (src/views/thumbnail.ts): a preview keeps its picture's shape, its long side the
// size asked, turned as the photo's EXIF orientation says; a crop keeps the crop's shape; what the
// browser cannot decode gives undefined (the row shows its type icon).
import { expect } from '@open-wc/testing';
import { decodeThumbnail } from '../../src/views/thumbnail.js';
import { pngFile } from './helpers.js';

/** A JPEG `width`×`height`, its left half red and its right half blue, with EXIF Orientation `orientation`. */
async function jpegWithOrientation(width: number, height: number, orientation: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ff0000';
  ctx.fillRect(0, 0, width / 2, height);
  ctx.fillStyle = '#0000ff';
  ctx.fillRect(width / 2, 0, width / 2, height);
  const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer());
  // APP1 "Exif\0\0", a big-endian TIFF with one IFD of one entry: Orientation (0x0112), SHORT, 1.
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [...new TextEncoder().encode('Exif\0\0'), ...tiff];
  const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  // After the JFIF segment when there is one (APP0), else right after the start of image.
  const at = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + ((jpeg[4] << 8) | jpeg[5]) : 2;
  return new File([jpeg.slice(0, at), new Uint8Array(app1), jpeg.slice(at)], 'turned.jpg', { type: 'image/jpeg' });
}

function pixel(bitmap: ImageBitmap, x: number, y: number) {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const [r, g, b, a] = ctx.getImageData(x, y, 1, 1).data;
  return { r, g, b, a };
}

describe('decodeThumbnail', () => {
  it('keeps a wide picture wide: its width is the size asked, its height in proportion', async () => {
    const bitmap = (await decodeThumbnail(await pngFile(800, 300, 'wide.png'), 100))!;
    expect(bitmap.width).to.equal(100);
    expect(bitmap.height).to.be.within(37, 38);
    bitmap.close();
  });

  it('keeps a portrait tall: its height is the size asked', async () => {
    const bitmap = (await decodeThumbnail(await pngFile(300, 800, 'tall.png'), 100))!;
    expect(bitmap.height).to.equal(100);
    expect(bitmap.width).to.be.within(37, 38);
    bitmap.close();
  });

  it('never enlarges past the size asked for a square', async () => {
    const bitmap = (await decodeThumbnail(await pngFile(500, 500, 'square.png'), 64))!;
    expect([bitmap.width, bitmap.height]).to.deep.equal([64, 64]);
    bitmap.close();
  });

  it('turns a photo as its EXIF orientation says: a 64×48 JPEG with Orientation 6 gives a preview taller than wide', async () => {
    const file = await jpegWithOrientation(64, 48, 6);
    const bitmap = (await decodeThumbnail(file, 64))!;
    expect(bitmap.height).to.equal(64);
    expect(bitmap.width).to.equal(48);
    // Orientation 6 turns the picture a quarter clockwise: its left half (red) is now on top.
    const top = pixel(bitmap, 24, 8);
    const bottom = pixel(bitmap, 24, 56);
    expect(top.r).to.be.greaterThan(200);
    expect(top.b).to.be.lessThan(60);
    expect(bottom.b).to.be.greaterThan(200);
    expect(bottom.r).to.be.lessThan(60);
    bitmap.close();
  });

  it('shows a crop in its own shape', async () => {
    const bitmap = (await decodeThumbnail(await pngFile(800, 600, 'crop.png'), 100, { x: 100, y: 100, width: 200, height: 400 }))!;
    expect(bitmap.height).to.equal(100);
    expect(bitmap.width).to.equal(50);
    bitmap.close();
  });

  it('gives undefined for what the browser cannot decode', async () => {
    expect(await decodeThumbnail(new File([new Uint8Array(64)], 'broken.png', { type: 'image/png' }), 64)).to.equal(undefined);
  });
});
