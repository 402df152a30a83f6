// Which language the widget speaks. English is built in; every other locale is a small module
// loaded on first use (load-locale.ts; the classic script's from dist/locales/), so the main
// bundle carries English only. lit-localize's locale is page-wide: one language per page.
import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';
import { loadLocale } from './load-locale.js';

export const LOCALES: readonly string[] = [sourceLocale, ...targetLocales];
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

const { getLocale, setLocale } = configureLocalization({ sourceLocale, targetLocales, loadLocale });

export { getLocale };

/** The supported locale for a language tag: exact, then by language ("pt" → "pt-BR", "en-US" → "en"). */
export function matchLocale(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split(/[-_]/)[0];
  return LOCALES.find((l) => l.toLowerCase().split('-')[0] === language);
}

export function isRightToLeft(locale: string): boolean {
  return RTL.has(locale.split('-')[0]);
}

/** Switches the page's widgets to `locale`; resolves once its strings are loaded. */
export function useLocale(locale: string): Promise<void> {
  return getLocale() === locale ? Promise.resolve() : setLocale(locale);
}
