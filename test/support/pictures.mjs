// Pictures for the end-to-end tests: photo-like ones for re-encoding (gradients and noise, so that
// they are big as PNG and small as WebP or JPEG, as a camera's pictures are), and HEICs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A `width`×`height` HEIC, its top half red and its bottom half blue, from heif-enc (Debian's libheif-examples); null without it. */
export async function heic(width, height) {
  const dir = mkdtempSync(join(tmpdir(), 'uw-heic-'));
  try {
    const data = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(y < height / 2 ? [230, 20, 20] : [20, 20, 230], (y * width + x) * 3);
    await sharp(data, { raw: { width, height, channels: 3 } })
      .png()
      .toFile(join(dir, 'in.png'));
    execFileSync('heif-enc', ['-q', '90', join(dir, 'in.png'), '-o', join(dir, 'out.heic')], { stdio: 'ignore' });
    return readFileSync(join(dir, 'out.heic'));
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export let hasHeifEnc = true;
try {
  execFileSync('heif-enc', ['--version'], { stdio: 'ignore' });
} catch {
  hasHeifEnc = false;
}
