// Puts a theme on the widget's host: custom properties through the CSSOM (allowed by a strict
// CSP, unlike style attributes), the font's stylesheet as a <link> in document.head, and for
// theme="auto" a live prefers-color-scheme listener.
import type { StylesOption } from '../options.js';
import { planTheme, readThemeName } from './theme-properties.js';

interface Applied {
  /** Properties this module set, so a later call can take back the ones no longer wanted. */
  properties: Set<string>;
  stop: () => void;
}

const appliedTo = new WeakMap<HTMLElement, Applied>();

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Applies `styles` and `theme` to `host`; call it again whenever either changes (it replaces
 * the previous call's properties and listener). Problems go to `report`, each time it runs.
 * Returns a disposer that removes the prefers-color-scheme listener (call it on disconnect);
 * the properties stay, so a reconnected widget does not flash.
 */
export function applyTheme(host: HTMLElement, styles: StylesOption | undefined, theme: string | undefined, report: (message: string) => void): () => void {
  appliedTo.get(host)?.stop();
  const { name, problem } = readThemeName(theme);
  if (problem) report(problem);

  const query = name === 'auto' ? matchMedia(DARK_QUERY) : undefined;
  const applied: Applied = { properties: appliedTo.get(host)?.properties ?? new Set(), stop: () => {} };
  appliedTo.set(host, applied);

  const paint = (reportProblems: boolean) => {
    const plan = planTheme(styles, name === 'dark' || (query?.matches ?? false));
    if (reportProblems) for (const message of plan.problems) report(message);
    for (const property of applied.properties) {
      if (!plan.properties.has(property)) host.style.removeProperty(property);
    }
    for (const [property, value] of plan.properties) host.style.setProperty(property, value);
    applied.properties = new Set(plan.properties.keys());
    if (plan.font) loadStylesheet(plan.font.url);
  };
  paint(true);

  if (query) {
    const onChange = () => paint(false);
    query.addEventListener('change', onChange);
    applied.stop = () => query.removeEventListener('change', onChange);
  }
  return () => {
    applied.stop();
    applied.stop = () => {};
  };
}

/** Adds <link rel="stylesheet"> for `url` to document.head unless the page already has one. */
export function loadStylesheet(url: string): void {
  const href = new URL(url, document.baseURI).href;
  const links = document.head.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]');
  if ([...links].some((link) => link.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
