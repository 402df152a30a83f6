// Sends one file: in one request, or in chunks with Cloudinary's Content-Range protocol.
// Each request retries alone on network faults, 5xx and 420; pausing keeps the last
// acknowledged chunk, so resuming continues from there.
import { isUploadResult, readAnswer, type ApiAnswer } from './protocol.js';
import { backoffDelay, isRetryable, sleep, type RetryPolicy } from './retry.js';
import { send } from './transport.js';
import type { UploadInfo } from './types.js';

export interface FileUpload {
  url: string;
  fields: Record<string, string>;
  /** The bytes to send, or undefined when fields.file is a web address. */
  body?: Blob;
  fileName: string;
  chunkSize: number;
  retry: RetryPolicy;
  /** Identifies the chunked upload on the server; kept across pause and resume. */
  uploadId: string;
  /** Offset of the first byte the server has not acknowledged (resume point). */
  offset: number;
  onProgress(sentBytes: number): void;
  onAcknowledged(offset: number): void;
  onRetry(attempt: number, reason: string): void;
  signal: AbortSignal;
  /** ms a request may stay silent (no progress, no answer) before it counts as a network fault; 0: never. */
  requestTimeout: number;
}

/** Why a file failed: the server's message and status, and a code when the widget says it in its own words. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: 'timeout' | 'not-a-result',
  ) {
    super(message);
  }
}

export async function uploadFile(job: FileUpload): Promise<UploadInfo> {
  const body = job.body;
  if (!body || body.size <= job.chunkSize) return checked(await sendWithRetry(job, body, undefined));
  const total = body.size;
  let start = job.offset;
  for (;;) {
    const end = Math.min(start + job.chunkSize, total);
    // Blob.slice reads nothing: the browser streams the slice from disk as the request is sent.
    const chunk = body.slice(start, end);
    const headers = {
      'X-Unique-Upload-Id': job.uploadId,
      'Content-Range': `bytes ${start}-${end - 1}/${total}`,
    };
    const info = await sendWithRetry(job, chunk, headers, start);
    start = end;
    job.onAcknowledged(start);
    if (start >= total) return checked(info);
  }
}

/** The last answer must be an upload result; any other 2xx is a server that did not store the file. */
function checked(info: UploadInfo): UploadInfo {
  if (isUploadResult(info)) return info;
  throw new UploadError('The answer is not an upload result.', 200, 'not-a-result');
}

async function sendWithRetry(
  job: FileUpload,
  body: Blob | undefined,
  headers: Record<string, string> | undefined,
  base = 0,
): Promise<UploadInfo> {
  for (let attempt = 0; ; attempt++) {
    const answer: ApiAnswer = await send({
      url: job.url,
      fields: job.fields,
      body,
      fileName: job.fileName,
      headers,
      onProgress: (sent) => job.onProgress(base + sent),
      signal: job.signal,
      silenceTimeout: job.requestTimeout,
    });
    const read = readAnswer(answer);
    if (read.ok) return read.json as UploadInfo;
    const reason = answer.timedOut ? 'no answer' : answer.status === 0 ? 'network error' : `${answer.status}: ${read.message}`;
    if (!isRetryable(answer.status) || attempt >= job.retry.maxRetries) {
      const message = answer.status === 0 ? `The upload server could not be reached (${job.retry.maxRetries} retries).` : read.message;
      throw new UploadError(message, answer.status, answer.timedOut ? 'timeout' : undefined);
    }
    job.onProgress(base);
    job.onRetry(attempt + 1, reason);
    await sleep(backoffDelay(attempt, job.retry), job.signal);
  }
}
