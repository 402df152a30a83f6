// The real servers every browser test talks to: the local upload server and, in front of it,
// the fault-injecting proxy. Each run gets a fresh data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/index.mjs';
import { startFaultProxy } from './fault-proxy.mjs';

export const TEST_CLOUDINARY_URL = 'cloudinary://test_key_123:test_secret_456@demo';

export const TEST_PRESETS = {
  demo_unsigned: { unsigned: true },
  tagged_unsigned: { unsigned: true, tags: 'from-preset', folder: 'preset-folder' },
  signed_only: { unsigned: false },
};

/** Where web-test-runner serves its test pages: they read the request log across origins. */
const TEST_RUNNER_ORIGINS = ['http://localhost:8000', 'http://127.0.0.1:8000'];

export async function startTestServers({ fallback } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'uw-test-'));
  const start = (port) =>
    startServer({
      port,
      dataDir,
      presets: TEST_PRESETS,
      cloudinaryUrl: TEST_CLOUDINARY_URL,
      // The browser tests upload web addresses served by this same machine.
      allowPrivateFetch: true,
      devEndpoints: { origins: TEST_RUNNER_ORIGINS },
      // One client (the browser, through the proxy) pauses and abandons many chunked uploads in
      // a run: the per-client cap on unfinished ones (20) is for strangers, not for the suite.
      chunkLimits: { sessionsPerClient: 500, sessions: 1000 },
      fallback,
    });
  let upload = await start(0);
  const proxy = await startFaultProxy({ target: upload.url, port: 0, keepAlive: false });
  return {
    get upload() {
      return upload;
    },
    proxy,
    dataDir,
    /** Stops the upload server, then starts it again on the same port and data (a server restart). */
    async restartUpload(downMs = 0) {
      const port = Number(new URL(upload.url).port);
      await upload.close();
      await new Promise((r) => setTimeout(r, downMs));
      upload = await start(port);
    },
    env: { server: upload.url, proxy: proxy.url, cloudName: upload.config.cloudName, apiKey: upload.config.apiKey },
    async close() {
      await proxy.close();
      await upload.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
