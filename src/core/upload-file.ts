// Sends one file: in one request, or in chunks with Cloudinary's Content-Range protocol.
// Chunks follow Cloudinary's order: the first alone (it opens the upload), the middle ones up to
// `parallelChunks` at a time, the last alone once every other one is answered (it closes the
// upload). Each request retries alone on network faults, 5xx and 420; pausing keeps the
// acknowledged chunks, so resuming sends only the others.
import { isUploadResult, readAnswer, type ApiAnswer } from './protocol.js';
import type { RequestLanes } from './lanes.js';
import type { NetworkWatch } from './network.js';
import { backoffDelay, isRetryable, sleep, type RetryPolicy } from './retry.js';
import { send } from './transport.js';
import type { UploadInfo } from './types.js';
import { UploadError } from './upload-error.js';

/** How long a request that failed without an answer waits to learn whether the browser went offline. */
const OFFLINE_GRACE_MS = 300;

/** An answer's JSON: an upload result only once checked. */
type ApiJson = Record<string, unknown>;

export interface FileUpload {
  url: string;
  fields: Record<string, string>;
  /** The bytes to send, or undefined when fields.file is a web address. */
  body?: Blob;
  fileName: string;
  chunkSize: number;
  /** Middle chunks of one file in flight at once (1: one after another). */
  parallelChunks: number;
  /** Shared with the other files: extra parallel chunks only take lanes nobody else uses. */
  lanes?: RequestLanes;
  /** Requests that fail while offline wait for the network instead of spending retries. */
  network?: NetworkWatch;
  retry: RetryPolicy;
  /** Identifies the chunked upload on the server; kept across pause and resume. */
  uploadId: string;
  /** Starts of the chunks the server has acknowledged (skipped on resume). */
  acknowledged: readonly number[];
  onProgress(sentBytes: number): void;
  onAcknowledged(acknowledged: readonly number[], acknowledgedBytes: number): void;
  onRetry(attempt: number, reason: string): void;
  signal: AbortSignal;
  /** ms a request may stay silent (no progress, no answer) before it counts as a network fault; 0: never. */
  requestTimeout: number;
}

/** Cloudinary's smallest chunk but the last (5 MiB). */
const MIN_CHUNK = 5 * 1024 * 1024;
/** The last chunk waits for all the others and goes alone: small. */
const LAST_CHUNK = 1024 * 1024;

interface Chunk {
  start: number;
  end: number;
}

/**
 * The file's chunks. The first and the last go alone, so both are kept small: the first is the
 * smallest Cloudinary takes (5 MiB, or `chunkSize` if smaller), the last at most 1 MiB when what
 * remains allows (every chunk but the last must stay at least 5 MiB); `chunkSize` each between.
 */
export function chunkPlan(total: number, chunkSize: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < total; ) {
    let end = Math.min(start + (start ? chunkSize : Math.min(chunkSize, MIN_CHUNK)), total);
    // What would be left is small: this chunk stops short of the end, leaving a short last one.
    if (start && total - start < chunkSize + LAST_CHUNK && total - start >= MIN_CHUNK + LAST_CHUNK) end = total - LAST_CHUNK;
    chunks.push({ start, end });
    start = end;
  }
  return chunks;
}

/** Bytes covered by the acknowledged chunks. */
export function acknowledgedBytes(total: number, chunkSize: number, acknowledged: readonly number[]): number {
  const acked = new Set(acknowledged);
  return chunkPlan(total, chunkSize).reduce((n, c) => n + (acked.has(c.start) ? c.end - c.start : 0), 0);
}

