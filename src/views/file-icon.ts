// Type icons for files without a preview: a page with a glyph for its family and its extension.
// Inline SVG drawn in currentColor, so the palette colours it and no image request is made. The
// glyphs come with the row previews part (file-glyphs.ts); the page and its extension are here.
import { html, nothing, svg } from 'lit';
import { extensionOf } from '../core/file-kind.js';
import type { ResourceKind } from '../core/types.js';

/** The glyphs, once the row previews part is here (setFileGlyphs); until then the icon is the page and its extension. */
let glyphs: typeof import('./file-glyphs.js') | undefined;

export function setFileGlyphs(module: typeof import('./file-glyphs.js')): void {
  glyphs = module;
}

/** A 32×40 page icon; decorative (aria-hidden), since the row names the file in words. */
export function fileIcon(name: string, kind: ResourceKind, mimeType = '') {
  const family = glyphs?.familyOf(name, kind, mimeType);
  const label = extensionOf(name).slice(0, 4).toUpperCase();
  // html for the <svg> element itself; lit's svg tag is for what goes inside one.
  return html`<svg class="file-icon" data-family=${family ?? nothing} viewBox="0 0 32 40" width="32" height="40" aria-hidden="true" focusable="false" fill="currentColor">
    <path d="M3 1h18l8 8v30H3z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>
    <path d="M21 1v8h8" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>
    ${family ? glyphs?.GLYPHS[family] : nothing}
    ${label ? svg`<text x="16" y="35" font-size="7" font-family="system-ui, sans-serif" font-weight="700" text-anchor="middle">${label}</text>` : ''}
  </svg>`;
}
