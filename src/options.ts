// WidgetOptions: Cloudinary's option names (camelCase), their defaults, and how each is read
// from an attribute (kebab-case) or an options object (camelCase or snake_case). The upload
// engine's own options (EngineOptions) live in the core; these add what the element shows.
import type { CoordinatesMode } from './core/crop.js';
import {
  ENGINE_OPTION_SPECS,
  type EngineOptions,
  type GetTagsHook,
  type GetUploadPresetsHook,
  type Kind,
  type OptionSpec,
  type OptionSpecs,
  defaultsOf,
} from './core/engine-options.js';

export type {
  CloudinaryOptions,
  EncryptionOptions,
  Kind,
  OptionSpec,
  EngineOptions,
  GetTagsHook,
  GetUploadPresetsHook,
  HookCallback,
  MetaField,
  PreBatchHook,
  PrepareUploadParamsHook,
  SignatureCallback,
  UploadSignatureFunction,
} from './core/engine-options.js';

/** Cloudinary's `styles`: palette keys → colours, frame background, font family → stylesheet URL. */
export interface StylesOption {
  palette?: Partial<Record<PaletteKey, string>>;
  frame?: { background?: string };
  fonts?: Record<string, string | { url: string; active?: boolean }>;
}

export type PaletteKey =
  | 'window'
  | 'windowBorder'
  | 'tabIcon'
  | 'menuIcons'
  | 'textDark'
  | 'textLight'
  | 'link'
  | 'action'
  | 'inactiveTabIcon'
  | 'error'
  | 'inProgress'
  | 'complete'
  | 'sourceBg';

/** Cloudinary-style text overrides: { <lang>: { "queue.title": "…" } } or nested sections. */
export type TextOption = Record<string, unknown>;

