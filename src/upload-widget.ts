// <upload-widget>: a composition. Its options (element/options-controller.ts) go to the
// UploadController, the headless core that holds the queue; controllers do the element's other
// jobs (options, display and the modal, store subscription, paste, drop, the shown source, the crop
// step, announcements); the form control is its base class (element/form-associated.ts). Views
// render state and send intents up, which become the engine's methods here. The engine's events go
// out as DOM events with Cloudinary's names. It keeps no upload state of its own.
// New behaviour goes to a controller or a view (docs/architecture.md), not here.
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyDeclaration, type PropertyValues } from 'lit';
import { servicesFor } from './element/controller-services.js';
import { UploadController } from './core/controller.js';
import type { EngineEventMap, EngineEventName } from './core/engine-events.js';
import { kindOf } from './core/file-kind.js';
import { warmFormatters } from './i18n/format.js';
import { preloadedFile } from './core/preloaded-file.js';
import { ProblemError } from './core/problems.js';
import { summarize } from './core/summary.js';
import type { QueueItem, UploadParamOverrides } from './core/types.js';
import { checkFormatAndSize } from './core/validate.js';
import { fire } from './dispatch.js';
import { CropFlow } from './element/crop-flow.js';
import { DisplayController } from './element/display-controller.js';
import { DropController } from './element/drop-controller.js';
import { FormAssociatedElement } from './element/form-associated.js';
import { FormField } from './element/form-field.js';
import { LazyAnnouncer } from './element/lazy-announcer.js';
import { nextFrame } from './element/next-frame.js';
import { LOWERCASE_ALIASES, isOption, optionProperties, readAlias } from './element/option-reader.js';
import { OptionsController } from './element/options-controller.js';
import { PasteController } from './element/paste-controller.js';
import { ProgressEvents } from './element/progress-events.js';
import { QueueHost } from './element/queue-host.js';
import { SourceHost } from './element/source-host.js';
import { StoreController } from './element/store-controller.js';
import type { StoredFilesController } from './element/stored-files-controller.js';
import type { ElementEventMap, WidgetEvent, WidgetEventMap, WidgetEventName } from './events.js';
import { states } from './define.js';
import { inLanguageOf, localized } from './i18n/language.js';
import { isRightToLeft } from './i18n/localization.js';
import { plural } from './i18n/plural.js';
import { describeProblem } from './i18n/problem-text.js';
import { t } from './i18n/text.js';
import { warnIfFilePage } from './lazy/file-page.js';
import { loadPart } from './lazy/load-part.js';
import { FIXED_AFTER_CREATION, type WidgetOptions, type WidgetOptionsInput } from './options.js';
import './sources/builtin.js';
import { registerSource, type SourcePlugin } from './sources/registry.js';
import { paletteDefaults, widgetStyles } from './upload-widget.styles.js';
import { VERSION } from './version.js';
import { type AdvancedValues, NO_ADVANCED_VALUES, advancedOverrides } from './views/advanced-values.js';
import { deepActiveElement, tabbables } from './views/focus-trap.js';
import { icon } from './views/icons.js';
import { plainQueueStyles } from './views/plain-queue.js';
import { progressStyles, srOnly } from './views/shared-styles.js';

type View = 'sources' | 'queue' | 'crop';

/** Options Cloudinary's update() may not change. */
const NOT_UPDATABLE = FIXED_AFTER_CREATION;

