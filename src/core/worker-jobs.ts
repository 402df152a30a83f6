// Work sent to a worker script, so a big file never holds up the page: jobs go by id and are
// answered in the order given. Where no worker can start (the script came from another origin, the
// page's Content-Security-Policy allows no worker from there, a bundler did not copy the file), or
// the worker fails or cannot do a job (a browser without OffscreenCanvas in workers), the page does
// the job itself. A worker with nothing to do is let go; the next job starts another.

interface JobRequest<J> {
  id: number;
  job: J;
}
export type JobAnswer<R> = { id: number; result: R } | { id: number; error: string };

/** A worker with nothing to do is let go after this long. */
const IDLE_MS = 10_000;
/**
 * Jobs handed to the worker at a time: the next one is there as one ends, the rest wait on the
 * page. Each message copies its job (a File's handle): 10,000 posted at once held the page ~40 ms.
 */
const POSTED_AT_ONCE = 2;

/** Whether a job is still wanted, asked when its turn comes: a job for a file the queue no longer has is dropped. */
export type StillWanted = () => boolean;

/** What a dropped job rejects with. */
const dropped = () => new DOMException('No longer wanted', 'AbortError');

/** `work` one job after another, in the order asked (one file's bytes in memory at a time); a job no longer wanted when its turn comes is dropped. */
function oneAtATime<J, R>(work: (job: J) => Promise<R>): (job: J, wanted?: StillWanted) => Promise<R> {
  let queue: Promise<unknown> = Promise.resolve();
  return (job, wanted) => {
    const next = queue.then(() => (wanted && !wanted() ? Promise.reject(dropped()) : work(job)));
    queue = next.catch(() => {});
    return next;
  };
}

/** In a worker script: answers each job with `work` (one after another). */
export function serveJobs<J, R>(work: (job: J) => Promise<R>): void {
  const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<JobRequest<J>>) => void) | null; postMessage(answer: JobAnswer<R>): void };
  const serial = oneAtATime(work);
  scope.onmessage = ({ data: { id, job } }) =>
    void serial(job).then(
      (result) => scope.postMessage({ id, result }),
      (e: unknown) => scope.postMessage({ id, error: String((e as Error)?.name ?? e) }),
    );
}

export class WorkerJobs<J, R> {
  /** undefined: not started (or let go); null: no worker can start here, the page works. */
  private worker: Worker | null | undefined;
  private readonly pending = new Map<number, { job: J; wanted?: StillWanted; resolve: (result: R) => void; reject: (e: unknown) => void }>();
  /** Jobs not handed to the worker yet, in the order asked. */
  private readonly unposted = new Set<number>();
  private posted = 0;
  private nextId = 0;
  private idle?: ReturnType<typeof setTimeout>;
  private readonly onPage: (job: J, wanted?: StillWanted) => Promise<R>;

  /**
   * @param url the worker script (none: the page works)
   * @param name the worker's name, as developer tools list it
   * @param onPage the same work on the page, one job at a time
   */
  constructor(
    private readonly url: string | URL | undefined,
    private readonly name: string,
    onPage: (job: J) => Promise<R>,
  ) {
    this.onPage = oneAtATime(onPage);
  }

  /**
   * The job's result. `wanted` is asked when the job's turn comes (before it is handed to the
   * worker): a job no longer wanted is dropped, rejecting with an AbortError, so the jobs behind it
   * do not wait for work nobody needs (thousands of files hashed, then removed or aborted).
   */
  run(job: J, wanted?: StillWanted): Promise<R> {
    const worker = this.start();
    if (!worker) return this.onPage(job, wanted);
    clearTimeout(this.idle);
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.pending.set(id, { job, wanted, resolve, reject });
      this.unposted.add(id);
      this.post();
    });
  }

  private post(): void {
    for (const id of this.unposted) {
      if (!this.worker || this.posted >= POSTED_AT_ONCE) break;
      this.unposted.delete(id);
      const { job, wanted, reject } = this.pending.get(id)!;
      if (wanted && !wanted()) {
        this.pending.delete(id);
        reject(dropped());
        continue;
      }
      this.posted++;
      this.worker.postMessage({ id, job } satisfies JobRequest<J>);
    }
    this.idleWhenDone();
  }

  private start(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    if (!this.url) return (this.worker = null);
    try {
      const worker = new Worker(this.url, { name: this.name });
      worker.onmessage = ({ data }: MessageEvent<JobAnswer<R>>) => this.answered(data);
      // The script did not load or run (not found, refused by the page's policy): the page works from now on.
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

  private answered(answer: JobAnswer<R>): void {
    const job = this.pending.get(answer.id);
    if (!job) return;
    this.pending.delete(answer.id);
    this.posted--;
    this.post();
    // What the worker could not do, the page tries (and says why when it cannot either).
    if ('result' in answer) job.resolve(answer.result);
    else this.onPage(job.job).then(job.resolve, job.reject);
  }

  /** With nothing left to do, the worker is let go after a while. */
  private idleWhenDone(): void {
    if (this.pending.size || !this.worker) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
  }

  /** The worker failed: what it was given is done on the page instead. */
  private giveUp(): void {
    this.worker?.terminate();
    this.worker = null;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    this.unposted.clear();
    this.posted = 0;
    for (const job of jobs) this.onPage(job.job, job.wanted).then(job.resolve, job.reject);
  }

  private stop(): void {
    if (this.pending.size || !this.worker) return;
    this.worker.terminate();
    this.worker = undefined;
  }
}
