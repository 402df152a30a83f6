// The crop a queued file carries, read back from its upload parameters: a module of its own, so
// the queue's previews need none of the crop step's code (which loads only when cropping).
import type { CropRect } from './crop.js';

/** The crop an item's upload parameters carry (`custom_coordinates` or `face_coordinates`, the first rectangle), if any. */
export function cropOf(overrides: Readonly<Record<string, unknown>> | undefined): CropRect | undefined {
  const value = overrides?.custom_coordinates ?? overrides?.face_coordinates;
  if (typeof value !== 'string') return undefined;
  const [x, y, width, height] = value.split('|')[0].split(',').map(Number);
  return [x, y, width, height].every(Number.isFinite) && width > 0 && height > 0 ? { x, y, width, height } : undefined;
}
