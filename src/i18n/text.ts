// t(): the string to show for a Cloudinary text key — the widget's override for its language when
// there is one, else our own (already localized) message.
import { currentLanguage } from './language.js';
import { interpolate } from './text-overrides.js';

export function t(key: string, message: string, vars?: Record<string, string | number>): string {
  const override = currentLanguage().table[key];
  return override === undefined ? message : interpolate(override, vars);
}
