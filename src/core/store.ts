// The queue's store: items in the order they were added, each one frozen and replaced (never
// changed) when something about it changes, so a view can tell what changed by identity and the
// page can hold an item without it changing under its feet. Counts per status are kept as items
// change (nothing walks the whole list per progress event), and a FIFO of items waiting to upload.
import { type Totals, count, noTotals } from './totals.js';
import type { ItemStatus, QueueItem } from './types.js';

/** What views render: replaced as a whole whenever anything in it changes. */
export interface QueueState {
  /** Every item, in the order it was added. */
  readonly items: readonly QueueItem[];
  /** The browser is offline: uploads wait for the network. */
  readonly offline: boolean;
  /** The batch in numbers (files done, failed, bytes sent…), kept as items change. */
  readonly totals: Readonly<Totals>;
}

/** What may change about an item once it is queued. */
export type ItemPatch = Partial<Omit<QueueItem, 'id' | 'batchId' | 'kind'>>;

/**
 * Called after each change with the item that changed, or nothing when the list itself changed;
 * `progressOnly` when only the item's sent bytes moved (a view may draw those once per frame).
 * Listeners read `state` when they need it: the copy is made then, once for many changes.
 */
export type StoreListener = (item?: QueueItem, progressOnly?: boolean) => void;

export class QueueStore {
  /** The working list: private, so the arrays handed out (`state.items`) never change. */
  private readonly list: QueueItem[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly counts = new Map<ItemStatus, number>();
  private readonly counted = noTotals();
  private frozenTotals?: Readonly<Totals>;
  private waiting: string[] = [];
  private waitingHead = 0;
  private offline: boolean;
  /** The last state handed out; rebuilt on the first read after a change (one copy per render, not per change). */
  private snapshot?: QueueState;
  private readonly listeners = new Set<StoreListener>();
  /** Inside batch(): listeners hear once, at the end. */
  private batching = 0;
  private pending = false;

  constructor(offline = false) {
    this.offline = offline;
  }

  get state(): QueueState {
    return (this.snapshot ??= Object.freeze({
      items: Object.freeze(this.list.slice()),
      offline: this.offline,
      totals: this.totals,
    }));
  }

  /** The state's totals, without copying the list: what a check after every change reads (the list may hold 100,000 items). */
  get totals(): Readonly<Totals> {
    return (this.frozenTotals ??= Object.freeze({ ...this.counted }));
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): QueueItem | undefined {
    const index = this.indexOf.get(id);
    return index === undefined ? undefined : this.list[index];
  }

  count(...statuses: ItemStatus[]): number {
    let n = 0;
    for (const s of statuses) n += this.counts.get(s) ?? 0;
    return n;
  }

  /** Items matching `when`, in queue order (for bulk intents: retry all, cancel all). */
  filter(when: (item: QueueItem) => boolean): QueueItem[] {
    return this.list.filter(when);
  }

  /** Adds a batch in one change: a folder of 100,000 files is one copy, not 100,000. The store keeps (and freezes) the items given. */
  add(items: readonly QueueItem[]): QueueItem[] {
    const added = items.map(freeze);
    for (const item of added) {
      this.indexOf.set(item.id, this.list.length);
      this.list.push(item);
      this.bump(item.status, 1);
      count(this.counted, item, 1);
      if (item.status === 'queued') this.waiting.push(item.id);
    }
    this.changed();
    return added;
  }

  /** Replaces the item with a copy carrying `patch`; returns the new item (undefined when it is gone). */
  patch(id: string, patch: ItemPatch): QueueItem | undefined {
    const index = this.indexOf.get(id);
    if (index === undefined) return undefined;
    const before = this.list[index];
    const after = freeze({ ...before, ...patch } as QueueItem);
    this.list[index] = after;
    count(this.counted, before, -1);
    count(this.counted, after, 1);
    if (after.status !== before.status) {
      this.bump(before.status, -1);
      this.bump(after.status, 1);
      if (after.status === 'queued') this.waiting.push(id);
    }
    let progressOnly = true;
    for (const key in patch) if (key !== 'uploadedBytes') progressOnly = false;
    this.changed(after, progressOnly);
    return after;
  }

  /** Runs several changes as one: listeners hear once, when `work` is done (a batch leaving its hooks, pause all). */
  batch<T>(work: () => T): T {
    this.batching++;
    try {
      return work();
    } finally {
      if (!--this.batching && this.pending) {
        this.pending = false;
        this.changed();
      }
    }
  }

  remove(id: string): QueueItem | undefined {
    const index = this.indexOf.get(id);
    if (index === undefined) return undefined;
    const [item] = this.list.splice(index, 1);
    this.indexOf.delete(id);
    for (let i = index; i < this.list.length; i++) this.indexOf.set(this.list[i].id, i);
    this.bump(item.status, -1);
    count(this.counted, item, -1);
    this.changed();
    return item;
  }

  /**
   * Moves an item to `to` (an index in the list as it is now, clamped). Files waiting to upload go
   * in the new order.
   */
  move(id: string, to: number): QueueItem | undefined {
    const from = this.indexOf.get(id);
    if (from === undefined) return undefined;
    to = Math.max(0, Math.min(this.list.length - 1, Math.trunc(to)));
    if (to === from) return this.list[from];
    const [item] = this.list.splice(from, 1);
    this.list.splice(to, 0, item);
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) this.indexOf.set(this.list[i].id, i);
    // The waiting line follows the list: rebuilt from it (a person's move, not a hot path).
    this.waiting = this.list.filter((i) => i.status === 'queued').map((i) => i.id);
    this.waitingHead = 0;
    this.changed();
    return item;
  }

  /** Where an item stands in the list, or -1. */
  position(id: string): number {
    return this.indexOf.get(id) ?? -1;
  }

  setOffline(offline: boolean): void {
    this.offline = offline;
    this.changed();
  }

  /** The next items waiting to upload (at most `count`), without taking them. */
  peekWaiting(count: number): QueueItem[] {
    const next: QueueItem[] = [];
    for (let i = this.waitingHead; i < this.waiting.length && next.length < count; i++) {
      const item = this.get(this.waiting[i]);
      if (item?.status === 'queued') next.push(item);
    }
    return next;
  }

  /** The next item waiting to upload, in the order they were queued. */
  nextWaiting(): QueueItem | undefined {
    while (this.waitingHead < this.waiting.length) {
      const item = this.get(this.waiting[this.waitingHead++]);
      if (item?.status === 'queued') return item;
    }
    // Everything was consumed: drop the array instead of letting it grow forever.
    this.waiting = [];
    this.waitingHead = 0;
    return undefined;
  }

  private bump(status: ItemStatus, delta: number) {
    this.counts.set(status, (this.counts.get(status) ?? 0) + delta);
  }

  private changed(item?: QueueItem, progressOnly = false) {
    this.snapshot = undefined;
    this.frozenTotals = undefined;
    if (this.batching) this.pending = true;
    else for (const listener of this.listeners) listener(item, progressOnly);
  }
}

/**
 * The item frozen, in place: the store owns what it is given. Overrides not frozen yet are copied
 * once (the page may still hold them); later versions of the item share them.
 */
function freeze(item: QueueItem): QueueItem {
  return Object.freeze(Object.isFrozen(item.overrides) ? item : { ...item, overrides: Object.freeze({ ...item.overrides }) });
}
