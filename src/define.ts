// Every element of the widget is defined through here. A page that loads the widget twice (two
// bundles, or two versions pulled in by different scripts) must not break: the first definition
// stays, and the second copy says so once, naming both versions, instead of throwing.
import type { ReactiveElement } from 'lit';
import { VERSION } from './version.js';

type Versioned = CustomElementConstructor & { version?: string };

export function defineElement(name: string, element: CustomElementConstructor): void {
  const existing = customElements.get(name) as Versioned | undefined;
  if (!existing) customElements.define(name, element);
  else if (existing !== element && name === 'upload-widget') {
    console.warn(
      `[upload-widget] <upload-widget> ${existing.version ?? '(unknown version)'} is already defined on this page; ` +
        `this copy (${VERSION}) is not used. Load the widget once per page.`,
    );
  }
}

/**
 * An element's own reactive state (no attribute), declared without decorators, as the classic
 * script's elements are (it carries no decorator code), and out of the manifest's attributes.
 */
export function states(element: typeof ReactiveElement, ...names: string[]): void {
  for (const name of names) element.createProperty(name, { state: true });
}

/** Class decorator: `@element('uw-queue')`. */
export const element =
  (name: string) =>
  (target: CustomElementConstructor): void =>
    defineElement(name, target);
