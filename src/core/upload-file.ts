// Sends one file: in one request, or in chunks with Cloudinary's Content-Range protocol.
// Each request retries alone on network faults, 5xx and 420; pausing keeps the last
// acknowledged chunk, so resuming continues from there.
import { readAnswer, type ApiAnswer } from './protocol.js';
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
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function uploadFile(job: FileUpload): Promise<UploadInfo> {
  const body = job.body;
  if (!body || body.size <= job.chunkSize) {
    const answer = await sendWithRetry(job, body, undefined);
    return answer;
  }
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
    if (start >= total) return info;
  }
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
    });
    const read = readAnswer(answer);
    if (read.ok) return read.json as UploadInfo;
    const reason = answer.status === 0 ? 'network error' : `${answer.status}: ${read.message}`;
    if (!isRetryable(answer.status) || attempt >= job.retry.maxRetries) {
      const message =
        answer.status === 0
          ? `The upload server could not be reached (${job.retry.maxRetries} retries).`
          : read.message;
      throw new UploadError(message, answer.status);
    }
    job.onProgress(base);
    job.onRetry(attempt + 1, reason);
    await sleep(backoffDelay(attempt, job.retry), job.signal);
  }
}
