// Every language but English, each a module loaded on first use through a static import, so any
// bundler follows it: the ES build makes each language a chunk of its own, and a site's bundler
// does the same with them. (The classic script loads them by URL instead: src/classic/load-locale.ts.)
// A unit test keeps this list equal to lit-localize's target locales.
import type { LocaleModule } from '@lit/localize';

export const LOCALE_LOADERS: Record<string, () => Promise<LocaleModule>> = {
  ar: () => import('../generated/locales/ar.js'),
  bg: () => import('../generated/locales/bg.js'),
  ca: () => import('../generated/locales/ca.js'),
  cs: () => import('../generated/locales/cs.js'),
  da: () => import('../generated/locales/da.js'),
  de: () => import('../generated/locales/de.js'),
  el: () => import('../generated/locales/el.js'),
  es: () => import('../generated/locales/es.js'),
  fi: () => import('../generated/locales/fi.js'),
  fr: () => import('../generated/locales/fr.js'),
  he: () => import('../generated/locales/he.js'),
  hi: () => import('../generated/locales/hi.js'),
  hr: () => import('../generated/locales/hr.js'),
  hu: () => import('../generated/locales/hu.js'),
  id: () => import('../generated/locales/id.js'),
  it: () => import('../generated/locales/it.js'),
  ja: () => import('../generated/locales/ja.js'),
  ko: () => import('../generated/locales/ko.js'),
  nb: () => import('../generated/locales/nb.js'),
  nl: () => import('../generated/locales/nl.js'),
  pl: () => import('../generated/locales/pl.js'),
  'pt-BR': () => import('../generated/locales/pt-BR.js'),
  ro: () => import('../generated/locales/ro.js'),
  ru: () => import('../generated/locales/ru.js'),
  sk: () => import('../generated/locales/sk.js'),
  sv: () => import('../generated/locales/sv.js'),
  th: () => import('../generated/locales/th.js'),
  tr: () => import('../generated/locales/tr.js'),
  uk: () => import('../generated/locales/uk.js'),
  vi: () => import('../generated/locales/vi.js'),
  'zh-CN': () => import('../generated/locales/zh-CN.js'),
};

export const loadLocale = (code: string): Promise<LocaleModule> => LOCALE_LOADERS[code]();
