// Where files come from. A source is a custom element shown in its own tab: the widget gives it
// `.options` (the widget's resolved options) and `.active` (its tab is showing), and it answers
// with a `files-picked` event whose detail is an array of Files and web addresses. Local files,
// a web address and the camera are the first three; a site adds its own with registerSource().
import { type OptionSpec, type WidgetOptions, declareOptions } from '../options.js';

/** What the widget sets on a source's element (it dispatches `files-picked` on itself). */
export type SourceElement = HTMLElement & { options?: WidgetOptions; active?: boolean };

export interface SourcePlugin {
  /** Its name in the `sources` option. */
  readonly id: string;
  /** The custom element that shows it. */
  readonly tag: string;
  /** The tab's label, in the widget's language: called as the tabs render. */
  label(): string;
  /** Defines the element on first use (a lazy part, a site's own import); the tab shows once it resolves. */
  load?(): Promise<unknown>;
  /**
   * Its own options, by camelCase name: each one's kind (and default, choices, bounds), e.g.
   * `{ assetsUrl: { kind: 'string', default: '/assets.json' } }`. The widget reads them like its own,
   * from the `options` object, a property or the kebab-case attribute (`assets-url`), checks them,
   * and hands them to the source in `.options`. A name the widget already has stays the widget's.
   */
  readonly options?: Readonly<Record<string, OptionSpec>>;
}

const registered = new Map<string, SourcePlugin>();

/** Adds a source (or replaces one of the same id) for every widget on the page. */
export function registerSource(source: SourcePlugin): void {
  registered.set(source.id, source);
  if (source.options) declareOptions(source.options);
}

/** The tabs for `sources`, in its order, and the names no registered source answers to. */
export function planSources(sources: readonly string[]): { tabs: SourcePlugin[]; unknown: string[] } {
  const tabs = sources.map((id) => registered.get(id)).filter((s): s is SourcePlugin => !!s);
  return { tabs, unknown: sources.filter((id) => !registered.has(id)) };
}
