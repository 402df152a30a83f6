// One request sent the way the engine sends its own: upload progress, the silence timeout
// (`requestTimeout`), retries with backoff on network faults and retryable statuses (`maxRetries`),
// a wait while the browser is offline, and a stop when the task is paused or cancelled. Every
// request of the Cloudinary destination goes through it; the package exports it for a site's own.
import type { UploadTask } from './destination.js';
import type { EngineOptions } from './engine-options.js';
import type { NetworkWatch } from './network.js';
import { backoffDelay, DEFAULT_RETRY, isRetryable, sleep } from './retry.js';
import { type RequestAnswer, send } from './transport.js';
import { UploadError } from './upload-error.js';

/** How long a request that failed without an answer waits to learn whether the browser went offline. */
const OFFLINE_GRACE_MS = 300;

/** What to send. */
export interface UploadRequest {
  url: string;
  /** 'POST' when absent. */
  method?: string;
  /** The bytes as they are (a presigned PUT), or a form holding them (a multipart POST). */
  body?: Blob | FormData;
  headers?: Record<string, string>;
}

/** What a request takes of the file's task: the `UploadTask` itself will do. */
export type RequestTask = Pick<UploadTask, 'signal'> & Partial<Pick<UploadTask, 'pause' | 'progress' | 'retried'>>;

/** What a request takes of the engine: the destination's `DestinationContext` will do. */
export interface RequestContext {
  readonly options: Pick<EngineOptions, 'maxRetries' | 'requestTimeout'>;
  readonly network: NetworkWatch;
}

/**
 * Sends one request as the engine does. Reports the body's bytes sent to `task.progress` (0 again
 * when an attempt fails); a network fault, a request silent for `requestTimeout` ms, or a 408, 420,
 * 429 or 5xx is tried again after a backoff, up to `maxRetries` times (`task.retried` is told each
 * time); a request the browser's going offline broke waits for the network without spending a try.
 *
 * Resolves with the first answer not worth another try (2xx, most 4xx), or the last one when the
 * tries ran out: like `fetch`, a 4xx or 5xx is an answer to read, not an error. Rejects with an
 * `UploadError` of status 0 when no answer came at all (code `timeout` when the server went
 * silent), which the engine words in the widget's language; and with the signal's reason when
 * `task.signal` or `task.pause` aborts: one request keeps nothing, so a pause stops it at once.
 */
export async function uploadRequest(request: UploadRequest, task: RequestTask, context: RequestContext): Promise<RequestAnswer> {
  const { pause, progress } = task;
  const { options, network } = context;
  // Stopped by either of the task's signals, with that signal's reason (the first one wins).
  const stop = new AbortController();
  const signal = stop.signal;
  const signals = [task.signal, pause];
  const follow = (event: Event) => stop.abort((event.target as AbortSignal).reason);
  for (const s of signals) {
    if (s?.aborted) stop.abort(s.reason);
    s?.addEventListener('abort', follow, { once: true });
  }
  try {
    for (let attempt = 0; ; ) {
      if (network.offline()) await network.online(signal);
      const answer = await send({ ...request, onProgress: progress, signal, silenceTimeout: options.requestTimeout });
      const { status } = answer;
      if (status && status < 300) return answer;
      progress?.(0);
      // Lost because the browser is offline: wait for the network, without spending a retry. The
      // browser may say it is offline a moment after the request that going offline broke.
      if (!status && !answer.timedOut) {
        if (!network.offline()) await sleep(OFFLINE_GRACE_MS, signal);
        if (network.offline()) continue;
      }
      if (!isRetryable(status) || attempt >= options.maxRetries) {
        if (status) return answer;
        throw new UploadError(`The upload server could not be reached (${options.maxRetries} retries).`, 0, answer.timedOut ? 'timeout' : undefined);
      }
      attempt++;
      task.retried?.();
      await sleep(backoffDelay(attempt - 1, DEFAULT_RETRY), signal);
    }
  } finally {
    for (const s of signals) s?.removeEventListener('abort', follow);
  }
}
