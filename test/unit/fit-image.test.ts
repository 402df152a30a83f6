// Making a picture fit (src/core/image.ts fitImage, behind "Make smaller and upload"): its pixels
// into a box, then its bytes under a limit, keeping its aspect ratio; undefined when it cannot.
import { expect } from '@open-wc/testing';
import { fitImage, imageSize } from '../../src/core/image.js';

/** A noisy PNG: many bytes for its pixels. */
async function noisyPng(width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  const pixels = g.createImageData(width, height);
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
  for (let i = 0; i < pixels.data.length; i += 4) pixels.data.set([random(), random(), random(), 255], i);
  g.putImageData(pixels, 0, 0);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], 'noise.png', { type: 'image/png' });
}

describe('fitImage', () => {
  it('brings a picture under a byte limit, keeping its aspect ratio and its name stem', async () => {
    const png = await noisyPng(900, 600);
    expect(png.size).to.be.greaterThan(200_000);
    const fitted = (await fitImage(png, { maxBytes: 40_000 }))!;
    expect(fitted.size).to.be.at.most(40_000);
    expect(fitted.name).to.match(/^noise\.(webp|jpg)$/);
    const size = (await imageSize(fitted))!;
    expect(Math.abs(size.width / size.height - 1.5)).to.be.below(0.02);
  });

  it('fits the pixels into a box first, in the same format, when that is enough', async () => {
    const png = await noisyPng(900, 600);
    const fitted = (await fitImage(png, { maxWidth: 300, maxHeight: 300, maxBytes: png.size }))!;
    expect(fitted.type).to.equal('image/png');
    expect(await imageSize(fitted)).to.deep.equal({ width: 300, height: 200 });
  });

  it('gives up (undefined) on bytes it cannot decode, and on a limit no picture could meet', async () => {
    expect(await fitImage(new File([new Uint8Array(500)], 'x.png', { type: 'image/png' }), { maxBytes: 100 })).to.equal(undefined);
    expect(await fitImage(await noisyPng(400, 300), { maxBytes: 10 })).to.equal(undefined);
  });
});
