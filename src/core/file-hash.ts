// Hashes files for the controller: the MD5 it compares with the server's `etag` (verifyUploads),
// and that tells the same file added twice. In a worker (dist/parts/hash-worker.js, beside the
// script), so a big file never holds up the page; where no worker can start (the script came from
// another origin, the page's Content-Security-Policy allows no worker from there, a bundler did not
// copy the file), on the page itself in 1 MiB slices, between which the page draws. A lazy part:
// loaded with the first file that needs a hash.
import type { HashAnswer, HashRequest } from './hash-worker.js';
import { md5OfBlob } from './md5.js';

export interface FileHasher {
  /** The blob's MD5, lowercase hex. Rejects when the file cannot be read (moved, changed on disk). */
  md5(blob: Blob): Promise<string>;
}

/** Slices hashed on the page: small enough that a frame is never held for long (about 5 ms each). */
const PAGE_SLICE = 1024 * 1024;
/** A worker with nothing to do is let go after this long; the next file starts another. */
const IDLE_MS = 10_000;

const hashers = new Map<string, FileHasher>();

/** The hasher for the worker script at `workerUrl` (one per address, shared by the page's widgets); without one, the page hashes. */
export function fileHasher(workerUrl?: string | URL): FileHasher {
  const key = workerUrl ? String(workerUrl) : '';
  let hasher = hashers.get(key);
  if (!hasher) hashers.set(key, (hasher = key ? new WorkerHasher(key) : { md5: (blob) => md5OfBlob(blob, PAGE_SLICE) }));
  return hasher;
}

class WorkerHasher implements FileHasher {
  /** undefined: not started (or let go); null: no worker can start here, the page hashes. */
  private worker: Worker | null | undefined;
  private readonly pending = new Map<number, { blob: Blob; resolve: (md5: string) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private idle?: ReturnType<typeof setTimeout>;

  constructor(private readonly url: string) {}

  md5(blob: Blob): Promise<string> {
    const worker = this.start();
    if (!worker) return md5OfBlob(blob, PAGE_SLICE);
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
    for (const job of jobs) md5OfBlob(job.blob, PAGE_SLICE).then(job.resolve, job.reject);
  }

  private stop(): void {
    if (this.pending.size || !this.worker) return;
    this.worker.terminate();
    this.worker = undefined;
  }
}
