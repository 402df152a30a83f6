// Sizes and percentages in the widget's language. Formatters are cached: building an
// Intl.NumberFormat costs far more than using one, and the queue formats every visible row.
import { currentLanguage } from './language.js';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
const formatters = new Map<string, Intl.NumberFormat>();

/** The language of the widget whose code is running (language.ts): two widgets on a page format each in its own. */
export const formatLocale = (): string => currentLanguage().locale;

function formatter(locale: string | undefined, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale ?? ''}|${key}`;
  let f = formatters.get(id);
  if (!f) formatters.set(id, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function formatBytes(bytes: number, locale = formatLocale()): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return formatter(locale, UNITS[unit], {
    style: 'unit',
    unit: UNITS[unit],
    // "344 bytes" but "6 kB": the short form of byte is not an abbreviation in every locale.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

export function formatPercent(fraction: number, locale = formatLocale()): string {
  return formatter(locale, 'percent', { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** A count in the language's digits ("١٢" in Arabic). */
export function formatCount(count: number, locale = formatLocale()): string {
  return formatter(locale, 'count', { maximumFractionDigits: 0 }).format(count);
}

/** "1.2 MB/s". */
export function formatRate(bytesPerSecond: number, locale = formatLocale()): string {
  return `${formatBytes(bytesPerSecond, locale)}/s`;
}

/** A duration people read at a glance: "45 s", "3 min", "1 h". */
export function formatDuration(seconds: number, locale = formatLocale()): string {
  const [value, unit] =
    seconds < 60
      ? [Math.max(1, Math.round(seconds)), 'second']
      : seconds < 3600
        ? [Math.round(seconds / 60), 'minute']
        : [Math.round(seconds / 360) / 10, 'hour'];
  return formatter(locale, `duration-${unit}`, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * Builds the formatters a queue uses before the first file needs them, one per idle moment: the
 * first Intl.NumberFormat of a page loads the language's number data (tens of milliseconds), which
 * otherwise fell on the frame that shows the first file, with the upload waiting behind it.
 */
export function warmFormatters(locale = formatLocale()): void {
  const steps = [
    () => formatPercent(0, locale),
    () => formatCount(0, locale),
    ...UNITS.map((_, i) => () => formatBytes(1000 ** i, locale)),
    () => formatDuration(1, locale),
    () => formatDuration(90, locale),
    () => formatDuration(7200, locale),
  ];
  const later = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 20));
  const next = () => {
    steps.shift()?.();
    if (steps.length) later(next);
  };
  later(next);
}
