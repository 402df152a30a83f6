// Why a request failed for good; shared by the destination that throws it and the engine that words it.

/**
 * Why a file failed: the server's message and status, and a code when the widget says it in its own
 * words, or `rejected` when the server refused the file's content (not worth a retry).
 */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: 'timeout' | 'not-a-result' | 'unknown-upload' | 'rejected' | 'not-verified',
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/**
 * `err` as an UploadError, also one thrown by another copy of this class: the classic script's
 * lazy uploader part has its own, so `instanceof` alone misses its errors (and their status).
 */
export function asUploadError(err: unknown): UploadError | undefined {
  if (err instanceof UploadError) return err;
  return err instanceof Error && (err.name === 'UploadError' || typeof (err as { status?: unknown }).status === 'number') ? (err as UploadError) : undefined;
}
