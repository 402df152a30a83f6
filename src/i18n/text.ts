// t(): the string to show for a Cloudinary text key — the widget's override for its language when
// there is one, else our own (already localized) message.
import { currentLanguage } from './language.js';

export function t(key: string, message: string, vars?: Record<string, string | number>): string {
  const override = currentLanguage().table[key];
  return override === undefined ? message : interpolate(override, vars);
}

/** Fills {{name}} placeholders (spaces allowed inside the braces); unknown ones are left as written. */
function interpolate(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
