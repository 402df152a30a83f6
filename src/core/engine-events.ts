// The upload engine's events, with Cloudinary's names and `detail` shaped like its `result.info`.
// The element dispatches them as they are, with its own display events beside them (../events.ts).
import type { UploadInfo } from './types.js';

export interface FileSummary {
  id: string;
  batchId: string;
  name: string;
  size: number;
  type: string;
  /** 'success' | 'error' | 'aborted' | 'refused' | 'cancelled', as sites test `status === "success"`. */
  status: string;
  failed: boolean;
  done: boolean;
  progress: number;
  error?: string;
  uploadInfo?: UploadInfo;
}

export interface EngineEventMap {
  /** A file joined the queue (refused ones too). */
  'upload-added': { file: FileSummary; publicId?: string };
  /** The first upload of an idle queue started (a batch of only refused files uploads nothing: none). */
  'queues-start': Record<string, never>;
  /** Nothing is left waiting or uploading: every file of the batch, refused ones included, with its status. Every batch ends with it. */
  'queues-end': { files: FileSummary[] };
  /** A file was stored: Cloudinary's answer, plus the widget's `id`, `batchId`, `path` (`v<version>/<public_id>.<format>`) and `thumbnail_url`. */
  success: UploadInfo & { id: string; batchId: string; path: string; thumbnail_url?: string };
  /** Bytes of a file went out (`progress` in percent); on the element at most once per file per animation frame, its last value before `success`. */
  'upload-progress': { id: string; loaded: number; total: number; progress: number };
  /** `preBatch` (or `prepareUploadParams`) cancelled files. */
  'batch-cancelled': { reason: string; files: FileSummary[] };
  /** `abort()` stopped files (`all` when no id was given). */
  abort: { ids: string[]; all: boolean };
  /** `retry()` started failed files again. */
  retry: { ids: string[]; all: boolean };
  /** `pause()` paused files; their acknowledged chunks are kept. */
  pause: { ids: string[] };
  /** `resume()` went on with paused files. */
  resume: { ids: string[] };
  /** A file was refused or failed, or an option is unsafe. Does not bubble. */
  error: { message: string; file?: FileSummary; status?: number };
  /** The browser went offline: these uploads wait, spending no retries, and go on by themselves. */
  'network-lost': { ids: string[] };
  /** The browser is online again: the waiting uploads go on from their acknowledged chunks. */
  'network-restored': { ids: string[] };
  /**
   * Unfinished uploads of this widget from an earlier page (reload, closed tab, crash): `files`
   * resume now; `waitingForFiles` resume once the person picks the same file again.
   */
  'uploads-restored': { files: FileSummary[]; waitingForFiles: FileSummary[] };
  /** The server no longer knew an upload it had acknowledged chunks of (resumed or retried): the file starts again from its first byte, under a new id. */
  'upload-restarted': { file: FileSummary };
  /** The browser refused to keep upload state (storage full or blocked): uploads go on, but will not survive a reload. */
  'resume-unavailable': { message: string };
}

export type EngineEventName = keyof EngineEventMap;
