// Chunked uploads as the SDK's upload_large sends them: each chunk is a whole upload
// request with `X-Unique-Upload-Id` and `Content-Range: bytes start-end/total`
// (total is -1 until the last chunk). Each chunk is kept as its own file; the asset is
// assembled by streaming them in order once every byte 0..total-1 has arrived.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { HttpError } from './errors.mjs';
import { randomId } from './ids.mjs';

const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

/** @typedef {{ start: number, end: number, total: number | null }} ContentRange */

/** @param {string} header @returns {ContentRange} */
export function parseContentRange(header) {
  const m = /^bytes (\d+)-(\d+)\/(\d+|-1|\*)$/.exec(String(header).trim());
  if (!m) throw new HttpError(400, `Invalid Content-Range header '${header}': expected "bytes start-end/total"`);
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = m[3] === '-1' || m[3] === '*' ? null : Number(m[3]);
  if (end < start) throw new HttpError(400, `Invalid Content-Range header '${header}': end is before start`);
  if (total !== null && end >= total) throw new HttpError(400, `Invalid Content-Range header '${header}': range goes beyond the total size`);
  return { start, end, total };
}

/** @param {string} id */
export function checkUploadId(id) {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new HttpError(400, 'Invalid X-Unique-Upload-Id header: use 1-128 characters of [A-Za-z0-9_-]');
}

/** Streams `files` one after another into `out` (constant memory, any size). */
async function concatFiles(files, out) {
  const ws = createWriteStream(out);
  const failed = once(ws, 'error').then(([e]) => { throw e; });
  failed.catch(() => {});
  try {
    for (const file of files) {
      for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
        if (!ws.write(chunk)) await Promise.race([once(ws, 'drain'), failed]);
      }
    }
    ws.end();
    await Promise.race([once(ws, 'finish'), failed]);
  } catch (e) {
    ws.destroy();
    throw e;
  }
}

export class ChunkSessions {
  /** @param {string} dir where sessions live (one directory per upload id) */
  constructor(dir) {
    this.dir = dir;
    /** Serializes work per session: two chunks finishing together must not both assemble. */
    /** @type {Map<string, Promise<unknown>>} */
    this.locks = new Map();
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
   * Stores one chunk (its body already complete on disk at `chunkPath`, which is moved).
   * @param {string} id
   * @param {ContentRange} range
   * @param {string} header the Content-Range header, for error messages
   * @param {{ path: string, bytes: number }} chunk
   * @returns {Promise<{ done: false, bytes: number } | { done: true, path: string, bytes: number }>}
   */
  add(id, range, header, chunk) {
    checkUploadId(id);
    const badRange = (why) => new HttpError(400, `Invalid Content-Range header '${header}': ${why}`);
    if (chunk.bytes !== range.end - range.start + 1) {
      return rm(chunk.path, { force: true }).then(() => {
        throw badRange(`the chunk has ${chunk.bytes} bytes but the range says ${range.end - range.start + 1}`);
      });
    }
    return this.#locked(id, async () => {
      const dir = join(this.dir, id);
      await mkdir(dir, { recursive: true });
      const session = await this.#readSession(dir);
      try {
        if (range.total !== null && session.total !== null && range.total !== session.total) {
          throw badRange(`total ${range.total} differs from ${session.total} given by an earlier chunk`);
        }
        const total = range.total ?? session.total;
        // A chunk sent again with the same start replaces the earlier copy.
        const others = session.parts.filter((p) => p.start !== range.start);
        for (const p of others) {
          if (range.start <= p.end && p.start <= range.end) throw badRange(`overlaps the chunk bytes ${p.start}-${p.end}`);
          if (total !== null && p.end >= total) throw badRange(`an earlier chunk (bytes ${p.start}-${p.end}) lies beyond total ${total}`);
        }
        for (const p of session.parts.filter((q) => q.start === range.start)) await rm(join(dir, p.file), { force: true });
        const file = `${range.start}-${range.end}.part`;
        await rename(chunk.path, join(dir, file));
        session.parts = [...others, { start: range.start, end: range.end, file }].sort((a, b) => a.start - b.start);
        session.total = total;
        await this.#writeSession(dir, session);
      } catch (e) {
        await rm(chunk.path, { force: true });
        throw e;
      }
      const received = session.parts.reduce((n, p) => n + (p.end - p.start + 1), 0);
      if (session.total === null || received !== session.total) return { done: false, bytes: received };
      // Non-overlapping parts summing to total, all inside [0,total): they tile it exactly.
      const out = join(this.dir, `${id}.${randomId(8)}.assembled`);
      try {
        await concatFiles(session.parts.map((p) => join(dir, p.file)), out);
      } catch (e) {
        await rm(out, { force: true });
        throw e;
      }
      await rm(dir, { recursive: true, force: true });
      return { done: true, path: out, bytes: session.total };
    });
  }

  async #readSession(dir) {
    try {
      return JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'));
    } catch {
      return { createdAt: Date.now(), total: null, parts: [] };
    }
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
        if (now - st.mtimeMs > SESSION_TTL_MS && !this.locks.has(name)) await rm(path, { recursive: true, force: true });
      } catch { /* raced with completion */ }
    }));
  }
}