// Every option is also a property of the element. Typed listeners (types only: the methods are the
// DOM's): the widget's own events first (they win where the DOM has the same name: `abort`, `close`,
// `error`), then the DOM's (`click` is a MouseEvent), then any other name.
export interface UploadWidget extends Omit<Partial<WidgetOptions>, 'form'> {
  addEventListener<K extends WidgetEventName>(
    type: K,
    listener: (this: UploadWidget, ev: WidgetEvent<K>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof ElementEventMap>(
    type: K,
    listener: (this: UploadWidget, ev: ElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends WidgetEventName>(
    type: K,
    listener: (this: UploadWidget, ev: WidgetEvent<K>) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ElementEventMap>(
    type: K,
    listener: (this: UploadWidget, ev: ElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** A pick this big is drawn a frame later (see scheduleUpdate). */
const MANY_FILES = 500;

/**
 * An upload widget that speaks Cloudinary's Upload API: files from the device, a web address or
 * the camera; a queue with live progress; cropping; chunked, resumable uploads; a form field.
 *
 * Every option of `WidgetOptions` is a property (camelCase) and, unless it is a function, an
 * attribute (kebab-case); `options` takes them all as one object, Cloudinary-style. Events carry
 * Cloudinary's names (`WidgetEventMap` has each `detail`).
 *
 * @summary Cloudinary-compatible upload widget.
 *
 * @csspart dialog - the modal <dialog>
 * @csspart base - the widget's frame
 * @csspart header - the title bar
 * @csspart title - the title
 * @csspart minimize-button - the title bar's minimize button
 * @csspart close-button - the title bar's close button
 * @csspart field-error - why the form field is invalid, shown after the form was submitted
 * @csspart minimized - the minimized progress bar
 * @csspart part-problem - the notice that a lazy part of the widget could not be loaded
 * @csspart tabs - the source tabs
 * @csspart tab - one source tab
 * @csspart source-menu-button - the source menu's button (narrow widgets)
 * @csspart drop-area - the local files source's drop area
 * @csspart browse-button - the local files source's Browse button
 * @csspart queue-header - the queue's summary: count, bulk buttons, total progress and stats
 * @csspart queue-summary - the count sentence alone ("3 of 12 uploaded")
 * @csspart meta-field - a field's input on a file waiting to go (`metaFields`)
 * @csspart queue-stats - the queue's counts
 * @csspart queue-list - the queue's list of files
 * @csspart queue-item - one file of the queue
 * @csspart thumbnail - a file's thumbnail
 * @csspart progress - a file's progress bar
 * @csspart queue-footer - the queue's buttons
 *
 * @cssprop --uw-color-window - background (palette `window`)
 * @cssprop --uw-color-window-border - borders of fields and the frame (palette `windowBorder`)
 * @cssprop --uw-color-tab-icon - the selected tab (palette `tabIcon`)
 * @cssprop --uw-color-menu-icons - icons of the title bar and menus (palette `menuIcons`)
 * @cssprop --uw-color-text-dark - main text (palette `textDark`)
 * @cssprop --uw-color-text-light - text on action fills (palette `textLight`)
 * @cssprop --uw-color-link - links and focus rings (palette `link`)
 * @cssprop --uw-color-action - main buttons (palette `action`)
 * @cssprop --uw-color-inactive-tab-icon - other tabs (palette `inactiveTabIcon`)
 * @cssprop --uw-color-error - errors (palette `error`)
 * @cssprop --uw-color-in-progress - progress bars (palette `inProgress`)
 * @cssprop --uw-color-complete - finished bars (palette `complete`)
 * @cssprop --uw-color-source-bg - source panels (palette `sourceBg`)
 * @cssprop --uw-frame-background - the modal backdrop (`styles.frame.background`)
 * @cssprop --uw-font-family - the font (`styles.fonts`)
 * @cssprop --uw-font-size - the base font size
 * @cssprop --uw-radius - corner radius
 * @cssprop --uw-space-1 - smallest spacing step
 * @cssprop --uw-space-2 - second spacing step
 * @cssprop --uw-space-3 - third spacing step
 * @cssprop --uw-space-4 - largest spacing step
 * @cssprop --uw-dialog-width - the modal's width
 * @cssprop --uw-queue-max-height - the queue's greatest height
 * @cssprop --uw-shadow-color - the modal's shadow
 * @cssprop --uw-disabled-opacity - opacity of a disabled widget
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above types the option properties the class defines at run time.
export class UploadWidget extends FormAssociatedElement {
  /** This copy's version: a second copy on the page names both when it finds this one defined. */
  static readonly version = VERSION;

  /** Adds a source tab for every widget on the page; name it in `sources` (see docs/architecture.md). */
  static registerSource(source: SourcePlugin): void {
    registerSource(source);
  }

  static override properties = {
    ...optionProperties(),
    options: { attribute: false },
    apiSecret: { attribute: 'api-secret' },
  };

  /** The options' attributes, and their lowercase spellings that server-rendered JSX leaves (`uploadprefix`). */
  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: lit's getter must run for this class (it finalizes it); LitElement.observedAttributes would not.
    return [...super.observedAttributes, ...LOWERCASE_ALIASES.keys()];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const alias = readAlias(name, value);
    if (alias) (this as unknown as Record<string, unknown>)[alias.option] = alias.value;
    else super.attributeChangedCallback(name, old, value);
  }

  static override styles = [paletteDefaults, srOnly, progressStyles, widgetStyles, plainQueueStyles];

  /** Options as one object, Cloudinary-style (camelCase or snake_case keys); attributes and properties win. */
  options: WidgetOptionsInput = {};
  /** Only here to be refused: secrets never belong in a page. */
  apiSecret?: string;

  /** The headless engine: its queue and intents, usable without the element. */
  readonly controller = new UploadController({}, servicesFor(this));
  protected readonly field = new FormField(this, this.internals, (id) => this.controller.store.position(id));
  // The form sees the queue's state at once (a submit between two frames is judged on it), not at the next render.
  private readonly store = new StoreController(this, this.controller, () => inLanguageOf(this, () => this.validate()));
  private readonly opts = new OptionsController(this, this.controller, (e) => this.partFailed(e));
  private readonly display = new DisplayController(this, {
    isInline: () => this.isInline,
    close: (quiet) => this.close({ quiet }),
    // The queue's view too, and its number formatters, so they are ready before the first file is added.
    shown: () => {
      void this.queue.load();
      inLanguageOf(this, () => warmFormatters());
    },
    partFailed: (e) => this.partFailed(e),
  });
  /** The queue's view, and its intents as the widget's methods. */
  private readonly queue = new QueueHost(this, {
    'item-action': ({ action, id }) => {
      if (action !== 'remove') this[action](id);
      else if (id) {
        this.controller.remove(id);
        this.field.remove(id);
      }
    },
    'item-meta': ({ id, name, value }) => this.controller.setMeta(id, { [name]: value }),
    'item-move': ({ id, to }) => this.move(id, to),
    'show-completed': () => fire(this, 'show-completed', { items: this.controller.items.filter((i) => i.status === 'done').map(summarize) }),
    'upload-more': () => this.showSources(),
    done: () => this.close(),
    upload: () => this.upload(),
  });
  /** The shown source's element, and the files it picks. */
  private readonly sourceHost = new SourceHost(
    (files) => this.filesPicked(files),
    (e) => this.partFailed(e),
    (source) => this.setSource(source),
  );
  /** The `value`'s files (./element/stored-files-controller.ts, a lazy part loaded once a value is given). */
  private storedFiles?: Promise<StoredFilesController>;
  private readonly announcer = new LazyAnnouncer(this, {
    counts: () => this.store.totals,
    locale: () => this.opts.locale,
    inLanguage: (words) => inLanguageOf(this, words),
  });
  private readonly drop = new DropController(
    this,
    () => this.view !== 'crop' && !this.formDisabled,
    (files) => this.filesPicked(this.opts.resolved.multiple ? files : files.slice(0, 1)),
  );
  private readonly crop = new CropFlow(
    this,
    (files, each) => void this.addFiles(files, undefined, each),
    (e) => this.partFailed(e),
  );

  private view: View = 'sources';
  private source = '';
  /** The Advanced panel's values: given to it, sent back by it, turned into parameters for the next batch. */
  private advanced = NO_ADVANCED_VALUES;
  /** `upload-progress` to the page once per file per frame. */
  private readonly progressEvents = new ProgressEvents((detail) => fire(this, 'upload-progress', detail));
  /** Why a lazy part is missing (see partFailed), shown in the panel. */
  private partProblem = '';

  private destroyed = false;

  constructor() {
    super();
    new PasteController(
      this,
      () => this.display.state === 'shown' && this.view !== 'crop' && !this.formDisabled,
      (files) => void this.addFiles(this.opts.resolved.multiple ? files : files.slice(0, 1)),
    );
    this.controller.onAny((name, detail) => inLanguageOf(this, () => this.onEngineEvent(name, detail)));
  }

  // ---- the form control (FormAssociatedElement) ----------------------------------------------

  protected unfinished() {
    // Copies of other files wait for the person too.
    const { held, copies } = this.store.totals;
    return { sending: this.store.unfinished, held: held + copies };
  }

  protected showInvalid(): void {
    if (!this.isInline) this.open();
    else void this.updateComplete.then(() => tabbables(this.renderRoot as ShadowRoot)[0]?.focus());
  }

  protected formReset(): void {
    for (const item of this.controller.items) if (item.status === 'done') this.controller.remove(item.id);
    // The record's own files come back, as the value gave them.
    this.showStored();
  }

  /** Shows the files of the value given (replacing those of the one before). */
  private showStored() {
    if (this.storedValue == null && !this.storedFiles) return;
    this.storedFiles ??= (loadPart('stored-files-controller') as Promise<typeof import('./element/stored-files-controller.js')>).then(
      (m) =>
        new m.StoredFilesController(
          this.controller,
          this.field,
          () => this.opts.resolved,
          () => {
            if (this.view === 'sources') this.view = 'queue';
          },
          this.opts.report,
        ),
    );
    this.storedFiles.then((stored) => stored.show(this.storedValue), this.partFailed);
  }

  // ---- options -------------------------------------------------------------------------------

  /** The options in force: defaults, then the options object, then attributes and properties. */
  get effectiveOptions(): WidgetOptions {
    return this.opts.resolved;
  }

  private get isInline(): boolean {
    return this.opts.isInline;
  }

  /**
   * The engine's changes render once per frame, just before it is painted: a busy queue changes many
   * times a frame (a file starts, another ends, bytes move), and each render costs the whole view
   * (StoreController also paces them). The views inside render in the same frame, after this one.
   */
  protected override async scheduleUpdate(): Promise<void> {
    // An option or state of its own, or a person's action, renders as lit renders (before the next
    // task: a page that sets `multiple` and then picks gets a multiple input; focus follows a removed
    // row at once); the engine's own changes wait for the frame. So do files just added: their
    // upload's first request leaves in the task that picked them, and the queue's view (the
    // costliest render there is, when it first shows) is built in the frame that paints it: after
    // thousands of files, the frame after, so the pick's long task and that render make two frames.
    const added = this.filesAdded;
    const atFrame = this.hasUpdated && (added || (!this.propertyChanged && !this.store.answering));
    this.propertyChanged = false;
    this.filesAdded = 0;
    if (atFrame) await nextFrame();
    if (added > MANY_FILES) await nextFrame();
    super.scheduleUpdate();
  }

  /** A property (option, attribute or view state) asked for this update, not the engine alone. */
  private propertyChanged = false;
  /** Files added since the last update (see scheduleUpdate). */
  private filesAdded = 0;

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    // Anything but the engine's changes (an option, view state, the language arriving, a controller).
    if (name !== undefined || !this.store?.requesting) this.propertyChanged = true;
    // An option changed: read again when next needed (at the latest in this update).
    if (name !== undefined && isOption(name)) this.opts?.changed();
    super.requestUpdate(name, oldValue, options);
  }

  /** Also waits for the engine's changes that are paced (see StoreController): `updateComplete` shows every change made before it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.store.drawn();
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Store changes (progress) re-render with no option changed: options are not applied again then.
    if (!this.hasUpdated || [...changed.keys()].some(isOption)) {
      const o = this.opts.resolved;
      // Once per element, with its first options: uploads an earlier page left unfinished.
      if (!this.hasUpdated) {
        void this.controller.restore();
        warnIfFilePage();
        if (this.isInline) this.display.state = 'shown';
      }
      const tabs = this.opts.tabs;
      if (!tabs.some((t) => t.id === this.source)) this.source = tabs.some((t) => t.id === o.defaultSource) ? o.defaultSource : tabs[0].id;
      this.opts.apply();
      // Loaded on first use. Its publicid and tags events are composed: they reach the page from the host as they are.
      if (o.showAdvancedOptions) loadPart('advanced-options').catch(this.partFailed);
    }
    // The chosen source's element (a rarely used one loads the first time its tab is chosen; it upgrades when it arrives).
    this.sourceHost.choose(this.opts.tabs.find((t) => t.id === this.source));
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('value')) this.showStored();
    super.updated(changed);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The page's first number formatters are slow to build: built while the page is idle, they are
    // ready when the first file's row is drawn (and again on showing, in case the language changed).
    inLanguageOf(this, () => warmFormatters());
  }

  // ---- Cloudinary's widget methods -----------------------------------------------------------

  /** Shows the widget, on `source` if given; `files` (web addresses) are queued at once. */
  open(source?: string | null, { files }: { files?: string[] } = {}): void {
    if (this.destroyed || this.formDisabled) return;
    if (source && this.opts.tabs.some((t) => t.id === source)) this.setSource(source);
    this.view = this.controller.items.length && this.view === 'queue' ? 'queue' : 'sources';
    this.display.set('shown');
    if (files?.length) void this.addFiles(files);
  }

  /** Closes the widget; while files upload it asks first, unless `quiet`. */
  close({ quiet = false }: { quiet?: boolean } = {}): void {
    if (this.destroyed || this.display.state === 'hidden') return;
    if (!quiet && this.store.unfinished > 0) this.display.ask();
    else {
      this.display.set('hidden');
      this.view = 'sources';
      this.crop.cancel();
      fire(this, 'close', {});
    }
  }

  /** Shows a hidden widget again, as it was. */
  show(): void {
    if (!this.destroyed) this.display.set('shown');
  }

  /** Hides the widget without resetting anything. */
  hide(): void {
    if (!this.destroyed) this.display.set('hidden');
  }

  /** Collapses the modal to the small progress bar. */
  minimize(): void {
    if (!this.destroyed && this.display.state === 'shown') this.display.set('minimized');
  }

  /**
   * Changes options on a live widget: Cloudinary's `update(options)` (its handle calls this; a few
   * options are fixed after creation). Named apart from lit's own update().
   */
  updateOptions(options: WidgetOptionsInput): void {
    const allowed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      const name = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      if (NOT_UPDATABLE.has(name)) console.warn(`[upload-widget] update(): ${name} cannot be changed after the widget is created.`);
      else allowed[key] = value;
    }
    this.options = { ...this.options, ...allowed };
  }

  /** Removes the widget: uploads stop, the element leaves the page; thumbnails too when asked. */
  destroy({ removeThumbnails = false }: { removeThumbnails?: boolean } = {}): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    this.controller.abort();
    this.display.set('hidden');
    this.destroyed = true;
    this.remove();
    const thumbnails = this.opts.resolved.thumbnails;
    return removeThumbnails && thumbnails ? this.pageThumbnails().then((m) => m.removePageThumbnails(thumbnails)) : Promise.resolve();
  }

  /** Whether the widget is shown (not hidden, not minimized). */
  isShowing(): boolean {
    return this.display.state === 'shown';
  }

  /** Whether the widget is minimized. */
  isMinimized(): boolean {
    return this.display.state === 'minimized';
  }

  /** Whether destroy() was called. */
  isDestroyed(): boolean {
    return this.destroyed;
  }

  // ---- engine methods ------------------------------------------------------------------------

  /** Queues files (or web addresses) as if the person had picked them; `each` adds parameters per file (by position). */
  addFiles(
    files: Iterable<File | string> | ArrayLike<File | string> | File | string,
    overrides?: UploadParamOverrides,
    each?: ReadonlyArray<UploadParamOverrides | undefined>,
  ): Promise<QueueItem[]> {
    // What pages pass: an array, an input's FileList, one File, one web address.
    const list = files instanceof File || typeof files === 'string' ? [files] : files && typeof files === 'object' ? Array.from(files) : undefined;
    if (!list?.every((f) => f instanceof File || typeof f === 'string'))
      return Promise.reject(new TypeError(`addFiles() takes Files or web addresses (an array, a FileList, one of them), not ${String(files)}.`));
    // Options set just before this call are read now (the engine gets them), before their render.
    // A public ID and tags chosen in the Advanced panel belong to this batch: the panel is cleared for the next.
    const merged = { ...advancedOverrides(this.advanced, this.opts.resolved.tags), ...overrides };
    this.advanced = NO_ADVANCED_VALUES;
    this.view = 'queue';
    this.filesAdded += list.length;
    // Where a person lands after adding files: the batch's progress, not the page's <body>.
    if (this.display.state === 'shown' && this.hasFocusWithin()) this.queue.focus(this.held, this.focusIsOurs);
    return this.controller.addFiles(list as Array<File | string>, merged, each);
  }

  private readonly focusIsOurs = () => this.hasFocusWithin();

  private hasFocusWithin(): boolean {
    const active = deepActiveElement();
    return !active || active === document.body || this.contains(active) || this.renderRoot.contains(active) || active.getRootNode() !== document;
  }

  /** The queue: every file, with its status and progress. */
  get items(): readonly QueueItem[] {
    return this.controller.items;
  }

  /** Stops one file, or all files when no id is given. */
  abort(id?: string) {
    this.controller.abort(id);
  }
  /** Starts one failed file again, or all of them. */
  retry(id?: string) {
    this.controller.retry(id);
  }
  /** Pauses one file, or all; acknowledged chunks are kept. */
  pause(id?: string) {
    this.controller.pause(id);
  }
  /** Goes on with one paused file, or all. */
  resume(id?: string) {
    this.controller.resume(id);
  }
  /**
   * Moves a file to `to` (an index in `items`): the list's order, the order waiting files go in,
   * and the form value's order. Said to screen readers.
   */
  move(id: string, to: number) {
    const store = this.controller.store;
    const from = store.position(id);
    this.controller.move(id, to);
    const at = store.position(id);
    if (from < 0 || at === from) return;
    this.field.order();
    const name = store.get(id)!.name;
    const count = store.state.items.length;
    this.announcer.announce(msg(str`${name} moved to position ${at + 1} of ${count}`));
  }
  /** Makes a picture refused for its size fit the limits (fewer pixels, fewer bytes) and sends it: "Make smaller and upload". */
  fit(id?: string) {
    if (id) void this.controller.fit(id);
  }
  /** Starts one file waiting for the go (`autoUpload: false`), or all of them as one batch (`preBatch` runs then). */
  upload(id?: string) {
    void this.controller.upload(id);
  }

  // ---- rendering -----------------------------------------------------------------------------

  override render() {
    if (this.destroyed) return nothing;
    const display = this.display.state;
    if (this.isInline) return display === 'hidden' ? nothing : this.renderFrame();
    const { modal } = this.display;
    return html`<dialog
        part="dialog"
        aria-labelledby="uw-title"
        @cancel=${modal.onCancel}
        @keydown=${modal.onKeydown}
        @close=${modal.onClose}
        @click=${modal.onBackdropClick}
      >
        ${display === 'shown' ? this.renderFrame() : nothing}
      </dialog>
      ${
        display === 'minimized'
          ? html`<uw-minimized-bar
              part="minimized"
              lang=${this.opts.locale}
              dir=${isRightToLeft(this.opts.locale) ? 'rtl' : 'ltr'}
              locale=${this.opts.locale}
              place=${this.opts.resolved.queueViewPosition}
              .totals=${this.store.totals}
              @click=${() => this.display.set('shown')}
            ></uw-minimized-bar>`
          : nothing
      }`;
  }

  private renderFrame() {
    const o = this.opts.resolved;
    const { locale } = this.opts;
    const items = this.store.state.items;
    // Modal: the dialog carries the name. Inline: a named group (not a region: the queue inside
    // is a landmark of its own and names must stay unique). A modal's frame takes focus as the
    // dialog opens (its autofocus delegate) instead of its first button, Minimize, until the view's
    // own control exists (modal-controller.ts): focus moves once, never through Minimize.
    return html`<div
      part="base"
      role=${this.isInline ? 'group' : nothing}
      aria-labelledby=${this.isInline ? 'uw-title' : nothing}
      ?autofocus=${!this.isInline}
      tabindex=${this.isInline ? nothing : '-1'}
      class="widget ${this.isInline ? 'inline' : 'modal'} ${this.drop.dragging ? 'dragging' : ''}"
      lang=${locale}
      dir=${isRightToLeft(locale) ? 'rtl' : 'ltr'}
      data-view=${this.view}
      ?inert=${this.formDisabled}
      aria-disabled=${this.formDisabled ? 'true' : nothing}
      @dragenter=${this.drop.onDragOver}
      @dragover=${this.drop.onDragOver}
      @dragleave=${this.drop.onDragLeave}
      @drop=${this.drop.onDrop}
    >
      <header part="header">
        <h2 id="uw-title" part="title">${
          this.view === 'queue' ? t('queue.title', msg('Upload queue')) : this.view === 'crop' ? t('crop.title', msg('Crop')) : msg('Upload files')
        }</h2>
        ${
          this.isInline
            ? nothing
            : html`<button part="minimize-button" class="icon" type="button" aria-label=${msg('Minimize')} title=${msg('Minimize')} @click=${() => this.minimize()}>
                ${icon('minimize')}
              </button>
              <button part="close-button" class="icon" type="button" aria-label=${t('close', msg('Close'))} title=${t('close', msg('Close'))} @click=${() => this.close()}>
                ${icon('close')}
              </button>`
        }
      </header>
      ${this.display.renderQuestion()}
      ${this.partProblem ? html`<p class="part-problem" part="part-problem" role="alert">${this.partProblem}</p>` : nothing}
      ${this.renderFieldError()}
      ${
        this.view === 'crop' && this.crop.pick
          ? html`<uw-crop-view
            .pick=${this.crop.pick}
            .options=${o}
            @crop-finish=${this.crop.onFinish}
            @crop-back=${this.onCropBack}
          ></uw-crop-view>`
          : this.view === 'queue'
            ? this.queue.render(this.store.state, o, {
                inline: this.isInline,
                reorder: !o.autoUpload || !!o.metaFields?.length || this.hasAttribute('name') || !!o.form,
              })
            : html`${this.sourceHost.render(this.opts.tabs, this.source, o, this.display.state === 'shown')}
              ${
                o.showAdvancedOptions
                  ? html`<uw-advanced-options
                      .options=${o}
                      .values=${this.advanced}
                      @advanced-change=${(e: CustomEvent<AdvancedValues>) => (this.advanced = e.detail)}
                    ></uw-advanced-options>`
                  : nothing
              }
              ${
                items.length
                  ? html`<button class="to-queue" type="button" @click=${this.showQueue}>
                    ${plural(msg('one {# file in the queue} other {# files in the queue}'), items.length, locale)}
                    ${icon('chevronDown')}
                  </button>`
                  : nothing
              }`
      }
      <div class="drop-hint" aria-hidden="true">${icon('upload')}<span>${msg('Drop files to upload')}</span></div>
      ${this.announcer.render()}
    </div>`;
  }

  /** Files waiting for the person's go. */
  private readonly held = () => this.store.held;

  private readonly showQueue = () => {
    this.view = 'queue';
    this.queue.focus(this.held, this.focusIsOurs);
  };

  /** Back to the sources, focus on the selected source tab (or its first control). */
  private showSources() {
    this.view = 'sources';
    void this.updateComplete.then(() => {
      if (!this.renderRoot.querySelector('uw-source-tabs')?.focusSelected()) this.renderRoot.querySelector<HTMLElement>('#uw-panel *')?.focus();
    });
  }

  // ---- intents from the views ----------------------------------------------------------------

  /** Files a source picked (or a drop brought): they go to the crop step or the queue. */
  private filesPicked(files: Array<File | string>) {
    // Each picture gets its crop step (Cloudinary crops a single one only). One the queue would
    // refuse (its format or size) goes straight there for the refusal: cropping it first would be
    // work for nothing.
    const o = this.opts.resolved;
    const toCrop = o.cropping
      ? files.flatMap((f, i) =>
          f instanceof File && kindOf(f.name, f.type) === 'image' && !checkFormatAndSize({ name: f.name, size: f.size, type: f.type, kind: 'image' }, o)
            ? [i]
            : [],
        )
      : [];
    if (toCrop.length) {
      // The sources go now, the crop box comes once its image is decoded: meanwhile the frame
      // holds focus (modal), so it never drops to the page.
      if (this.display.state === 'shown' && this.hasFocusWithin()) this.renderRoot.querySelector<HTMLElement>('[part=base]')?.focus();
      this.view = 'crop';
      this.crop.start({ files, toCrop });
    } else void this.addFiles(files);
  }

  private onCropBack() {
    this.crop.cancel();
    this.view = 'sources';
  }

  private setSource(source: string) {
    if (source === this.source) return;
    this.source = source;
    fire(this, 'source-changed', { source });
  }

  /** A lazy part did not load: the panel and an `error` event say which, in words; what is queued stays. */
  private readonly partFailed = (e: unknown) => {
    const message = e instanceof ProblemError ? inLanguageOf(this, () => describeProblem(e.problem)) : String(e);
    console.error(`[upload-widget] ${message}`);
    this.partProblem = message;
    fire(this, 'error', { message });
  };

  private pageThumbnails() {
    return loadPart('page-thumbnails') as Promise<typeof import('./element/page-thumbnails.js')>;
  }

  // ---- events out ------------------------------------------------------------------------------

  /** The engine's events go out as they are; a few also move the view, announce or fill the form. */
  private onEngineEvent<K extends EngineEventName>(name: K, detail: EngineEventMap[K]) {
    if (name === 'upload-progress') {
      this.progressEvents.add(detail as EngineEventMap['upload-progress']);
      return;
    }
    this.progressEvents.flush();
    // A page that submits when the queue ends sends every file, in the queue's order (hidden inputs too);
    // entries built before then get the values through the formdata event.
    if (name === 'queues-end') this.field.flush();
    fire(this, name, detail as WidgetEventMap[K]);
    const o = this.opts.resolved;
    this.announcer.hear(name, detail);
    if (name === 'queues-start' && o.autoMinimize && !this.isInline) this.minimize();
    if (name === 'uploads-restored') this.view = 'queue';
    // A batch that ended with nothing to fix: the next step is Done, one key away.
    // (Failed or refused files anywhere in the queue keep it on the summary, beside them.)
    const { failed, refused } = this.store.totals;
    if (name === 'queues-end' && !failed && !refused && !this.isInline && this.display.state === 'shown' && this.view === 'queue' && this.hasFocusWithin()) {
      void this.queue.view().then((q) => q?.focusDone());
    }
    if (name === 'success') {
      const info = detail as EngineEventMap['success'];
      // Loaded on first use, in order: thumbnails appear in the order files finished.
      if (o.thumbnails) void this.pageThumbnails().then((m) => m.addPageThumbnail(o.thumbnails!, info, o.thumbnailTransformation));
      this.field.add(info.id, preloadedFile(info), o);
      if (!o.multiple && o.singleUploadAutoClose && !this.isInline && this.store.unfinished === 0) this.close({ quiet: true });
    }
  }
}
states(UploadWidget, 'view', 'source', 'advanced', 'partProblem');
localized()(UploadWidget);

declare global {
  interface HTMLElementTagNameMap {
    'upload-widget': UploadWidget;
  }
}
