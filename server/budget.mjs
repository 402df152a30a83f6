// A budget for request bodies held in memory, shared by every request in flight. A JSON or
// urlencoded body is held whole and then copied (the text, the parsed value, a data URI's
// decoded bytes): it is charged MEMORY_FACTOR times its size before a byte is read. Multipart
// bodies stream their file part to disk and are charged for their large text fields only. A
// request beyond the budget gets 503 with Retry-After instead of taking the memory others need.
import { HttpError } from './errors.mjs';

/** Bytes of memory one byte of an in-memory body costs: text, parse copy, decoded copy, slack. */
export const MEMORY_FACTOR = 4;

export class BodyBudget {
  /** @param {number} limit bytes */
  constructor(limit) {
    this.limit = limit;
    this.used = 0;
  }

  /** A holder for one request's charges; `release()` gives them all back. */
  open() {
    let held = 0;
    return {
      /** @param {number} bytes */
      charge: (bytes) => {
        if (bytes <= 0) return;
        if (this.used + bytes > this.limit) {
          throw new HttpError(
            503,
            `The server is busy receiving other large requests (${this.limit} bytes of request bodies in memory at most); try again shortly`,
            {
              'retry-after': '2',
            },
          );
        }
        this.used += bytes;
        held += bytes;
      },
      release: () => {
        this.used -= held;
        held = 0;
      },
    };
  }
}
