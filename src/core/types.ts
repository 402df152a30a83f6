// Shapes shared by the headless core and the element.

/** Life of one queue item. `refused` never left the browser (validation); `cancelled` was dropped by a hook. */
export type ItemStatus =
  | 'queued'
  | 'preparing'
  | 'uploading'
  | 'paused'
  | 'done'
  | 'failed'
  | 'aborted'
  | 'refused'
  | 'cancelled';

export const SETTLED: ReadonlySet<ItemStatus> = new Set(['done', 'failed', 'aborted', 'refused', 'cancelled']);

export type ResourceKind = 'image' | 'video' | 'raw';

/** The server's upload response (Cloudinary's `result.info` for `success`). */
export type UploadInfo = Record<string, unknown> & { public_id?: string; secure_url?: string };

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
  status: ItemStatus;
  /** Bytes the server has acknowledged or that are in flight, for progress. */
  uploadedBytes: number;
  /** Bytes of the file actually sent (after downscaling or encryption it may differ from size). */
  totalBytes: number;
  /** Why it was refused or why it failed, in words a person can act on. */
  error?: string;
  uploadInfo?: UploadInfo;
  retries: number;
  overrides: UploadParamOverrides;
  /** Restored from an earlier page without its bytes: waits for the person to pick this file again. */
  waitingForFile?: { lastModified: number };
}
