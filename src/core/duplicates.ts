// The same bytes added twice in a session (under any name): the later file waits, saying so, until
// the person uploads it anyway or removes it. Only a file whose size an earlier one has is hashed,
// so a folder of distinct files costs a Map lookup each, not a read. The hashing and comparing are
// in the file-hash part (./file-hash.ts); this is the index the queue keeps as files arrive.
import type { QueueItem } from './types.js';

export class DuplicateFinder {
  /** The local files added, by size, in the order they came. */
  readonly bySize = new Map<number, string[]>();

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
}
