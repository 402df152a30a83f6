// The batch in numbers: what the queue's summary and the minimized bar show. The store keeps
// them as items change (count), so no render walks the whole list. Refused files count in the total (a person picked them) but not in the bytes; failed
// and cancelled ones are out of the bytes too, so the bar reaches 100 % when the rest is done.
import type { QueueItem } from './types.js';

/** The batch as the summary shows it, from one pass over the items. */
export interface Totals {
  count: number;
  done: number;
  failed: number;
  refused: number;
  unfinished: number;
  /** Paused files (restored ones waiting for their file too): unfinished, but nothing moves until Resume. */
  paused: number;
  /** Files waiting for the person's go (`autoUpload: false`): unfinished, nothing sent yet. */
  held: number;
  /** Copies of files added before, held until "Upload anyway" or Remove: unfinished, not among `held`. */
  copies: number;
  /** Failed files the server refused for their content: failed, but not retryable. */
  rejected: number;
  retryable: number;
  bytes: number;
  sent: number;
}

export const noTotals = (): Totals => ({
  count: 0,
  done: 0,
  failed: 0,
  refused: 0,
  unfinished: 0,
  paused: 0,
  held: 0,
  copies: 0,
  rejected: 0,
  retryable: 0,
  bytes: 0,
  sent: 0,
});

/** Adds one item to the totals (`sign` -1 takes it out): the store keeps them as items change, in O(1). */
export function count(n: Totals, item: QueueItem, sign: 1 | -1): void {
  const s = item.status;
  if (s === 'cancelled') return;
  n.count += sign;
  if (s === 'refused') {
    n.refused += sign;
    return;
  }
  if (s === 'done') n.done += sign;
  else if (s === 'failed') n.failed += sign;
  else if (s !== 'aborted') n.unfinished += sign;
  if (s === 'paused') n.paused += sign;
  else if (s === 'held') {
    // A copy may never go: its bytes are not the batch's until "Upload anyway".
    if (item.duplicateOf) return void (n.copies += sign);
    n.held += sign;
  }
  if (s === 'failed' || s === 'aborted') {
    if (item.rejected) n.rejected += sign;
    else n.retryable += sign;
    return;
  }
  const size = item.totalBytes || item.size;
  n.bytes += sign * size;
  n.sent += sign * (s === 'done' ? size : Math.min(size, item.uploadedBytes));
}

/** The totals of a list, in one pass. */
export function totalsOf(items: readonly QueueItem[]): Totals {
  const n = noTotals();
  for (const item of items) count(n, item, 1);
  return n;
}
