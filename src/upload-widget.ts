// <upload-widget>: reads its options from attributes and properties, hands them to the
// UploadController, renders the sources and the queue, and turns the controller's events
// into DOM events with Cloudinary's names.
import { LitElement, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { UploadController } from './core/controller.js';
import type { QueueItem, UploadParamOverrides } from './core/types.js';
import { fire } from './dispatch.js';
import type { WidgetEventMap } from './events.js';
import {
  DEFAULT_OPTIONS,
  OPTION_KINDS,
  kebab,
  normalizeOptions,
  parseAttribute,
  type OptionProblem,
  type WidgetOptions,
} from './options.js';
import { widgetStyles } from './upload-widget.styles.js';
import type { ItemAction } from './views/queue-view.js';
import './sources/local-source.js';
import './views/queue-view.js';

type OptionName = keyof WidgetOptions;

/** Every option is a property (camelCase) and, unless it is a function, an attribute (kebab-case). */
function optionProperties(): PropertyDeclarations {
  const props: Record<string, PropertyDeclarations[string]> = {};
  for (const name of Object.keys(OPTION_KINDS) as OptionName[]) {
    const kind = OPTION_KINDS[name];
    props[name] =
      kind === 'function'
        ? { attribute: false }
        : { attribute: kebab(name), converter: { fromAttribute: (text: string | null) => parseAttribute(name, text) } };
  }
  return props;
}

// Every option is also a property of the element.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface UploadWidget extends Partial<WidgetOptions> {}

/**
 * An upload widget that speaks Cloudinary's Upload API.
 *
 * @fires upload-added, queues-start, success, error, queues-end, batch-cancelled, abort, retry, pause, resume, upload-progress
 * @csspart base - the widget's frame
 * @csspart drop-area - the local files drop area
 * @csspart browse-button - the Browse button
 * @csspart queue-list, queue-item, progress - the queue and its rows
 */
@customElement('upload-widget')
@localized()
export class UploadWidget extends LitElement {
  static override properties = {
    ...optionProperties(),
    options: { attribute: false },
    apiSecret: { attribute: 'api-secret' },
  };

  static override styles = widgetStyles;

  /** Options as one object, Cloudinary-style (camelCase or snake_case keys); attributes and properties win. */
  options: Record<string, unknown> = {};
  /** Only here to be refused: secrets never belong in a page. */
  apiSecret?: string;

  readonly controller = new UploadController();
  private revision = 0;
  private reported = new Set<string>();

  constructor() {
    super();
    this.controller.on((name, detail) => this.forward(name, detail));
    this.controller.subscribe(() => {
      this.revision++;
      this.requestUpdate();
    });
  }

  /** The options in force: defaults, then the options object, then attributes and properties. */
  get effectiveOptions(): WidgetOptions {
    return this.resolved;
  }

  private resolved: WidgetOptions = DEFAULT_OPTIONS;

  private resolveOptions(): WidgetOptions {
    const fromProps: Record<string, unknown> = {};
    for (const name of Object.keys(OPTION_KINDS) as OptionName[]) {
      const value = (this as Record<string, unknown>)[name];
      if (value !== undefined) fromProps[name] = value;
    }
    const merged = { ...this.options, ...fromProps, ...(this.apiSecret !== undefined ? { apiSecret: this.apiSecret } : {}) };
    const { options, problems } = normalizeOptions(merged);
    problems.forEach((p) => this.report(p));
    this.resolved = { ...DEFAULT_OPTIONS, ...options };
    this.controller.setOptions(this.resolved);
    return this.resolved;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Store changes (progress) re-render with no property changed: options are not read again then.
    if (changed.size || !this.hasUpdated) this.resolveOptions();
  }

  /** Queues files (or web addresses) as if the person had picked them. */
  addFiles(files: Array<File | string>, overrides?: UploadParamOverrides): Promise<QueueItem[]> {
    // Options set just before this call may not have rendered yet.
    this.resolveOptions();
    return this.controller.addFiles(files, overrides);
  }

  get items(): readonly QueueItem[] {
    return this.controller.items;
  }

  abort(id?: string) {
    this.controller.abort(id);
  }
  retry(id?: string) {
    this.controller.retry(id);
  }
  pause(id?: string) {
    this.controller.pause(id);
  }
  resume(id?: string) {
    this.controller.resume(id);
  }

  override render() {
    const o = this.effectiveOptions;
    const accept = (o.clientAllowedFormats ?? [])
      .map((f) => (['image', 'video'].includes(f) ? `${f}/*` : f.includes('/') ? f : `.${f}`))
      .join(',');
    const c = this.controller;
    const total = c.items.length - c.queue.count('refused', 'cancelled');
    const finished = c.queue.count('done');
    const busy = c.queue.count('queued', 'preparing', 'uploading') > 0;
    return html`<section part="base" class="widget" aria-label=${msg('Upload files')}>
      <uw-local-source ?multiple=${o.multiple} accept=${accept} @files-picked=${this.onFilesPicked}></uw-local-source>
      <p class="summary" part="summary" aria-live="polite">
        ${busy ? msg(str`Uploading ${finished} of ${total} files`) : total ? msg(str`${finished} of ${total} files uploaded`) : ''}
      </p>
      <uw-queue .items=${c.items} .revision=${this.revision} @item-action=${this.onItemAction}></uw-queue>
    </section>`;
  }

  private onFilesPicked(e: CustomEvent<File[]>) {
    e.stopPropagation();
    void this.addFiles(e.detail);
  }

  private onItemAction(e: CustomEvent<{ action: ItemAction; id: string }>) {
    e.stopPropagation();
    const { action, id } = e.detail;
    if (action === 'remove') this.controller.remove(id);
    else this[action](id);
  }

  private forward<K extends keyof WidgetEventMap>(name: K, detail: WidgetEventMap[K]) {
    fire(this, name, detail);
  }

  /** Each problem once: a console message naming the option; a secret is also an `error` event. */
  private report(problem: OptionProblem) {
    const key = `${problem.option}:${problem.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    if (problem.fatal) {
      console.error(`[upload-widget] ${problem.message}`);
      fire(this, 'error', { message: problem.message });
    } else {
      console.warn(`[upload-widget] ${problem.message}`);
    }
  }

  // Typed listeners for the widget's own events (DOM's `abort` and `close` have other types).
  override addEventListener<K extends keyof WidgetEventMap>(
    type: K,
    listener: (this: UploadWidget, ev: CustomEvent<WidgetEventMap[K]>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: unknown, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject, options);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'upload-widget': UploadWidget;
  }
}
