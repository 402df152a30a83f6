// Shapes shared by the headless core and the element.

/**
 * Life of one queue item. `held` waits for the person's go (`autoUpload: false`); `refused` never
 * left the browser (validation); `cancelled` was dropped by a hook.
 */
export type ItemStatus = 'held' | 'queued' | 'preparing' | 'uploading' | 'paused' | 'done' | 'failed' | 'aborted' | 'refused' | 'cancelled';

export const SETTLED: ReadonlySet<ItemStatus> = new Set(['done', 'failed', 'aborted', 'refused', 'cancelled']);

export type ResourceKind = 'image' | 'video' | 'raw';

/**
 * Cloudinary's answer for a stored file: its fields by name, and no others. The widget checks the
 * first three before it reports a success; the rest are what Cloudinary sends for most files
 * (`format`, `width` and `height` not for every kind, `faces`, `colors`, `moderation` only when
 * asked for).
 *
 * Fields a server sends beyond these (an add-on's, a newer API's) are in the object too, untyped:
 * name them, optional as the server may leave them out, with the type parameter, and read the
 * detail through it (no cast needed):
 * `const info: UploadResult<{ quality_analysis?: { focus: number } }> = event.detail;`
 */
export type UploadResult<Extra extends object = Record<never, never>> = CloudinaryUploadFields & Extra;

/** The fields of Cloudinary's upload response (`UploadResult`). */
export interface CloudinaryUploadFields {
  public_id: string;
  version: number;
  secure_url: string;
  /** Signs `public_id` and `version` with the account's secret: what server SDKs verify. */
  signature?: string;
  asset_id?: string;
  version_id?: string;
  resource_type?: string;
  type?: string;
  format?: string;
  width?: number;
  height?: number;
  /** Pages of a PDF or frames of an animated image. */
  pages?: number;
  bytes?: number;
  created_at?: string;
  tags?: string[];
  etag?: string;
  url?: string;
  original_filename?: string;
  /** A small preview's address: Cloudinary's widget adds it to its results (this one to `success` for images). */
  thumbnail_url?: string;
  /** The folder in Cloudinary's dynamic-folder mode. */
  asset_folder?: string;
  display_name?: string;
  /** True when the file matched one already stored (`overwrite: false` or a duplicate). */
  existing?: boolean;
  placeholder?: boolean;
  access_mode?: string;
  api_key?: string;
  /** A token that deletes the file within ten minutes (`return_delete_token`). */
  delete_token?: string;
  /** Contextual metadata as stored: `{ custom: { alt: '…' } }`. */
  context?: { custom?: Record<string, string> };
  /** Structured metadata, by external ID. */
  metadata?: Record<string, unknown>;
  /** Video and audio: seconds. */
  duration?: number;
  /** Derived versions made at upload (`eager`). */
  eager?: Array<{ transformation: string; width?: number; height?: number; bytes?: number; format?: string; url: string; secure_url: string }>;
  /** Face rectangles `[x, y, w, h]` (`faces: true`). */
  faces?: number[][];
  /** Crop or custom coordinates as stored. */
  coordinates?: { custom?: number[][]; faces?: number[][] };
  /** Main colours with their share (`colors: true`). */
  colors?: Array<[string, number]>;
  /** Moderation results (`moderation`). */
  moderation?: Array<{ kind: string; status: string }>;
}

/** Cloudinary's name for an upload result in its widget's events. */
export type UploadInfo = UploadResult;

/** Per-file values set by the page or the user that override the options' upload parameters. */
export type UploadParamOverrides = Record<string, unknown>;

export interface QueueItem {
  readonly id: string;
  readonly batchId: string;
  /** A local file, or a web address the server fetches itself. */
  readonly source: File | string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly kind: ResourceKind;
  readonly status: ItemStatus;
  /** Bytes the server has acknowledged or that are in flight, for progress. */
  readonly uploadedBytes: number;
  /** Bytes of the file actually sent (after downscaling or encryption it may differ from size). */
  readonly totalBytes: number;
  /** Why it was refused or why it failed, in words a person can act on. */
  readonly error?: string;
  readonly uploadInfo?: UploadInfo;
  readonly retries: number;
  readonly overrides: Readonly<UploadParamOverrides>;
  /** Failed because the server refused the file's content (a damaged image, say): final, never retried. */
  readonly rejected?: boolean;
  /** Pause asked for: the chunks in flight finish (kept) before the item is paused. */
  readonly pausing?: boolean;
  /**
   * Refused for its bytes or its pixels, and a picture the browser can redraw: `fit(id)` makes it
   * smaller and sends it ("Make smaller and upload").
   */
  readonly fixable?: boolean;
  /** The photo's GPS data was removed before upload (`keepLocation` is off). */
  readonly locationRemoved?: boolean;
  /** What the person filled in for this file (`metaFields`), by field name. */
  readonly meta?: Readonly<Record<string, string>>;
  /** The same bytes as this earlier file (`checkDuplicates`): held until "Upload anyway" (`upload(id)`) or Remove. */
  readonly duplicateOf?: { readonly id: string; readonly name: string };
  /** Restored from an earlier page without its bytes: waits for the person to pick this file again. */
  readonly waitingForFile?: { readonly lastModified: number };
}
