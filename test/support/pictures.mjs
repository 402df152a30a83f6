// Pictures for the end-to-end tests of re-encoding: photo-like (gradients and noise), so that they
// are big as PNG and small as WebP or JPEG, as a camera's pictures are.
import sharp from 'sharp';

/** A photo-like picture of `width`×`height` as PNG. */
export async function photoPng(width, height) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const noise = ((x * 7919 + y * 104729) % 29) - 14;
      data[i] = Math.min(255, Math.max(0, (x * 255) / width + noise));
      data[i + 1] = Math.min(255, Math.max(0, (y * 255) / height + noise));
      data[i + 2] = Math.min(255, Math.max(0, 128 + 70 * Math.sin((x + y) / 30) + noise));
    }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
