// Chunked uploads as the SDK's upload_large sends them: each chunk is a whole upload
// request with `X-Unique-Upload-Id` and `Content-Range: bytes start-end/total`
// (total is -1 until the last chunk).
//
// Design (every byte written once, straight into its final file; md5 computed on the way):
// * Before a chunk's bytes are read, its range is checked against the session under the
//   session's lock (order rules, overlaps, totals, the upload's binding) and registered as being
//   written; then the body streams straight into the session's single `assembly` file at its
//   offset (positioned writes), capped at the range's length. Only when the whole chunk has
//   arrived is its range acknowledged in session.json. A chunk whose connection drops leaves
//   bytes in a range nobody acknowledged, which its retry overwrites.
// * A retry of an acknowledged range (same start) is first dropped from session.json, so while
//   it is being rewritten those bytes belong to no acknowledged chunk. Two writers never share
//   bytes: a chunk overlapping one still being written waits for that one to end.
// * The md5 (etag) is a running hash over the contiguous acknowledged prefix [0, hashedUpTo),
//   advanced in the background after each acknowledgement over the newly contiguous parts,
//   reading them back from the assembly file (just written: the page cache serves them). A
//   chunk is answered without waiting for it: chunks sent side by side arrive together, and
//   hashing each before answering it would hold their answers back one after another; only the
//   last chunk waits for the hash to catch up. A retry of an acknowledged chunk waits for the
//   hasher, then rewinds to the hash state saved at the chunk's start (Hash#copy). The hash
//   state lives in memory; after a restart or an error it is rebuilt from the file. On
//   completion the assembly file is truncated to `total` and renamed into place.
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { HttpError } from './errors.mjs';
import { randomId } from './ids.mjs';

/**
 * Limits on unfinished uploads, per client (its address) and in total: sessions hold disk space
 * for as long as they live, so a client cannot open them without end.
 * @typedef {{ ttlMs: number, firstChunkOnlyTtlMs: number, sessionsPerClient: number, sessions: number, bytesPerClient: number, bytes: number }} SessionLimits
 */
/** @type {SessionLimits} */
const DEFAULT_SESSION_LIMITS = {
  // An upload that keeps sending lives a day; one that never sent a second chunk, half an hour.
  ttlMs: 24 * 60 * 60 * 1000,
  firstChunkOnlyTtlMs: 30 * 60 * 1000,
  sessionsPerClient: 20,
  sessions: 200,
  bytesPerClient: 20 * 1024 ** 3,
  bytes: 100 * 1024 ** 3,
};

/**
 * What binds the chunks of one upload together: a digest of each upload parameter and of the way
 * it was authorized (signed or not), without what legitimately changes from chunk to chunk (a
 * re-signed timestamp). `early` covers the fields sent before the file part (checked before a
 * byte is written), `full()` every field of the request, wherever it sits (checked before the
 * chunk is acknowledged); `client` is who sent it, for the limits.
 * @typedef {{ early: Record<string, string>, full: () => Promise<Record<string, string>>, client: string }} ChunkBinding
 */
/** How long, and for how many uploads, the answer to a finished upload's last chunk is kept. */
const FINISHED_TTL_MS = 60 * 60 * 1000;
const FINISHED_KEPT = 1000;
/** The largest file a chunked upload may assemble (100 GiB, far beyond Cloudinary's plans). */
const MAX_UPLOAD_BYTES = 100 * 1024 ** 3;
const SESSION_VERSION = 3;
const ASSEMBLY = 'assembly';
const IO_CHUNK = 1024 * 1024;

/** @typedef {{ start: number, end: number, total: number | null }} ContentRange */
/**
 * A chunk acknowledged: the upload so far, or (done) the assembled file; with the request's
 * fields and the digest of the chunk's bytes, to remember the last chunk's answer by.
 * @typedef {{ done: false, bytes: number, received: number } | { done: true, path: string, bytes: number, received: number, etag: string }} Acknowledged
 * @typedef {(Acknowledged & { fields: Record<string, string>, chunkHash: string }) | { answered: Record<string, unknown>, received: number }} ChunkReceived
 */
