// In-memory record of upload requests, for tests and debugging (GET /__dev/requests).
const CAP = 5000;

/** @typedef {{ seq: number, method: string, path: string, status: number, headers: Record<string, string|undefined>, params: Record<string, unknown>, fileName: string | null, fileBytes: number | null, response: unknown }} LogEntry */

export class RequestLog {
  constructor() {
    /** @type {LogEntry[]} */
    this.entries = [];
    this.seq = 0;
  }

  /** @param {Omit<LogEntry, 'seq'>} entry */
  add(entry) {
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > CAP) this.entries.splice(0, this.entries.length - CAP);
  }

  /** Entries with seq > since. */
  since(since = 0) {
    return this.entries.filter((e) => e.seq > since);
  }

  clear() {
    this.entries = [];
  }
}

/** Field values as received, as strings (arrays of strings for repeated fields). @param {Record<string, unknown>} params */
export function asStrings(params) {
  /** @param {unknown} v */
  const one = (v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map(one) : one(v)]));
}