export async function uploadFile(job: FileUpload): Promise<UploadInfo> {
  const body = job.body;
  if (!body || body.size <= job.chunkSize) return checked(await sendWithRetry(job, body, undefined));
  const total = body.size;
  const plan = chunkPlan(total, job.chunkSize);
  const acked = new Set(job.acknowledged);
  let ackedBytes = acknowledgedBytes(total, job.chunkSize, job.acknowledged);
  const inFlight = new Map<number, number>(); // chunk start → bytes sent so far
  const report = () => {
    let sent = ackedBytes;
    for (const n of inFlight.values()) sent += n;
    job.onProgress(sent);
  };

  // Siblings stop together: a pause or abort of the file, or one chunk failing for good.
  const stop = new AbortController();
  const onAbort = () => stop.abort(job.signal.reason);
  if (job.signal.aborted) throw job.signal.reason;
  job.signal.addEventListener('abort', onAbort, { once: true });
  const chunkJob = { ...job, signal: stop.signal };

  const sendChunk = async (c: Chunk): Promise<ApiJson> => {
    inFlight.set(c.start, 0);
    const headers = {
      'X-Unique-Upload-Id': job.uploadId,
      'Content-Range': `bytes ${c.start}-${c.end - 1}/${total}`,
    };
    try {
      // Blob.slice reads nothing: the browser streams the slice from disk as the request is sent.
      const info = await sendWithRetry(chunkJob, body.slice(c.start, c.end), headers, (sent) => {
        inFlight.set(c.start, sent);
        report();
      });
      acked.add(c.start);
      ackedBytes += c.end - c.start;
      job.onAcknowledged([...acked], ackedBytes);
      return info;
    } finally {
      inFlight.delete(c.start);
    }
  };

  try {
    const first = plan[0];
    const last = plan[plan.length - 1];
    if (!acked.has(first.start)) await sendChunk(first);
    await sendMiddle(
      plan.slice(1, -1).filter((c) => !acked.has(c.start)),
      sendChunk,
      job,
      stop,
    );
    return checked(await sendChunk(last));
  } catch (err) {
    throw job.signal.aborted ? job.signal.reason : err;
  } finally {
    job.signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

/**
 * The middle chunks, in order, up to `parallelChunks` at once: the first in flight uses the
 * file's own lane, the others borrow free ones. Resolves when all are acknowledged; the first
 * failure stops the rest and is thrown.
 */
async function sendMiddle(chunks: Chunk[], sendChunk: (c: Chunk) => Promise<unknown>, job: FileUpload, stop: AbortController): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const running = new Set<Promise<void>>();
  // Whichever chunk ends first, the file's own lane goes to the next one: no borrowing for it.
  let ownLaneBusy = false;
  while ((next < chunks.length || running.size) && !failure) {
    while (next < chunks.length && running.size < Math.max(1, job.parallelChunks)) {
      const borrowed = ownLaneBusy;
      if (borrowed && job.lanes && !job.lanes.tryBorrow()) break;
      if (!borrowed) ownLaneBusy = true;
      const task: Promise<void> = sendChunk(chunks[next++])
        .then(
          () => {},
          (error) => {
            failure ??= { error };
            stop.abort();
          },
        )
        .finally(() => {
          running.delete(task);
          if (borrowed) job.lanes?.giveBack();
          else ownLaneBusy = false;
        });
      running.add(task);
    }
    const waits: Promise<unknown>[] = [...running];
    if (job.lanes && next < chunks.length) waits.push(job.lanes.freed());
    await Promise.race(waits);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}

/** The last answer must be an upload result; any other 2xx is a server that did not store the file. */
function checked(info: ApiJson): UploadInfo {
  if (isUploadResult(info)) return info;
  throw new UploadError('The answer is not an upload result.', 200, 'not-a-result');
}

async function sendWithRetry(
  job: FileUpload,
  body: Blob | undefined,
  headers: Record<string, string> | undefined,
  onProgress: (sent: number) => void = (sent) => job.onProgress(sent),
): Promise<ApiJson> {
  for (let attempt = 0; ; ) {
    if (job.network?.offline()) await job.network.online(job.signal);
    const answer: ApiAnswer = await send({
      url: job.url,
      fields: job.fields,
      body,
      fileName: job.fileName,
      headers,
      onProgress,
      signal: job.signal,
      silenceTimeout: job.requestTimeout,
    });
    const read = readAnswer(answer);
    if (read.ok) return read.json;
    onProgress(0);
    // Lost because the browser is offline: wait for the network, without spending a retry. The
    // browser may say it is offline a moment after the request that going offline broke.
    if (answer.status === 0 && !answer.timedOut && job.network) {
      if (!job.network.offline()) await sleep(OFFLINE_GRACE_MS, job.signal);
      if (job.network.offline()) continue;
    }
    const reason = answer.timedOut ? 'no answer' : answer.status === 0 ? 'network error' : `${answer.status}: ${read.message}`;
    if (!isRetryable(answer.status) || attempt >= job.retry.maxRetries) {
      const message = answer.status === 0 ? `The upload server could not be reached (${job.retry.maxRetries} retries).` : read.message;
      // A chunk under an id the server does not know (expired, finished, never opened).
      const code = answer.timedOut ? 'timeout' : answer.status === 400 && /^Unknown upload\b/.test(message) ? 'unknown-upload' : undefined;
      throw new UploadError(message, answer.status, code);
    }
    attempt++;
    job.onRetry(attempt, reason);
    await sleep(backoffDelay(attempt - 1, job.retry), job.signal);
  }
}
