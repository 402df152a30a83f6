// Every event the widget dispatches, with Cloudinary's names and `detail` shaped like its `result.info`.
import type { UploadInfo } from './core/types.js';

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

export interface WidgetEventMap {
  'upload-added': { file: FileSummary; publicId?: string };
  'queues-start': Record<string, never>;
  'queues-end': { files: FileSummary[] };
  success: UploadInfo & { id: string; batchId: string; path?: string; thumbnail_url?: string };
  'upload-progress': { id: string; loaded: number; total: number; progress: number };
  'batch-cancelled': { reason: string; files: FileSummary[] };
  abort: { ids: string[]; all: boolean };
  retry: { ids: string[]; all: boolean };
  pause: { ids: string[] };
  resume: { ids: string[] };
  error: { message: string; file?: FileSummary; status?: number };
  /** 'shown' | 'hidden' | 'minimized' | 'expanded', a plain string as Cloudinary sends it. */
  'display-changed': 'shown' | 'hidden' | 'minimized' | 'expanded';
  close: Record<string, never>;
  'source-changed': { source: string };
  'show-completed': { items: FileSummary[] };
  publicid: { publicId: string };
  tags: { tags: string[] };
  /** The browser went offline: these uploads wait, spending no retries, and go on by themselves. */
  'network-lost': { ids: string[] };
  /** The browser is online again: the waiting uploads go on from their acknowledged chunks. */
  'network-restored': { ids: string[] };
  /**
   * Unfinished uploads of this widget from an earlier page (reload, closed tab, crash): `files`
   * resume now; `waitingForFiles` resume once the person picks the same file again.
   */
  'uploads-restored': { files: FileSummary[]; waitingForFiles: FileSummary[] };
  /** The server no longer knew a resumed upload: the file starts again from its first byte. */
  'upload-restarted': { file: FileSummary };
  /** The browser refused to keep upload state (storage full or blocked): uploads go on, but will not survive a reload. */
  'resume-unavailable': { message: string };
}

export type WidgetEventName = keyof WidgetEventMap;