export interface WidgetOptions extends EngineOptions {
  // display
  /** Render in place instead of as a modal. */
  inline: boolean;
  /** Render inside this element (or selector) instead of as a modal. */
  inlineContainer?: string | HTMLElement;
  /** Source tabs, in this order: `local`, `url`, `camera`, `screen`, `audio`, `dropbox`, `image_search`, `google_drive`, `unsplash`, or a registered source's id. */
  sources: string[];
  /** The source tab shown first. */
  defaultSource: string;
  /** Minimize the modal once uploading starts. */
  autoMinimize: boolean;
  /** With `multiple: false`, close the modal once the upload succeeds. */
  singleUploadAutoClose: boolean;
  /** Show the queue's "Upload more" button. */
  showUploadMoreButton: boolean;
  /** Show the queue's "Show completed" button (fires `show-completed`). */
  showCompletedButton: boolean;
  /** Where the minimized bar sits: `left:<offset>` or `right:<offset>`. */
  queueViewPosition: string;
  /** Element (or selector) that gets a thumbnail of each uploaded file. */
  thumbnails?: string | HTMLElement;
  /** Cloudinary transformation for those thumbnails. */
  thumbnailTransformation?: string;
  /** Cloudinary's: a form (selector or element) that gets a hidden input per uploaded file. Not an attribute: `form` keeps its HTML meaning. */
  form?: string | HTMLElement;
  /** Name of those hidden inputs. */
  fieldName: string;
  /** Cloudinary's; accepted and ignored. */
  showPoweredBy: boolean;
  // advanced options
  /** Show the Advanced panel: public ID, tags, preset. */
  showAdvancedOptions: boolean;
  /** Tag suggestions for the Advanced panel: `cb(tags)` for a typed prefix. */
  getTags?: GetTagsHook;
  /** Presets to pick from in the Advanced panel: `cb(presets)`. */
  getUploadPresets?: GetUploadPresetsHook;
  // remote sources
  /** Google Custom Search API key, for the `image_search` source. */
  googleApiKey?: string;
  /** Google Programmable Search Engine ID (`cx`), for the `image_search` source. */
  googleSearchEngineId?: string;
  /** Sites image search is limited to; more than one adds a site picker (`all`: the whole web). */
  searchBySites: string[];
  /** Add the usage-rights filter to image search. */
  searchByRights: boolean;
  /** Base URL of the Custom Search JSON API (a site's proxy, or a test's fake). */
  imageSearchApiUrl?: string;
  /** Unsplash access key, for the `unsplash` source. */
  unsplashAccessKey?: string;
  /** Base URL of Unsplash's API: a site's proxy that adds the key, or a test's fake. */
  unsplashApiUrl?: string;
  // cropping
  /** Crop each picked image before it uploads (one after another when several are picked), turned and mirrored as the person chooses. */
  cropping: boolean;
  /** The crop's aspect ratio (width ÷ height) chosen when the crop view opens (its aspect choice is preselected; the person may choose another). */
  croppingAspectRatio?: number;
  /** Share of the image the crop box first covers (0.1 to 1). */
  croppingDefaultSelectionRatio: number;
  /** Show the crop size in pixels. */
  croppingShowDimensions: boolean;
  /** Send the crop as `custom` or `face` coordinates. */
  croppingCoordinatesMode: CoordinatesMode;
  /** Show the crop view's "Back" button. */
  croppingShowBackButton: boolean;
  /** Refuse crops smaller than `minImageWidth`/`minImageHeight`. */
  croppingValidateDimensions: boolean;
  /** Show the crop view's "Skip" button. */
  showSkipCropButton: boolean;
  // look and language
  /** Cloudinary's `styles`: `palette` colours, `frame` background, `fonts`. */
  styles?: StylesOption;
  /** `light`, `dark`, or `auto` (follows the system's colour scheme). */
  theme?: 'light' | 'dark' | 'auto';
  /** Interface language (BCP 47), matched to the bundled translations. */
  language: string;
  /** Cloudinary-style text overrides, per language. */
  text?: TextOption;
  // the dropbox source
  /** Cloudinary's: the Dropbox app key the `dropbox` source's Chooser needs (from the Dropbox App Console). */
  dropboxAppKey?: string;
  /** Where the `dropbox` source loads Dropbox's Chooser script from; Dropbox's own dropins.js when unset. */
  dropboxScriptUrl?: string;
  // the google_drive source (its API key is `googleApiKey`, with the Google Picker API enabled)
  /** Cloudinary's: the OAuth client ID (a web application's) the `google_drive` source signs in with. */
  googleDriveClientId?: string;
  /** The Cloud project number for the Picker's `setAppId`; by default the client ID's leading number. */
  googleDriveAppId?: string;
  /** Where the `google_drive` source loads Google's API loader (api.js, for the Picker) from; Google's own when unset. */
  googleDriveScriptUrl?: string;
  /** Where the `google_drive` source loads Google Identity Services (gsi/client) from; Google's own when unset. */
  googleIdentityScriptUrl?: string;
  /** Base URL of the Drive API v3 the `google_drive` source fetches files from; Google's own when unset. */
  googleDriveApiUrl?: string;
}

/** `cloudName` → `cloud_name`: the snake_case spelling of an option's name, as Cloudinary's code writes it. */
export type SnakeCase<S extends string, Done extends string = ''> = S extends `${infer C}${infer Rest}`
  ? SnakeCase<Rest, `${Done}${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}`>
  : Done;

/**
 * Options as one object, Cloudinary-style (the element's `options` and `updateOptions()`): each
 * option by its camelCase name or its snake_case spelling (`cloudName` or `cloud_name`), which
 * normalizeOptions reads alike.
 */
export type WidgetOptionsInput = Partial<WidgetOptions> & { [K in keyof WidgetOptions as SnakeCase<K>]?: WidgetOptions[K] };

