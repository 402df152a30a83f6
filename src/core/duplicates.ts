// The same bytes added twice in a session (under any name): the later file waits, saying so, until
// the person uploads it anyway or removes it. Only a file whose size an earlier one has is hashed,
// so a folder of distinct files costs a Map lookup each, not a read.
import type { ItemStatus, QueueItem } from './types.js';

/** Files a new one can be a copy of: on their way or stored. Failed, stopped or refused ones are tried again freely. */
const KEPT: ReadonlySet<ItemStatus> = new Set(['held', 'queued', 'preparing', 'uploading', 'paused', 'done']);

/** A blob's hash; undefined when it could not be read (then nothing is called a copy). */
export type HashBlob = (blob: Blob) => Promise<string | undefined>;

export class DuplicateFinder {
  /** The local files added, by size, in the order they came. */
  private readonly bySize = new Map<number, string[]>();

  /** Notes local files as they join the queue; returns the ids of those an earlier file has the size of. */
  note(items: readonly QueueItem[]): Set<string> {
    const suspects = new Set<string>();
    for (const item of items) {
      // An empty file is no one's copy (servers refuse it anyway).
      if (typeof item.source === 'string' || !item.size) continue;
      const ids = this.bySize.get(item.size);
      if (!ids) {
        this.bySize.set(item.size, [item.id]);
        continue;
      }
      ids.push(item.id);
      suspects.add(item.id);
    }
    return suspects;
  }

  /** The earliest file still in the queue (`get`) with the same bytes as `item`, if any. */
  async originalOf(item: QueueItem, get: (id: string) => QueueItem | undefined, hash: HashBlob): Promise<QueueItem | undefined> {
    if (typeof item.source === 'string') return undefined;
    let own: string | undefined;
    for (const id of this.bySize.get(item.size) ?? []) {
      if (id === item.id) return undefined;
      const other = get(id);
      if (!other || !KEPT.has(other.status) || typeof other.source === 'string' || other.size !== item.size) continue;
      own ??= await hash(item.source);
      if (own === undefined) return undefined;
      if ((await hash(other.source)) === own) return other;
    }
    return undefined;
  }
}
