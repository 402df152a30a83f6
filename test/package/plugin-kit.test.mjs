// The published types: no member marked @internal ships (tsconfig.build.json strips them, and none
// is left to strip), and the plugin kit a site writes a destination or a source against is
// exported from the package's entry: a destination written in a consumer project (the packed
// package installed, test/support/consumer.mjs) against its exports alone compiles under strict
// TypeScript. Runs after `npm run build`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STRICT_TS, makeConsumer } from '../support/consumer.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const TYPES = join(ROOT, 'dist/types');
let consumer;
after(() => consumer && rmSync(consumer, { recursive: true, force: true }));

function* declarations(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (name.endsWith('.d.ts')) yield path;
  }
}

test('dist/types has no @internal member', () => {
  const marked = [...declarations(TYPES)].filter((file) => readFileSync(file, 'utf8').includes('@internal'));
  assert.deepEqual(marked, []);
});

test('the package entry exports the plugin kit', () => {
  const entry = readFileSync(join(TYPES, 'index.d.ts'), 'utf8');
  for (const name of [
    'Destination',
    'DestinationContext',
    'DestinationOption',
    'UploadTask',
    'ResumeStore',
    'CancelledByHook',
    'SourcePlugin',
    'SourceElement',
    'uploadRequest',
    'UploadRequest',
    'RequestTask',
    'RequestContext',
    'RequestAnswer',
    'RequestLanes',
    'NetworkWatch',
    'UploadError',
  ]) {
    assert.match(entry, new RegExp(`\\b${name}\\b`), `${name} is exported`);
  }
});

test('the ES build exports uploadRequest, and the classic script puts it on its UploadWidget global', () => {
  assert.match(readFileSync(join(ROOT, 'dist/upload-widget.js'), 'utf8'), /\buploadRequest\b/);
  assert.match(readFileSync(join(ROOT, 'dist/upload-widget.iife.js'), 'utf8'), /\.uploadRequest=/);
});

test('a destination written in a consumer project against the kit alone compiles under strict TypeScript', () => {
  consumer = makeConsumer();
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: STRICT_TS,
      files: ['destination.ts'],
    }),
  );
  writeFileSync(
    join(consumer, 'destination.ts'),
    `import 'upload-widget';
import {
  uploadRequest,
  type Destination,
  type DestinationContext,
  type DestinationOption,
  type RequestAnswer,
  type RequestLanes,
  type UploadError,
  type UploadResult,
  type UploadTask,
} from 'upload-widget';

interface Presigned {
  key: string;
  url: string;
  type: string;
}

/** Borrows a lane when another file leaves one free: the part goes beside the file's own request. */
async function onFreeLane<T>(lanes: RequestLanes, send: () => Promise<T>): Promise<T> {
  while (!lanes.tryBorrow()) await lanes.freed();
  try {
    return await send();
  } finally {
    lanes.giveBack();
  }
}

/** A presigned PUT, and an S3-style multipart upload for big files: parts side by side, each retried alone. */
export const objectStore: DestinationOption = (context: DestinationContext): Destination => ({
  async upload(task: UploadTask): Promise<UploadResult<{ etag: string }>> {
    const { item, body, signal } = task;
    if (!body) throw new Error('This storage takes files, not web addresses.');
    const presign = await fetch('/presign', { method: 'POST', body: JSON.stringify({ name: item.name, size: body.size }), signal });
    const { key, url, type }: Presigned = await presign.json();
    if (body.size < 64 * 1024 * 1024) {
      const put: RequestAnswer = await uploadRequest({ method: 'PUT', url, body, headers: { 'Content-Type': type } }, task, context);
      if (put.status >= 300) throw new Error(\`The storage refused the file (\${put.status}).\`);
      return { public_id: key, version: 1, secure_url: \`https://files.example.com/\${key}\`, etag: put.header('ETag') ?? '' };
    }
    const size = 16 * 1024 * 1024;
    const sent: number[] = [];
    const parts = Array.from({ length: Math.ceil(body.size / size) }, (_, i) => body.slice(i * size, (i + 1) * size));
    const etags = await Promise.all(
      parts.map((part, i) =>
        onFreeLane(context.lanes, async () => {
          const progress = (bytes: number) => {
            sent[i] = bytes;
            task.progress(sent.reduce((a, b) => a + b, 0));
          };
          const answer = await uploadRequest({ method: 'PUT', url: \`\${url}&partNumber=\${i + 1}\`, body: part }, { signal, progress, retried: task.retried }, context);
          return answer.header('ETag') ?? '';
        }),
      ),
    );
    const form = new FormData();
    form.append('parts', JSON.stringify(etags));
    try {
      const done = await uploadRequest({ url: \`\${url}&complete\`, body: form }, { signal }, context);
      return { public_id: key, version: 1, secure_url: JSON.parse(done.body).location, etag: etags.join(',') };
    } catch (err) {
      // No answer at all: status 0, worded by the widget.
      throw (err as UploadError).status === 0 ? err : new Error('The storage could not finish the upload.');
    }
  },
  forget(id: string) {
    console.log('dropped', id);
  },
});

document.createElement('upload-widget').destination = objectStore;

declare const task: UploadTask;
declare const context: DestinationContext;
// @ts-expect-error the body is a Blob or a FormData
void uploadRequest({ url: '/x', body: 'text' }, task, context);
// @ts-expect-error the context carries the options in force and the network
void uploadRequest({ url: '/x' }, task, {});
// @ts-expect-error the task has a signal
void uploadRequest({ url: '/x' }, {}, context);
`,
  );
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
