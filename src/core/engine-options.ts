// The upload engine's options: where files go, how they are checked, signed and sent, and the
// page's hooks. The element's WidgetOptions add what it shows; the core reads only these.
import type { Destination, ResumeStore } from './destination.js';
import type { EngineEventMap, EngineEventName } from './engine-events.js';
import type { RequestLanes } from './lanes.js';
import type { NetworkWatch } from './network.js';

export type SignatureCallback = (signature: string) => void;
export type UploadSignatureFunction = (callback: SignatureCallback, paramsToSign: Record<string, unknown>) => void | Promise<string | void>;
export type HookCallback<T> = (result?: T) => void;
export type PreBatchHook = (
  callback: HookCallback<{ cancel?: boolean }>,
  data: { files: Array<{ name: string; size: number; type: string }> },
) => void | Promise<unknown>;
export type PrepareUploadParamsHook = (
  callback: HookCallback<Record<string, unknown> | Array<Record<string, unknown>>>,
  params: Record<string, unknown> | Array<Record<string, unknown>>,
) => void | Promise<unknown>;

export type GetTagsHook = (callback: (tags: string[]) => void, prefix: string) => void | Promise<string[] | void>;
export type GetUploadPresetsHook = (callback: (presets: string[]) => void) => void | Promise<string[] | void>;

export interface EncryptionOptions {
  key: string;
  iv: string;
}

/**
 * Cloudinary's options: what its Upload API is sent (account, signing, upload parameters) and how
 * the Cloudinary destination sends it (chunks, retries, resuming). A site's own `destination` reads
 * none of them.
 */
export interface CloudinaryOptions {
  /** Your Cloudinary cloud name. */
  cloudName?: string;
  /** Upload preset name; needed for unsigned uploads. */
  uploadPreset?: string;
  /** API key for signed uploads (never the secret). */
  apiKey?: string;
  /** Signed uploads: a signature string, or a function that asks your server to sign `paramsToSign`. */
  uploadSignature?: string | UploadSignatureFunction;
  /** The timestamp the signature string was made with. */
  uploadSignatureTimestamp?: number;
  /** The Upload API's base URL (the SDK's `upload_prefix`). */
  uploadPrefix: string;
  /** Folder the files are stored in (`folder`). */
  folder?: string;
  /** Public ID for the uploaded file (`public_id`). */
  publicId?: string;
  /** Prefix for generated public IDs (`public_id_prefix`). */
  publicIdPrefix?: string;
  /** Tags added to every file (`tags`). */
  tags?: string[];
  /** Contextual metadata, key to value (`context`). */
  context?: Record<string, string>;
  /** Resource type: `auto`, `image`, `video` or `raw`. */
  resourceType: 'auto' | 'image' | 'video' | 'raw';
  /** Use the file's name as its public ID (`use_filename`). */
  useFilename?: boolean;
  /** Add random characters to a public ID made from the file name (`unique_filename`). */
  uniqueFilename?: boolean;
  /** Files larger than this go up in chunks of this many bytes (at least 5 MiB, 5,242,880 bytes; a smaller value is rounded up). */
  maxChunkSize: number;
  /** Middle chunks of one big file in flight at once; with other files uploading, only lanes they leave free. */
  maxConcurrentChunks: number;
  /** Retries per request for network faults, 5xx, 408, 420 and 429, with backoff. */
  maxRetries: number;
  /** ms a request may go without upload progress or an answer before it is dropped and retried; 0: never. */
  requestTimeout: number;
  /** Keep unfinished chunked uploads in IndexedDB so they resume after a reload, a closed tab or a crash. */
  autoResume: boolean;
  /** Files up to this many bytes are kept whole for resuming; larger ones ask to be picked again. */
  maxResumeStoreSize: number;
  /** Runs per file with the params about to be sent; `cb({...})` changes Cloudinary's allowed keys or cancels. */
  prepareUploadParams?: PrepareUploadParamsHook;
}

