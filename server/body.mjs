// Request bodies: multipart (the file part streamed to a temp file, never buffered),
// urlencoded and JSON. One byte limit for the whole body.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { HttpError } from './errors.mjs';
import { MEMORY_FACTOR } from './budget.mjs';
import { randomId } from './ids.mjs';

/**
 * @typedef {{ path: string, name: string, mime: string, bytes: number, stored?: unknown }} ReceivedFile
 * @typedef {{ fields: Record<string, unknown>, file: ReceivedFile | null }} ParsedBody
 * A taker of the file part instead of a temp file (chunks go straight into place): given the
 * fields that came before the file, the file's bytes, and every field of the request (settles
 * once the whole body is parsed: fields after the file part count too); resolves with what it
 * stored and its byte count, or rejects to refuse the request.
 * @typedef {(fields: Record<string, unknown>, stream: import("node:stream").Readable, allFields: Promise<Record<string, unknown>>) => Promise<{ received: number }>} FileSink
 */

/**
 * Text that is held in memory whole (JSON and urlencoded bodies, multipart text fields, so data
 * URIs): parsing multiplies its size several times, so it is capped well below file parts, which
 * stream to disk.
 */
const INLINE_LIMIT = 16 * 1024 * 1024;

const inlineTooLarge = () =>
  new HttpError(
    413,
    `A form field or a JSON or urlencoded body (a data URI, say) is limited to ${INLINE_LIMIT} bytes; send the file as a multipart file part, or in chunks`,
  );

/** @param {number} limit */
function tooLarge(limit) {
  return new HttpError(413, `File size too large. Maximum is ${limit} bytes per request (use chunked upload for larger files)`);
}

/** Counts bytes through a stream and fails it past `limit` (bodies without Content-Length). @param {number} limit */
function byteLimiter(limit) {
  let seen = 0;
  return new Transform({
    transform(chunk, _enc, cb) {
      seen += chunk.length;
      if (seen > limit) cb(tooLarge(limit));
      else cb(null, chunk);
    },
  });
}

/**
 * Adds a field, turning repeats (and `name[]` form fields) into arrays.
 * @param {Record<string, unknown>} fields @param {string} rawName @param {string} value
 */
