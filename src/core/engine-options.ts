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

export interface EngineOptions {
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
  // upload parameters
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
  // behaviour
  /** Many files per batch, or one. */
  multiple: boolean;
  /** Most files per batch; the rest are refused with a reason. */
  maxFiles?: number;
  // validation
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
  // engine
  /** Files larger than this go up in chunks of this many bytes (at least 5 MiB, 5,242,880 bytes; a smaller value is rounded up). */
  maxChunkSize: number;
  /** Files uploading at once. */
  maxConcurrentUploads: number;
  /** Middle chunks of one big file in flight at once; with other files uploading, only lanes they leave free. */
  maxConcurrentChunks: number;
  /** Retries per request for network faults, 5xx, 408, 420 and 429, with backoff. */
  maxRetries: number;
  /** ms a request may go without upload progress or an answer before it is dropped and retried; 0: never. */
  requestTimeout: number;
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
  /** Keep unfinished chunked uploads in IndexedDB so they resume after a reload, a closed tab or a crash. */
  autoResume: boolean;
  /** Files up to this many bytes are kept whole for resuming; larger ones ask to be picked again. */
  maxResumeStoreSize: number;
  /** `{key, iv}`: files are encrypted (AES-GCM) in the browser and uploaded as raw. */
  encryption?: EncryptionOptions;
  /** Runs before a batch: `cb({cancel: true})` drops it, `cb()` lets it go. */
  preBatch?: PreBatchHook;
  /** Runs per file with the params about to be sent; `cb({...})` changes Cloudinary's allowed keys or cancels. */
  prepareUploadParams?: PrepareUploadParamsHook;
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
export const MIN_CHUNK_SIZE = 5 * 1024 * 1024;

export const ENGINE_DEFAULTS: Pick<
  EngineOptions,
  | 'uploadPrefix'
  | 'resourceType'
  | 'multiple'
  | 'validateMaxWidthHeight'
  | 'maxChunkSize'
  | 'maxConcurrentUploads'
  | 'maxConcurrentChunks'
  | 'maxRetries'
  | 'requestTimeout'
  | 'hookTimeout'
  | 'autoUpload'
  | 'imageQuality'
  | 'keepLocation'
  | 'verifyUploads'
  | 'checkDuplicates'
  | 'autoResume'
  | 'maxResumeStoreSize'
> = {
  uploadPrefix: 'https://api.cloudinary.com',
  resourceType: 'auto',
  multiple: true,
  validateMaxWidthHeight: false,
  maxChunkSize: 20_000_000,
  // Chosen by `npm run bench` (see README): 3 saturates a local link without starving progress.
  maxConcurrentUploads: 3,
  // Chosen by `npm run bench` (see README): 4 was fastest for 1 GiB here; with 3 files it shares 4 lanes.
  maxConcurrentChunks: 4,
  maxRetries: 5,
  // A silent minute: long enough for a server assembling a large file after its last chunk.
  requestTimeout: 60_000,
  hookTimeout: 60_000,
  autoUpload: true,
  imageQuality: 0.8,
  keepLocation: false,
  verifyUploads: true,
  checkDuplicates: true,
  autoResume: true,
  maxResumeStoreSize: 100_000_000,
};
