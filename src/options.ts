// WidgetOptions: Cloudinary's option names (camelCase), their defaults, and how each is read
// from an attribute (kebab-case) or an options object (camelCase or snake_case). The upload
// engine's own options (EngineOptions) live in the core; these add what the element shows.
import type { CoordinatesMode } from './core/crop.js';
import { ENGINE_DEFAULTS, type EngineOptions, type GetTagsHook, type GetUploadPresetsHook, MIN_CHUNK_SIZE } from './core/engine-options.js';

export type {
  EncryptionOptions,
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

/** `plugin`: an object with methods (a destination), set as a property. */
export type Kind = 'string' | 'number' | 'boolean' | 'list' | 'json' | 'function' | 'plugin' | 'string-or-function' | 'element';

/** Every option the widget reads, with its kind; attributes are the kebab-case form of the name. */
export const OPTION_KINDS: Record<keyof WidgetOptions, Kind> = {
  cloudName: 'string',
  uploadPreset: 'string',
  apiKey: 'string',
  uploadSignature: 'string-or-function',
  uploadSignatureTimestamp: 'number',
  uploadPrefix: 'string',
  folder: 'string',
  publicId: 'string',
  publicIdPrefix: 'string',
  tags: 'list',
  context: 'json',
  resourceType: 'string',
  useFilename: 'boolean',
  uniqueFilename: 'boolean',
  multiple: 'boolean',
  maxFiles: 'number',
  clientAllowedFormats: 'list',
  maxFileSize: 'number',
  maxImageFileSize: 'number',
  maxVideoFileSize: 'number',
  maxRawFileSize: 'number',
  minImageWidth: 'number',
  minImageHeight: 'number',
  maxImageWidth: 'number',
  maxImageHeight: 'number',
  validateMaxWidthHeight: 'boolean',
  maxChunkSize: 'number',
  maxConcurrentUploads: 'number',
  maxConcurrentChunks: 'number',
  maxRetries: 'number',
  requestTimeout: 'number',
  hookTimeout: 'number',
  autoUpload: 'boolean',
  imageFormat: 'string',
  imageQuality: 'number',
  keepLocation: 'boolean',
  verifyUploads: 'boolean',
  checkDuplicates: 'boolean',
  metaFields: 'json',
  autoResume: 'boolean',
  maxResumeStoreSize: 'number',
  encryption: 'json',
  preBatch: 'function',
  prepareUploadParams: 'function',
  destination: 'plugin',
  inline: 'boolean',
  inlineContainer: 'element',
  sources: 'list',
  defaultSource: 'string',
  autoMinimize: 'boolean',
  singleUploadAutoClose: 'boolean',
  showUploadMoreButton: 'boolean',
  showCompletedButton: 'boolean',
  queueViewPosition: 'string',
  thumbnails: 'element',
  thumbnailTransformation: 'string',
  form: 'element',
  fieldName: 'string',
  showPoweredBy: 'boolean',
  showAdvancedOptions: 'boolean',
  getTags: 'function',
  getUploadPresets: 'function',
  googleApiKey: 'string',
  googleSearchEngineId: 'string',
  searchBySites: 'list',
  searchByRights: 'boolean',
  imageSearchApiUrl: 'string',
  unsplashAccessKey: 'string',
  unsplashApiUrl: 'string',
  cropping: 'boolean',
  croppingAspectRatio: 'number',
  croppingDefaultSelectionRatio: 'number',
  croppingShowDimensions: 'boolean',
  croppingCoordinatesMode: 'string',
  croppingShowBackButton: 'boolean',
  croppingValidateDimensions: 'boolean',
  showSkipCropButton: 'boolean',
  styles: 'json',
  theme: 'string',
  language: 'string',
  text: 'json',
  dropboxAppKey: 'string',
  dropboxScriptUrl: 'string',
  googleDriveClientId: 'string',
  googleDriveAppId: 'string',
  googleDriveScriptUrl: 'string',
  googleIdentityScriptUrl: 'string',
  googleDriveApiUrl: 'string',
};

export const DEFAULT_OPTIONS: WidgetOptions = {
  ...ENGINE_DEFAULTS,
  inline: false,
  sources: ['local', 'url', 'camera'],
  defaultSource: 'local',
  autoMinimize: false,
  singleUploadAutoClose: true,
  showUploadMoreButton: true,
  showCompletedButton: false,
  queueViewPosition: 'right:35px',
  fieldName: 'image',
  showPoweredBy: true,
  showAdvancedOptions: false,
  searchBySites: ['all'],
  searchByRights: false,
  cropping: false,
  croppingDefaultSelectionRatio: 1,
  croppingShowDimensions: false,
  croppingCoordinatesMode: 'custom',
  croppingShowBackButton: true,
  croppingValidateDimensions: false,
  showSkipCropButton: true,
  language: 'en',
};

const RESOURCE_TYPES = ['auto', 'image', 'video', 'raw'];
const CHOICES: Partial<Record<keyof WidgetOptions, string[]>> = {
  resourceType: RESOURCE_TYPES,
  croppingCoordinatesMode: ['custom', 'face'],
  imageFormat: ['webp', 'jpeg'],
};

export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const camel = (name: string) => name.replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());

export const ATTRIBUTE_TO_OPTION = new Map((Object.keys(OPTION_KINDS) as Array<keyof WidgetOptions>).map((name) => [kebab(name), name]));

/** Names that must never reach a browser. */
const SECRET_NAMES = new Set(['apiSecret', 'api_secret', 'api-secret']);

export class OptionError extends Error {}

export interface OptionProblem {
  option: string;
  message: string;
  fatal?: boolean;
}

