// The queue: items in the order they were added, counts per status kept as items change
// (so nothing walks the whole list per progress event), and a FIFO of items waiting to upload.
import type { FileSummary } from '../events.js';
import type { ItemStatus, QueueItem } from './types.js';

export class Queue {
  readonly items: QueueItem[] = [];
  private readonly byId = new Map<string, QueueItem>();
  private readonly counts = new Map<ItemStatus, number>();
  private waiting: string[] = [];
  private waitingHead = 0;

  get(id: string): QueueItem | undefined {
    return this.byId.get(id);
  }

  count(...statuses: ItemStatus[]): number {
    let n = 0;
    for (const s of statuses) n += this.counts.get(s) ?? 0;
    return n;
  }

  add(item: QueueItem): void {
    this.items.push(item);
    this.byId.set(item.id, item);
    this.bump(item.status, 1);
    if (item.status === 'queued') this.waiting.push(item.id);
  }

  setStatus(item: QueueItem, status: ItemStatus): void {
    if (item.status === status) return;
    this.bump(item.status, -1);
    item.status = status;
    this.bump(status, 1);
    if (status === 'queued') this.waiting.push(item.id);
  }

  /** The next item waiting to upload, in the order they were queued. */
  nextWaiting(): QueueItem | undefined {
    while (this.waitingHead < this.waiting.length) {
      const item = this.byId.get(this.waiting[this.waitingHead++]);
      if (item?.status === 'queued') return item;
    }
    // Everything was consumed: drop the array instead of letting it grow forever.
    this.waiting = [];
    this.waitingHead = 0;
    return undefined;
  }

  remove(id: string): boolean {
    const item = this.byId.get(id);
    if (!item) return false;
    this.byId.delete(id);
    this.bump(item.status, -1);
    const index = this.items.indexOf(item);
    if (index >= 0) this.items.splice(index, 1);
    return true;
  }

  private bump(status: ItemStatus, delta: number) {
    this.counts.set(status, (this.counts.get(status) ?? 0) + delta);
  }
}

const PUBLIC_STATUS: Record<ItemStatus, string> = {
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
