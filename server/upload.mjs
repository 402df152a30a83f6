// POST /v1_1/<cloud>/<resource_type>/upload: authenticate, apply the preset, take the
// file (whole or chunk by chunk), name it, store it, answer like Cloudinary.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { parseBody } from './body.mjs';
import { checkUploadId, parseContentRange } from './chunks.mjs';
import { HttpError } from './errors.mjs';
import { resolveFileInput } from './file-input.mjs';
import { randomHex32, randomId } from './ids.mjs';
import { classify, extOf, rawFormat, stemOf } from './media.mjs';
import { checkUnsignedParams, parsePathish, parseUploadOptions } from './params.mjs';
import { responseSignature, verifySignedParams } from './signature.mjs';

/**
 * @typedef {object} UploadContext
 * @property {import('./config.mjs').Credentials} creds
 * @property {import('./config.mjs').Presets} presets
 * @property {import('./store.mjs').Store} store
 * @property {import('./chunks.mjs').ChunkSessions} chunks
 * @property {number} maxBytes
 * @property {number} minChunkBytes every chunk but the last must have at least this many bytes
 * @property {boolean} [allowPrivateFetch] `file=<url>` may reach loopback and private addresses
 * @property {import('./app.mjs').DevSettings} settings signatureMaxAge: how long a signature stays valid (PUT /__dev/settings changes it)
 * @property {boolean} [legacySignatures] also accept signatures of the unescaped (version 1) string
 * @property {number} [fetchTimeoutMs] how long fetching a `file=<url>` may take
 * @property {import('./fetch-remote.mjs').Resolve} [resolve] how host names of `file=<url>` are resolved
 */

/**
 * @param {UploadContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {'image'|'video'|'raw'|'auto'} requestedType
 * @param {(info: { params: Record<string, unknown>, fileName?: string, fileBytes?: number }) => void} note records what arrived (dev log)
 * @param {(bytes: number) => void} [charge] takes bytes from the in-memory body budget (see budget.mjs)
 * @returns {Promise<Record<string, unknown>>} the JSON body of a 200 response
 */
export async function handleUpload(ctx, req, requestedType, note, charge) {
  const rangeHeader = req.headers['content-range'];
  const chunk = rangeHeader === undefined ? undefined : chunkHeaders(ctx, req, String(rangeHeader));
  // A chunk's bytes go straight into place, once its parameters (sent before the file part)
  // are authorized and it fits the upload's session; it is acknowledged only once every
  // parameter of the request (those after the file part too) is authorized and matches the session.
  /** @type {import('./body.mjs').FileSink | undefined} */
  const sink =
    chunk &&
    (async (fieldsSoFar, stream, allFields) => {
      authorize(ctx, fieldsSoFar);
      /** @type {import('./chunks.mjs').ChunkBinding} */
      const binding = {
        early: chunkBinding(fieldsSoFar),
        full: async () => {
          const fields = await allFields;
          authorize(ctx, fields);
          return chunkBinding(fields);
        },
        client: String(req.socket.remoteAddress ?? ''),
      };
      return ctx.chunks.receive(chunk.uploadId, chunk.range, chunk.header, binding, stream);
    });
  const body = await parseBody(req, { tmpDir: ctx.store.tmpDir, maxBytes: ctx.maxBytes, sink, charge });
  const { file: fileField, ...fields } = body.fields;
  // A web address (or data URI) in `file` is logged too, shortened: tests check what was asked for.
  const logged = typeof fileField === 'string' ? { ...fields, file: fileField.length > 2048 ? `${fileField.slice(0, 2048)}…` : fileField } : fields;
  note({ params: logged, fileName: body.file?.name, fileBytes: body.file?.bytes });
  /** @type {string[]} temp files to delete unless they were moved into place */
  const temps = body.file?.path ? [body.file.path] : [];
  try {
    const opts = authorize(ctx, body.fields);
    let file;
    if (chunk) {
      if (!body.file) throw new HttpError(400, 'Missing required parameter - file (a chunk must be sent as a file part)');
      const r = /** @type {Awaited<ReturnType<import('./chunks.mjs').ChunkSessions['receive']>>} */ (body.file.stored);
      if ('answered' in r) return r.answered;
      if (!r.done) return { done: false, bytes: r.bytes, upload_id: chunk.uploadId };
      file = { ...body.file, path: r.path, bytes: r.bytes, etag: r.etag };
      temps.push(r.path);
      // Cloudinary marks the answer to the last chunk: the upload is complete.
      const answer = { ...(await storeUpload(ctx, req, requestedType, opts, file)), done: true };
      ctx.chunks.remember(chunk.uploadId, chunk.range, r.fields, r.chunkHash, answer);
      return answer;
    }
    file = await resolveFileInput(body, {
      tmpDir: ctx.store.tmpDir,
      maxBytes: ctx.maxBytes,
      allowPrivateFetch: ctx.allowPrivateFetch,
      fetchTimeoutMs: ctx.fetchTimeoutMs,
      resolve: ctx.resolve,
    });
    temps.push(file.path);
    return await storeUpload(ctx, req, requestedType, opts, file);
  } finally {
    await Promise.all(temps.map((p) => rm(p, { force: true })));
  }
}

