// Chunked uploads as the SDK's upload_large sends them: each chunk is a whole upload
// request with `X-Unique-Upload-Id` and `Content-Range: bytes start-end/total`
// (total is -1 until the last chunk).
//
// Design (one write of every byte into its final file, md5 computed on the way):
// * The body parser writes each chunk to its own temp file, so a chunk whose connection
//   drops never touches the session (the parser deletes its partial temp file).
// * A chunk that arrived whole is copied at its offset into the session's single
//   `assembly` file (positioned writes), then its temp file is deleted. The temp file was
//   just written and is still in the page cache, so this costs no extra disk read, and a
//   short-lived deleted file is mostly never flushed to disk. A retry of an acknowledged
//   range (same start) is first dropped from session.json, so while it is being rewritten
//   those bytes belong to no acknowledged chunk; if the copy fails they stay missing.
// * The md5 (etag) is a running hash over the contiguous prefix [0, hashedUpTo): an
//   in-order chunk is hashed while it is copied; a chunk that fills a gap makes the hash
//   read forward from the assembly file over just the newly contiguous parts. A retry
//   inside the hashed prefix rewinds to the hash state saved at its start (Hash#copy).
//   The hash state lives in memory; after a restart or an error it is rebuilt from the
//   file. On completion the assembly file is truncated to `total` and renamed into place.
import { constants, createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { HttpError } from './errors.mjs';
import { randomId } from './ids.mjs';

const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/** The largest file a chunked upload may assemble (100 GiB, far beyond Cloudinary's plans). */
export const MAX_UPLOAD_BYTES = 100 * 1024 ** 3;
const SESSION_VERSION = 2;
const ASSEMBLY = 'assembly';
const IO_CHUNK = 1024 * 1024;

/** @typedef {{ start: number, end: number, total: number | null }} ContentRange */
/** @typedef {{ start: number, end: number }} Part */
/** @typedef {{ v: number, createdAt: number, total: number | null, parts: Part[] }} Session */
/**
 * Running md5 over the assembly file's contiguous prefix [0, upTo).
 * `marks` holds the hash state at the start of every hashed part (to rewind for a retry).
 * @typedef {{ hash: import('node:crypto').Hash, upTo: number, marks: Map<number, import('node:crypto').Hash> }} HashState
 */

/** @param {string} header @returns {ContentRange} */
export function parseContentRange(header) {
  const m = /^bytes (\d+)-(\d+)\/(\d+|-1|\*)$/.exec(String(header).trim());
  if (!m) throw new HttpError(400, `Invalid Content-Range header '${header}': expected "bytes start-end/total"`);
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = m[3] === '-1' || m[3] === '*' ? null : Number(m[3]);
  if (end < start) throw new HttpError(400, `Invalid Content-Range header '${header}': end is before start`);
  if (total !== null && end >= total) throw new HttpError(400, `Invalid Content-Range header '${header}': range goes beyond the total size`);
  // Offsets past what any file system stores (2^50 failed deep inside with EFBIG).
  if (end >= MAX_UPLOAD_BYTES || (total !== null && total > MAX_UPLOAD_BYTES)) {
    throw new HttpError(400, `Invalid Content-Range header '${header}': this server stores files of at most ${MAX_UPLOAD_BYTES} bytes`);
  }
  return { start, end, total };
}

/** @param {string} id */
export function checkUploadId(id) {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new HttpError(400, 'Invalid X-Unique-Upload-Id header: use 1-128 characters of [A-Za-z0-9_-]');
}

/** @param {import('node:fs/promises').FileHandle} fh @param {Buffer} buf @param {number} pos */
async function writeFully(fh, buf, pos) {
  for (let off = 0; off < buf.length;) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, pos + off);
    off += bytesWritten;
  }
}

/**
 * Copies the whole file `src` into `dest` at byte `pos` (dest created if missing), feeding every
 * byte to `hash` too when given.
 * @param {string} src @param {string} dest @param {number} pos @param {import('node:crypto').Hash | null} hash
 */