/** The element's own options (what it shows), one row each: their kinds, defaults and limits. */
const WIDGET_OPTION_SPECS = {
  inline: { kind: 'boolean', default: false },
  inlineContainer: { kind: 'element', fixed: true },
  sources: { kind: 'list', default: ['local', 'url', 'camera'] },
  defaultSource: { kind: 'string', default: 'local' },
  autoMinimize: { kind: 'boolean', default: false },
  singleUploadAutoClose: { kind: 'boolean', default: true },
  showUploadMoreButton: { kind: 'boolean', default: true },
  showCompletedButton: { kind: 'boolean', default: false },
  queueViewPosition: { kind: 'string', default: 'right:35px' },
  thumbnails: { kind: 'element' },
  thumbnailTransformation: { kind: 'string' },
  // Cloudinary's `form` comes in the options object: the attribute and property keep their HTML meaning.
  form: { kind: 'element', objectOnly: true },
  fieldName: { kind: 'string', default: 'image', fixed: true },
  showPoweredBy: { kind: 'boolean', default: true },
  showAdvancedOptions: { kind: 'boolean', default: false },
  getTags: { kind: 'function', fixed: true },
  getUploadPresets: { kind: 'function' },
  googleApiKey: { kind: 'string' },
  googleSearchEngineId: { kind: 'string' },
  searchBySites: { kind: 'list', default: ['all'] },
  searchByRights: { kind: 'boolean', default: false },
  imageSearchApiUrl: { kind: 'string' },
  unsplashAccessKey: { kind: 'string' },
  unsplashApiUrl: { kind: 'string' },
  cropping: { kind: 'boolean', default: false },
  croppingAspectRatio: { kind: 'number', above: 0 },
  croppingDefaultSelectionRatio: { kind: 'number', default: 1, min: 0.1, max: 1 },
  croppingShowDimensions: { kind: 'boolean', default: false },
  croppingCoordinatesMode: { kind: 'string', default: 'custom', choices: ['custom', 'face'] },
  croppingShowBackButton: { kind: 'boolean', default: true },
  croppingValidateDimensions: { kind: 'boolean', default: false },
  showSkipCropButton: { kind: 'boolean', default: true },
  styles: { kind: 'json' },
  theme: { kind: 'string' },
  language: { kind: 'string', default: 'en' },
  text: { kind: 'json' },
  dropboxAppKey: { kind: 'string' },
  dropboxScriptUrl: { kind: 'string' },
  googleDriveClientId: { kind: 'string' },
  googleDriveAppId: { kind: 'string' },
  googleDriveScriptUrl: { kind: 'string' },
  googleIdentityScriptUrl: { kind: 'string' },
  googleDriveApiUrl: { kind: 'string' },
} as const satisfies OptionSpecs<Omit<WidgetOptions, keyof EngineOptions>>;

/**
 * Every option the widget reads, one row each (the engine's, then the element's own, then those
 * registered sources declare); attributes are the kebab-case form of the name. A new option: its
 * field and JSDoc in its interface, its row in its layer's table.
 */
const TABLE = { ...ENGINE_OPTION_SPECS, ...WIDGET_OPTION_SPECS } satisfies OptionSpecs<WidgetOptions>;
export const OPTION_SPECS: OptionSpecs<WidgetOptions> = TABLE;

type OptionName = keyof WidgetOptions;
/** The table by any name: a source's options are added to it. */
const SPECS = OPTION_SPECS as Record<string, OptionSpec | undefined>;
const NAMES = Object.keys(OPTION_SPECS) as OptionName[];

/** Every option's kind. */
export const OPTION_KINDS = /* @__PURE__ */ Object.fromEntries(/* @__PURE__ */ NAMES.map((name) => [name, OPTION_SPECS[name].kind])) as Record<
  OptionName,
  Kind
>;

/** Every option that has a default, with it: a whole WidgetOptions. */
export const DEFAULT_OPTIONS: WidgetOptions = defaultsOf<WidgetOptions, typeof TABLE>(TABLE);

/** Options Cloudinary's update() may not change (its `secure` too, which this widget does not read). */
export const FIXED_AFTER_CREATION: ReadonlySet<string> = new Set(['secure', ...NAMES.filter((name) => OPTION_SPECS[name].fixed)]);

/**
 * Adds a registered source's own options (`SourcePlugin.options`) to the table and their defaults to
 * DEFAULT_OPTIONS: they are read and checked like the widget's. A name the widget has stays the widget's.
 */
export function declareOptions(specs: Readonly<Record<string, OptionSpec>>): void {
  for (const [name, spec] of Object.entries(specs)) {
    if (SPECS[name]) continue;
    SPECS[name] = spec;
    if ('default' in spec) (DEFAULT_OPTIONS as unknown as Record<string, unknown>)[name] = spec.default;
  }
}

export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());

/** Names that must never reach a browser. */
const SECRET_NAMES = new Set(['apiSecret', 'api_secret', 'api-secret']);

export interface OptionProblem {
  option: string;
  message: string;
  fatal?: boolean;
}

