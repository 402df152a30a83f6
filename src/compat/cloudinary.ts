// window.cloudinary.createUploadWidget / openUploadWidget / applyUploadWidget: Cloudinary's
// global API over <upload-widget>, so a site using Cloudinary's widget script can switch to
// this one without rewriting its code. The callback gets (error, result) with
// result = { event, info, data: { event, info }, uw_event: true }, as Cloudinary's does.
import type { UploadWidget } from '../upload-widget.js';
import type { WidgetEventMap, WidgetEventName } from '../events.js';
import type { WidgetOptionsInput } from '../options.js';

/** The `error` event's detail as Cloudinary's callback gives it: prints as words, never "[object Object]". */
function cloudinaryError(detail: { message?: string; status?: number }): CloudinaryError {
  const message = String(detail?.message ?? detail);
  return detail?.status ? { status: detail.status, statusText: message } : message;
}

/**
 * Puts the element in the page: now when the place exists, else once the document is parsed (a
 * script in <head> runs before <body> exists). `attached` runs after it is in.
 */
function place(element: UploadWidget, container: unknown, attached: () => void): void {
  const append = () => {
    // destroy() called before the page was ready: it stays out.
    if (element.isDestroyed()) return;
    const parent = typeof container === 'string' ? document.querySelector(container) : (container as Element | undefined);
    (parent ?? document.body).append(element);
    attached();
  };
  const ready =
    typeof container === 'object' && container !== null ? true : typeof container === 'string' ? document.readyState !== 'loading' : !!document.body;
  if (ready) append();
  else document.addEventListener('DOMContentLoaded', append, { once: true });
}

/** Every event Cloudinary's callback reports. */
const EVENTS = [
  'upload-added',
  'queues-start',
  'queues-end',
  'success',
  'error',
  'abort',
  'retry',
  'batch-cancelled',
  'display-changed',
  'close',
  'source-changed',
  'show-completed',
  'publicid',
  'tags',
] as const satisfies readonly WidgetEventName[];

/** The events Cloudinary's callback reports, by name. */
export type CloudinaryEventName = (typeof EVENTS)[number];

/**
 * What the callback gets for one event, as Cloudinary's: `result.event` names it and `result.info`
 * is its detail, typed by the name: `if (result.event === 'success') result.info.secure_url`.
 */
export type CloudinaryResult = {
  [K in CloudinaryEventName]: { event: K; info: WidgetEventMap[K]; data: { event: K; info: WidgetEventMap[K] }; uw_event: true };
}[CloudinaryEventName];

/** The callback's first argument for an `error` event (null for the others): the message, or `{status, statusText}` when the server answered with an HTTP error, as Cloudinary's. */
export type CloudinaryError = string | { status: number; statusText: string };

/** Cloudinary's widget callback: `(error, result) => …`. */
export type ResultCallback = (error: CloudinaryError | null, result: CloudinaryResult) => void;

/**
 * createUploadWidget's options: the widget's (camelCase or snake_case, typed), applyUploadWidget's
 * button, and Cloudinary's other options, which this widget accepts and ignores.
 */
export type CloudinaryWidgetOptions = WidgetOptionsInput & {
  /** applyUploadWidget: the button's class. */
  buttonClass?: string;
  /** applyUploadWidget: the button's text. */
  buttonCaption?: string;
  [cloudinaryOption: string]: unknown;
};

