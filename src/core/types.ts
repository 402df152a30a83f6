// Shapes shared by the headless core and the element.

/** Life of one queue item. `refused` never left the browser (validation); `cancelled` was dropped by a hook. */
export type ItemStatus = 'queued' | 'preparing' | 'uploading' | 'paused' | 'done' | 'failed' | 'aborted' | 'refused' | 'cancelled';

export const SETTLED: ReadonlySet<ItemStatus> = new Set(['done', 'failed', 'aborted', 'refused', 'cancelled']);

export type ResourceKind = 'image' | 'video' | 'raw';

/** The server's upload response (Cloudinary's `result.info` for `success`). */
/**
 * Cloudinary's answer for a stored file. The widget checks the first three before it reports a
 * success; the others are what Cloudinary sends for most files (`format`, `width` and `height`
 * not for every kind).
 */
export interface UploadResult {
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
  bytes?: number;
  created_at?: string;
  tags?: string[];
  etag?: string;
  url?: string;
  original_filename?: string;
  [field: string]: unknown;
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
  /** Restored from an earlier page without its bytes: waits for the person to pick this file again. */
  readonly waitingForFile?: { readonly lastModified: number };
}