/**
 * The flat bag the engine takes, Cloudinary-style: its own options (any destination's: what is
 * accepted, how many at once, the page's hooks) and Cloudinary's.
 */
export interface EngineOptions extends CloudinaryOptions {
  /** Many files per batch, or one. */
  multiple: boolean;
  /** Most files per batch; the rest are refused with a reason. */
  maxFiles?: number;
  /** Allowed extensions (`jpg`) or type words (`image`, `video`); others are refused. */
  clientAllowedFormats?: string[];
  /** Largest file, in bytes. */
  maxFileSize?: number;
  /** Largest image file, in bytes. */
  maxImageFileSize?: number;
  /** Largest video file, in bytes. */
  maxVideoFileSize?: number;
  /** Largest raw (other) file, in bytes. */
  maxRawFileSize?: number;
  /** Narrower images are refused (px). */
  minImageWidth?: number;
  /** Lower images are refused (px). */
  minImageHeight?: number;
  /** Wider images are scaled down in the browser, or refused with `validateMaxWidthHeight` (px). */
  maxImageWidth?: number;
  /** Taller images are scaled down in the browser, or refused with `validateMaxWidthHeight` (px). */
  maxImageHeight?: number;
  /** Refuse images over `maxImageWidth`/`maxImageHeight` instead of scaling them down. */
  validateMaxWidthHeight: boolean;
  /** Files uploading at once. */
  maxConcurrentUploads: number;
  /** ms a hook (`preBatch`, `prepareUploadParams`, `uploadSignature`) may take to call back. */
  hookTimeout: number;
  /**
   * Upload files as soon as they are added (the default); `false` holds them in the queue, to be
   * looked over, removed or cropped, until the person presses "Upload N files" (or the page calls
   * `upload()`). `preBatch` runs then.
   */
  autoUpload: boolean;
  /**
   * Re-encode images before upload, for smaller uploads: JPEG, PNG, WebP, BMP and AVIF pictures are
   * written as WebP or JPEG at `imageQuality` (animations and SVG go as they are; so does a picture
   * the re-encoding would make bigger, or one this browser cannot write in that format). A HEIC or HEIF
   * is written in that format even when bigger (many systems read no HEIC). Off by default.
   */
  imageFormat?: 'webp' | 'jpeg';
  /** Quality of `imageFormat`'s re-encoding, above 0 and at most 1. */
  imageQuality: number;
  /**
   * Keep where a photo was taken: by default a JPEG's or a HEIF's (HEIC, AVIF) GPS data is removed
   * before upload (the image itself is not re-encoded) and its row says so.
   */
  keepLocation: boolean;
  /**
   * Check that the server stored the bytes sent: each file's MD5, computed in a worker while it
   * uploads, is compared with the `etag` of Cloudinary's answer. A file whose bytes differ fails
   * (retryable). On by default.
   */
  verifyUploads: boolean;
  /**
   * Hold a file with the same bytes as one added before in this session (under any name): its row
   * says so and offers "Upload anyway" and Remove. On by default.
   */
  checkDuplicates: boolean;
  /**
   * Fields a person fills in for each file before it goes, e.g. `[{name: 'alt', label: 'Alt text',
   * required: true}, {name: 'caption', label: 'Caption'}]`. Files then wait in the queue (as with
   * `autoUpload: false`) with the fields on their rows; values go to Cloudinary's `context`, or per
   * field (`to`) to its structured `metadata` or its `tags`; a file missing a required value stays.
   */
  metaFields?: MetaField[];
  /** `{key, iv}`: files are encrypted (AES-GCM) in the browser and uploaded as raw. */
  encryption?: EncryptionOptions;
  /** Runs before a batch: `cb({cancel: true})` drops it, `cb()` lets it go. */
  preBatch?: PreBatchHook;
  /** Where files go: Cloudinary's Upload API unless a site gives a destination of its own (see docs/architecture.md). */
  /** Where files go instead of Cloudinary's Upload API: a Destination, or a function that makes one from the engine's context. */
  destination?: DestinationOption;
}

