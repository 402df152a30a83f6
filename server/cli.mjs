#!/usr/bin/env node
// npm run server -- --port 8787 --data-dir .data [--presets presets.json] [--host 127.0.0.1]
import { parseArgs } from 'node:util';
import { loadPresetsFile } from './config.mjs';
import { startServer } from './index.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'data-dir': { type: 'string', default: '.data' },
    presets: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'signature-max-age': { type: 'string', default: '3600' },
    quiet: { type: 'boolean', default: false },
    'allow-private-fetch': { type: 'boolean', default: false },
    'dev-endpoints': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: node server/cli.mjs [--port 8787] [--data-dir .data] [--presets presets.json] [--host 127.0.0.1] [--signature-max-age 3600] [--quiet] [--allow-private-fetch] [--dev-endpoints]\n' +
      '--allow-private-fetch lets file=<url> reach loopback and private addresses (local development only).\n' +
      "--dev-endpoints turns on /__dev/* (request log, assets, settings) for this server's own pages.\n" +
      'Credentials come from CLOUDINARY_URL (default cloudinary://123456789012345:local-dev-secret@demo).',
  );
  process.exit(0);
}

try {
  const srv = await startServer({
    port: Number(values.port),
    host: values.host,
    dataDir: values['data-dir'],
    presets: values.presets ? await loadPresetsFile(values.presets) : undefined,
    log: !values.quiet,
    signatureMaxAge: Number(values['signature-max-age']),
    allowPrivateFetch: values['allow-private-fetch'],
    devEndpoints: values['dev-endpoints'],
  });
  console.log(`Upload server: ${srv.url} (cloud "${srv.config.cloudName}", api_key "${srv.config.apiKey}")`);
  const stop = async (signal) => {
    console.log(`\n${signal}: stopping upload server`);
    await srv.close();
    process.exit(0);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (e) {
  console.error(`Upload server failed to start: ${/** @type {Error} */ (e).message}`);
  process.exit(1);
}
