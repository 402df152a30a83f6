// The element's options, read once per change: its attributes, properties and options object
// (option-reader.ts) become the options in force, which the engine gets, and the source tabs they
// name. What follows from them on the page is applied after each change: the theme (a lazy part),
// the language, the inline container.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { languageOf } from '../i18n/language.js';
import { matchLocale } from '../i18n/localization.js';
import { loadPart } from '../lazy/load-part.js';
import { DEFAULT_OPTIONS, type OptionProblem, type WidgetOptions, type WidgetOptionsInput } from '../options.js';
import { NOT_BUILT } from '../sources/builtin.js';
import { type SourcePlugin, planSources } from '../sources/registry.js';
import { readOptions } from './option-reader.js';
import { ProblemReporter } from './problem-reporter.js';

type ThemePart = typeof import('../theme/apply-theme.js');
/** The theme part once loaded: every widget after the first applies its theme at once. */
let themePart: ThemePart | undefined;

export interface OptionsHost extends ReactiveControllerHost, HTMLElement {
  /** Options as one object, Cloudinary-style. */
  options: WidgetOptionsInput;
  /** Only read to be refused. */
  apiSecret?: string;
}

export class OptionsController implements ReactiveController {
  /** Each problem with the options once: a warning naming the option; a secret is also an `error` event. */
  readonly report: (problem: OptionProblem) => void;
  /** The locale in force (`language`, matched to the locales this widget has). */
  locale = 'en';
  private current: WidgetOptions = DEFAULT_OPTIONS;
  private plannedTabs: SourcePlugin[] = [];
  /** An option changed since the options were last read. */
  private stale = true;
  private disposeTheme?: () => void;
  /** A theme was asked for once: later changes go through the theme part too (it takes back what it set). */
  private themed = false;

  constructor(
    private readonly host: OptionsHost,
    private readonly engine: { setOptions(options: WidgetOptions): void },
    private readonly partFailed: (e: unknown) => void,
  ) {
    host.addController(this);
    this.report = new ProblemReporter(host).report;
  }

  /** An option, the options object or the secret changed: they are read again when next needed. */
  changed(): void {
    this.stale = true;
  }

  /** The options in force: defaults, then the options object, then attributes and properties. */
  get resolved(): WidgetOptions {
    if (this.stale) this.read();
    return this.current;
  }

  /** The source tabs, in the order `sources` names them (local files when it names none there is). */
  get tabs(): readonly SourcePlugin[] {
    if (this.stale) this.read();
    return this.plannedTabs;
  }

  get isInline(): boolean {
    const o = this.resolved;
    return o.inline || o.inlineContainer !== undefined;
  }

  private read() {
    this.stale = false;
    const { options, problems } = readOptions(this.host, this.host.options, this.host.apiSecret);
    for (const p of problems) this.report(p);
    this.current = options;
    this.engine.setOptions(options);
    const { tabs, unknown } = planSources(options.sources);
    if (unknown.length) {
      const named = unknown.map((id) => (NOT_BUILT[id] ? `${id} (${NOT_BUILT[id]})` : id));
      this.report({ option: 'sources', message: `Sources not available in this widget were left out: ${named.join(', ')}.` });
    }
    this.plannedTabs = tabs.length ? tabs : planSources(['local']).tabs;
  }

  /** After the options changed (and on the first render): the container, the theme, the language. */
  apply(): void {
    const container = this.resolved.inlineContainer;
    const target = typeof container === 'string' ? document.querySelector(container) : container;
    if (target && this.host.parentNode !== target) target.append(this.host);
    this.applyTheme();
    this.applyLanguage();
  }

  private applyLanguage() {
    const { language, text } = this.resolved;
    const locale = matchLocale(language);
    if (!locale) {
      this.report({ option: 'language', message: `Option language: no translation for "${language}"; English is used.` });
    }
    // This widget's own language; it and its views re-render in it once the locale's strings are here.
    const speaks = (this.locale = locale ?? 'en');
    // Cloudinary-style overrides are read by a lazy part: only a widget given `text` loads it.
    const overrides = text
      ? (loadPart('text-overrides') as Promise<typeof import('../i18n/text-overrides.js')>).then((m) => m.overridesFor(text, speaks))
      : undefined;
    const { unknown, ready } = languageOf(this.host).use(speaks, overrides);
    unknown.then((keys) => {
      for (const key of keys) this.report({ option: 'text', message: `Option text: "${key}" is not a text key this widget shows; it is ignored.` });
    }, this.partFailed);
    ready.catch(() => this.report({ option: 'language', message: `Option language: the "${speaks}" strings could not be loaded; English is used.` }));
  }

  /** `styles` and `theme` through the theme part, loaded when a page first asks for either (the default look needs neither). */
  private applyTheme() {
    const { styles, theme } = this.resolved;
    if (!this.themed && !styles && (!theme || theme.trim().toLowerCase() === 'light')) return;
    this.themed = true;
    const apply = (m: ThemePart) => {
      themePart = m;
      if (!this.host.isConnected) return;
      this.disposeTheme?.();
      const o = this.resolved;
      this.disposeTheme = m.applyTheme(this.host, o.styles, o.theme, (message) => this.report({ option: 'styles', message }));
    };
    if (themePart) apply(themePart);
    else (loadPart('apply-theme') as Promise<ThemePart>).then(apply, this.partFailed);
  }

  hostDisconnected(): void {
    this.disposeTheme?.();
    this.disposeTheme = undefined;
  }
}
