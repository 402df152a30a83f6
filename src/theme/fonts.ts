// Which of `styles.fonts` the widget uses. Cloudinary maps a CSS font-family to a stylesheet
// URL, or to { url, active }; `default: null` stands for the built-in font. Pure: no document.
import type { StylesOption } from '../options.js';

export interface FontChoice {
  family: string;
  url: string;
}

const isStylesheetUrl = (url: unknown): url is string => {
  if (typeof url !== 'string' || !url.trim()) return false;
  try {
    // Relative URLs are fine (a page may host its own fonts); only http(s) may be fetched.
    return /^https?:$/.test(new URL(url, 'https://base.invalid/').protocol);
  } catch {
    return false;
  }
};

/**
 * The family marked `active: true`, else the first family given a URL (and not `active: false`).
 * Entries with a bad URL are reported and skipped, so the default font stays.
 */
export function pickFont(fonts: StylesOption['fonts'] | unknown): { font?: FontChoice; problems: string[] } {
  const problems: string[] = [];
  if (fonts === undefined || fonts === null) return { problems };
  if (typeof fonts !== 'object' || Array.isArray(fonts)) {
    problems.push(`styles.fonts should map a font-family to a stylesheet URL; got ${JSON.stringify(fonts)}. The default font stays.`);
    return { problems };
  }
  const candidates: Array<FontChoice & { active?: boolean }> = [];
  for (const [family, value] of Object.entries(fonts as Record<string, unknown>)) {
    if (value === null || value === undefined || value === '') continue;
    const entry = typeof value === 'object' ? (value as { url?: unknown; active?: unknown }) : { url: value };
    if (!isStylesheetUrl(entry.url)) {
      problems.push(
        `styles.fonts[${JSON.stringify(family)}]: ${JSON.stringify(entry.url)} is not a stylesheet URL ` +
          '(use an https:// URL, e.g. https://fonts.googleapis.com/css?family=…); that font is not loaded.',
      );
      continue;
    }
    if (entry.active === false) continue;
    candidates.push({ family, url: entry.url, active: entry.active === true });
  }
  const chosen = candidates.find((c) => c.active) ?? candidates[0];
  return { font: chosen && { family: chosen.family, url: chosen.url }, problems };
}
