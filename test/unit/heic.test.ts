// decodeHeic (src/core/heic.ts): the browser's own decoder first, libheif (heic-to) only when it
// cannot; what neither decodes gives undefined. A real HEIC is made by heif-enc in the end-to-end
// test (test/e2e/previews.e2e.test.mjs): browsers cannot write one.
import { expect } from '@open-wc/testing';
import { decodeHeic, isHeic } from '../../src/core/heic.js';
import { pngFile } from './helpers.js';

describe('decodeHeic', () => {
  it('knows a HEIC or HEIF by its type, else by its name', () => {
    expect(isHeic(new File([], 'a.heic', { type: 'image/heic' }))).to.equal(true);
    expect(isHeic(new File([], 'a.HEIF', { type: '' }))).to.equal(true);
    expect(isHeic(new File([], 'a.jpg', { type: 'image/jpeg' }))).to.equal(false);
  });

  it('takes what the browser decodes itself without libheif', async () => {
    const bitmap = (await decodeHeic(await pngFile(30, 20, 'not-really.heic')))!;
    expect([bitmap.width, bitmap.height]).to.deep.equal([30, 20]);
    bitmap.close();
  });

  it('gives undefined for what neither the browser nor libheif decodes', async function () {
    this.timeout(30_000);
    expect(await decodeHeic(new File([new Uint8Array(300).fill(3)], 'broken.heic', { type: 'image/heic' }))).to.equal(undefined);
  });
});
