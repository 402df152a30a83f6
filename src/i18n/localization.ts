// Which languages the widget speaks. English is built in; every other locale is a small module
// loaded on first use (load-locale.ts; the classic script's from dist/locales/), so the main
// bundle carries English only. A locale's strings load once per page and serve every widget that
// speaks it (each widget's language: language.ts).
import type { TemplateMap } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';
import { loadLocale } from './load-locale.js';

export const LOCALES: readonly string[] = [sourceLocale, ...targetLocales];
const RTL = new Set(['ar', 'he', 'fa', 'ur']);
/** Languages written like one that ships: Norwegian ("no", Nynorsk "nn") reads Bokmål ("nb"). */
const ALIASES: Record<string, string> = { no: 'nb', nn: 'nb' };

/** The supported locale for a language tag: exact, then by language ("pt" → "pt-BR", "en-US" → "en"). */
export function matchLocale(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = ALIASES[lower.split(/[-_]/)[0]] ?? lower.split(/[-_]/)[0];
  return LOCALES.find((l) => l.toLowerCase().split('-')[0] === language);
}

export function isRightToLeft(locale: string): boolean {
  return RTL.has(locale.split('-')[0]);
}

/** Each locale's strings once loaded (English's are the source text: none), or its load under way. */
const strings = new Map<string, TemplateMap | undefined | Promise<TemplateMap>>([[sourceLocale, undefined]]);

/**
 * The strings of a supported `locale`: as they are when already on the page (so a widget switches
 * at once, never showing another language first), else a promise of them.
 */
export function stringsOf(locale: string): TemplateMap | undefined | Promise<TemplateMap> {
  if (strings.has(locale)) return strings.get(locale);
  const loading = loadLocale(locale).then(
    ({ templates }) => {
      strings.set(locale, templates);
      return templates;
    },
    (error) => {
      // Not remembered: the next widget asking for it tries again.
      strings.delete(locale);
      throw error;
    },
  );
  strings.set(locale, loading);
  return loading;
}