export interface CloudinaryWidgetHandle {
  open(source?: string | null, options?: { files?: string[] }): void;
  close(options?: { quiet?: boolean }): void;
  update(options: CloudinaryWidgetOptions): void;
  hide(): void;
  show(): void;
  minimize(): void;
  destroy(options?: { removeThumbnails?: boolean }): Promise<void>;
  isShowing(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  /** The element itself, for sites that want more than Cloudinary's API. */
  element: UploadWidget;
}

const globals: { cloudName?: string; apiKey?: string } = {};

function createUploadWidget(options: CloudinaryWidgetOptions, callback?: ResultCallback): CloudinaryWidgetHandle {
  const element = document.createElement('upload-widget');
  element.options = { ...(globals.cloudName ? { cloudName: globals.cloudName } : {}), ...(globals.apiKey ? { apiKey: globals.apiKey } : {}), ...options };
  if (callback) {
    for (const name of EVENTS) {
      element.addEventListener(name, (e: Event) => {
        const info = (e as CustomEvent).detail;
        const result = { event: name, info, data: { event: name, info }, uw_event: true } as CloudinaryResult;
        callback(name === 'error' ? cloudinaryError(info) : null, result);
      });
    }
  }
  // The handle is usable at once: calls made before the element is in the page wait for it, in order.
  let waiting: Array<() => void> | undefined = [];
  const when = (call: () => void) => (waiting ? waiting.push(call) : call());
  place(element, options.inlineContainer ?? options.inline_container, () => {
    const calls = waiting ?? [];
    waiting = undefined;
    for (const call of calls) call();
  });
  return {
    element,
    open: (source, opts) => when(() => element.open(source, opts)),
    close: (opts) => when(() => element.close(opts)),
    update: (opts) => element.updateOptions(opts),
    hide: () => when(() => element.hide()),
    show: () => when(() => element.show()),
    minimize: () => when(() => element.minimize()),
    destroy: (opts) => element.destroy(opts),
    isShowing: () => element.isShowing(),
    isMinimized: () => element.isMinimized(),
    isDestroyed: () => element.isDestroyed(),
  };
}

function openUploadWidget(options: CloudinaryWidgetOptions, callback?: ResultCallback): CloudinaryWidgetHandle {
  const widget = createUploadWidget(options, callback);
  widget.open();
  return widget;
}

/** Turns `target` into a button that opens the widget; results go to the target's form by default. */
function applyUploadWidget(target: string | HTMLElement, options: CloudinaryWidgetOptions, callback?: ResultCallback): CloudinaryWidgetHandle {
  const element = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
  if (!element) throw new Error(`applyUploadWidget: no element matches ${String(target)}`);
  const form = element.closest('form');
  // As Cloudinary's: results go into the target's form (hidden inputs) and its thumbnails there too.
  const widget = createUploadWidget({ ...(form ? { form, thumbnails: form } : {}), ...options }, callback);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = String(options.buttonClass ?? 'cloudinary-button');
  button.textContent = String(options.buttonCaption ?? 'Upload image');
  button.addEventListener('click', () => widget.open());
  element.replaceWith(button);
  return widget;
}

const WIDGET_SOURCES = { LOCAL: 'local', URL: 'url', CAMERA: 'camera' } as const;

/** `window.cloudinary` (and the global `cloudinary`) once `upload-widget/cloudinary` or the classic script has loaded. */
export interface CloudinaryGlobal {
  /** A widget for these options, hidden until `open()`; `callback(error, result)` gets every event. */
  createUploadWidget(options: CloudinaryWidgetOptions, callback?: ResultCallback): CloudinaryWidgetHandle;
  /** createUploadWidget, then open. */
  openUploadWidget(options: CloudinaryWidgetOptions, callback?: ResultCallback): CloudinaryWidgetHandle;
  /** Replaces `target` with a button that opens the widget; results go to the target's form. */
  applyUploadWidget(target: string | HTMLElement, options: CloudinaryWidgetOptions, callback?: ResultCallback): CloudinaryWidgetHandle;
  /** The cloud name for widgets created after this call. */
  setCloudName(name: string): void;
  /** The API key for widgets created after this call. */
  setAPIKey(key: string): void;
  readonly WIDGET_SOURCES: typeof WIDGET_SOURCES;
  readonly WIDGET_VERSION: string;
}

/** Installs the global API without replacing what another Cloudinary script already put there. */
export function installCloudinaryGlobal(version: string): void {
  const w = window as unknown as { cloudinary?: Record<string, unknown> };
  const target = (w.cloudinary ??= {});
  const api: CloudinaryGlobal = {
    createUploadWidget,
    openUploadWidget,
    applyUploadWidget,
    setCloudName: (name) => void (globals.cloudName = name),
    setAPIKey: (key) => void (globals.apiKey = key),
    WIDGET_SOURCES,
    WIDGET_VERSION: version,
  };
  for (const [key, value] of Object.entries(api)) if (!(key in target)) target[key] = value;
}