function addField(fields, rawName, value) {
  const isArray = rawName.endsWith('[]');
  const name = isArray ? rawName.slice(0, -2) : rawName;
  if (name in fields) {
    const prev = fields[name];
    fields[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  } else {
    fields[name] = isArray ? [value] : value;
  }
}

/** A multipart text field this long is charged to the memory budget (shorter ones are noise). */
const CHARGED_FIELD = 64 * 1024;

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {{ tmpDir: string, maxBytes: number, sink?: FileSink, charge?: (bytes: number) => void }} opts
 *   charge: takes bytes from the server's in-memory body budget, or throws a 503
 * @returns {Promise<ParsedBody>}
 */
export async function parseBody(req, { tmpDir, maxBytes, sink, charge = () => {} }) {
  const declared = req.headers['content-length'];
  // Decide from Content-Length before reading a byte when the client told us.
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  const type = String(req.headers['content-type'] || '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(req, tmpDir, maxBytes, sink, charge);
  const inline = Math.min(maxBytes, INLINE_LIMIT);
  if (declared !== undefined && Number(declared) > inline) throw inlineTooLarge();
  // Held whole, then copied: charged before a byte is read (as much as it may be, when unsaid).
  charge(MEMORY_FACTOR * (declared !== undefined ? Number(declared) : inline));
  const text = (
    await readAll(req, inline).catch((e) => {
      throw e instanceof HttpError && e.status === 413 && inline < maxBytes ? inlineTooLarge() : e;
    })
  ).toString('utf8');
  if (type.startsWith('application/json')) {
    let data;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      throw new HttpError(400, 'Invalid JSON body');
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new HttpError(400, 'JSON body must be an object');
    return { fields: data, file: null };
  }
  // Default to urlencoded: curl -d and HTML forms send it (and sometimes forget the type).
  /** @type {Record<string, unknown>} */
  const fields = {};
  for (const [k, v] of new URLSearchParams(text)) addField(fields, k, v);
  return { fields, file: null };
}

/** @param {import('node:stream').Readable} req @param {number} maxBytes */
export async function readAll(req, maxBytes) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {string} tmpDir
 * @param {number} maxBytes
 * @param {FileSink} [sink]
 * @param {(bytes: number) => void} [charge]
 * @returns {Promise<ParsedBody>}
 */
function parseMultipart(req, tmpDir, maxBytes, sink, charge = () => {}) {
  return new Promise((resolve, reject) => {
    /** @type {Record<string, unknown>} */
    const fields = {};
    /** @type {ReceivedFile | null} */
    let file = null;
    /** @type {Promise<void>[]} */
    const writes = [];
    /** @type {string[]} */
    const tempPaths = [];
    let failed = false;
    let bb;
    try {
      bb = busboy({ headers: req.headers, limits: { fieldSize: Math.min(maxBytes, INLINE_LIMIT), fields: 1000, files: 1 }, defParamCharset: 'utf8' });
    } catch (e) {
      reject(new HttpError(400, `Invalid multipart body: ${/** @type {Error} */ (e).message}`));
      return;
    }
    /** @type {import('node:stream').Readable[]} */
    const sources = [];
    /** @type {(f: Record<string, unknown>) => void} */
    let allFieldsKnown = () => {};
    /** @type {(e: unknown) => void} */
    let allFieldsLost = () => {};
    /** @type {Promise<Record<string, unknown>>} */
    const allFields = new Promise((ok, no) => {
      allFieldsKnown = ok;
      allFieldsLost = no;
    });
    allFields.catch(() => {});
    /** @param {unknown} err */
    const fail = async (err) => {
      if (failed) return;
      failed = true;
      allFieldsLost(err);
      req.unpipe();
      for (const s of sources) s.destroy();
      // Let the writers close before deleting, so a late open cannot recreate the file:
      // a partial file must leave no trace.
      await Promise.allSettled(writes);
      await Promise.all(tempPaths.map((p) => rm(p, { force: true })));
      reject(err);
    };
    bb.on('field', (name, value, info) => {
      // busboy cuts a field at fieldSize and says so: a cut data URI is a refusal, not a file.
      if (info.valueTruncated) fail(inlineTooLarge());
      else {
        // A large text field (a data URI) is held, parsed and decoded in memory.
        if (value.length > CHARGED_FIELD) {
          try {
            charge((MEMORY_FACTOR - 1) * value.length);
          } catch (e) {
            fail(e);
            return;
          }
        }
        addField(fields, name, value);
      }
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      if (sink) {
        /** @type {ReceivedFile} */
        const taken = { path: '', name: info.filename || '', mime: info.mimeType || 'application/octet-stream', bytes: 0, stored: undefined };
        file = taken;
        sources.push(stream);
        writes.push(
          sink({ ...fields }, stream, allFields).then(
            (r) => {
              taken.bytes = r.received;
              taken.stored = r;
            },
            (e) => {
              fail(e);
            },
          ),
        );
        return;
      }
      const path = join(tmpDir, `${randomId(16)}.upload`);
      tempPaths.push(path);
      const received = { path, name: info.filename || '', mime: info.mimeType || 'application/octet-stream', bytes: 0 };
      file = received;
      sources.push(stream);
      stream.on('data', (c) => {
        received.bytes += c.length;
      });
      writes.push(
        pipeline(stream, createWriteStream(path)).catch((e) => {
          fail(e);
        }),
      );
    });
    bb.on('filesLimit', () => {});
    bb.on('error', (e) => fail(e instanceof HttpError ? e : new HttpError(400, `Invalid multipart body: ${/** @type {Error} */ (e).message}`)));
    bb.on('close', async () => {
      allFieldsKnown({ ...fields });
      await Promise.all(writes);
      if (failed) return;
      resolve({ fields, file });
    });
    // A dropped connection ("aborted") must delete what was written so far.
    req.on('close', () => {
      if (!req.complete) fail(new HttpError(400, 'Request aborted by the client'));
    });
    req.on('error', (e) => fail(new HttpError(400, `Request aborted: ${e.message}`)));
    const limiter = byteLimiter(maxBytes);
    limiter.on('error', (e) => fail(e));
    req.pipe(limiter).pipe(bb);
  });
}
