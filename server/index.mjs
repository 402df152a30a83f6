// startServer(): the local Cloudinary-compatible upload server, embeddable in tests and the demo.
import { createServer } from 'node:http';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createApp } from './app.mjs';
import { ChunkSessions } from './chunks.mjs';
import { DEFAULT_PRESETS, DEV_CLOUDINARY_URL, normalizePresets, parseCloudinaryUrl } from './config.mjs';
import { resolverAt } from './private-address.mjs';
import { Store } from './store.mjs';

export { DEFAULT_PRESETS, DEV_CLOUDINARY_URL, parseCloudinaryUrl } from './config.mjs';
export { signParams, stringToSign } from './signature.mjs';

const SWEEP_EVERY_MS = 5 * 60 * 1000;
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [host] default 127.0.0.1
 * @property {string} dataDir created if missing
 * @property {Record<string, Record<string, unknown>>} [presets] default: { demo_unsigned: { unsigned: true } }
 * @property {string} [cloudinaryUrl] default: process.env.CLOUDINARY_URL, else the dev default
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} [fallback]
 *   handler for requests the server does not own (the demo mounts vite here)
 * @property {boolean} [log] log each request to stdout
 * @property {number} [maxRequestBytes] per-request body limit (default 110 MiB)
 * @property {number} [minChunkBytes] every chunk but the last must be at least this big (default
 *   5 MiB, Cloudinary's rule; tests of the chunk protocol use small chunks)
 * @property {boolean} [allowPrivateFetch] let `file=<url>` reach loopback and private addresses
 *   (off: a client could make the server fetch from its own network; on for local development)
 * @property {false | true | { origins?: string[], hosts?: string[] }} [devEndpoints] /api/sign-upload and
 *   /__dev/requests, /__dev/assets, /__dev/settings, /__dev/reset, /__dev/chunk-sessions, for the
 *   demo and tests: off (default); on for requests addressed to a loopback name (localhost,
 *   127.0.0.1, [::1]) from this server's own pages (and clients that send no Origin); an object
 *   adds `origins` (other pages allowed) and `hosts` (other names of this server)
 * @property {number} [signatureMaxAge] how long a signature's timestamp stays valid, in seconds (default 3600,
 *   Cloudinary's hour); with devEndpoints, PUT /__dev/settings changes it at run time
 * @property {boolean} [legacySignatures] also accept signatures of the unescaped string (old SDKs);
 *   off: a signature for `folder="x&overwrite=true"` would also sign `folder=x` + `overwrite=true`
 * @property {Partial<import('./chunks.mjs').SessionLimits>} [chunkLimits] unfinished chunked uploads:
 *   how many and how many bytes per client and in total, and how long they live
 * @property {number} [sweepEveryMs] how often expired chunked uploads are deleted (default 5 min)
 * @property {number} [bodyBudgetBytes] memory the request bodies in flight may take, counting the copies a
 *   JSON body and its data URI make (default 256 MiB); beyond it, 503 + Retry-After
 * @property {number} [maxRenders] transformations rendered at a time (default 2)
 * @property {number} [renderQueue] transformations that may wait for a turn; beyond, 503 + Retry-After (default 8)
 * @property {number} [fetchTimeoutMs] how long fetching a `file=<url>` may take (default 20 s)
 * @property {string} [dnsServer] tests only: resolve the host names of `file=<url>` by asking this
 *   DNS server (`127.0.0.1:5353`) instead of the system's resolver
 * @property {number} [idleTimeoutMs] a connection that sends nothing for this long is closed (default 60 s)
 * @property {number} [headersTimeoutMs] the time a client has to send a request's headers (default 20 s)
 * @property {number} [requestTimeoutMs] the time a whole request may take (default 30 min)
 */

/**
 * @param {ServerOptions} options
 * @returns {Promise<{ url: string, port: number, config: import('./config.mjs').Credentials, server: import('node:http').Server, close: () => Promise<void> }>}
 */
export async function startServer(options) {
  if (!options?.dataDir) throw new Error('startServer: dataDir is required');
  const creds = parseCloudinaryUrl(options.cloudinaryUrl || process.env.CLOUDINARY_URL || DEV_CLOUDINARY_URL);
  const presets = normalizePresets(options.presets ?? DEFAULT_PRESETS);
  const store = new Store(resolve(options.dataDir));
  await mkdir(store.tmpDir, { recursive: true });
  const chunks = new ChunkSessions(join(store.tmpDir, 'chunks'), options.chunkLimits);
  await mkdir(chunks.dir, { recursive: true });

  const sweep = async () => {
    await chunks.sweep();
    // Leftovers of a crash mid-upload (live uploads are never a day old).
    for (const name of await readdir(store.tmpDir).catch(() => [])) {
      if (name === 'chunks') continue;
      const p = join(store.tmpDir, name);
      const st = await stat(p).catch(() => null);
      if (st && Date.now() - st.mtimeMs > STALE_TEMP_MS) await rm(p, { recursive: true, force: true });
    }
  };
  await sweep();
  const timer = setInterval(() => sweep().catch(() => {}), options.sweepEveryMs ?? SWEEP_EVERY_MS);
  timer.unref();

  const { handler } = createApp({
    creds,
    presets,
    store,
    chunks,
    maxBytes: options.maxRequestBytes ?? 110 * 1024 * 1024,
    minChunkBytes: options.minChunkBytes ?? 5 * 1024 * 1024,
    allowPrivateFetch: options.allowPrivateFetch ?? false,
    devEndpoints: options.devEndpoints ?? false,
    // How long a signature's timestamp stays valid; Cloudinary's is one hour.
    signatureMaxAge: options.signatureMaxAge ?? 3600,
    legacySignatures: options.legacySignatures ?? false,
    fetchTimeoutMs: options.fetchTimeoutMs,
    maxRenders: options.maxRenders,
    bodyBudgetBytes: options.bodyBudgetBytes,
    renderQueue: options.renderQueue,
    resolve: options.dnsServer ? resolverAt(options.dnsServer) : undefined,
    log: !!options.log,
    fallback: options.fallback,
  });
  const server = createServer(handler);
  // A whole request may take 30 minutes (a 110 MiB single upload over a slow link; chunked
  // uploads send many short requests), far beyond Node's default 5; what is bounded tightly is
  // silence: headers that never finish, and a connection that stops sending (its partial upload
  // is deleted when the socket closes, see body.mjs).
  server.requestTimeout = options.requestTimeoutMs ?? 30 * 60_000;
  server.headersTimeout = options.headersTimeoutMs ?? 20_000;
  server.timeout = options.idleTimeoutMs ?? 60_000;
  const host = options.host || '127.0.0.1';
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    config: { ...creds },
    server,
    close: () =>
      new Promise((done) => {
        clearInterval(timer);
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
