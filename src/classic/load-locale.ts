// loadLocale for the classic script, which cannot split code: each language is a small module in
// dist/locales/, next to the script, fetched by URL on first use (built at run time from a
// variable, so the bundler neither inlines nor rewrites it).
import type { LocaleModule } from '@lit/localize';
import { CODE_URL } from './code-url.js';

export const loadLocale = (code: string): Promise<LocaleModule> => import(/* @vite-ignore */ new URL(`./locales/${code}.js`, CODE_URL).href);
