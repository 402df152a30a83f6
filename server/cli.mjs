#!/usr/bin/env node
// upload-widget-server --port 8787 --data-dir ./uploads [--presets presets.json] [--host 127.0.0.1]
// (in the repository: npm run server -- …). Safe defaults: loopback only, no dev endpoints, no
// signing endpoint, no fetching of private addresses, no legacy signatures.
import { parseArgs } from 'node:util';
import { loadPresetsFile } from './config.mjs';
import { startServer } from './index.mjs';

const HELP = `Usage: upload-widget-server [options]

  --port <n>               port to listen on (default 8787; 0 picks a free one)
  --host <address>         address to listen on (default 127.0.0.1)
  --data-dir <dir>         where assets are stored (default .data)
  --presets <file>         upload presets, JSON: { "<name>": { "unsigned": true, ... } }
                           (default: one unsigned preset, demo_unsigned)
  --signature-max-age <s>  how long a signature stays valid, in seconds (default 3600)
  --allow-private-fetch    let file=<url> reach loopback and private addresses (local development only)
  --dev-endpoints          serve /api/sign-upload and /__dev/* (request log, assets, settings) to this
                           server's own pages, on localhost, 127.0.0.1 or [::1]
  --dev-host <name>        another host name the dev endpoints answer on (repeatable)
  --dev-origin <origin>    another page origin the dev endpoints answer (repeatable)
  --legacy-signatures      also accept signatures of the unescaped string old SDKs make
  --quiet                  no request log on stdout
  -h, --help               this text

Credentials come from CLOUDINARY_URL (default cloudinary://123456789012345:local-dev-secret@demo).`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'data-dir': { type: 'string', default: '.data' },
      presets: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'signature-max-age': { type: 'string', default: '3600' },
      quiet: { type: 'boolean', default: false },
      'allow-private-fetch': { type: 'boolean', default: false },
      'dev-endpoints': { type: 'boolean', default: false },
      'dev-host': { type: 'string', multiple: true, default: [] },
      'dev-origin': { type: 'string', multiple: true, default: [] },
      'legacy-signatures': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`${/** @type {Error} */ (e).message}\n\n${HELP}`);
  process.exit(2);
}

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const port = Number(values.port);
const maxAge = Number(values['signature-max-age']);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (got ${values.port})`);
  process.exit(2);
}
if (!Number.isFinite(maxAge) || maxAge < 0) {
  console.error(`--signature-max-age must be a number of seconds (got ${values['signature-max-age']})`);
  process.exit(2);
}

try {
  const hosts = /** @type {string[]} */ (values['dev-host']);
  const origins = /** @type {string[]} */ (values['dev-origin']);
  const srv = await startServer({
    port,
    host: values.host,
    dataDir: /** @type {string} */ (values['data-dir']),
    presets: values.presets ? await loadPresetsFile(values.presets) : undefined,
    log: !values.quiet,
    signatureMaxAge: maxAge,
    allowPrivateFetch: values['allow-private-fetch'],
    devEndpoints: values['dev-endpoints'] ? (hosts.length || origins.length ? { hosts, origins } : true) : false,
    legacySignatures: values['legacy-signatures'],
  });
  console.log(`Upload server: ${srv.url} (cloud "${srv.config.cloudName}", api_key "${srv.config.apiKey}")`);
  /** @param {string} signal */
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
