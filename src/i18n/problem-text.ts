// The words for the core's problems (src/core/problems.ts), in the language of the widget they
// come from (controller-services.ts runs this in it).
import { msg, str } from '@lit/localize';
import type { Problem } from '../core/problems.js';
import { formatBytes } from './format.js';

export function describeProblem(p: Problem): string {
  switch (p.code) {
    case 'too-many-files':
      return p.limit === 1
        ? msg(str`${p.name}: only one file can be uploaded at a time.`)
        : msg(str`${p.name}: at most ${p.limit} files can be uploaded at once.`);
    case 'format-not-allowed': {
      const list = p.allowed;
      if (!p.extension) return msg(str`${p.name}: files without an extension are not allowed here; allowed: ${list}`);
      const what = p.extension.toUpperCase();
      return msg(str`${p.name}: ${what} files are not allowed here; allowed: ${list}`);
    }
    case 'file-too-large': {
      const size = formatBytes(p.size);
      const max = formatBytes(p.max);
      return msg(str`${p.name} is ${size}; the largest file allowed here is ${max}.`);
    }
    // Only the limits that are set: "at least 1000 pixels wide", never "1000×1".
    case 'image-too-small': {
      const { name, width, height, minWidth, minHeight } = p;
      if (minWidth && minHeight) return msg(str`${name} is ${width}×${height} pixels; images must be at least ${`${minWidth}×${minHeight}`}.`);
      if (minWidth) return msg(str`${name} is ${width}×${height} pixels; images must be at least ${minWidth} pixels wide.`);
      return msg(str`${name} is ${width}×${height} pixels; images must be at least ${minHeight ?? 1} pixels high.`);
    }
    case 'image-too-large': {
      const { name, width, height, maxWidth, maxHeight } = p;
      if (maxWidth && maxHeight) return msg(str`${name} is ${width}×${height} pixels; images may be at most ${`${maxWidth}×${maxHeight}`}.`);
      if (maxWidth) return msg(str`${name} is ${width}×${height} pixels; images may be at most ${maxWidth} pixels wide.`);
      return msg(str`${name} is ${width}×${height} pixels; images may be at most ${maxHeight ?? 0} pixels high.`);
    }
    case 'image-cannot-fit':
      return p.maxBytes
        ? msg(str`${p.name} could not be made smaller than ${formatBytes(p.maxBytes)} without losing too much of the picture.`)
        : msg(str`${p.name} could not be made small enough here.`);
    case 'meta-missing':
      return msg(str`${p.name}: fill in ${p.field} to upload this file.`);
    case 'server-timeout':
      return msg(str`${p.name}: the upload server stopped answering. Check the connection and retry.`);
    case 'not-a-result':
      return msg(
        str`${p.name}: the server answered, but not with an upload result, so the file may not be stored. Retry; if it happens again, the upload address is probably wrong.`,
      );
    case 'bytes-not-verified':
      return msg(str`${p.name}: the server stored different bytes than were sent, so the upload could not be verified. Retry to send the file again.`);
    case 'server-unreachable':
      return msg(str`${p.name}: the upload server could not be reached. Check the connection and retry.`);
    case 'upload-failed':
      return msg(str`${p.name}: ${p.message}`);
    case 'missing-api-key':
      return msg('signed uploads need the apiKey option (your public API key).');
    case 'missing-signature-timestamp':
      return msg('a signature string needs uploadSignatureTimestamp, the timestamp it was computed with.');
    case 'nothing-to-authorize':
      return msg('nothing to authorize the upload: set uploadPreset (unsigned) or uploadSignature (signed).');
    case 'missing-cloud-name':
      return msg('the cloudName option is missing.');
    case 'part-not-loaded': {
      const url = p.url;
      return url.startsWith('file:')
        ? msg(str`Part of the widget could not be loaded: ${url}. Its parts load only when the page is served over http(s), not opened from a file.`)
        : msg(str`Part of the widget could not be loaded: ${url}`);
    }
  }
}