/**
 * A chunk's headers, checked before its body is read.
 * @param {UploadContext} ctx @param {import('node:http').IncomingMessage} req @param {string} header
 */
function chunkHeaders(ctx, req, header) {
  const uploadId = req.headers['x-unique-upload-id'];
  if (!uploadId) throw new HttpError(400, 'Missing X-Unique-Upload-Id header for a chunked upload (Content-Range given)');
  checkUploadId(String(uploadId));
  const range = parseContentRange(header);
  const last = range.total !== null && range.end + 1 >= range.total;
  if (!last && range.end - range.start + 1 < ctx.minChunkBytes) {
    throw new HttpError(400, 'All parts except EOF-chunk must be larger than 5mb');
  }
  return { uploadId: String(uploadId), range, header };
}

/**
 * What ties the chunks of one upload together: how it is authorized (signed or not) and a digest
 * of every upload parameter, without what legitimately changes from chunk to chunk (a re-signed
 * timestamp and its signature).
 * @param {Record<string, unknown>} fields
 * @returns {Record<string, string>}
 */
function chunkBinding(fields) {
  const { signature, timestamp: _t, file: _f, ...rest } = fields;
  /** @type {Record<string, string>} */
  const out = { '': signature !== undefined && signature !== '' ? 'signed' : 'unsigned' };
  for (const [k, v] of Object.entries(rest)) out[k] = createHash('sha256').update(JSON.stringify(v)).digest('hex');
  return out;
}

/**
 * Signed or unsigned, then the preset's parameters under the request's.
 * @param {UploadContext} ctx
 * @param {Record<string, unknown>} fields
 */
function authorize(ctx, fields) {
  const signed = fields.signature !== undefined && fields.signature !== '';
  const presetName = fields.upload_preset === undefined || fields.upload_preset === '' ? undefined : String(fields.upload_preset);
  if (signed) {
    verifySignedParams(fields, ctx.creds, undefined, ctx.settings.signatureMaxAge, { legacySignatures: ctx.legacySignatures });
  } else {
    checkUnsignedParams(fields);
    if (!presetName) throw new HttpError(400, 'Upload preset must be specified when using unsigned upload');
  }
  let presetParams = {};
  if (presetName) {
    const preset = Object.hasOwn(ctx.presets, presetName) ? ctx.presets[presetName] : undefined;
    if (!preset) throw new HttpError(400, 'Upload preset not found');
    if (!signed && !preset.unsigned) throw new HttpError(400, 'Upload preset must be whitelisted for unsigned uploads');
    const { unsigned: _u, ...rest } = preset;
    presetParams = rest;
  }
  return parseUploadOptions({ ...presetParams, ...dropEmpty(fields) }, { signed });
}

/** Empty request values must not wipe a preset's value. @param {Record<string, unknown>} fields */
function dropEmpty(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

/** Filename stem → URL-safe public id part (Cloudinary normalizes the same way). @param {string} stem */
function safeStem(stem) {
  return stem
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 200);
}