/** Turns an attribute's text into the option's value; undefined when it cannot be read. */
export function parseAttribute(name: keyof WidgetOptions, text: string | null): unknown {
  const kind = OPTION_KINDS[name];
  if (text === null) return undefined;
  switch (kind) {
    case 'boolean':
      return text === '' || text === 'true' || text === name || text === kebab(name) ? true : text === 'false' ? false : text;
    case 'number':
      return text.trim() === '' ? undefined : Number(text);
    case 'list':
      return text.trim().startsWith('[')
        ? safeJson(text)
        : text
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'json':
      return safeJson(text);
    case 'function':
      return text; // attributes cannot carry functions; reported by normalizeOptions
    default:
      return text;
  }
}

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
  const options: Partial<WidgetOptions> = {};
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
    const key = camel(rawKey) as keyof WidgetOptions;
    const kind = OPTION_KINDS[key];
    if (!kind) continue; // options of later features and Cloudinary's others are accepted silently
    const checked = checkValue(key, kind, value);
    if (checked.ok) {
      (options as Record<string, unknown>)[key] = checked.value;
      if (checked.note) problems.push({ option: key, message: checked.note });
    } else problems.push({ option: key, message: checked.message });
  }
  return { options, problems };
}

/** A valid value, maybe with a note for the console (a value the widget adjusted). */
type Checked = { ok: true; value: unknown; note?: string } | { ok: false; message: string };

/**
 * Cloudinary's pipe form of `context`: `alt=A photo|caption=hi`, where a `|` or `=` inside a
 * value is written `\|` or `\=`. Undefined when the text is not in that form.
 */
export function parseContextPipes(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  // Split on unescaped | and, within a pair, on the first unescaped =.
  for (const pair of text.split(/(?<!\\)\|/)) {
    if (!pair.trim()) continue;
    const at = pair.search(/(?<!\\)=/);
    if (at <= 0) return undefined;
    const unescaped = (part: string) => part.replace(/\\([|=])/g, '$1');
    out[unescaped(pair.slice(0, at).trim())] = unescaped(pair.slice(at + 1));
  }
  return Object.keys(out).length ? out : undefined;
}

function checkValue(key: keyof WidgetOptions, kind: Kind, value: unknown): Checked {
  const bad = (expected: string): Checked => ({
    ok: false,
    message: `Option ${key} should be ${expected}; got ${JSON.stringify(value)}. Using the default instead.`,
  });
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') return bad('a string');
      if (CHOICES[key] && !CHOICES[key]!.includes(value)) return bad(`one of ${CHOICES[key]!.join(', ')}`);
      return { ok: true, value };
    case 'number': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return bad('a non-negative number');
      // Below Cloudinary's smallest chunk: the smallest chunk, not the (much larger) default.
      if (key === 'maxChunkSize' && n < MIN_CHUNK_SIZE) {
        return {
          ok: true,
          value: MIN_CHUNK_SIZE,
          note: `Option maxChunkSize is at least 5 MiB (${MIN_CHUNK_SIZE} bytes); got ${n}. Using ${MIN_CHUNK_SIZE} instead.`,
        };
      }
      if ((key === 'maxConcurrentUploads' || key === 'maxConcurrentChunks') && n < 1) return bad('at least 1');
      if (key === 'croppingDefaultSelectionRatio' && (n < 0.1 || n > 1)) return bad('between 0.1 and 1');
      if (key === 'croppingAspectRatio' && n === 0) return bad('a positive number (width ÷ height)');
      if (key === 'imageQuality' && (n === 0 || n > 1)) return bad('above 0 and at most 1');
      return { ok: true, value: n };
    }
    case 'boolean':
      if (typeof value !== 'boolean') return bad('true or false');
      return { ok: true, value };
    case 'list': {
      const list =
        typeof value === 'string'
          ? value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : value;
      if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) return bad('a list of strings');
      return { ok: true, value: list };
    }
    case 'json':
      if (key === 'context' && typeof value === 'string') {
        const pairs = parseContextPipes(value);
        if (pairs) return { ok: true, value: pairs };
      }
      if (key === 'metaFields') {
        const fields = value as Array<Record<string, unknown>>;
        const field = (f: Record<string, unknown>) =>
          f &&
          /^[\w-]+$/.test(f.name as string) &&
          typeof f.label === 'string' &&
          (f.to === undefined || ['context', 'metadata', 'tags'].includes(f.to as string));
        if (!Array.isArray(fields) || !fields.every(field)) return bad('a list of fields like {"name":"alt","label":"Alt text","required":true}');
        return { ok: true, value };
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('an object');
      if (key === 'encryption') {
        const { key: k, iv } = value as Record<string, unknown>;
        if (typeof k !== 'string' || !k || typeof iv !== 'string' || !iv) return bad('{ key: string, iv: string }');
      }
      return { ok: true, value };
    case 'function':
      if (typeof value !== 'function') return bad('a function (set it as a property, not an attribute)');
      return { ok: true, value };
    case 'plugin':
      if (typeof value !== 'function' && typeof (value as { upload?: unknown } | null)?.upload !== 'function')
        return bad('an object with an upload(task) method, or a function that makes one from the engine’s context');
      return { ok: true, value };
    case 'element':
      if (typeof value !== 'string' && !(typeof HTMLElement !== 'undefined' && value instanceof HTMLElement)) {
        return bad('a CSS selector or an element');
      }
      return { ok: true, value };
    case 'string-or-function':
      if (typeof value !== 'string' && typeof value !== 'function') return bad('a string or a function');
      return { ok: true, value };
  }
}
