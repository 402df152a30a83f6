// Every language but English, each a module loaded on first use through a static import, so any
// bundler follows it: the ES build makes each language a chunk of its own, and a site's bundler
// does the same with them. (The classic script loads them by URL instead: load-locale-iife.ts.)
// A unit test keeps this list equal to lit-localize's target locales.
import type { LocaleModule } from '@lit/localize';

export const LOCALE_LOADERS: Record<string, () => Promise<LocaleModule>> = {
  ar: () => import('../generated/locales/ar.js'),
  de: () => import('../generated/locales/de.js'),
  es: () => import('../generated/locales/es.js'),
  fr: () => import('../generated/locales/fr.js'),
  he: () => import('../generated/locales/he.js'),
  it: () => import('../generated/locales/it.js'),
  ja: () => import('../generated/locales/ja.js'),
  ko: () => import('../generated/locales/ko.js'),
  nl: () => import('../generated/locales/nl.js'),
  pl: () => import('../generated/locales/pl.js'),
  'pt-BR': () => import('../generated/locales/pt-BR.js'),
  ru: () => import('../generated/locales/ru.js'),
  tr: () => import('../generated/locales/tr.js'),
  'zh-CN': () => import('../generated/locales/zh-CN.js'),
};

export const loadLocale = (code: string): Promise<LocaleModule> => LOCALE_LOADERS[code]();