async function copyInto(src, dest, pos, hash) {
  // Positioned writes into the file as it is (never O_APPEND, which ignores the position).
  const fh = await open(dest, constants.O_RDWR | constants.O_CREAT);
  try {
    for await (const buf of createReadStream(src, { highWaterMark: IO_CHUNK })) {
      // The write runs on libuv's thread pool while this thread hashes the same bytes.
      const written = writeFully(fh, buf, pos);
      hash?.update(buf);
      await written;
      pos += buf.length;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Hashes forward over the parts that continue the prefix, reading them from `file`.
 * @param {HashState} h @param {Part[]} parts sorted by start @param {string} file
 */
async function hashForward(h, parts, file) {
  for (const p of parts) {
    if (p.end < h.upTo) continue;
    if (p.start !== h.upTo) break; // a gap: wait for the chunk that fills it
    h.marks.set(p.start, h.hash.copy());
    for await (const buf of createReadStream(file, { start: p.start, end: p.end, highWaterMark: IO_CHUNK })) h.hash.update(buf);
    h.upTo = p.end + 1;
  }
}

/**
 * The first range of [0, end) that no part covers, if any.
 * @param {Part[]} parts @param {number} end @returns {Part | undefined}
 */
function firstGap(parts, end) {
  let at = 0;
  for (const p of [...parts].sort((a, b) => a.start - b.start)) {
    if (p.start > at) return { start: at, end: Math.min(p.start, end) - 1 };
    at = Math.max(at, p.end + 1);
  }
  return at < end ? { start: at, end: end - 1 } : undefined;
}

/** @returns {HashState} */
const freshHash = () => ({ hash: createHash('md5'), upTo: 0, marks: new Map() });

export class ChunkSessions {
  /** @param {string} dir where sessions live (one directory per upload id) */
  constructor(dir) {
    this.dir = dir;
    /** Serializes work per session: two chunks finishing together must not both assemble. */
    /** @type {Map<string, Promise<unknown>>} */
    this.locks = new Map();
    /** Running etag per session (memory only: rebuilt from the assembly file when missing). */
    /** @type {Map<string, HashState>} */
    this.hashes = new Map();
  }

  /** @template T @param {string} id @param {() => Promise<T>} fn @returns {Promise<T>} */
  async #locked(id, fn) {
    const prev = this.locks.get(id) || Promise.resolve();
    const run = prev.catch(() => {}).then(fn);
    const tail = run.catch(() => {});
    this.locks.set(id, tail);
    tail.then(() => { if (this.locks.get(id) === tail) this.locks.delete(id); });
    return run;
  }

  /**
   * Stores one chunk (its body already complete on disk at `chunkPath`; the temp file is
   * always deleted).
   * @param {string} id
   * @param {ContentRange} range
   * @param {string} header the Content-Range header, for error messages
   * @param {{ path: string, bytes: number }} chunk
   * @param {string} [binding] who sent it and with what parameters: every chunk of an upload must
   *   carry the first chunk's, so nobody who only knows an upload id can finish it as their own
   * @returns {Promise<{ done: false, bytes: number } | { done: true, path: string, bytes: number, etag: string }>}
   */
  add(id, range, header, chunk, binding) {
    checkUploadId(id);
    const badRange = (why) => new HttpError(400, `Invalid Content-Range header '${header}': ${why}`);
    if (chunk.bytes !== range.end - range.start + 1) {
      return rm(chunk.path, { force: true }).then(() => {
        throw badRange(`the chunk has ${chunk.bytes} bytes but the range says ${range.end - range.start + 1}`);
      });
    }
    return this.#locked(id, async () => {
      const dir = join(this.dir, id);
      const file = join(dir, ASSEMBLY);
      try {
        await mkdir(dir, { recursive: true });
        const session = await this.#readSession(dir, id);
        if (binding !== undefined) {
          if (session.binding !== undefined && session.binding !== binding) {
            throw new HttpError(400, 'This chunk does not belong to the upload named by X-Unique-Upload-Id: its authentication or upload parameters differ from the first chunk\'s');
          }
          session.binding = binding;
        }
        if (range.total !== null && session.total !== null && range.total !== session.total) {
          throw badRange(`total ${range.total} differs from ${session.total} given by an earlier chunk`);
        }
        const total = range.total ?? session.total;
        // A chunk sent again with the same start replaces the earlier copy.
        const others = session.parts.filter((p) => p.start !== range.start);
        // Cloudinary's order: the first chunk opens the upload, so anything else under an id the
        // server does not know (never opened, finished, expired) is refused, not kept as a stray.
        if (range.start !== 0 && !others.some((p) => p.start === 0)) {
          throw new HttpError(400, `Unknown upload '${id}': its first chunk (bytes 0-…) must be sent, and answered, before any other`);
        }
        for (const p of others) {
          if (range.start <= p.end && p.start <= range.end) throw badRange(`overlaps the chunk bytes ${p.start}-${p.end}`);
          if (total !== null && p.end >= total) throw badRange(`an earlier chunk (bytes ${p.start}-${p.end}) lies beyond total ${total}`);
        }
        // …and the last chunk closes it: it may only come once every other chunk has been answered.
        if (total !== null && range.end + 1 === total) {
          const missing = firstGap(others, range.start);
          if (missing) {
            throw new HttpError(400, `The last chunk of upload '${id}' arrived before bytes ${missing.start}-${missing.end}: send it only after every other chunk has been answered`);
          }
        }
        if (others.length !== session.parts.length) {
          // Un-acknowledge the old copy before overwriting its bytes (see the top comment).
          session.parts = others;
          await this.#writeSession(dir, session);
        }
        let h = this.hashes.get(id) ?? freshHash();
        if (range.start < h.upTo) {
          // A retry inside the hashed prefix: rewind to the state saved at its start.
          const mark = h.marks.get(range.start);
          h = mark ? { hash: mark.copy(), upTo: range.start, marks: new Map([...h.marks].filter(([k]) => k <= range.start)) } : freshHash();
        }
        this.hashes.set(id, h);
        const inOrder = range.start === h.upTo;
        if (inOrder) h.marks.set(range.start, h.hash.copy());
        await copyInto(chunk.path, file, range.start, inOrder ? h.hash : null);
        if (inOrder) h.upTo = range.end + 1;
        session.parts = [...others, { start: range.start, end: range.end }].sort((a, b) => a.start - b.start);
        session.total = total;
        await this.#writeSession(dir, session);
        await hashForward(h, session.parts, file);

        const received = session.parts.reduce((n, p) => n + (p.end - p.start + 1), 0);
        if (total === null || received !== total) return { done: false, bytes: received };
        // Non-overlapping parts summing to total, all inside [0,total): they tile it exactly,
        // so the hash has reached the end. A replaced longer chunk may have written past it.
        if (h.upTo !== total) throw new Error(`chunk assembly: hashed ${h.upTo} of ${total} bytes`);
        const etag = h.hash.digest('hex');
        this.hashes.delete(id);
        await truncate(file, total);
        const out = join(this.dir, `${id}.${randomId(8)}.assembled`);
        await rename(file, out);
        await rm(dir, { recursive: true, force: true });
        return { done: true, path: out, bytes: total, etag };
      } catch (e) {
        // The hash may be half-updated: rebuild it from the file next time.
        if (!(e instanceof HttpError)) this.hashes.delete(id);
        // A refused opening leaves no empty session behind.
        else if (!(await stat(join(dir, 'session.json')).then(() => true, () => false))) await rm(dir, { recursive: true, force: true });
        throw e;
      } finally {
        await rm(chunk.path, { force: true });
      }
    });
  }

  /** @param {string} dir @param {string} id @returns {Promise<Session>} */
  async #readSession(dir, id) {
    try {
      const session = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'));
      // Sessions of the older one-file-per-chunk layout, or whose bytes are gone, restart.
      if (session.v === SESSION_VERSION && (session.parts.length === 0 || await stat(join(dir, ASSEMBLY)).then(() => true, () => false))) return session;
    } catch { /* none yet */ }
    this.hashes.delete(id);
    for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    return { v: SESSION_VERSION, createdAt: Date.now(), total: null, parts: [] };
  }

  async #writeSession(dir, session) {
    const tmp = join(dir, `session.${randomId(6)}.tmp`);
    await writeFile(tmp, JSON.stringify(session));
    await rename(tmp, join(dir, 'session.json'));
  }

  /** Deletes sessions untouched for longer than the TTL (abandoned uploads). */
  async sweep(now = Date.now()) {
    let names = [];
    try { names = await readdir(this.dir); } catch { return; }
    await Promise.all(names.map(async (name) => {
      const path = join(this.dir, name);
      try {
        const st = await stat(path);
        if (now - st.mtimeMs > SESSION_TTL_MS && !this.locks.has(name)) {
          this.hashes.delete(name);
          await rm(path, { recursive: true, force: true });
        }
      } catch { /* raced with completion */ }
    }));
  }
}
