// The next files to upload are made ready while the lanes are busy: their bytes (downscaled,
// re-encoded, encrypted, without a photo's location) and the destination's part (parameters, the
// site's hooks, a signature from its server). A lane that frees sends the next request at once,
// not after that work: a signing server's round trip per file, or about a millisecond of script
// per small file.
import type { QueueItem } from './types.js';

/** How the work ended: its failure fails the file when it starts. */
type Ready<T> = { value: T } | { error: unknown };

export interface Readied<T> {
  /** The item and options it was made for. */
  readonly item: QueueItem;
  readonly options: object;
  /** Set when the work ends: taken then without waiting. */
  result?: Ready<T>;
  /** Settles with the work (never rejects). */
  readonly done: Promise<Ready<T>>;
}

export function readied<T>(item: QueueItem, options: object, work: Promise<T>): Readied<T> {
  const made: Readied<T> = {
    item,
    options,
    done: work.then(
      (value) => (made.result = { value }),
      (error: unknown) => (made.result = { error }),
    ),
  };
  return made;
}

/** Whether it was made for the item and options as they are now (the same file, overrides and options). */
export const stillFits = (made: Readied<unknown>, item: QueueItem, options: object): boolean =>
  made.item.source === item.source && made.item.overrides === item.overrides && made.options === options;
