// Hex colours as Cloudinary's `styles.palette` allows them, and WCAG 2.x contrast maths.
// Pure: no lit, no document, so palettes can be checked in unit tests.

/** sRGB channels 0–255 and alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** Reads #RGB, #RGBA, #RRGGBB or #RRGGBBAA (any case, surrounding spaces allowed); undefined otherwise. */
export function parseHexColor(text: unknown): Rgba | undefined {
  if (typeof text !== 'string') return undefined;
  const match = HEX.exec(text.trim());
  if (!match) return undefined;
  let digits = match[1];
  // Short forms double each digit: #f80 is #ff8800.
  if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
  const byte = (i: number) => parseInt(digits.slice(i, i + 2), 16);
  return { r: byte(0), g: byte(2), b: byte(4), a: digits.length === 8 ? byte(6) / 255 : 1 };
}

export const isHexColor = (text: unknown): text is string => parseHexColor(text) !== undefined;

const toColor = (c: Rgba | string): Rgba => {
  const parsed = typeof c === 'string' ? parseHexColor(c) : c;
  if (!parsed) throw new Error(`not a hex colour: ${String(c)}`);
  return parsed;
};

/** `top` painted over an opaque `bottom`: what the eye sees when `top` is translucent. */
function composite(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** WCAG 2.x relative luminance (0 = black, 1 = white); alpha is ignored. */
function relativeLuminance(color: Rgba | string): number {
  const { r, g, b } = toColor(color);
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * WCAG 2.x contrast ratio (1–21) of a foreground on a background. A translucent foreground is
 * composited over the background first; the background is taken as opaque.
 */
export function contrastRatio(foreground: Rgba | string, background: Rgba | string): number {
  const bg = { ...toColor(background), a: 1 };
  const fg = composite(toColor(foreground), bg);
  const [light, dark] = [relativeLuminance(fg), relativeLuminance(bg)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
