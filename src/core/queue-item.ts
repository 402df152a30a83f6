// The one way queue items are made: files and web addresses added now, and uploads restored from
// an earlier page (the resume keeper) alike.
import { kindOf } from './file-kind.js';
import type { QueueItem } from './types.js';

let counter = 0;
/** An id unique in this page: a prefix, a counter and a little randomness. */
export const newId = (prefix: string) => `${prefix}${(++counter).toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** A new item for `source` in batch `batchId`; `fields` set or override the rest (status first). */
export function newItem(
  source: File | string,
  batchId: string,
  fields: Pick<QueueItem, 'status' | 'overrides'> & Partial<QueueItem>,
  idPrefix = 'f',
): QueueItem {
  const isUrl = typeof source === 'string';
  const name = isUrl ? urlName(source) : source.name;
  const type = isUrl ? '' : source.type;
  return {
    id: newId(idPrefix),
    batchId,
    source,
    name,
    size: isUrl ? 0 : source.size,
    type,
    kind: kindOf(name, type),
    uploadedBytes: 0,
    totalBytes: isUrl ? 0 : source.size,
    retries: 0,
    ...fields,
  };
}

/** The name a web address's file goes by: its last path segment, else the address. */
function urlName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
  } catch {
    return url;
  }
}
