// The item as events describe it: Cloudinary's `info.files[]` entries.
import type { FileSummary } from './engine-events.js';
import type { ItemStatus, QueueItem } from './types.js';

const PUBLIC_STATUS: Record<ItemStatus, string> = {
  held: 'ready',
  queued: 'queued',
  preparing: 'uploading',
  uploading: 'uploading',
  paused: 'paused',
  done: 'success',
  failed: 'error',
  aborted: 'aborted',
  refused: 'refused',
  cancelled: 'cancelled',
};

/** The item as events describe it (Cloudinary's `info.files[]` entries). */
export function summarize(item: QueueItem): FileSummary {
  const total = item.totalBytes || item.size;
  return {
    id: item.id,
    batchId: item.batchId,
    name: item.name,
    size: item.size,
    type: item.type,
    status: PUBLIC_STATUS[item.status],
    failed: item.status === 'failed' || item.status === 'refused',
    done: item.status === 'done',
    progress: item.status === 'done' ? 100 : total ? Math.round((item.uploadedBytes / total) * 100) : 0,
    ...(item.error ? { error: item.error } : {}),
    ...(item.uploadInfo ? { uploadInfo: item.uploadInfo } : {}),
  };
}
