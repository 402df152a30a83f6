// Sends one file: in one request, or in chunks with Cloudinary's Content-Range protocol.
// Chunks follow Cloudinary's order: the first alone (it opens the upload), the middle ones up to
// `parallelChunks` at a time, the last alone once every other one is answered (it closes the
// upload). Each request retries alone on network faults, 5xx and 420; pausing keeps the
// acknowledged chunks, so resuming sends only the others.
import type { RequestLanes } from './lanes.js';
import type { NetworkWatch } from './network.js';
import { isUploadResult, readAnswer } from './protocol.js';
import { isContentRejection } from './retry.js';
import type { UploadInfo } from './types.js';
import { UploadError } from './upload-error.js';
import { type RequestTask, uploadRequest } from './upload-request.js';

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
  network: NetworkWatch;
  /** Retries per request (network faults, 408, 420, 429, 5xx), with backoff. */
  maxRetries: number;
  /** Identifies the chunked upload on the server; kept across pause and resume. */
  uploadId: string;
  /** Starts of the chunks the server has acknowledged (skipped on resume). */
  acknowledged: readonly number[];
  onProgress(sentBytes: number): void;
  onAcknowledged(acknowledged: readonly number[], acknowledgedBytes: number): void;
  /** A request was tried again. */
  onRetry(): void;
  signal: AbortSignal;
  /**
   * A graceful pause: no request starts after it; the chunks in flight finish and are kept, but for
   * those that have sent nothing yet and at most one under half sent, which stop. The upload then
   * rejects with `pause.reason`. A single request (no chunks) stops at once.
   */
  pause?: AbortSignal;
  /** ms a request may stay silent (no progress, no answer) before it counts as a network fault; 0: never. */
  requestTimeout: number;
}

/**
 * While pausing, chunks in flight that stopped moving (sent and unanswered, or waiting for the
 * network or a retry) are not waited for past this.
 */
const PAUSE_STALL_MS = 3000;

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
  const pause = job.pause;
  if (pause?.aborted) throw pause.reason;
  // One request for the whole file: a pause stops it at once (nothing of it would be kept).
  if (!body || body.size <= job.chunkSize) return checked(await post(job, body, { signal: job.signal, pause, progress: job.onProgress }));
  const total = body.size;
  const plan = chunkPlan(total, job.chunkSize);
  const acked = new Set(job.acknowledged);
  let ackedBytes = acknowledgedBytes(total, job.chunkSize, job.acknowledged);
  const inFlight = new Map<number, number>(); // chunk start → bytes sent so far
  // Each chunk in flight can be stopped alone (a pause stops the ones barely started).
  const chunkStops = new Map<number, { chunk: Chunk; stop: AbortController }>();
  let pausing = false;
  let moved = 0;
  let stallWatch: ReturnType<typeof setInterval> | undefined;
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
  const onPause = () => {
    pausing = true;
    // Chunks that sent nothing yet (waiting for the network, or for a retry) stop at no cost; of
    // the others, at most one, the least sent and under half, is sent again later: the rest finish.
    let least: { chunk: Chunk; stop: AbortController } | undefined;
    for (const entry of chunkStops.values()) {
      const sent = inFlight.get(entry.chunk.start) ?? 0;
      if (sent === 0) entry.stop.abort(pause!.reason);
      else if (sent < (entry.chunk.end - entry.chunk.start) / 2 && (!least || sent < (inFlight.get(least.chunk.start) ?? 0))) least = entry;
    }
    least?.stop.abort(pause!.reason);
    moved = performance.now();
    stallWatch = setInterval(() => {
      if (performance.now() - moved < PAUSE_STALL_MS) return;
      for (const entry of chunkStops.values()) entry.stop.abort(pause!.reason);
    }, PAUSE_STALL_MS / 4);
  };
  pause?.addEventListener('abort', onPause, { once: true });

  /** Sends one chunk; resolves undefined when a pause stopped it. */
  const sendChunk = async (c: Chunk): Promise<ApiJson | undefined> => {
    if (pausing) return undefined;
    inFlight.set(c.start, 0);
    const own = new AbortController();
    const link = () => own.abort(stop.signal.reason);
    stop.signal.addEventListener('abort', link, { once: true });
    chunkStops.set(c.start, { chunk: c, stop: own });
    const headers = {
      'X-Unique-Upload-Id': job.uploadId,
      'Content-Range': `bytes ${c.start}-${c.end - 1}/${total}`,
    };
    try {
      // Blob.slice reads nothing: the browser streams the slice from disk as the request is sent.
      const progress = (sent: number) => {
        if (sent > (inFlight.get(c.start) ?? 0)) moved = performance.now();
        inFlight.set(c.start, sent);
        report();
      };
      const info = await post(job, body.slice(c.start, c.end), { signal: own.signal, progress }, headers);
      acked.add(c.start);
      ackedBytes += c.end - c.start;
      job.onAcknowledged([...acked], ackedBytes);
      return info;
    } catch (err) {
      if (pausing && own.signal.aborted && !stop.signal.aborted) return undefined;
      throw err;
    } finally {
      stop.signal.removeEventListener('abort', link);
      chunkStops.delete(c.start);
      inFlight.delete(c.start);
    }
  };
  const paused = () => {
    if (pausing) throw pause!.reason;
  };

  try {
    const first = plan[0];
    const last = plan[plan.length - 1];
    if (!acked.has(first.start)) await sendChunk(first);
    paused();
    await sendMiddle(
      plan.slice(1, -1).filter((c) => !acked.has(c.start)),
      sendChunk,
      job,
      stop,
      () => pausing,
    );
    paused();
    const info = await sendChunk(last);
    paused();
    return checked(info!);
  } catch (err) {
    throw job.signal.aborted ? job.signal.reason : err;
  } finally {
    job.signal.removeEventListener('abort', onAbort);
    pause?.removeEventListener('abort', onPause);
    clearInterval(stallWatch);
    stop.abort();
  }
}

