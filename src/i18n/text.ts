// t(): the string to show for a Cloudinary text key — the page's override for the current
// language when there is one, else our own (already localized) message.
import { interpolate, overridesFor, type TextTable } from './text-overrides.js';

let table: TextTable = {};

/** Called by the element when `text` or the language changes; returns keys it does not know. */
export function setTextOverrides(text: Record<string, unknown> | undefined, locale: string): string[] {
  const result = overridesFor(text, locale);
  table = result.table;
  return result.unknown;
}

export function t(key: string, message: string, vars?: Record<string, string | number>): string {
  const override = table[key];
  return override === undefined ? message : interpolate(override, vars);
}
