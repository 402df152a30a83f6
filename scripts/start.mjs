// npm start: the demo page (served by vite, live-reloading src/) and the local upload server,
// on one origin, so the page uploads to http://127.0.0.1:PORT/v1_1/... with no CORS in the way.
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer as createVite } from 'vite';
import { startServer } from '../server/index.mjs';

const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.DATA_DIR ?? '.data';
mkdirSync(dataDir, { recursive: true });

// The locale modules the demo loads on demand are generated from locales/*.xlf.
execSync('npx lit-localize build', { stdio: 'ignore' });

const vite = await createVite({ server: { middlewareMode: true }, appType: 'mpa', logLevel: 'warn' });
const server = await startServer({
  port,
  dataDir,
  // The demo uploads web addresses from this same machine (its sample images).
  allowPrivateFetch: true,
  // The request log and asset list, for someone trying the widget (same origin only).
  devEndpoints: true,
  fallback: (req, res) => vite.middlewares(req, res),
});

console.log(`\n  <upload-widget> demo: ${server.url}/\n`);
console.log(`  Upload API: ${server.url}/v1_1/${server.config.cloudName}/auto/upload (stored in ${dataDir}/)`);
console.log('  Press Ctrl+C to stop.\n');

const stop = async () => {
  await vite.close();
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