/** @typedef {(why: string) => HttpError} BadRange */
/** @typedef {{ start: number, end: number }} Part */
/** @typedef {{ v: number, createdAt: number, total: number | null, parts: Part[], fields?: Record<string, string>, client?: string }} Session */
/**
 * Running md5 over the assembly file's contiguous prefix [0, upTo).
 * `marks` holds the hash state at the start of every hashed part (to rewind for a retry);
 * `parts` the acknowledged parts it may hash; `running` settles when the hasher is idle (never
 * rejects); `failed` says a read failed, so the state is useless.
 * @typedef {{ hash: import('node:crypto').Hash, upTo: number, marks: Map<number, import('node:crypto').Hash>, parts: Part[], running: Promise<void>, failed: boolean }} HashState
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

/**
 * Hashes forward over the acknowledged parts that continue the prefix, reading them from `file`.
 * @param {HashState} h @param {string} file
 */
async function hashForward(h, file) {
  for (const p of h.parts) {
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

/** @param {ContentRange} range */
const rangeKey = (range) => `${range.start}-${range.end}/${range.total}`;

/** @param {Part[]} parts @returns {HashState} */
const freshHash = (parts = []) => ({ hash: createHash('md5'), upTo: 0, marks: new Map(), parts, running: Promise.resolve(), failed: false });

/**
 * Queues a pass of the hasher; resolves once it has hashed every contiguous acknowledged part.
 * @param {HashState} h @param {string} file @returns {Promise<void>}
 */
function hashInBackground(h, file) {
  h.running = h.running
    .then(() => (h.failed ? undefined : hashForward(h, file)))
    .catch(() => {
      h.failed = true;
    });
  return h.running;
}

export class ChunkSessions {
  /** @param {string} dir where sessions live (one directory per upload id) @param {Partial<SessionLimits>} [limits] */
  constructor(dir, limits = {}) {
    this.dir = dir;
    /** @type {SessionLimits} */
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...limits };
    /** Unfinished sessions: who opened them and the bytes they hold on disk (the assembly file's size). */
    /** @type {Map<string, { client: string, bytes: number }>} */
    this.open = new Map();
    /** Serializes work per session: two chunks finishing together must not both assemble. */
    /** @type {Map<string, Promise<unknown>>} */
    this.locks = new Map();
    /** Chunks being written per session, by start: no two writers share bytes. */
    /** @type {Map<string, Map<number, { start: number, end: number, done: Promise<void> }>>} */
    this.writers = new Map();
    /** Running etag per session (memory only: rebuilt from the assembly file when missing). */
    /** @type {Map<string, HashState>} */
    this.hashes = new Map();
    /**
     * Answers to the last chunk of finished uploads: the same chunk sent again (its answer was
     * lost on the way) gets the same answer, instead of an unknown upload and a second copy.
     * Kept with the digest of the chunk's bytes and parameters: only the very same chunk gets it.
     * @type {Map<string, { range: string, fields: string, bytes: string, answer: Record<string, unknown>, at: number }>}
     */
    this.finished = new Map();
  }

  /**
   * Keeps the answer to a finished upload's last chunk, for `answered`.
   * @param {string} id @param {ContentRange} range @param {Record<string, string>} fields @param {string} bytes the chunk's sha256
   * @param {Record<string, unknown>} answer
   */
  remember(id, range, fields, bytes, answer) {
    const now = Date.now();
    for (const [key, f] of this.finished) {
      if (now - f.at <= FINISHED_TTL_MS && this.finished.size < FINISHED_KEPT) break;
      this.finished.delete(key); // oldest first: a Map keeps insertion order
    }
    this.finished.set(id, { range: rangeKey(range), fields: canonical(fields), bytes, answer, at: now });
  }

  /** The record of a finished upload under this id, while it is kept. @param {string} id */
  #finishedUpload(id) {
    const f = this.finished.get(id);
    return f && Date.now() - f.at <= FINISHED_TTL_MS ? f : undefined;
  }

  /** @template T @param {string} id @param {() => Promise<T>} fn @returns {Promise<T>} */
  async #locked(id, fn) {
    const prev = this.locks.get(id) || Promise.resolve();
    const run = prev.catch(() => {}).then(fn);
    const tail = run.catch(() => {});
    this.locks.set(id, tail);
    tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return run;
  }

  /**
   * Receives one chunk: checks it against the session, streams `source` into place, then
   * acknowledges it (and assembles the file when it was the last).
   * @param {string} id
   * @param {ContentRange} range
   * @param {string} header the Content-Range header, for error messages
   * @param {ChunkBinding} binding who sent it and with what parameters: every chunk of an
   *   upload must carry the first chunk's, so nobody who only knows an upload id can finish it as their own
   * @param {import('node:stream').Readable} source the chunk's bytes
   * @returns {Promise<ChunkReceived>}
   */
  async receive(id, range, header, binding, source) {
    checkUploadId(id);
    const length = range.end - range.start + 1;
    /** @type {BadRange} */
    const badRange = (why) => new HttpError(400, `Invalid Content-Range header '${header}': ${why}`);
    const finishedUpload = this.#finishedUpload(id);
    if (finishedUpload) {
      // A finished upload's id stays its own: the one thing still accepted under it is its last
      // chunk sent again (the answer was lost on the way), with the same range, parameters and
      // bytes, which gets the same answer.
      const hash = createHash('sha256');
      let received = 0;
      for await (const buf of source) {
        received += buf.length;
        if (received <= length) hash.update(buf);
      }
      if (received !== length) throw badRange(`the chunk has ${received} bytes but the range says ${length}`);
      const fields = canonical(await binding.full());
      if (finishedUpload.range === rangeKey(range) && finishedUpload.fields === fields && finishedUpload.bytes === hash.digest('hex')) {
        return { answered: finishedUpload.answer, received };
      }
      throw new HttpError(
        409,
        `Upload '${id}' is already complete; this chunk is not its last chunk sent again (range, parameters or bytes differ): start a new upload under a new X-Unique-Upload-Id`,
      );
    }
    const dir = join(this.dir, id);
    const file = join(dir, ASSEMBLY);
    /** @type {Map<number, { start: number, end: number, done: Promise<void> }>} */
    const writing = this.writers.get(id) ?? new Map();
    /** @type {() => void} */
    let finished = () => {};
    // Wait out any chunk still writing the same bytes (outside the lock: that chunk needs it to
    // be acknowledged), then claim them. The wait is wrapped: an async function returning the
    // promise itself would wait for it inside the lock and then claim nothing.
    for (;;) {
      const busy = await this.#locked(id, async () => {
        for (const w of writing.values()) if (range.start <= w.end && w.start <= range.end) return { until: w.done };
        await this.#open(id, dir, file, range, badRange, binding.early, binding.client);
        writing.set(range.start, {
          start: range.start,
          end: range.end,
          done: new Promise((r) => {
            finished = r;
          }),
        });
        this.writers.set(id, writing);
        return undefined;
      });
      if (!busy) break;
      await busy.until;
    }
    let received = 0;
    let whole = false;
    const bytesHash = createHash('sha256');
    /** @type {Record<string, string>} */
    let fields = {};
    try {
      const cap = new Transform({
        transform(buf, _enc, cb) {
          received += buf.length;
          if (received > length) cb(badRange(`the chunk has more than the ${length} bytes the range says`));
          else {
            bytesHash.update(buf);
            cb(null, buf);
          }
        },
      });
      await pipeline(source, cap, createWriteStream(file, { flags: 'r+', start: range.start, highWaterMark: IO_CHUNK }));
      // Every parameter of the request, including those after the file part.
      fields = await binding.full();
      whole = true;
    } finally {
      writing.delete(range.start);
      if (!writing.size && this.writers.get(id) === writing) this.writers.delete(id);
      finished();
      // A first chunk that never arrived whole leaves no session behind.
      if (!whole) await this.#locked(id, () => this.#dropIfEmpty(id, dir));
    }
    if (received !== length) throw badRange(`the chunk has ${received} bytes but the range says ${length}`);
    const done = await this.#locked(id, () => this.#acknowledge(id, dir, file, range, badRange, received, fields));
    return { ...done, fields, chunkHash: bytesHash.digest('hex') };
  }

  /** Deletes a session nothing was acknowledged in and nobody is writing to. @param {string} id @param {string} dir */
  async #dropIfEmpty(id, dir) {
    if (this.writers.has(id)) return;
    try {
      const session = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'));
      if (session.parts.length) return;
    } catch {
      /* none */
    }
    this.hashes.delete(id);
    this.open.delete(id);
    await rm(dir, { recursive: true, force: true });
  }

  /**
   * Checks a chunk against its session and prepares its bytes' place (under the session's lock).
   * @param {string} id @param {string} dir @param {string} file @param {ContentRange} range @param {BadRange} badRange
   * @param {ChunkBinding['early']} early @param {string} client
   */
  async #open(id, dir, file, range, badRange, early, client) {
    await mkdir(dir, { recursive: true });
    try {
      const session = await this.#readSession(dir, id);
      if (session.fields && Object.entries(early).some(([k, v]) => session.fields?.[k] !== v)) throw notThisUpload();
      if (range.total !== null && session.total !== null && range.total !== session.total) {
        throw badRange(`total ${range.total} differs from ${session.total} given by an earlier chunk`);
      }
      const total = range.total ?? session.total;
      if (total !== null && range.end >= total) throw badRange(`ends beyond total ${total} given by an earlier chunk`);
      // A chunk sent again with the same start replaces the earlier copy.
      const others = session.parts.filter((p) => p.start !== range.start);
      const replaces = others.length !== session.parts.length;
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
          throw new HttpError(
            400,
            `The last chunk of upload '${id}' arrived before bytes ${missing.start}-${missing.end}: send it only after every other chunk has been answered`,
          );
        }
      }
      this.#reserve(id, session, client, range.end + 1);
      session.total = total;
      session.parts = others;
      // Un-acknowledge an earlier copy before overwriting its bytes (see the top comment).
      await this.#writeSession(dir, session);
      const h = this.hashes.get(id);
      if (h) {
        // The hasher may be reading the chunk this one replaces: let it finish first.
        if (replaces) await h.running;
        h.parts = others;
        if (range.start < h.upTo) {
          // A retry inside the hashed prefix: rewind to the state saved at its start.
          const mark = h.marks.get(range.start);
          if (mark) Object.assign(h, { hash: mark.copy(), upTo: range.start, marks: new Map([...h.marks].filter(([k]) => k <= range.start)) });
          else this.hashes.set(id, freshHash(others));
        }
      }
      // Positioned writes need the file to exist (never O_APPEND, which ignores the position).
      await (await open(file, constants.O_RDWR | constants.O_CREAT)).close();
    } catch (e) {
      // A refused opening leaves no empty session behind.
      if (
        !(await stat(join(dir, 'session.json')).then(
          () => true,
          () => false,
        ))
      )
        await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  /**
   * Records a whole chunk, hashes forward, and assembles the file once complete (under the lock).
   * @param {string} id @param {string} dir @param {string} file @param {ContentRange} range @param {BadRange} badRange
   * @param {number} received @param {Record<string, string>} fields
   * @returns {Promise<Acknowledged>}
   */
  async #acknowledge(id, dir, file, range, badRange, received, fields) {
    try {
      const session = await this.#readSession(dir, id);
      if (session.parts.some((p) => range.start <= p.end && p.start <= range.end)) throw badRange('was acknowledged meanwhile');
      // The first chunk binds the upload to all its parameters; every later chunk must carry the same.
      if (!session.fields) session.fields = fields;
      else if (canonical(session.fields) !== canonical(fields)) throw notThisUpload();
      const total = session.total;
      session.parts = [...session.parts, { start: range.start, end: range.end }].sort((a, b) => a.start - b.start);
      await this.#writeSession(dir, session);
      let h = this.hashes.get(id) ?? freshHash();
      this.hashes.set(id, h);
      h.parts = session.parts;
      const caughtUp = hashInBackground(h, file);

      const bytes = session.parts.reduce((n, p) => n + (p.end - p.start + 1), 0);
      if (total === null || bytes !== total) return { done: false, bytes, received };
      await caughtUp;
      if (h.failed) {
        // A background read failed: hash the file again, here, so its error is this answer's.
        h = freshHash(session.parts);
        this.hashes.set(id, h);
        await hashForward(h, file);
      }
      // Non-overlapping parts summing to total, all inside [0,total): they tile it exactly,
      // so the hash has reached the end. A replaced longer chunk may have written past it.
      if (h.upTo !== total) throw new Error(`chunk assembly: hashed ${h.upTo} of ${total} bytes`);
      const etag = h.hash.digest('hex');
      this.hashes.delete(id);
      await truncate(file, total);
      const out = join(this.dir, `${id}.${randomId(8)}.assembled`);
      await rename(file, out);
      await rm(dir, { recursive: true, force: true });
      this.open.delete(id);
      return { done: true, path: out, bytes: total, received, etag };
    } catch (e) {
      // The hash may be half-updated: rebuild it from the file next time.
      if (!(e instanceof HttpError)) this.hashes.delete(id);
      throw e;
    }
  }

  /** @param {string} dir @param {string} id @returns {Promise<Session>} */
  async #readSession(dir, id) {
    try {
      const session = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'));
      // Sessions of the older one-file-per-chunk layout, or whose bytes are gone, restart.
      if (
        session.v === SESSION_VERSION &&
        (session.parts.length === 0 ||
          (await stat(join(dir, ASSEMBLY)).then(
            () => true,
            () => false,
          )))
      )
        return session;
    } catch {
      /* none yet */
    }
    this.hashes.delete(id);
    this.open.delete(id);
    for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    return { v: SESSION_VERSION, createdAt: Date.now(), total: null, parts: [] };
  }

  /** @param {string} dir @param {Session} session */
  async #writeSession(dir, session) {
    const tmp = join(dir, `session.${randomId(6)}.tmp`);
    await writeFile(tmp, JSON.stringify(session));
    await rename(tmp, join(dir, 'session.json'));
  }

  /**
   * Counts a chunk's place against the limits before its bytes are written: a new session against
   * the number of sessions, its growth (the assembly file's size) against the bytes.
   * @param {string} id @param {Session} session @param {string} client @param {number} size the file size this chunk needs
   */
  #reserve(id, session, client, size) {
    const mine = this.open.get(id);
    const owner = mine?.client ?? session.client ?? client;
    const grow = Math.max(0, size - (mine?.bytes ?? 0));
    const L = this.limits;
    /** @param {string} what */
    const tooMany = (what) =>
      new HttpError(429, `Too many unfinished chunked uploads ${what}; finish or abandon some (unfinished ones expire) and try again`, { 'retry-after': '60' });
    let clientSessions = 0;
    let clientBytes = 0;
    let allBytes = 0;
    for (const [, o] of this.open) {
      allBytes += o.bytes;
      if (o.client === owner) {
        clientSessions++;
        clientBytes += o.bytes;
      }
    }
    if (!mine) {
      if (clientSessions >= L.sessionsPerClient) throw tooMany(`from this client (at most ${L.sessionsPerClient})`);
      if (this.open.size >= L.sessions) throw tooMany(`on this server (at most ${L.sessions})`);
    }
    if (grow && clientBytes + grow > L.bytesPerClient) throw tooMany(`from this client: they would hold more than ${L.bytesPerClient} bytes`);
    if (grow && allBytes + grow > L.bytes) throw tooMany(`on this server: they would hold more than ${L.bytes} bytes`);
    session.client = owner;
    this.open.set(id, { client: owner, bytes: Math.max(size, mine?.bytes ?? 0) });
  }

  /**
   * Deletes abandoned sessions: untouched for longer than the TTL, or holding a single chunk for
   * longer than firstChunkOnlyTtlMs. Also counts the sessions found on disk (after a restart).
   */
  async sweep(now = Date.now()) {
    /** @type {string[]} */
    let names = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    await Promise.all(
      names.map(async (name) => {
        const path = join(this.dir, name);
        try {
          const st = await stat(path);
          if (this.locks.has(name) || this.writers.has(name)) return;
          /** @type {Session | null} */
          let session = null;
          let touched = st.mtimeMs;
          if (st.isDirectory()) {
            const sst = await stat(join(path, 'session.json')).catch(() => null);
            if (sst) touched = Math.max(touched, sst.mtimeMs);
            session = sst ? JSON.parse(await readFile(join(path, 'session.json'), 'utf8')) : null;
          }
          const age = now - touched;
          const lonely = !session || session.parts.length <= 1;
          if (age > this.limits.ttlMs || (lonely && age > this.limits.firstChunkOnlyTtlMs)) {
            this.hashes.delete(name);
            this.open.delete(name);
            await rm(path, { recursive: true, force: true });
          } else if (session && !this.open.has(name)) {
            const size = (await stat(join(path, ASSEMBLY)).catch(() => null))?.size ?? 0;
            this.open.set(name, { client: session.client ?? '', bytes: size });
          }
        } catch {
          /* raced with completion */
        }
      }),
    );
  }
}

/** @param {Record<string, string>} fields */
const canonical = (fields) =>
  JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((k) => [k, fields[k]]),
  );

const notThisUpload = () =>
  new HttpError(
    400,
    "This chunk does not belong to the upload named by X-Unique-Upload-Id: its authentication or upload parameters differ from the first chunk's",
  );
