// Hashes files for the controller: the MD5 it compares with the server's `etag` (verifyUploads),
// and that tells the same file added twice (checkDuplicates). In a worker (dist/parts/hash-worker.js, beside the
// script), so a big file never holds up the page; where no worker can start (the script came from
// another origin, the page's Content-Security-Policy allows no worker from there, a bundler did not
// copy the file), on the page itself, a stream's chunk at a time, between which the page draws. A lazy part:
// loaded with the first file that needs a hash.
import type { HashAnswer, HashRequest } from './hash-worker.js';
import { md5OfBlob } from './md5.js';
import type { ItemStatus, QueueItem, UploadInfo } from './types.js';

export interface FileHasher {
  /** The blob's MD5, lowercase hex. Rejects when the file cannot be read (moved, changed on disk). */
  md5(blob: Blob): Promise<string>;
}

/** A worker with nothing to do is let go after this long; the next file starts another. */
const IDLE_MS = 10_000;

const hashers = new Map<string, FileHasher>();

/** The hasher for the worker script at `workerUrl` (one per address, shared by the page's widgets); without one, the page hashes. */
export function fileHasher(workerUrl?: string | URL): FileHasher {
  const key = workerUrl ? String(workerUrl) : '';
  let hasher = hashers.get(key);
  if (!hasher) hashers.set(key, (hasher = key ? new WorkerHasher(key) : new PageHasher()));
  return hasher;
}

/** What the controller asks of this part: hashes, copies, and whether a file was stored as sent. */
export interface FileChecks extends FileHasher {
  sortCopies: typeof sortCopies;
  storedAsSent: typeof storedAsSent;
}

export function fileChecks(workerUrl?: string | URL): FileChecks {
  const hasher = fileHasher(workerUrl);
  return { md5: (blob) => hasher.md5(blob), sortCopies, storedAsSent };
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
  hash: (blob: Blob) => Promise<string | undefined>,
  decided: (item: QueueItem, original: QueueItem | undefined) => void,
): Promise<void> {
  const wanted = new Set(items.map((i) => i.id));
  await Promise.all(
    [...new Set(items.map((i) => i.size))].map(async (size) => {
      const group = (bySize.get(size) ?? [])
        .map(get)
        .filter((m): m is QueueItem & { source: File } => !!m && typeof m.source !== 'string' && m.size === size && KEPT.has(m.status));
      const hashes = group.map((m) => hash(m.source));
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

/** Hashes on the page, one file after another (so files are hashed in the order they are asked for). */
class PageHasher implements FileHasher {
  private queue: Promise<unknown> = Promise.resolve();

  md5(blob: Blob): Promise<string> {
    const next = this.queue.then(() => md5OfBlob(blob));
    this.queue = next.catch(() => {});
    return next;
  }
}

class WorkerHasher implements FileHasher {
  /** undefined: not started (or let go); null: no worker can start here, the page hashes. */
  private worker: Worker | null | undefined;
  private readonly pending = new Map<number, { blob: Blob; resolve: (md5: string) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private idle?: ReturnType<typeof setTimeout>;

  constructor(private readonly url: string) {}

  private readonly page = new PageHasher();

  md5(blob: Blob): Promise<string> {
    const worker = this.start();
    if (!worker) return this.page.md5(blob);
    clearTimeout(this.idle);
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.pending.set(id, { blob, resolve, reject });
      worker.postMessage({ id, blob } satisfies HashRequest);
    });
  }

  private start(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = new Worker(this.url, { name: 'upload-widget hashes' });
      worker.onmessage = ({ data }: MessageEvent<HashAnswer>) => this.answered(data);
      // The script did not load or run (not found, refused by the page's policy): the page hashes from now on.
      worker.onerror = (event) => {
        event.preventDefault();
        this.giveUp();
      };
      return (this.worker = worker);
    } catch {
      // A script from another origin, or a policy that refuses it at once.
      return (this.worker = null);
    }
  }

  private answered(answer: HashAnswer): void {
    const job = this.pending.get(answer.id);
    if (!job) return;
    this.pending.delete(answer.id);
    if ('md5' in answer) job.resolve(answer.md5);
    else job.reject(new Error(`The file could not be read (${answer.error}).`));
    if (!this.pending.size) {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => this.stop(), IDLE_MS);
    }
  }

  /** The worker failed: what it was given is hashed on the page instead. */
  private giveUp(): void {
    this.worker?.terminate();
    this.worker = null;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) this.page.md5(job.blob).then(job.resolve, job.reject);
  }

  private stop(): void {
    if (this.pending.size || !this.worker) return;
    this.worker.terminate();
    this.worker = undefined;
  }
}
