// The 13 palette keys of Cloudinary's `styles.palette`, the custom property each one drives,
// the light (default) and dark palettes, and the colour pairs the widget paints, with the
// contrast WCAG AA asks of each. Pure data: no lit, no document.
import type { PaletteKey } from '../options.js';

export type Palette = Record<PaletteKey, string>;

/** Palette key → CSS custom property on the host; the component CSS reads only these. */
export const PALETTE_PROPERTIES: Readonly<Palette> = {
  window: '--uw-color-window',
  windowBorder: '--uw-color-window-border',
  tabIcon: '--uw-color-tab-icon',
  menuIcons: '--uw-color-menu-icons',
  textDark: '--uw-color-text-dark',
  textLight: '--uw-color-text-light',
  link: '--uw-color-link',
  action: '--uw-color-action',
  inactiveTabIcon: '--uw-color-inactive-tab-icon',
  error: '--uw-color-error',
  inProgress: '--uw-color-in-progress',
  complete: '--uw-color-complete',
  sourceBg: '--uw-color-source-bg',
};

export const PALETTE_KEYS = Object.keys(PALETTE_PROPERTIES) as PaletteKey[];

export const FRAME_BACKGROUND_PROPERTY = '--uw-frame-background';
export const FONT_FAMILY_PROPERTY = '--uw-font-family';

/** Cloudinary's documented defaults, kept for reference and for the deviation table. */
export const CLOUDINARY_PALETTE: Readonly<Palette> = {
  window: '#FFFFFF',
  windowBorder: '#90A0B3',
  tabIcon: '#0E2F5A',
  menuIcons: '#5A616A',
  textDark: '#000000',
  textLight: '#FFFFFF',
  link: '#0078FF',
  action: '#FF620C',
  inactiveTabIcon: '#0E2F5A',
  error: '#F44235',
  inProgress: '#0078FF',
  complete: '#20B832',
  sourceBg: '#E4EBF1',
};

/**
 * Our light defaults: Cloudinary's, except where a pair below fails WCAG AA; there the same hue
 * is darkened just enough to pass (link, action, error, windowBorder, complete).
 */
export const LIGHT_PALETTE: Readonly<Palette> = {
  ...CLOUDINARY_PALETTE,
  windowBorder: '#8493A5',
  link: '#0070EF',
  action: '#C94D09',
  error: '#D73A2F',
  complete: '#1A9829',
};

/**
 * The built-in dark palette. `textDark` is the main text colour and so is light here;
 * `textLight` is the text on action/link fills, which are light enough for links on the dark
 * window, so it is near-black.
 */
export const DARK_PALETTE: Readonly<Palette> = {
  window: '#1B2430',
  windowBorder: '#76879B',
  tabIcon: '#F0F4F8',
  menuIcons: '#B4C0CD',
  textDark: '#F2F5F8',
  textLight: '#10151C',
  link: '#6CB6FF',
  action: '#FF8A3D',
  inactiveTabIcon: '#A9B6C4',
  error: '#FF8A80',
  inProgress: '#6CB6FF',
  complete: '#3FB950',
  sourceBg: '#263242',
};

const LIGHT_FRAME_BACKGROUND = '#0E2F5B99';
export const DARK_FRAME_BACKGROUND = '#000000B3';

/** WCAG AA: 4.5:1 for text; 3:1 for large text, icons and the boundaries of controls. */
const AA_TEXT = 4.5;
const AA_NON_TEXT = 3;

export interface ColorPair {
  foreground: PaletteKey;
  background: PaletteKey;
  min: number;
  /** Where the widget paints it, so a failing test says what a person would see. */
  where: string;
}

/** Every foreground/background pair the widget's CSS paints, with the contrast it needs. */
export const COLOR_PAIRS: readonly ColorPair[] = [
  { foreground: 'textDark', background: 'window', min: AA_TEXT, where: 'body text, queue rows, inputs' },
  { foreground: 'textDark', background: 'sourceBg', min: AA_TEXT, where: 'drop area, confirm box, tag chips, source menu button' },
  { foreground: 'textLight', background: 'action', min: AA_TEXT, where: 'Browse and primary buttons' },
  { foreground: 'textLight', background: 'link', min: AA_TEXT, where: 'highlighted tag suggestion' },
  { foreground: 'link', background: 'window', min: AA_TEXT, where: 'link buttons, queue actions, Advanced toggle' },
  { foreground: 'error', background: 'window', min: AA_TEXT, where: 'error messages' },
  { foreground: 'menuIcons', background: 'window', min: AA_TEXT, where: 'header icons, queue file details' },
  { foreground: 'tabIcon', background: 'window', min: AA_TEXT, where: 'selected source tab' },
  { foreground: 'inactiveTabIcon', background: 'window', min: AA_TEXT, where: 'other source tabs' },
  { foreground: 'menuIcons', background: 'sourceBg', min: AA_NON_TEXT, where: 'icon button hover, tag chip remove' },
  { foreground: 'link', background: 'sourceBg', min: AA_NON_TEXT, where: 'focus ring inside the drop area' },
  { foreground: 'action', background: 'window', min: AA_NON_TEXT, where: 'selected tab indicator' },
  { foreground: 'windowBorder', background: 'window', min: AA_NON_TEXT, where: 'text field and select borders' },
  { foreground: 'inProgress', background: 'sourceBg', min: AA_NON_TEXT, where: 'progress bar on its track' },
  { foreground: 'complete', background: 'sourceBg', min: AA_NON_TEXT, where: 'finished progress bar on its track' },
];

/**
 * `--uw-color-…: …;` declarations for a palette, for a `:host { … }` block in the element's
 * styles: one source of truth for the defaults, and page CSS on `upload-widget` still wins
 * over `:host` rules (outer-tree declarations beat shadow-tree ones in the cascade).
 */
export function paletteDeclarations(palette: Readonly<Palette> = LIGHT_PALETTE, frameBackground = LIGHT_FRAME_BACKGROUND): string {
  const lines = PALETTE_KEYS.map((key) => `${PALETTE_PROPERTIES[key]}: ${palette[key]};`);
  return [...lines, `${FRAME_BACKGROUND_PROPERTY}: ${frameBackground};`].join('\n');
}
