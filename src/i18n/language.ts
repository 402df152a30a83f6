// A language per widget. lit-localize's runtime (configureLocalization) has one locale per page,
// so two widgets could not speak two languages; this small runtime replaces it. Each
// <upload-widget> has a Language: its locale, that locale's strings and its `text` overrides.
// While code of a widget runs (an update of the widget or of a view inside it, or a callback
// wrapped in inLanguageOf), its Language is the ambient one, and msg(), t() and the number
// formats read it. lit updates an element synchronously, from willUpdate() to updated(), so the
// ambient value set around an update belongs to the element being updated.
import { LOCALE_STATUS_EVENT, type MsgFn, type TemplateMap, updateWhenLocaleChanges } from '@lit/localize';
import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { ReactiveElement } from 'lit';
import { stringsOf } from './localization.js';
import type { TextTable } from './text-overrides.js';

export class Language {
  locale = 'en';
  templates?: TemplateMap;
  table: TextTable = {};
  private request = 0;

  /**
   * Speaks `locale` (a supported one) with the `text` overrides (read by the lazy text-overrides
   * part, so a promise): at once when its strings are on the page and there are no overrides, else
   * once they arrive (`ready`); `unknown` are override keys the widget does not show.
   */
  use(locale: string, overrides?: Promise<{ table: TextTable; unknown: string[] }>): { unknown: Promise<string[]>; ready: Promise<void> } {
    const request = ++this.request;
    const apply = (templates: TemplateMap | undefined, table: TextTable) => {
      // A later call won the race: its strings apply, not these.
      if (request !== this.request) return;
      // Words, overrides and numbers switch together.
      this.locale = locale;
      this.templates = templates;
      this.table = table;
      // @localized() elements re-render on lit-localize's own event (each in its own widget's language).
      window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }));
    };
    const strings = stringsOf(locale);
    if (!(strings instanceof Promise) && !overrides) {
      apply(strings, {});
      return { unknown: Promise.resolve([]), ready: Promise.resolve() };
    }
    // A part that cannot load is reported through `unknown`; the language still applies, with no overrides.
    const ready = Promise.all([strings, overrides?.catch(() => undefined)]).then(([templates, read]) => apply(templates, read?.table ?? {}));
    return { unknown: overrides ? overrides.then((read) => read.unknown) : Promise.resolve([]), ready };
  }
}

/** Outside any widget (a controller used alone, say): English, no overrides. */
const NONE = new Language();
let current = NONE;
const languages = new WeakMap<Element, Language>();

export const currentLanguage = (): Language => current;

_installMsgImplementation(((template, options) => runtimeMsg(current.templates, template, options)) as MsgFn);

/** The Language of a <upload-widget>. */
export function languageOf(widget: Element): Language {
  let language = languages.get(widget);
  if (!language) languages.set(widget, (language = new Language()));
  return language;
}

/** Runs `fn` in the language of the widget `node` belongs to (the nearest one, through shadow roots). */
export function inLanguageOf<T>(node: Node, fn: () => T): T {
  let language = NONE;
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host) {
    if ((n as Element).localName === 'upload-widget') {
      language = languageOf(n as Element);
      break;
    }
  }
  const outer = current;
  current = language;
  try {
    return fn();
  } finally {
    current = outer;
  }
}

/**
 * Replaces lit-localize's @localized(): the element updates in its widget's language, and
 * re-renders when a language's strings arrive (lit-localize's controller, on its event).
 */
export const localized =
  () =>
  (element: typeof ReactiveElement): void => {
    const proto = element.prototype as unknown as { performUpdate(): void };
    const perform = proto.performUpdate;
    proto.performUpdate = function (this: ReactiveElement) {
      inLanguageOf(this, () => perform.call(this));
    };
    element.addInitializer(updateWhenLocaleChanges);
  };
