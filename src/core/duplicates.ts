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

  /**
   * The copies among `items` (noted before, now preparing), each with its original: the earliest
   * file still in the queue (`get`) of the same size and hash. Each file of a size concerned is
   * hashed once, and each group is walked once: a folder of 10,000 files of one size is not
   * compared pair by pair.
   */
  async copies(items: readonly QueueItem[], get: (id: string) => QueueItem | undefined, hash: HashBlob): Promise<Map<string, QueueItem>> {
    const wanted = new Set(items.map((i) => i.id));
    const found = new Map<string, QueueItem>();
    for (const size of new Set(items.map((i) => i.size))) {
      const group = (this.bySize.get(size) ?? [])
        .map(get)
        .filter((m): m is QueueItem & { source: File } => !!m && typeof m.source !== 'string' && m.size === size && KEPT.has(m.status));
      const hashes = await Promise.all(group.map((m) => hash(m.source)));
      const first = new Map<string, QueueItem>();
      group.forEach((member, i) => {
        const md5 = hashes[i];
        if (md5 === undefined) return;
        const original = first.get(md5);
        if (original && wanted.has(member.id)) found.set(member.id, original);
        else if (!original) first.set(md5, member);
      });
    }
    return found;
  }
}
