// The classic script is one file: `<script src=".../upload-widget.iife.js">` alone uploads, so the
// uploader is inside it, never a part fetched beside it (a site that copies only the one file, or a
// page opened from file://, would see every upload fail). Reads the built dist/ (`npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../../dist');
const IIFE = resolve(DIST, 'upload-widget.iife.js');
const code = readFileSync(IIFE, 'utf8');

test('the classic script carries the Cloudinary uploader and imports none of it', () => {
  assert.ok(!/import\([^)]*cloudinary-destination/.test(code), 'an import( of cloudinary-destination');
  assert.ok(!code.includes('cloudinary-destination'), 'the name of a cloudinary-destination part');
  assert.ok(!existsSync(resolve(DIST, 'parts/cloudinary-destination.js')), 'dist/parts/cloudinary-destination.js exists');
  // Its only import()s are the two loaders by URL: a lazy part by name, a language by code.
  assert.deepEqual(code.match(/\bimport\(/g), ['import(', 'import('], 'more import() calls than the part and locale loaders');
  // The chunked protocol's header: the uploader itself is in the file.
  assert.ok(code.includes('X-Unique-Upload-Id'));
});

test('the classic script stays within its budget: 40,000 bytes gzip -9', () => {
  // As the budget is measured: gzip's own deflate (node's zlib differs by some bytes), with its header.
  const size = execFileSync('gzip', ['-9', '-c', IIFE]).length;
  assert.ok(size <= 40_000, `${size} bytes`);
});