/** What the engine gives a destination made for it. */
export interface DestinationContext {
  /** The options in force: read them at each upload (a page may change them between files). */
  readonly options: EngineOptions;
  /** Requests in flight across files: a big file's extra chunks use what small files leave. */
  readonly lanes: RequestLanes;
  /** Whether the browser is online, to wait a lost connection out. */
  readonly network: NetworkWatch;
  /** Sends one of the engine's events (the widget dispatches it on the element). */
  emit<K extends EngineEventName>(name: K, detail: EngineEventMap[K]): void;
  /** Chunked uploads kept across a reload. */
  readonly resume: ResumeStore;
}

/** The `destination` option: a destination, or a function that makes one from the engine's context. */
export type DestinationOption = Destination | ((context: DestinationContext) => Destination);

/** One field of `metaFields`. */
export interface MetaField {
  /** The key it is stored under (`alt` becomes context `alt=…`). */
  name: string;
  /** What the field is called on each row (the site's words, in its language). */
  label: string;
  /** A file with this field empty is not uploaded; its row says so. */
  required?: boolean;
  /** Where the value goes: Cloudinary's `context` (default), `metadata` (structured metadata, by external ID) or `tags` (comma-separated). */
  to?: 'context' | 'metadata' | 'tags';
}

/** Cloudinary's chunk floor: smaller chunks are refused by its API. */
const MIN_CHUNK_SIZE = 5 * 1024 * 1024;

/** How an option is read from an attribute's text or an options object; `plugin`: an object with methods (a destination), set as a property. */
export type Kind = 'string' | 'number' | 'boolean' | 'list' | 'json' | 'function' | 'plugin' | 'string-or-function' | 'element';

/**
 * One option's row: everything about it but its doc (that is the interface's JSDoc). Checked by
 * `checkValue` (src/options.ts); the manifest and the README read the rows too.
 */
export interface OptionSpec<T = unknown> {
  readonly kind: Kind;
  /** The value in force when none is given (and the manifest's default). */
  readonly default?: T;
  /** The only words a string may be. */
  readonly choices?: readonly string[];
  /** Numbers (all at least 0): the smallest accepted, a bound a value must be above, the largest. */
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
  /** Bytes: a smaller value is raised to this, with a note. */
  readonly floor?: number;
  /** A JSON value's shape (instead of "an object"), and what the warning says it should be when it is not. */
  readonly valid?: (value: unknown) => boolean;
  readonly expected?: string;
  /** A JSON option's other text form, read when its text is not JSON. */
  readonly fromText?: (text: string) => unknown;
  /** Given in the options object only: no attribute, no property (`form` keeps its HTML meaning). */
  readonly objectOnly?: true;
  /** Cloudinary's update() may not change it once the widget is made. */
  readonly fixed?: true;
}

/** A row for each option, none left out: an option the interface requires has a default. */
export type OptionSpecs<O> = {
  readonly [K in keyof O]-?: undefined extends O[K] ? OptionSpec<O[K]> : OptionSpec<O[K]> & { readonly default: O[K] };
};

/** The options of `O` a spec table gives a default. */
export type DefaultsOf<O, S> = Pick<O, { [K in keyof S & keyof O]: S[K] extends { default: unknown } ? K : never }[keyof S & keyof O]>;

/** The table's defaults, by option. */
export const defaultsOf = <O, S extends OptionSpecs<O>>(specs: S) =>
  Object.fromEntries(
    Object.entries(specs as Record<string, OptionSpec>).flatMap(([name, spec]) => ('default' in spec ? [[name, spec.default]] : [])),
  ) as DefaultsOf<O, S>;

const isKeyIv = (v: unknown) => {
  const { key, iv } = (v ?? {}) as Record<string, unknown>;
  return typeof key === 'string' && !!key && typeof iv === 'string' && !!iv;
};

