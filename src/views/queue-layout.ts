// What the queue's list shows, derived from the store's items on the view side (the store stays
// the one source of truth; nothing here changes an item): which items in which order, the group
// headings between them, and every row's height, as offsets for the virtual list. One pass over
// the items, made only when the items (a new array from the store) or the view's choices change,
// never per scroll.
import { SETTLED, type QueueItem } from '../core/types.js';

/** The entry of the "Needs attention" heading. */
const ATTENTION = -1;

export interface LayoutOptions {
  /** Only the failed items. */
  onlyFailed: boolean;
  /** The batch ended with failures: they come first, under "Needs attention". */
  groupFailed: boolean;
  /** Finished items are left out (the view shows "48 done" instead). */
  hideDone: boolean;
  /** Row heights: [compact, with a reason line, the heading]. */
  heights: readonly [number, number, number];
  /** Added to a held file's row for the fields a person fills in (`metaFields`). */
  fieldsHeight?: number;
}

export interface Layout {
  /** Each entry in the order they stand: an item's index in the store's items, or a heading (< 0). */
  entries: Int32Array;
  /** The entries' offsets (one more than the entries, see virtual-list.ts). */
  offsets: Float64Array;
  /** Entry positions of the failed items, in order. */
  failed: number[];
  /** Entry position of the first item not settled (waiting, preparing, uploading, paused), or -1. */
  firstUnfinished: number;
  /** Items shown (headings not counted). */
  shownItems: number;
}

export function layoutOf(items: readonly QueueItem[], { onlyFailed, groupFailed, hideDone, heights, fieldsHeight = 0 }: LayoutOptions): Layout {
  const n = items.length;
  const entries = new Int32Array(n + 2);
  let count = 0;
  // Grouped: the failed first, under their heading, then the others.
  if (groupFailed) {
    entries[count++] = ATTENTION;
    for (let i = 0; i < n; i++) if (items[i].status === 'failed') entries[count++] = i;
  }
  for (let i = 0; i < n; i++) {
    const status = items[i].status;
    if (groupFailed ? status === 'failed' : onlyFailed && status !== 'failed') continue;
    if (!hideDone || status !== 'done') entries[count++] = i;
  }
  const offsets = new Float64Array(count + 1);
  const failed: number[] = [];
  let firstUnfinished = -1;
  let y = 0;
  for (let e = 0; e < count; e++) {
    offsets[e] = y;
    const item = items[entries[e]];
    if (!item) {
      y += heights[2];
      continue;
    }
    // A reason line: why it failed or was refused, that it waits for its file, or which file it copies.
    y += item.error || item.waitingForFile || (item.duplicateOf && item.status === 'held') ? heights[1] : heights[0];
    if (item.status === 'held') y += fieldsHeight;
    if (item.status === 'failed') failed.push(e);
    else if (firstUnfinished < 0 && !SETTLED.has(item.status)) firstUnfinished = e;
  }
  offsets[count] = y;
  return { entries: entries.subarray(0, count), offsets, failed, firstUnfinished, shownItems: count - (groupFailed ? 1 : 0) };
}

/** Entry `e`'s place among the shown items (headings not counted), 0-based. */
export function ordinalOf({ entries }: Layout, e: number): number {
  return entries[0] === ATTENTION ? e - 1 : e;
}
