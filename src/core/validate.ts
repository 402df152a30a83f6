// Client-side rules. Each returns why a file is refused, as a problem the UI words.
import type { EngineOptions } from './engine-options.js';
import type { Problem } from './problems.js';
import type { ResourceKind } from './types.js';
import { extensionOf, sameFormat } from './file-kind.js';

type Rules = Pick<
  EngineOptions,
  | 'clientAllowedFormats'
  | 'maxFileSize'
  | 'maxImageFileSize'
  | 'maxVideoFileSize'
  | 'maxRawFileSize'
  | 'minImageWidth'
  | 'minImageHeight'
  | 'maxImageWidth'
  | 'maxImageHeight'
  | 'validateMaxWidthHeight'
>;

export interface Candidate {
  name: string;
  size: number;
  type: string;
  kind: ResourceKind;
}

/** Format and size rules: checked before anything is read from the file. */
export function checkFormatAndSize(file: Candidate, rules: Rules): Problem | undefined {
  const allowed = rules.clientAllowedFormats;
  if (allowed?.length) {
    const ext = extensionOf(file.name);
    // Cloudinary also accepts type words ("image", "video") in the list.
    const ok = allowed.some((f) => f === file.kind || (ext && sameFormat(f, ext)));
    if (!ok) return { code: 'format-not-allowed', name: file.name, extension: ext ?? '', allowed: allowed.join(', ') };
  }
  const kindLimit = file.kind === 'image' ? rules.maxImageFileSize : file.kind === 'video' ? rules.maxVideoFileSize : rules.maxRawFileSize;
  for (const limit of [rules.maxFileSize, kindLimit]) {
    if (limit && file.size > limit) return { code: 'file-too-large', name: file.name, size: file.size, max: limit };
  }
  return undefined;
}

/** Dimension rules for images, once their size in pixels is known. Returns a reason or whether to downscale. */
export function checkDimensions(file: Candidate, width: number, height: number, rules: Rules): { reason?: Problem; downscale: boolean } {
  const { minImageWidth: minW, minImageHeight: minH, maxImageWidth: maxW, maxImageHeight: maxH } = rules;
  if ((minW && width < minW) || (minH && height < minH)) {
    return { reason: { code: 'image-too-small', name: file.name, width, height, minWidth: minW, minHeight: minH }, downscale: false };
  }
  const tooBig = (maxW && width > maxW) || (maxH && height > maxH);
  if (!tooBig) return { downscale: false };
  if (rules.validateMaxWidthHeight) {
    return { reason: { code: 'image-too-large', name: file.name, width, height, maxWidth: maxW, maxHeight: maxH }, downscale: false };
  }
  return { downscale: true };
}
