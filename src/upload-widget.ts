// <upload-widget>: a composition. Its options (element/option-reader.ts) go to the UploadController,
// the headless core that holds the queue; controllers do the element's other jobs (store
// subscription, modal and focus, paste, drop, the crop step, announcements, problem reports);
// views render state and send intents up, which become the engine's methods here. The engine's
// events go out as DOM events with Cloudinary's names. It keeps no upload state of its own.
import { msg, str } from '@lit/localize';
import { LitElement, html, nothing, type PropertyDeclaration, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { UploadController } from './core/controller.js';
import { kindOf } from './core/file-kind.js';
import { checkFormatAndSize } from './core/validate.js';
import { preloadedFile } from './core/preloaded-file.js';
import type { StoredFilesController } from './element/stored-files-controller.js';
import { summarize } from './core/summary.js';
import type { QueueItem, UploadParamOverrides } from './core/types.js';
import { servicesFor } from './controller-services.js';
import { fire } from './dispatch.js';
import { LazyAnnouncer } from './element/lazy-announcer.js';
import { CropFlow } from './element/crop-flow.js';
import { DropController } from './element/drop-controller.js';
import { ModalController } from './element/modal-controller.js';
import { LOWERCASE_ALIASES, isOption, optionProperties, readAlias, readOptions } from './element/option-reader.js';
import { PasteController } from './element/paste-controller.js';
import { ProblemReporter } from './element/problem-reporter.js';
import { nextFrame } from './element/next-frame.js';
import { warmFormatters } from './core/format.js';
import { ProgressEvents } from './element/progress-events.js';
import { StoreController } from './element/store-controller.js';
import type { EngineEventMap, EngineEventName } from './core/engine-events.js';
import type { ElementEventMap, WidgetEvent, WidgetEventMap, WidgetEventName } from './events.js';
import { FormField } from './form-field.js';
import { inLanguageOf, languageOf, localized } from './i18n/language.js';
import { isRightToLeft, matchLocale } from './i18n/localization.js';
import { plural } from './i18n/plural.js';
import { t } from './i18n/text.js';
import { warnIfFilePage } from './lazy/file-page.js';
import { loadPart, type Part } from './lazy/load-part.js';
import { ProblemError } from './core/problems.js';
import { describeProblem } from './i18n/problem-text.js';
import { DEFAULT_OPTIONS, type WidgetOptions, type WidgetOptionsInput } from './options.js';
import { planSources, registerSource, type SourceElement, type SourcePlugin } from './sources/registry.js';
import { paletteDefaults, widgetStyles } from './upload-widget.styles.js';
import { VERSION } from './version.js';
import { type AdvancedValues, NO_ADVANCED_VALUES, advancedOverrides } from './views/advanced-values.js';
import { cssProps } from './views/css-props.js';
import { deepActiveElement, tabbables } from './views/focus-trap.js';
import { icon } from './views/icons.js';
import type { ItemAction } from './views/queue-view.js';
import { plainQueue, plainQueueStyles } from './views/plain-queue.js';
import { progressStyles, srOnly } from './views/shared-styles.js';
import './sources/local-source.js';
import './views/source-tabs.js';

type View = 'sources' | 'queue' | 'crop';
type Display = 'hidden' | 'shown' | 'minimized';
type ThemePart = typeof import('./theme/apply-theme.js');
/** The theme part once loaded: every widget after the first applies its theme at once. */
let themePart: ThemePart | undefined;

// The built-in sources; a site adds its own with UploadWidget.registerSource().
registerSource({ id: 'local', tag: 'uw-local-source', label: () => t('menu.files', msg('My files')) });
/** A built-in source in a lazy part of its own: its element is `uw-<part>`. */
const lazySource = (id: string, part: Part, label: () => string) => registerSource({ id, tag: `uw-${part}`, label, load: () => loadPart(part) });
lazySource('url', 'url-source', () => t('menu.web', msg('Web address')));
lazySource('camera', 'camera-source', () => t('menu.camera', msg('Camera')));
lazySource('screen', 'screen-source', () => msg('Screen'));
lazySource('audio', 'audio-source', () => msg('Audio'));
lazySource('dropbox', 'dropbox-source', () => t('menu.dropbox', msg('Dropbox')));
lazySource('image_search', 'image-search-source', () => t('menu.gsearch', msg('Image search')));
lazySource('google_drive', 'google-drive-source', () => t('menu.gdrive', msg('Google Drive')));
lazySource('unsplash', 'unsplash-source', () => t('menu.unsplash', 'Unsplash'));

/** Cloudinary's sources this widget does not have, and why: said once, in the console, when `sources` names them. */
const STOCK = 'buying stock photos is not built';
const GONE = 'it stopped working for widgets in 2023';
const NOT_BUILT: Record<string, string> = {
  shutterstock: STOCK,
  gettyimages: STOCK,
  istock: STOCK,
  facebook: GONE,
  instagram: GONE,
};

/** Options Cloudinary's update() may not change. */
const NOT_UPDATABLE = new Set(['secure', 'uploadSignature', 'getTags', 'preBatch', 'inlineContainer', 'fieldName']);

/** A source's element as the widget drives it. */

// Every option is also a property of the element.
export interface UploadWidget extends Omit<Partial<WidgetOptions>, 'form'> {}

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
@localized()
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above types the option properties the class defines at run time.
export class UploadWidget extends LitElement {
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
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    value: { noAccessor: true },
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

  /** A form field: each uploaded file adds a value to its form (see FormField). */
  static readonly formAssociated = true;

  static override styles = [paletteDefaults, srOnly, progressStyles, widgetStyles, plainQueueStyles];

  /** Options as one object, Cloudinary-style (camelCase or snake_case keys); attributes and properties win. */
  options: WidgetOptionsInput = {};
  /** Only here to be refused: secrets never belong in a page. */
  apiSecret?: string;
  /** The form field's name: each uploaded file is submitted under it. */
  name?: string;
  /** The form is invalid until a file has uploaded. */
  required = false;
  /**
   * No files can be added (uploads already running go on); a disabled <fieldset> does the same.
   * The attribute is the state, as for native controls: the browser then calls formDisabledCallback
   * (outside lit's update, so the change renders).
   */
  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }
  set disabled(value: boolean) {
    this.toggleAttribute('disabled', value);
  }

  private readonly internals = this.attachInternals();
  private readonly field = new FormField(this, this.internals, (id) => this.controller.store.position(id));

  /** The headless engine: its queue and intents, usable without the element. */
  readonly controller = new UploadController({}, servicesFor(this));
  // The form sees the queue's state at once (a submit between two frames is judged on it), not at the next render.
  private readonly store = new StoreController(this, this.controller, () => inLanguageOf(this, () => this.validate()));
  /** The `value` given: a record's files (./element/stored-files-controller.ts, a lazy part loaded once a value is given). */
  private storedValue: unknown;
  private storedFiles?: Promise<StoredFilesController>;
  private readonly announcer = new LazyAnnouncer(this, {
    counts: () => this.store.state.totals,
    locale: () => this.locale,
    inLanguage: (words) => inLanguageOf(this, words),
  });
  private readonly drop = new DropController(
    this,
    () => this.view !== 'crop' && !this.formDisabled,
    (files) => this.filesPicked(this.resolved.multiple ? files : files.slice(0, 1)),
  );
  private readonly crop = new CropFlow(
    this,
    (files, each) => void this.addFiles(files, undefined, each),
    (e) => this.partFailed(e),
  );
  private readonly modal = new ModalController(this, {
    isModal: () => !this.isInline,
    isShown: () => this.display === 'shown',
    // Escape on the close question means "keep open".
    requestClose: () => (this.confirmingClose ? this.keepOpen() : this.close()),
    closed: () => this.setDisplay('hidden'),
  });

  @state() private display: Display = 'hidden';
  @state() private view: View = 'sources';
  @state() private source = '';
  @state() private confirmingClose = false;
  /** Disabled by its own attribute or by a disabled <fieldset>. */
  @state() private formDisabled = false;
  /** The form was submitted (or validity reported) while this field was invalid: its message shows until it is valid. */
  @state() private invalidShown = false;
  /** The Advanced panel's values: given to it, sent back by it, turned into parameters for the next batch. */
  @state() private advanced = NO_ADVANCED_VALUES;
  /** `upload-progress` to the page once per file per frame. */
  private readonly progressEvents = new ProgressEvents((detail) => fire(this, 'upload-progress', detail));
  /** Why a lazy part is missing (see partFailed), shown in the panel. */
  @state() private partProblem = '';
  /** The queue's view could not load: the files show as a plain list. */
  @state() private queueMissing = false;

  private destroyed = false;
  private resolved: WidgetOptions = DEFAULT_OPTIONS;
  private tabs: SourcePlugin[] = [];
  /** The shown source's element: made when its tab is chosen, kept while it stays chosen. */
  private sourceElement?: { id: string; el: SourceElement };
  /** Each problem with the options once: a warning naming the option; a secret is also an `error` event. */
  private readonly report = new ProblemReporter(this).report;
  /** Where focus was when the close confirmation appeared. */
  private focusBeforeConfirm: Element | null = null;
  private disposeTheme?: () => void;
  /** A theme was asked for once: later changes go through the theme part too (it takes back what it set). */
  private themed = false;
  /** The locale in force (`language`, matched to the locales this widget has). */
  private locale = 'en';

  constructor() {
    super();
    new PasteController(
      this,
      () => this.display === 'shown' && this.view !== 'crop' && !this.formDisabled,
      (files) => void this.addFiles(this.resolved.multiple ? files : files.slice(0, 1)),
    );
    this.controller.onAny((name, detail) => inLanguageOf(this, () => this.onEngineEvent(name, detail)));
    // The form was submitted while this field is invalid: the widget says why, in its own frame,
    // and the person lands there. The browser's own bubble is turned off (the event is handled):
    // it needs a focusable control to point at, and without one it shows nothing and only logs
    // "An invalid form control … is not focusable." in the console.
    this.addEventListener('invalid', (e) => {
      e.preventDefault();
      this.invalidShown = true;
      if (!this.isInline) this.open();
      else void this.updateComplete.then(() => tabbables(this.renderRoot as ShadowRoot)[0]?.focus());
    });
  }

  // ---- form field ----------------------------------------------------------------------------

  /** The form this field belongs to, as for any form control. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** What the form submits: one preloaded-file string per uploaded file. */
  get values(): string[] {
    return this.field.list;
  }

  /**
   * The files a record already has, as the preloaded-file strings the form submits
   * (`image/upload/v<version>/<public_id>.<format>#<signature>`): one, several separated by spaces
   * or commas, or an array (a JSON array in the attribute). They show as done rows with their
   * thumbnails, are submitted as given and can be removed; `form.reset()` brings them back; nothing
   * is uploaded again. Reading it gives what the form submits now (as `values`).
   */
  get value(): string[] {
    return this.field.list;
  }
  set value(value: string | readonly string[] | null | undefined) {
    const old = this.storedValue;
    this.storedValue = value;
    this.requestUpdate('value', old);
  }

  /** Shows the files of the value given (replacing those of the one before). */
  private showStored() {
    if (this.storedValue == null && !this.storedFiles) return;
    this.storedFiles ??= (loadPart('stored-files-controller') as Promise<typeof import('./element/stored-files-controller.js')>).then(
      (m) =>
        new m.StoredFilesController(
          this.controller,
          this.field,
          () => this.resolved,
          () => {
            if (this.view === 'sources') this.view = 'queue';
          },
          this.report,
        ),
    );
    this.storedFiles.then((stored) => stored.show(this.storedValue), this.partFailed);
  }

  /** As for any form control: `valueMissing` while a required field has no file, `customError` while files upload. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** Why the field is invalid, in the widget's language. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** As for any form control: false (and an `invalid` event) while the field is invalid. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** As checkValidity(), and the browser shows the message. */
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** form.reset(): the values go, and so do the finished files' rows, so the queue matches the empty field. */
  formResetCallback(): void {
    this.field.reset();
    for (const item of this.controller.items) if (item.status === 'done') this.controller.remove(item.id);
    // The record's own files come back, as the value gave them.
    this.showStored();
  }

  formStateRestoreCallback(state: unknown): void {
    this.field.restore(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  private validate() {
    const sending = this.store.unfinished;
    // Files waiting for the go (autoUpload off) hold the form too: their values are not there yet.
    const { held: ready, copies } = this.store.state.totals;
    const held = ready + copies;
    this.field.validate({
      required: this.required,
      running: sending + held,
      messages: {
        missing: msg('Please upload a file.'),
        running: sending || !held ? msg('Please wait until the files have uploaded.') : msg('Please upload the files you added, or remove them.'),
      },
      // Not queried on every render (each progress tick renders): only when the validity changes.
      anchor: () => this.renderRoot?.querySelector<HTMLElement>('[part=base]') ?? undefined,
    });
    if (this.invalidShown && this.internals.validity.valid) this.invalidShown = false;
  }

  // ---- options -------------------------------------------------------------------------------

  /** The options in force: defaults, then the options object, then attributes and properties. */
  get effectiveOptions(): WidgetOptions {
    return this.resolved;
  }

  private get isInline(): boolean {
    return this.resolved.inline || this.resolved.inlineContainer !== undefined;
  }

  /** Reads the options again (attributes, properties, the options object) and gives the engine its part. */
  private resolveOptions(): WidgetOptions {
    const { options, problems } = readOptions(this, this.options, this.apiSecret);
    for (const p of problems) this.report(p);
    this.resolved = options;
    this.controller.setOptions(options);
    const { tabs, unknown } = planSources(this.resolved.sources);
    if (unknown.length) {
      const named = unknown.map((id) => (NOT_BUILT[id] ? `${id} (${NOT_BUILT[id]})` : id));
      this.report({ option: 'sources', message: `Sources not available in this widget were left out: ${named.join(', ')}.` });
    }
    this.tabs = tabs.length ? tabs : planSources(['local']).tabs;
    return this.resolved;
  }

  /**
   * The engine's changes render once per frame, just before it is painted: a busy queue changes many
   * times a frame (a file starts, another ends, bytes move), and each render costs the whole view
   * (StoreController also paces them). The views inside render in the same frame, after this one.
   */
  protected override async scheduleUpdate(): Promise<void> {
    // An option or state of its own, or a person's action, renders as lit renders (before the next
    // task: a page that sets `multiple` and then picks gets a multiple input; focus follows a removed
    // row at once); the engine's own changes wait for the frame.
    if (!this.propertyChanged && !this.store.answering && this.hasUpdated) await nextFrame();
    this.propertyChanged = false;
    super.scheduleUpdate();
  }

  /** A property (option, attribute or view state) asked for this update, not the engine alone. */
  private propertyChanged = false;

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    // Anything but the engine's changes (an option, view state, the language arriving, a controller).
    if (name !== undefined || !this.store?.requesting) this.propertyChanged = true;
    super.requestUpdate(name, oldValue, options);
  }

  /** Also waits for the engine's changes that are paced (see StoreController): `updateComplete` shows every change made before it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.store.drawn();
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Store changes (progress) re-render with no option changed: options are not read again then.
    const optionChanged = [...changed.keys()].some(isOption);
    if (optionChanged || !this.hasUpdated) {
      this.resolveOptions();
      // Once per element, with its first options: uploads an earlier page left unfinished.
      if (!this.hasUpdated) {
        void this.controller.restore();
        warnIfFilePage();
      }
      if (!this.tabs.some((t) => t.id === this.source)) {
        this.source = this.tabs.some((t) => t.id === this.resolved.defaultSource) ? this.resolved.defaultSource : this.tabs[0].id;
      }
      if (this.isInline && this.display === 'hidden' && !this.hasUpdated) {
        this.display = 'shown';
        inLanguageOf(this, () => warmFormatters());
      }
      this.moveToInlineContainer();
      this.applyTheme();
      this.applyLanguage();
      // Loaded on first use. Its publicid and tags events are composed: they reach the page from the host as they are.
      if (this.resolved.showAdvancedOptions) this.loadOnce('advanced', () => loadPart('advanced-options'));
    }
    // The shown source's element (rarely used ones load the first time their tab shows; it upgrades when it arrives).
    const plugin = this.tabs.find((t) => t.id === this.source);
    if (plugin && this.sourceElement?.id !== plugin.id) {
      const el = document.createElement(plugin.tag) as SourceElement;
      el.setAttribute('exportparts', 'drop-area, browse-button');
      el.addEventListener('files-picked', (e) => {
        e.stopPropagation();
        this.filesPicked((e as CustomEvent<Array<File | string>>).detail);
      });
      this.sourceElement = { id: plugin.id, el };
      if (plugin.load) this.loadOnce(plugin.id, plugin.load);
    }
  }

  private applyLanguage() {
    const { language, text } = this.resolved;
    const locale = matchLocale(language);
    if (!locale) {
      this.report({ option: 'language', message: `Option language: no translation for "${language}"; English is used.` });
    }
    this.locale = locale ?? 'en';
    // This widget's own language; it and its views re-render in it once the locale's strings are here.
    const speaks = this.locale;
    // Cloudinary-style overrides are read by a lazy part: only a widget given `text` loads it.
    const overrides = text
      ? (loadPart('text-overrides') as Promise<typeof import('./i18n/text-overrides.js')>).then((m) => m.overridesFor(text, speaks))
      : undefined;
    const { unknown, ready } = languageOf(this).use(speaks, overrides);
    unknown.then((keys) => {
      for (const key of keys) this.report({ option: 'text', message: `Option text: "${key}" is not a text key this widget shows; it is ignored.` });
    }, this.partFailed);
    ready.catch(() => this.report({ option: 'language', message: `Option language: the "${this.locale}" strings could not be loaded; English is used.` }));
  }

  /** `styles` and `theme` through the theme part, loaded when a page first asks for either (the default look needs neither). */
  private applyTheme() {
    const { styles, theme } = this.resolved;
    if (!this.themed && !styles && (!theme || theme.trim().toLowerCase() === 'light')) return;
    this.themed = true;
    const apply = (m: ThemePart) => {
      themePart = m;
      if (!this.isConnected) return;
      this.disposeTheme?.();
      const o = this.resolved;
      this.disposeTheme = m.applyTheme(this, o.styles, o.theme, (message) => this.report({ option: 'styles', message }));
    };
    if (themePart) apply(themePart);
    else (loadPart('apply-theme') as Promise<ThemePart>).then(apply, this.partFailed);
  }

  protected override updated(changed: PropertyValues): void {
    // Several values are submitted under the field's name: a new name takes them along.
    if (changed.has('name')) this.field.publish();
    if (changed.has('value')) this.showStored();
    // After every store change, option or language change: cheap, FormField skips unchanged validity.
    this.validate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Parsed inside an already disabled <fieldset> with `required`, Chromium's formDisabledCallback
    // comes before the element is ready for it and is lost: read the state itself on connecting.
    this.formDisabled = this.matches(':disabled');
    // The page's first number formatters are slow to build: built while the page is idle, they are
    // ready when the first file's row is drawn (and again on showing, in case the language changed).
    inLanguageOf(this, () => warmFormatters());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.disposeTheme?.();
    this.disposeTheme = undefined;
  }

  private moveToInlineContainer() {
    const container = this.resolved.inlineContainer;
    const target = typeof container === 'string' ? document.querySelector(container) : container;
    if (target && this.parentNode !== target) target.append(this);
  }

  // ---- Cloudinary's widget methods -----------------------------------------------------------

  /** Shows the widget, on `source` if given; `files` (web addresses) are queued at once. */
  open(source?: string | null, { files }: { files?: string[] } = {}): void {
    if (this.destroyed || this.formDisabled) return;
    this.resolveOptions();
    if (source && this.tabs.some((t) => t.id === source)) this.setSource(source);
    this.view = this.controller.items.length && this.view === 'queue' ? 'queue' : 'sources';
    this.setDisplay('shown');
    if (files?.length) void this.addFiles(files);
  }

  /** Closes the widget; while files upload it asks first, unless `quiet`. */
  close({ quiet = false }: { quiet?: boolean } = {}): void {
    if (this.destroyed || this.display === 'hidden') return;
    if (!quiet && this.store.unfinished > 0) {
      if (!this.confirmingClose) this.focusBeforeConfirm = deepActiveElement();
      this.confirmingClose = true;
      // The question takes focus; its first answer is the safe one, Keep open.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-confirm="keep"]')?.focus());
      return;
    }
    this.confirmingClose = false;
    this.setDisplay('hidden');
    this.view = 'sources';
    this.crop.cancel();
    fire(this, 'close', {});
  }

  /** Shows a hidden widget again, as it was. */
  show(): void {
    if (!this.destroyed) this.setDisplay('shown');
  }

  /** Hides the widget without resetting anything. */
  hide(): void {
    if (!this.destroyed) this.setDisplay('hidden');
  }

  /** Collapses the modal to the small progress bar. */
  minimize(): void {
    if (!this.destroyed && this.display === 'shown') this.setDisplay('minimized');
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
    this.setDisplay('hidden');
    this.destroyed = true;
    this.remove();
    const thumbnails = this.resolved.thumbnails;
    return removeThumbnails && thumbnails ? this.pageThumbnails().then((m) => m.removePageThumbnails(thumbnails)) : Promise.resolve();
  }

  /** Whether the widget is shown (not hidden, not minimized). */
  isShowing(): boolean {
    return this.display === 'shown';
  }

  /** Whether the widget is minimized. */
  isMinimized(): boolean {
    return this.display === 'minimized';
  }

  /** Whether destroy() was called. */
  isDestroyed(): boolean {
    return this.destroyed;
  }

  // ---- engine methods ------------------------------------------------------------------------

  /** Queues files (or web addresses) as if the person had picked them; `each` adds parameters per file (by position). */
  addFiles(files: Array<File | string>, overrides?: UploadParamOverrides, each?: ReadonlyArray<UploadParamOverrides | undefined>): Promise<QueueItem[]> {
    // Options set just before this call may not have rendered yet.
    this.resolveOptions();
    // A public ID and tags chosen in the Advanced panel belong to this batch: the panel is cleared for the next.
    const merged = { ...advancedOverrides(this.advanced, this.resolved.tags), ...overrides };
    this.advanced = NO_ADVANCED_VALUES;
    this.view = 'queue';
    // Where a person lands after adding files: the batch's progress, not the page's <body>.
    if (this.display === 'shown' && this.hasFocusWithin()) this.focusQueue();
    return this.controller.addFiles(files, merged, each);
  }

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
    if (this.isInline) return this.display === 'hidden' ? nothing : this.renderFrame();
    const modal = this.modal;
    return html`<dialog
        part="dialog"
        aria-labelledby="uw-title"
        @cancel=${modal.onCancel}
        @keydown=${modal.onKeydown}
        @close=${modal.onClose}
        @click=${modal.onBackdropClick}
      >
        ${this.display === 'shown' ? this.renderFrame() : nothing}
      </dialog>
      ${this.display === 'minimized' ? this.renderMinimized() : nothing}`;
  }

  private renderFrame() {
    const o = this.resolved;
    const tabs = this.tabs.map((s) => ({ id: s.id, label: s.label() }));
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
      lang=${this.locale}
      dir=${isRightToLeft(this.locale) ? 'rtl' : 'ltr'}
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
      ${this.confirmingClose ? this.renderCloseConfirmation() : nothing}
      ${this.partProblem ? html`<p class="part-problem" part="part-problem" role="alert">${this.partProblem}</p>` : nothing}
      ${this.invalidShown && this.validationMessage ? html`<p part="field-error" class="field-error" role="alert">${this.validationMessage}</p>` : nothing}
      ${
        this.view === 'crop' && this.crop.pick
          ? html`<uw-crop-view
            .pick=${this.crop.pick}
            .options=${o}
            @crop-finish=${this.crop.onFinish}
            @crop-back=${this.onCropBack}
          ></uw-crop-view>`
          : this.view === 'queue'
            ? this.renderQueue()
            : html`${
                tabs.length > 1
                  ? html`<uw-source-tabs exportparts="tabs, tab, source-menu-button" .tabs=${tabs} selected=${this.source} @source-select=${this.onSourceSelect}></uw-source-tabs>`
                  : nothing
              }
              <div
                id="uw-panel"
                role=${tabs.length > 1 ? 'tabpanel' : nothing}
                aria-label=${tabs.find((t) => t.id === this.source)?.label ?? nothing}
                class="panel"
              >
                ${this.renderSource(o)}
              </div>
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
                    ${plural(msg('one {# file in the queue} other {# files in the queue}'), items.length, this.locale)}
                    ${icon('chevronDown')}
                  </button>`
                  : nothing
              }`
      }
      <div class="drop-hint" aria-hidden="true">${icon('upload')}<span>${msg('Drop files to upload')}</span></div>
      ${this.announcer.render()}
    </div>`;
  }

  /** The shown source: its element gets the options and whether it is showing (a camera turns off when not). */
  private renderSource(o: WidgetOptions) {
    const el = this.sourceElement?.el;
    if (!el) return nothing;
    el.options = o;
    el.active = this.display === 'shown';
    return el;
  }

  /** The queue's view, a lazy part (the element upgrades when it arrives), fetched after the first paint. */
  private queueView?: Promise<unknown>;
  private loadQueue(): Promise<unknown> {
    // Without it the files show as a plain list (their state and progress): the upload is still seen.
    this.queueView ??= loadPart('queue-view').catch(() => {
      this.queueMissing = true;
    });
    return this.queueView;
  }

  /** The queue element once it is upgraded and rendered. */
  private async queue() {
    // The part first, then the render it changed (the queue's view, or the plain list without it).
    await this.loadQueue();
    await this.updateComplete;
    return customElements.get('uw-queue') ? this.renderRoot.querySelector('uw-queue') : null;
  }

  private renderQueue() {
    void this.loadQueue();
    const o = this.resolved;
    const { items, offline, totals } = this.store.state;
    if (this.queueMissing) {
      return plainQueue(items, {
        held: totals.held,
        upload: () => this.upload(),
        uploadMore: o.showUploadMoreButton ? this.showSources : undefined,
        done: this.isInline ? undefined : () => this.close(),
      });
    }
    return html`<uw-queue
      exportparts="queue-header, queue-summary, queue-stats, queue-list, queue-item, thumbnail, progress, queue-footer, meta-field"
      .items=${items}
      .offline=${offline}
      .totals=${totals}
      .chunkSize=${o.maxChunkSize}
      .showUploadMore=${o.showUploadMoreButton}
      .showCompleted=${o.showCompletedButton}
      .showDone=${!this.isInline}
      .reorder=${!o.autoUpload || !!o.metaFields?.length || this.hasAttribute('name') || !!o.form}
      .metaFields=${o.metaFields}
      @item-action=${this.onItemAction}
      @item-meta=${this.onItemMeta}
      @item-move=${this.onItemMove}
      @upload-more=${this.showSources}
      @queue-emptied=${this.showSources}
      @show-completed=${this.onShowCompleted}
      @done=${() => this.close()}
    ></uw-queue>`;
  }

  /** Back to the sources, focus on the selected source tab (or its first control). */
  private showSources = () => {
    this.view = 'sources';
    void this.updateComplete.then(() => {
      const tabs = this.renderRoot.querySelector('uw-source-tabs');
      const tab = tabs?.shadowRoot?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
      if (tab?.checkVisibility()) tab.focus();
      else (tabs?.shadowRoot?.querySelector<HTMLElement>('.menu-button') ?? this.renderRoot.querySelector<HTMLElement>('#uw-panel *'))?.focus();
    });
  };

  private showQueue = () => {
    this.view = 'queue';
    this.focusQueue();
  };

  /** Focus on the batch's summary once the queue has rendered; on "Upload N files" when files wait for the go. */
  private focusQueue() {
    void this.queue().then((q) => (this.store.held ? q?.focusUpload() : q?.focusSummary()));
  }

  private renderCloseConfirmation() {
    return html`<div class="confirm" role="alertdialog" aria-labelledby="uw-confirm-text">
      <p id="uw-confirm-text">${msg('Files are still uploading. Close anyway? Uploads go on in the background.')}</p>
      <button type="button" data-confirm="keep" @click=${this.keepOpen}>${msg('Keep open')}</button>
      <button type="button" class="primary" @click=${() => this.close({ quiet: true })}>${msg('Close')}</button>
    </div>`;
  }

  /** Leaves the close confirmation; focus goes back where it was before. */
  private keepOpen = () => {
    this.confirmingClose = false;
    const back = this.focusBeforeConfirm;
    this.focusBeforeConfirm = null;
    void this.queue().then((q) => (back instanceof HTMLElement && back.isConnected ? back : q)?.focus());
  };

  /** The minimized bar (a lazy part: it upgrades when it arrives), placed here on the end side or the side asked. */
  private renderMinimized() {
    const [side, offset] = this.resolved.queueViewPosition.split(':');
    const rtl = isRightToLeft(this.locale);
    // "right" means the end side: in a right-to-left language the bar mirrors to the left.
    const position = (side === 'left') !== rtl ? 'left' : 'right';
    return html`<uw-minimized-bar
      part="minimized"
      class="minimized ${position}"
      lang=${this.locale}
      dir=${rtl ? 'rtl' : 'ltr'}
      locale=${this.locale}
      .totals=${this.store.state.totals}
      ${cssProps({ '--uw-queue-offset': offset || '35px' })}
      @click=${() => this.setDisplay('shown')}
    ></uw-minimized-bar>`;
  }

  // ---- intents from the views ----------------------------------------------------------------

  /** Files a source picked (or a drop brought): they go to the crop step or the queue. */
  private filesPicked(files: Array<File | string>) {
    // Each picture gets its crop step (Cloudinary crops a single one only). One the queue would
    // refuse (its format or size) goes straight there for the refusal: cropping it first would be
    // work for nothing.
    const toCrop = this.resolved.cropping
      ? files.flatMap((f, i) =>
          f instanceof File &&
          kindOf(f.name, f.type) === 'image' &&
          !checkFormatAndSize({ name: f.name, size: f.size, type: f.type, kind: 'image' }, this.resolved)
            ? [i]
            : [],
        )
      : [];
    if (toCrop.length) {
      // The sources go now, the crop box comes once its image is decoded: meanwhile the frame
      // holds focus (modal), so it never drops to the page.
      if (this.display === 'shown' && this.hasFocusWithin()) this.renderRoot.querySelector<HTMLElement>('[part=base]')?.focus();
      this.view = 'crop';
      this.crop.start({ files, toCrop });
    } else void this.addFiles(files);
  }

  private onCropBack() {
    this.crop.cancel();
    this.view = 'sources';
  }

  private onSourceSelect(e: CustomEvent<{ source: string }>) {
    e.stopPropagation();
    this.setSource(e.detail.source);
  }

  private setSource(source: string) {
    if (source === this.source) return;
    this.source = source;
    fire(this, 'source-changed', { source });
  }

  private onItemAction(e: CustomEvent<{ action: ItemAction; id?: string }>) {
    e.stopPropagation();
    const { action, id } = e.detail;
    if (action === 'remove') {
      if (id) {
        this.controller.remove(id);
        this.field.remove(id);
      }
    } else this[action](id);
  }

  private onItemMeta(e: CustomEvent<{ id: string; name: string; value: string }>) {
    e.stopPropagation();
    this.controller.setMeta(e.detail.id, { [e.detail.name]: e.detail.value });
  }

  private onItemMove(e: CustomEvent<{ id: string; to: number }>) {
    e.stopPropagation();
    this.move(e.detail.id, e.detail.to);
  }

  private onShowCompleted(e: Event) {
    e.stopPropagation();
    const items = this.controller.items.filter((i) => i.status === 'done').map(summarize);
    fire(this, 'show-completed', { items });
  }

  /** Loads a lazy part; the element in the template upgrades when it arrives. */
  private loadOnce(_part: string, load: () => Promise<unknown>) {
    load().catch(this.partFailed);
  }

  /** A lazy part did not load: the panel and an `error` event say which, in words; what is queued stays. */
  private readonly partFailed = (e: unknown) => {
    const message = e instanceof ProblemError ? inLanguageOf(this, () => describeProblem(e.problem)) : String(e);
    console.error(`[upload-widget] ${message}`);
    this.partProblem = message;
    fire(this, 'error', { message });
  };

  private pageThumbnails() {
    return loadPart('page-thumbnails') as Promise<typeof import('./page-thumbnails.js')>;
  }

  // ---- display ------------------------------------------------------------------------------

  private setDisplay(display: Display) {
    if (display === this.display) return;
    const previous = this.display;
    if (display === 'shown' && !this.isInline && previous === 'hidden') this.modal.rememberFocus();
    this.display = display;
    // The minimized bar is a lazy part: fetched when the modal first shows, so it is here by the
    // time anyone minimizes; without it, the widget stays open (and says why).
    if (display !== 'hidden' && !this.isInline) {
      loadPart('minimized-bar').catch((e) => {
        if (this.display === 'minimized') this.setDisplay('shown');
        if (display === 'minimized') this.partFailed(e);
      });
    }
    // The queue's view too, and its number formatters, so they are ready before the first file is added.
    if (display === 'shown') {
      void this.loadQueue();
      inLanguageOf(this, () => warmFormatters());
    }
    const change = display === 'minimized' ? 'minimized' : display === 'hidden' ? 'hidden' : previous === 'minimized' ? 'expanded' : 'shown';
    fire(this, 'display-changed', change);
    if (display === 'hidden') this.modal.restoreFocus();
  }

  // ---- events out ------------------------------------------------------------------------------

  /** The engine's events go out as they are; a few also move the view, announce or fill the form. */
  private onEngineEvent<K extends EngineEventName>(name: K, detail: EngineEventMap[K]) {
    if (name === 'upload-progress') {
      this.progressEvents.add(detail as EngineEventMap['upload-progress']);
      return;
    }
    this.progressEvents.flush();
    fire(this, name, detail as WidgetEventMap[K]);
    const o = this.resolved;
    this.announcer.hear(name, detail);
    if (name === 'queues-start' && o.autoMinimize && this.display === 'shown' && !this.isInline) this.minimize();
    if (name === 'uploads-restored') this.view = 'queue';
    // A batch that ended with nothing to fix: the next step is Done, one key away.
    // (Failed or refused files anywhere in the queue keep it on the summary, beside them.)
    const { failed, refused } = this.store.state.totals;
    if (name === 'queues-end' && !failed && !refused && !this.isInline && this.display === 'shown' && this.view === 'queue' && this.hasFocusWithin()) {
      void this.queue().then((q) => q?.focusDone());
    }
    if (name === 'success') {
      const info = detail as EngineEventMap['success'];
      // Loaded on first use, in order: thumbnails appear in the order files finished.
      if (o.thumbnails) void this.pageThumbnails().then((m) => m.addPageThumbnail(o.thumbnails!, info, o.thumbnailTransformation));
      this.field.add(info.id, preloadedFile(info), o);
      if (!o.multiple && o.singleUploadAutoClose && !this.isInline && this.store.unfinished === 0) this.close({ quiet: true });
    }
  }

  // Typed listeners: the widget's own events first (they win where the DOM has the same name:
  // `abort`, `close`, `error`), then the DOM's (`click` is a MouseEvent), then any other name.
  override addEventListener<K extends WidgetEventName>(
    type: K,
    listener: (this: UploadWidget, ev: WidgetEvent<K>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener<K extends keyof ElementEventMap>(
    type: K,
    listener: (this: UploadWidget, ev: ElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: unknown, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject, options);
  }

  override removeEventListener<K extends WidgetEventName>(
    type: K,
    listener: (this: UploadWidget, ev: WidgetEvent<K>) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener<K extends keyof ElementEventMap>(
    type: K,
    listener: (this: UploadWidget, ev: ElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: unknown, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject, options);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'upload-widget': UploadWidget;
  }
}
