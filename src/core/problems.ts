// What went wrong, as a code and its facts. The core never words a problem: whoever shows it
// does (src/i18n/problem-text.ts, in the widget's language), through the `describe` service the
// controller is given.

export type Problem =
  | { code: 'too-many-files'; name: string; limit: number }
  /** `extension` is empty for a file without one; `allowed` lists the formats, comma-separated. */
  | { code: 'format-not-allowed'; name: string; extension: string; allowed: string }
  | { code: 'file-too-large'; name: string; size: number; max: number }
  | { code: 'image-too-small'; name: string; width: number; height: number; minWidth?: number; minHeight?: number }
  | { code: 'image-too-large'; name: string; width: number; height: number; maxWidth?: number; maxHeight?: number }
  /** A picture could not be made small enough for the limits (`maxBytes` when a byte limit was set). */
  | { code: 'image-cannot-fit'; name: string; maxBytes?: number }
  /** A field of `metaFields` marked required is empty (`field`: its label). */
  | { code: 'meta-missing'; name: string; field: string }
  | { code: 'server-timeout'; name: string }
  | { code: 'not-a-result'; name: string }
  | { code: 'server-unreachable'; name: string }
  /** The server's `etag` (the MD5 of what it stored) is not the MD5 of the bytes sent (`verifyUploads`). */
  | { code: 'bytes-not-verified'; name: string }
  /** `message` is the server's own, or another problem's, already worded. */
  | { code: 'upload-failed'; name: string; message: string }
  | { code: 'missing-api-key' }
  | { code: 'missing-signature-timestamp' }
  | { code: 'nothing-to-authorize' }
  | { code: 'missing-cloud-name' }
  /** A lazy part of the widget (`url`: its address) could not be loaded: not deployed beside the script, offline, or a page opened from a file. */
  | { code: 'part-not-loaded'; url: string };

/** Words a problem for a person. */
export type DescribeProblem = (problem: Problem) => string;

/** An error that carries a problem, for the caller to word. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'ProblemError';
  }
}
