// Client-side rules. Each returns the reason a file is refused, in words a person can act on.
import { msg, str } from '@lit/localize';
import type { WidgetOptions } from '../options.js';
import type { ResourceKind } from './types.js';
import { extensionOf, sameFormat } from './file-kind.js';
import { formatBytes } from './format.js';

type Rules = Pick<
  WidgetOptions,
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
export function checkFormatAndSize(file: Candidate, rules: Rules): string | undefined {
  const allowed = rules.clientAllowedFormats;
  if (allowed?.length) {
    const ext = extensionOf(file.name);
    // Cloudinary also accepts type words ("image", "video") in the list.
    const ok = allowed.some((f) => f === file.kind || (ext && sameFormat(f, ext)));
    if (!ok) {
      const list = allowed.join(', ');
      if (!ext) return msg(str`${file.name}: files without an extension are not allowed here; allowed: ${list}`);
      const what = ext.toUpperCase();
      return msg(str`${file.name}: ${what} files are not allowed here; allowed: ${list}`);
    }
  }
  const kindLimit = file.kind === 'image' ? rules.maxImageFileSize : file.kind === 'video' ? rules.maxVideoFileSize : rules.maxRawFileSize;
  for (const limit of [rules.maxFileSize, kindLimit]) {
    if (limit && file.size > limit) {
      const size = formatBytes(file.size);
      const max = formatBytes(limit);
      return msg(str`${file.name} is ${size}; the largest file allowed here is ${max}.`);
    }
  }
  return undefined;
}

/** Dimension rules for images, once their size in pixels is known. Returns a reason or whether to downscale. */
export function checkDimensions(file: Candidate, width: number, height: number, rules: Rules): { reason?: string; downscale: boolean } {
  const { minImageWidth: minW, minImageHeight: minH, maxImageWidth: maxW, maxImageHeight: maxH } = rules;
  if ((minW && width < minW) || (minH && height < minH)) {
    const need = `${minW ?? 1}×${minH ?? 1}`;
    return { reason: msg(str`${file.name} is ${width}×${height} pixels; images must be at least ${need}.`), downscale: false };
  }
  const tooBig = (maxW && width > maxW) || (maxH && height > maxH);
  if (!tooBig) return { downscale: false };
  if (rules.validateMaxWidthHeight) {
    const limit = `${maxW ?? '∞'}×${maxH ?? '∞'}`;
    return { reason: msg(str`${file.name} is ${width}×${height} pixels; images may be at most ${limit}.`), downscale: false };
  }
  return { downscale: true };
}
