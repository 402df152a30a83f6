// The batch in numbers, from one pass over the items: what the queue's summary and the minimized
// bar show. Refused files count in the total (a person picked them) but not in the bytes; failed
// and cancelled ones are out of the bytes too, so the bar reaches 100 % when the rest is done.
import type { QueueItem } from './types.js';

/** The batch as the summary shows it, from one pass over the items. */
export interface Totals {
  count: number;
  done: number;
  failed: number;
  refused: number;
  unfinished: number;
  retryable: number;
  bytes: number;
  sent: number;
}

export function totalsOf(items: readonly QueueItem[]): Totals {
  const n: Totals = { count: 0, done: 0, failed: 0, refused: 0, unfinished: 0, retryable: 0, bytes: 0, sent: 0 };
  for (const item of items) {
    const s = item.status;
    if (s === 'cancelled') continue;
    n.count++;
    if (s === 'refused') {
      n.refused++;
      continue;
    }
    if (s === 'done') n.done++;
    else if (s === 'failed') n.failed++;
    else if (s !== 'aborted') n.unfinished++;
    if (s === 'failed' || s === 'aborted') {
      n.retryable++;
      continue;
    }
    const size = item.totalBytes || item.size;
    n.bytes += size;
    n.sent += s === 'done' ? size : Math.min(size, item.uploadedBytes);
  }
  return n;
}
