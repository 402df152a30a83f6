// Which failures are worth another try, and how long to wait before it.

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/** Network faults (status 0), rate limiting (420, 429), timeouts (408) and server errors retry; other 4xx are final. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 420 || status === 429 || status >= 500;
}

/** A signature, preset or credentials problem: the site's set-up, not the file (never called a content rejection). */
const SETUP_PROBLEM = /signature|preset|api[_ ]?key|timestamp|stale request|unsigned|credential|auth|unknown upload/i;

/**
 * The server refused the file's content (400, 415 or 422, and not a set-up problem): sending the
 * same bytes again gets the same answer, so it is final and not offered for retry.
 */
export function isContentRejection(status: number, message: string): boolean {
  return (status === 400 || status === 415 || status === 422) && !SETUP_PROBLEM.test(message);
}

/** Capped exponential backoff with full jitter, so many clients do not retry in step. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