/** Turns an attribute's text into the option's value; undefined when it cannot be read. */
export function parseAttribute(name: string, text: string | null): unknown {
  if (text === null) return undefined;
  switch (SPECS[name]?.kind) {
    case 'boolean':
      return text === '' || text === 'true' || text === name || text === kebab(name) ? true : text === 'false' ? false : text;
    case 'number':
      return text.trim() === '' ? undefined : Number(text);
    case 'list':
      return text.trim().startsWith('[') ? safeJson(text) : words(text);
    case 'json':
      return safeJson(text);
    case 'function':
      return text; // attributes cannot carry functions; reported by normalizeOptions
    default:
      return text;
  }
}

/** A comma list's words: `local, url` → ['local', 'url']. */
const words = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Reads an options object (camelCase or snake_case keys) into WidgetOptions.
 * Invalid values are reported as problems and left at their defaults, so the widget keeps working;
 * a secret is a fatal problem.
 */
export function normalizeOptions(input: Record<string, unknown>): { options: Partial<WidgetOptions>; problems: OptionProblem[] } {
  const options: Record<string, unknown> = {};
  const problems: OptionProblem[] = [];
  for (const [rawKey, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (SECRET_NAMES.has(rawKey)) {
      problems.push({
        option: rawKey,
        fatal: true,
        message:
          `${rawKey} must never be given to the widget: anyone can read it from the page. ` +
          'Sign uploads on your server and pass uploadSignature (a function that asks your server) instead.',
      });
      continue;
    }
    const key = camel(rawKey);
    const spec = SPECS[key];
    if (!spec) continue; // options of later features and Cloudinary's others are accepted silently
    const checked = checkValue(key, spec, value);
    if (checked.ok) {
      options[key] = checked.value;
      if (checked.note) problems.push({ option: key, message: checked.note });
    } else problems.push({ option: key, message: checked.message });
  }
  return { options, problems };
}

/** A valid value, maybe with a note for the console (a value the widget adjusted). */
type Checked = { ok: true; value: unknown; note?: string } | { ok: false; message: string };

/** The kinds taken as they are given: whether a value is one, and what it should be when not. */
const AS_GIVEN: Partial<Record<Kind, readonly [(value: unknown) => boolean, string]>> = {
  boolean: [(v) => typeof v === 'boolean', 'true or false'],
  function: [(v) => typeof v === 'function', 'a function (set it as a property, not an attribute)'],
  plugin: [
    (v) => typeof v === 'function' || typeof (v as { upload?: unknown } | null)?.upload === 'function',
    'an object with an upload(task) method, or a function that makes one from the engine’s context',
  ],
  element: [(v) => typeof v === 'string' || (typeof HTMLElement !== 'undefined' && v instanceof HTMLElement), 'a CSS selector or an element'],
  'string-or-function': [(v) => typeof v === 'string' || typeof v === 'function', 'a string or a function'],
};

function checkValue(key: string, spec: OptionSpec, value: unknown): Checked {
  const bad = (expected: string): Checked => ({
    ok: false,
    message: `Option ${key} should be ${expected}; got ${JSON.stringify(value)}. Using the default instead.`,
  });
  const { kind, choices, min = 0, above = -1, max = Infinity, floor, valid, expected = '' } = spec;
  // A kind taken as given, or a JSON value whose row says what it must be.
  const [is, should] = AS_GIVEN[kind] ?? (valid ? [valid, expected] : []);
  if (is) return is(value) ? { ok: true, value } : bad(should!);
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') return bad('a string');
      if (choices && !choices.includes(value)) return bad(`one of ${choices.join(', ')}`);
      return { ok: true, value };
    case 'number': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return bad('a non-negative number');
      // Below a floor (Cloudinary's smallest chunk): the floor, not the (much larger) default.
      if (floor && n < floor) {
        return {
          ok: true,
          value: floor,
          note: `Option ${key} is at least ${floor / 2 ** 20} MiB (${floor} bytes); got ${n}. Using ${floor} instead.`,
        };
      }
      if (n < min) return bad(`at least ${min}`);
      if (n <= above) return bad(`above ${above}`);
      if (n > max) return bad(`at most ${max}`);
      return { ok: true, value: n };
    }
    case 'list': {
      const list = typeof value === 'string' ? words(value) : value;
      if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) return bad('a list of strings');
      return { ok: true, value: list };
    }
    default: {
      // json: an object, or its row's other text form (Cloudinary's `alt=A|caption=B` for context).
      const read = typeof value === 'string' && spec.fromText?.(value);
      if (read) return { ok: true, value: read };
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('an object');
      return { ok: true, value };
    }
  }
}