/**
 * The middle chunks, in order, up to `parallelChunks` at once: the first in flight uses the
 * file's own lane, the others borrow free ones. Resolves when all are acknowledged; the first
 * failure stops the rest and is thrown.
 */
async function sendMiddle(
  chunks: Chunk[],
  sendChunk: (c: Chunk) => Promise<unknown>,
  job: FileUpload,
  stop: AbortController,
  pausing: () => boolean,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const running = new Set<Promise<void>>();
  // Whichever chunk ends first, the file's own lane goes to the next one: no borrowing for it.
  let ownLaneBusy = false;
  // Paused: nothing new starts; the chunks in flight are waited for.
  while (((next < chunks.length && !pausing()) || running.size) && !failure) {
    while (next < chunks.length && !pausing() && running.size < Math.max(1, job.parallelChunks)) {
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
    // A pause wakes the loop too, so it stops waiting for a lane.
    if (job.pause && !job.pause.aborted) waits.push(new Promise((resolve) => job.pause!.addEventListener('abort', resolve, { once: true })));
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

/**
 * One request of the upload (the parameters, and the file or a chunk of it, in a form) through
 * uploadRequest: the engine's retries, offline wait and timeout. Resolves with the answer's JSON;
 * throws an UploadError with the server's message when it refused.
 */
async function post(job: FileUpload, body: Blob | undefined, task: RequestTask, headers?: Record<string, string>): Promise<ApiJson> {
  const form = new FormData();
  for (const [k, v] of Object.entries(job.fields)) form.append(k, v);
  // The file goes last: servers that stream the body see every parameter before the bytes.
  if (body) form.append('file', body, job.fileName || 'blob');
  const answer = await uploadRequest(
    { url: job.url, body: form, headers: { 'X-Requested-With': 'XMLHttpRequest', ...headers } },
    { ...task, retried: job.onRetry },
    { options: job, network: job.network },
  );
  const read = readAnswer(answer);
  if (read.ok) return read.json;
  const { status } = answer;
  const { message } = read;
  // A chunk under an id the server does not know (expired, finished, never opened).
  const code = status === 400 && /^Unknown upload\b/.test(message) ? 'unknown-upload' : isContentRejection(status, message) ? 'rejected' : undefined;
  throw new UploadError(message, status, code);
}
