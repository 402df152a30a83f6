// Plurals the way each language counts. lit-localize has one translation per message, so a plural
// message carries its own branches, ICU-style: `one {# file} other {# files}`. A translator writes
// the categories their language has (`one`, `few`, `many`, `other` in Russian; all six in Arabic);
// Intl.PluralRules picks one for the count, and `#` becomes the count in the language's digits.
import { formatCount } from './format.js';

const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const rules = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string | undefined): Intl.PluralRules {
  const key = locale ?? '';
  let r = rules.get(key);
  if (!r) rules.set(key, (r = new Intl.PluralRules(locale)));
  return r;
}

/** The branch of `pattern` for `count`: an exact `=n` first, then the language's category, then `other`. */
export function plural(pattern: string, count: number, locale?: string): string {
  const branches = new Map<string, string>();
  for (const [, key, text] of pattern.matchAll(BRANCH)) branches.set(key, text);
  // A pattern with no branches is plain text (a text override, say).
  if (!branches.size) return pattern.replace(/#/g, formatCount(count, locale));
  const text = branches.get(`=${count}`) ?? branches.get(pluralRules(locale).select(count)) ?? branches.get('other') ?? '';
  return text.replace(/#/g, formatCount(count, locale));
}
