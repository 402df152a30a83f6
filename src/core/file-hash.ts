// Hashes files for the controller: the MD5 it compares with the server's `etag` (verifyUploads),
// and that tells the same file added twice (checkDuplicates). In a worker (dist/parts/hash-worker.js, beside the
// script), so a big file never holds up the page; where no worker can start (the script came from
// another origin, the page's Content-Security-Policy allows no worker from there, a bundler did not
// copy the file), and for files of a few kilobytes, on the page itself (a big file a stream's chunk at a
// time, between which the page draws). A lazy part: loaded with the first file that needs a hash.
import { md5OfBlob, md5OfSmallBlob } from './md5.js';
import { type StillWanted, WorkerJobs } from './worker-jobs.js';
import type { ItemStatus, QueueItem, UploadInfo } from './types.js';

export interface FileHasher {
  /**
   * The blob's MD5, lowercase hex. Rejects when the file cannot be read (moved, changed on disk),
   * or with an AbortError when `wanted` says no as its turn comes.
   */
  md5(blob: Blob, wanted?: StillWanted): Promise<string>;
}

const hashers = new Map<string, FileHasher>();
/**
 * Files up to this size are hashed on the page even where a worker runs, in plain JavaScript: a
 * worker's round trip (the file's handle copied into a message, the answer handled) costs the page
 * more than reading and hashing a few kilobytes itself (10,000 tiny files checked for copies).
 */
const ON_PAGE_UP_TO = 64 * 1024;

/** The hasher of the worker scripts' folder `workers` (one per folder, shared by the page's widgets); without one, the page hashes. */
export function fileHasher(workers?: string | URL): FileHasher {
  const key = workers ? String(workers) : '';
  let hasher = hashers.get(key);
  if (!hasher) {
    const jobs = new WorkerJobs<Blob, string>(key ? new URL('hash-worker.js', key) : undefined, 'upload-widget hashes', md5OfBlob);
    // Its own line: a small file does not wait behind a big one's hash.
    const small = new WorkerJobs<Blob, string>(undefined, 'upload-widget hashes', md5OfSmallBlob);
    hashers.set(key, (hasher = { md5: (blob, wanted) => (blob.size <= ON_PAGE_UP_TO ? small : jobs).run(blob, wanted) }));
  }
  return hasher;
}

/** What the controller asks of this part: hashes, copies, and whether a file was stored as sent. */
export interface FileChecks extends FileHasher {
  sortCopies: typeof sortCopies;
  storedAsSent: typeof storedAsSent;
}

export function fileChecks(workers?: string | URL): FileChecks {
  const hasher = fileHasher(workers);
  return { md5: (blob, wanted) => hasher.md5(blob, wanted), sortCopies, storedAsSent };
}

/** Files a new one can be a copy of: on their way or stored. Failed, stopped or refused ones are tried again freely. */
const KEPT: ReadonlySet<ItemStatus> = new Set(['held', 'queued', 'preparing', 'uploading', 'paused', 'done']);

/**
 * Decides, for each of `items` (files noted by size, now preparing), whether it is a copy: of the
 * earliest file still in the queue (`get`) with its size and hash. Each file of a size concerned
 * is hashed once, in the order files came (the hasher works in order), and each file is decided as
 * soon as it and the files before it are hashed: the first copies wait for a few hashes, not all.
 */
export async function sortCopies(
  items: readonly QueueItem[],
  bySize: ReadonlyMap<number, readonly string[]>,
  get: (id: string) => QueueItem | undefined,
  hash: (item: QueueItem & { source: File }) => Promise<string | undefined>,
  decided: (item: QueueItem, original: QueueItem | undefined) => void,
): Promise<void> {
  const wanted = new Set(items.map((i) => i.id));
  await Promise.all(
    [...new Set(items.map((i) => i.size))].map(async (size) => {
      const group = (bySize.get(size) ?? [])
        .map(get)
        .filter((m): m is QueueItem & { source: File } => !!m && typeof m.source !== 'string' && m.size === size && KEPT.has(m.status));
      const hashes = group.map(hash);
      const first = new Map<string, QueueItem>();
      for (const [i, member] of group.entries()) {
        const md5 = await hashes[i];
        const original = md5 === undefined ? undefined : first.get(md5);
        if (md5 !== undefined && !original) first.set(md5, member);
        if (wanted.has(member.id)) decided(member, original);
      }
    }),
  );
}

/**
 * Whether the server stored the bytes sent: Cloudinary's `etag` is the stored file's MD5. Not
 * comparable, and so taken as stored: an answer without an etag, a file stored before (`existing`),
 * one the server changed on arrival (an incoming transformation: another size), or a file that could
 * not be hashed (`md5` undefined).
 */
export function storedAsSent(sent: Blob, info: UploadInfo, md5: string | undefined): boolean {
  const etag = typeof info.etag === 'string' ? info.etag.replace(/"/g, '').toLowerCase() : '';
  if (!md5 || !/^[0-9a-f]{32}$/.test(etag) || info.existing || (info.bytes !== undefined && info.bytes !== sent.size)) return true;
  return md5 === etag;
}
