// The type glyphs of file icons (a file family by extension, and its drawing): part of the
// row previews, a lazy part (src/views/row-previews.ts); file-icon.ts draws the page without them.
import { svg, type SVGTemplateResult } from 'lit';
import { extensionOf } from '../core/file-kind.js';
import type { ResourceKind } from '../core/types.js';

export type FileFamily = 'image' | 'video' | 'audio' | 'document' | 'sheet' | 'archive' | 'code' | 'other';

const FAMILIES: Record<string, FileFamily> = {};
const add = (family: FileFamily, exts: string) => {
  for (const e of exts.split(' ')) FAMILIES[e] = family;
};
add('audio', 'mp3 wav ogg oga aac m4a flac opus weba');
add('document', 'pdf doc docx odt rtf txt md pages key ppt pptx odp epub');
add('sheet', 'xls xlsx ods csv tsv numbers');
add('archive', 'zip rar 7z tar gz tgz bz2 xz zst');
add('code', 'js mjs ts json html htm css xml yml yaml sh py');

/** The family an icon shows: by extension first (audio is a "video" to Cloudinary), then by kind. */
export function familyOf(name: string, kind: ResourceKind, mimeType = ''): FileFamily {
  if (mimeType.startsWith('audio/')) return 'audio';
  const byExtension = FAMILIES[extensionOf(name)];
  if (byExtension) return byExtension;
  return kind === 'raw' ? 'other' : kind;
}

export const GLYPHS: Record<FileFamily, SVGTemplateResult> = {
  image: svg`<circle cx="11" cy="13" r="2"/><path d="M7 24l5-6 3 3 4-5 6 8z"/>`,
  video: svg`<path d="M12 12v10l9-5z"/>`,
  audio: svg`<path d="M13 11v9.3a2.5 2.5 0 1 0 1.5 2.2V14h5v-3z"/>`,
  document: svg`<path d="M9 12h14M9 16h14M9 20h10" stroke="currentColor" stroke-width="1.5" fill="none"/>`,
  sheet: svg`<path d="M9 11h14v12H9zM9 15h14M9 19h14M15 11v12" stroke="currentColor" stroke-width="1.3" fill="none"/>`,
  archive: svg`<path d="M15 5h2v2h-2zM15 9h2v2h-2zM15 13h2v2h-2zM14 17h4v5h-4z"/>`,
  code: svg`<path d="M13 12l-4 5 4 5M19 12l4 5-4 5" stroke="currentColor" stroke-width="1.6" fill="none"/>`,
  other: svg``,
};
