// Why a request failed for good; shared by the destination that throws it and the engine that words it.

/** Why a file failed: the server's message and status, and a code when the widget says it in its own words. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: 'timeout' | 'not-a-result' | 'unknown-upload',
  ) {
    super(message);
  }
}
