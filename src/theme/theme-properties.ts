// `styles` + `theme` → the custom properties to set on the host, and the problems to report.
// Pure (the caller says whether the system prefers dark), so it is testable without a widget.
//
// Only what the page asked for becomes a property: keys in styles.palette, frame.background,
// the font, and the dark palette when dark applies. Everything else is left unset, so the
// page's own CSS (`upload-widget { --uw-color-action: … }`) and the component fallbacks apply.
import type { PaletteKey, StylesOption } from '../options.js';
import { isHexColor } from './color.js';
import { DARK_FRAME_BACKGROUND, DARK_PALETTE, FONT_FAMILY_PROPERTY, FRAME_BACKGROUND_PROPERTY, PALETTE_KEYS, PALETTE_PROPERTIES } from './palette.js';
import { pickFont, type FontChoice } from './fonts.js';

export type ThemeName = 'light' | 'dark' | 'auto';
const THEME_NAMES: readonly ThemeName[] = ['light', 'dark', 'auto'];

const HEX_FORMS = 'use #RGB, #RGBA, #RRGGBB or #RRGGBBAA';

export function readThemeName(theme: unknown): { name: ThemeName; problem?: string } {
  if (theme === undefined || theme === null || theme === '') return { name: 'light' };
  const name = typeof theme === 'string' ? theme.trim().toLowerCase() : '';
  if ((THEME_NAMES as readonly string[]).includes(name)) return { name: name as ThemeName };
  return {
    name: 'light',
    problem: `theme ${JSON.stringify(theme)} is not a theme of this widget (use light, dark or auto); the light theme is used.`,
  };
}

export interface ThemePlan {
  /** Custom property (or `color-scheme`) → value, to set on the host. */
  properties: Map<string, string>;
  font?: FontChoice;
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What to set on the host for these styles when the dark palette does (`dark`) or does not apply. */
export function planTheme(styles: StylesOption | undefined, dark: boolean): ThemePlan {
  const properties = new Map<string, string>();
  const problems: string[] = [];

  if (dark) {
    for (const key of PALETTE_KEYS) properties.set(PALETTE_PROPERTIES[key], DARK_PALETTE[key]);
    properties.set(FRAME_BACKGROUND_PROPERTY, DARK_FRAME_BACKGROUND);
    // Native parts (scrollbars, the select's popup) follow the palette.
    properties.set('color-scheme', 'dark');
  }

  const palette: unknown = styles?.palette;
  if (palette !== undefined && !isRecord(palette)) {
    problems.push(`styles.palette should be an object of palette keys to colours; got ${JSON.stringify(palette)}. The default palette stays.`);
  } else if (palette) {
    for (const [key, value] of Object.entries(palette)) {
      if (!(key in PALETTE_PROPERTIES)) {
        problems.push(`styles.palette.${key} is not a palette key (use ${PALETTE_KEYS.join(', ')}); it is ignored.`);
      } else if (!isHexColor(value)) {
        problems.push(`styles.palette.${key}: ${JSON.stringify(value)} is not a colour (${HEX_FORMS}); the default stays.`);
      } else {
        properties.set(PALETTE_PROPERTIES[key as PaletteKey], value.trim());
      }
    }
  }

  const frame: unknown = styles?.frame;
  if (frame !== undefined && !isRecord(frame)) {
    problems.push(`styles.frame should be an object such as { "background": "#0E2F5B99" }; got ${JSON.stringify(frame)}. It is ignored.`);
  } else if (frame && frame.background !== undefined) {
    if (isHexColor(frame.background)) properties.set(FRAME_BACKGROUND_PROPERTY, frame.background.trim());
    else problems.push(`styles.frame.background: ${JSON.stringify(frame.background)} is not a colour (${HEX_FORMS}); the default stays.`);
  }

  const { font, problems: fontProblems } = pickFont(styles?.fonts);
  problems.push(...fontProblems);
  if (font) properties.set(FONT_FAMILY_PROPERTY, font.family);

  return { properties, font, problems };
}