const isMetaFields = (v: unknown) =>
  Array.isArray(v) &&
  v.every(
    (f: Record<string, unknown>) =>
      f && /^[\w-]+$/.test(f.name as string) && typeof f.label === 'string' && (f.to === undefined || ['context', 'metadata', 'tags'].includes(f.to as string)),
  );

/**
 * Cloudinary's pipe form of `context`: `alt=A photo|caption=hi`, where a `|` or `=` inside a
 * value is written `\|` or `\=`. Undefined when the text is not in that form.
 */
function parseContextPipes(text: string): Record<string, string> | undefined {
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

/** The engine's options, one row each (Cloudinary's first): their kinds, defaults and limits. */
export const ENGINE_OPTION_SPECS = {
  cloudName: { kind: 'string' },
  uploadPreset: { kind: 'string' },
  apiKey: { kind: 'string' },
  uploadSignature: { kind: 'string-or-function', fixed: true },
  uploadSignatureTimestamp: { kind: 'number' },
  uploadPrefix: { kind: 'string', default: 'https://api.cloudinary.com' },
  folder: { kind: 'string' },
  publicId: { kind: 'string' },
  publicIdPrefix: { kind: 'string' },
  tags: { kind: 'list' },
  context: { kind: 'json', fromText: parseContextPipes },
  resourceType: { kind: 'string', default: 'auto', choices: ['auto', 'image', 'video', 'raw'] },
  useFilename: { kind: 'boolean' },
  uniqueFilename: { kind: 'boolean' },
  maxChunkSize: { kind: 'number', default: 20_000_000, floor: MIN_CHUNK_SIZE },
  // Chosen by `npm run bench` (see README): 4 was fastest for 1 GiB here; with 3 files it shares 4 lanes.
  maxConcurrentChunks: { kind: 'number', default: 4, min: 1 },
  maxRetries: { kind: 'number', default: 5 },
  // A silent minute: long enough for a server assembling a large file after its last chunk.
  requestTimeout: { kind: 'number', default: 60_000 },
  autoResume: { kind: 'boolean', default: true },
  maxResumeStoreSize: { kind: 'number', default: 100_000_000 },
  prepareUploadParams: { kind: 'function' },
  multiple: { kind: 'boolean', default: true },
  maxFiles: { kind: 'number' },
  clientAllowedFormats: { kind: 'list' },
  maxFileSize: { kind: 'number' },
  maxImageFileSize: { kind: 'number' },
  maxVideoFileSize: { kind: 'number' },
  maxRawFileSize: { kind: 'number' },
  minImageWidth: { kind: 'number' },
  minImageHeight: { kind: 'number' },
  maxImageWidth: { kind: 'number' },
  maxImageHeight: { kind: 'number' },
  validateMaxWidthHeight: { kind: 'boolean', default: false },
  // Chosen by `npm run bench` (see README): 3 saturates a local link without starving progress.
  maxConcurrentUploads: { kind: 'number', default: 3, min: 1 },
  hookTimeout: { kind: 'number', default: 60_000 },
  autoUpload: { kind: 'boolean', default: true },
  imageFormat: { kind: 'string', choices: ['webp', 'jpeg'] },
  imageQuality: { kind: 'number', default: 0.8, above: 0, max: 1 },
  keepLocation: { kind: 'boolean', default: false },
  verifyUploads: { kind: 'boolean', default: true },
  checkDuplicates: { kind: 'boolean', default: true },
  metaFields: { kind: 'json', valid: isMetaFields, expected: 'a list of fields like {"name":"alt","label":"Alt text","required":true}' },
  encryption: { kind: 'json', valid: isKeyIv, expected: '{ key: string, iv: string }' },
  preBatch: { kind: 'function', fixed: true },
  destination: { kind: 'plugin' },
} as const satisfies OptionSpecs<EngineOptions>;

/** The engine's options that have a default, with it. */
export const ENGINE_DEFAULTS = defaultsOf<EngineOptions, typeof ENGINE_OPTION_SPECS>(ENGINE_OPTION_SPECS);
