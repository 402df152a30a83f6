// Why a request failed for good; shared by the destination that throws it and the engine that words it.

/**
 * Why a file failed: the server's message and status, and a code when the widget says it in its own
 * words, or `rejected` when the server refused the file's content (not worth a retry).
 */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: 'timeout' | 'not-a-result' | 'unknown-upload' | 'rejected',
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/**
 * Whether `err` is an UploadError. By name, not instanceof: the classic script's lazy parts carry
 * their own copy of this class, so an error thrown in the destination part is not an instance of
 * the main script's class.
 */
export function isUploadError(err: unknown): err is UploadError {
  return err instanceof Error && err.name === 'UploadError';
}