/** @param {string} path */
async function md5File(path) {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * @param {UploadContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {'image'|'video'|'raw'|'auto'} requestedType
 * @param {import('./params.mjs').UploadOptions} opts
 * @param {import('./body.mjs').ReceivedFile & { etag?: string }} file
 */
async function storeUpload(ctx, req, requestedType, opts, file) {
  if (!file.bytes) throw new HttpError(400, 'Empty file: the file has no bytes');
  const kind = await classify(file, requestedType);
  const originalName = opts.filename_override || file.name || '';
  if (opts.allowed_formats?.length) {
    // Images and videos by their detected format; raw files by what their bytes say where they
    // say it, else by their extension.
    const format = (kind.format || (await rawFormat(file.path, extOf(originalName))) || '').toLowerCase();
    /** @param {string} f */
    const norm = (f) => (f === 'jpeg' ? 'jpg' : f);
    if (!opts.allowed_formats.map(norm).includes(norm(format))) {
      const what = kind.resource_type === 'image' ? 'Image file' : kind.resource_type === 'video' ? 'Video file' : 'File';
      throw new HttpError(400, `${what} format ${format || 'unknown'} not allowed`);
    }
  }
  const ext = extOf(originalName);
  const stem = stemOf(originalName);

  let id = opts.public_id;
  if (!id) {
    const fromName = opts.use_filename ? safeStem(stem) : '';
    id = fromName ? (opts.unique_filename ? `${fromName}_${randomId(6)}` : fromName) : randomId(20);
    // Raw public ids carry the extension (they have no format of their own).
    if (kind.resource_type === 'raw' && ext) id = `${id}.${ext}`;
  }
  const publicId = parsePathish('public_id', [opts.folder, `${opts.public_id_prefix || ''}${id}`].filter(Boolean).join('/'));
  if (!publicId) throw new HttpError(400, 'Invalid public_id');

  const { store, creds } = ctx;
  return store.exclusive(`${creds.cloudName}/${kind.resource_type}/${opts.type}/${publicId}`, () =>
    writeAsset(ctx, req, opts, file, kind, publicId, originalName),
  );
}

/**
 * Reads the asset being replaced and writes the new one; runs alone per public id.
 * @param {UploadContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('./params.mjs').UploadOptions} opts
 * @param {import('./body.mjs').ReceivedFile & { etag?: string }} file
 * @param {import('./media.mjs').Classified} kind
 * @param {string} publicId
 * @param {string} originalName
 */
async function writeAsset(ctx, req, opts, file, kind, publicId, originalName) {
  const { store, creds } = ctx;
  const ext = extOf(originalName);
  const stem = stemOf(originalName);
  const existing = await store.get(creds.cloudName, kind.resource_type, opts.type, publicId);
  if (existing && !opts.overwrite) return toResponse(ctx, req, existing, { existing: true });

  const now = Math.floor(Date.now() / 1000);
  // The version must grow even for two uploads within the same second.
  const version = existing ? Math.max(now, existing.version + 1) : now;
  const format = kind.format;
  const meta = {
    asset_id: existing?.asset_id || randomHex32(),
    public_id: publicId,
    version,
    version_id: randomHex32(),
    ...(kind.resource_type === 'image' ? { width: kind.width, height: kind.height } : {}),
    ...(format ? { format } : {}),
    resource_type: kind.resource_type,
    created_at: new Date(now * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
    tags: opts.tags,
    ...(kind.resource_type === 'image' ? { pages: kind.pages } : {}),
    bytes: file.bytes,
    type: opts.type,
    // Chunked uploads hash while assembling; a single request's file is hashed here.
    etag: file.etag ?? (await md5File(file.path)),
    asset_folder: opts.asset_folder ?? opts.folder ?? '',
    display_name: opts.display_name ?? (opts.use_filename_as_display_name && stem ? stem : publicId.split('/').pop() || publicId),
    ...(opts.context ? { context: { custom: opts.context } } : {}),
    ...(opts.metadata ? { metadata: opts.metadata } : {}),
    ...(opts.custom_coordinates || opts.face_coordinates
      ? {
          coordinates: {
            ...(opts.custom_coordinates ? { custom: opts.custom_coordinates } : {}),
            ...(opts.face_coordinates ? { faces: opts.face_coordinates } : {}),
          },
        }
      : {}),
    ...(!opts.discard_original_filename ? { original_filename: stem || 'file' } : {}),
    ...(ext && format && ext !== format ? { original_extension: ext } : {}),
  };
  const saved = await store.put(creds.cloudName, meta, file.path, existing);
  return toResponse(ctx, req, saved, opts.overwrite ? {} : { existing: false });
}

/** The base URL clients used to reach us (delivery URLs point back at this server). @param {import('node:http').IncomingMessage} req */
function publicBase(req) {
  const proto =
    String(req.headers['x-forwarded-proto'] || '')
      .split(',')[0]
      .trim() === 'https'
      ? 'https'
      : 'http';
  const host = /^[A-Za-z0-9.:[\]-]+$/.test(String(req.headers.host || '')) ? req.headers.host : `127.0.0.1:${req.socket.localPort}`;
  return `${proto}://${host}`;
}

/** @param {string} publicId */
const encodePublicId = (publicId) => publicId.split('/').map(encodeURIComponent).join('/');

/**
 * @param {UploadContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('./store.mjs').AssetMeta} meta
 * @param {Record<string, unknown>} extra
 */
function toResponse(ctx, req, meta, extra) {
  const { file: _f, ...m } = meta;
  const url = `${publicBase(req)}/${ctx.creds.cloudName}/${m.resource_type}/${m.type}/v${m.version}/${encodePublicId(m.public_id)}${m.format ? `.${m.format}` : ''}`;
  // Key order follows Cloudinary's documented response.
  const { asset_id, public_id, version, version_id, ...rest } = m;
  const { original_filename, original_extension, asset_folder, display_name, context, metadata, coordinates, ...mid } = rest;
  return {
    asset_id,
    public_id,
    version,
    version_id,
    signature: responseSignature(public_id, version, ctx.creds.apiSecret),
    ...mid,
    placeholder: false,
    url,
    secure_url: url,
    asset_folder,
    display_name,
    ...(context ? { context } : {}),
    ...(metadata ? { metadata } : {}),
    ...(coordinates ? { coordinates } : {}),
    ...extra,
    ...(original_filename !== undefined ? { original_filename } : {}),
    ...(original_extension ? { original_extension } : {}),
    api_key: ctx.creds.apiKey,
  };
}
