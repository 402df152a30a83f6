// One protocol, written twice on purpose (the local server checks the widget independently), must
// agree: what the widget's encoder puts on the wire, the server's decoder reads back as it was
// meant; what the widget hands a site to sign, signed as the official SDK signs it, the server
// accepts; and the keys left out of signing are the same on both sides. The widget's TypeScript
// is bundled here with esbuild (the project's own, through vite) for Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parseCoordinates, parseKeyValues, parseUploadOptions } from '../../server/params.mjs';
import { UNSIGNED_KEYS, verifySignedParams } from '../../server/signature.mjs';

const cloudinary = createRequire(import.meta.url)('cloudinary').v2;
const ROOT = resolve(import.meta.dirname, '../..');
const creds = { cloudName: 'demo', apiKey: '123456789012345', apiSecret: 'a-secret-the-browser-never-sees' };
let dir;
let client;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uw-protocol-'));
  await build({
    stdin: {
      contents: "export { encodeParams } from './src/core/protocol.ts'; export { paramsToSign, NOT_SIGNED } from './src/core/signing.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(dir, 'client.mjs'),
    logLevel: 'silent',
  });
  client = await import(pathToFileURL(join(dir, 'client.mjs')).href);
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

/** Parameters with every character the syntax must escape or keep. */
const TRICKY = {
  public_id: 'holiday/beach-sun',
  folder: 'albums/2026',
  tags: ['summer 2026', 'beach', 'día'],
  context: { caption: 'a=b|c & d', 'alt|text': 'x\\y = z', empty: '' },
  custom_coordinates: [
    [10, 20, 300, 200],
    [0, 0, 5, 5],
  ],
  use_filename: true,
  unique_filename: false,
  timestamp: 1_795_000_000,
};

test("the widget's encoding reads back on the server as the values it meant", () => {
  const wire = client.encodeParams(TRICKY);
  assert.deepEqual(parseKeyValues('context', wire.context), { caption: 'a=b|c & d', 'alt|text': 'x\\y = z', empty: '' });
  assert.deepEqual(parseCoordinates('custom_coordinates', wire.custom_coordinates), TRICKY.custom_coordinates);
  const options = parseUploadOptions({ ...wire, type: 'upload' }, { signed: true });
  assert.deepEqual(options.tags, TRICKY.tags);
  assert.equal(options.public_id, TRICKY.public_id);
  assert.equal(options.folder, TRICKY.folder);
  assert.equal(options.use_filename, true);
  assert.equal(options.unique_filename, false);
});

test('what the widget hands a site to sign, signed by the official SDK, the server accepts; changed after signing, it refuses', () => {
  const toSign = client.paramsToSign({ ...TRICKY, api_key: creds.apiKey, resource_type: 'image', file: 'x' });
  assert.ok(!('api_key' in toSign) && !('file' in toSign) && !('resource_type' in toSign));
  // The site's server, with the official SDK.
  const signature = cloudinary.utils.api_sign_request(toSign, creds.apiSecret);
  // The request the widget sends: its encoded fields, the key and the signature.
  const fields = { ...client.encodeParams(TRICKY), api_key: creds.apiKey, signature };
  assert.doesNotThrow(() => verifySignedParams(fields, creds, TRICKY.timestamp));
  assert.throws(() => verifySignedParams({ ...fields, folder: 'elsewhere' }, creds, TRICKY.timestamp), /Invalid Signature/);
});

test('both sides leave the same keys out of the string to sign', () => {
  assert.deepEqual([...client.NOT_SIGNED].sort(), [...UNSIGNED_KEYS].sort());
});
