// The package as a developer installs it: `npm pack` of the built package into a consumer project
// (test/support/consumer.mjs), whose strict TypeScript uses the element, its events and the
// framework typings, and whose Node imports it. Runs after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STRICT_TS, makeConsumer, packPackage } from '../support/consumer.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
let consumer;

before(() => {
  consumer = makeConsumer(['react', 'react-dom', '@types/react', '@types/react-dom', 'vue', 'svelte']);
  // The React example is type-checked as the consumer's own code.
  cpSync(join(ROOT, 'demo/frameworks/react'), join(consumer, 'react'), { recursive: true });
});
after(() => consumer && rmSync(consumer, { recursive: true, force: true }));

test('npm pack holds the bundles, lazy parts, locales, types, manifest, README, LICENSE and CHANGELOG, and nothing else', () => {
  const { files } = packPackage(consumer);
  for (const needed of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'custom-elements.json',
    'dist/upload-widget.js',
    'dist/cloudinary.js',
    'dist/upload-widget.server.js',
    'dist/upload-widget.iife.js',
    'dist/parts/camera-source.js',
    'dist/parts/crop-view.js',
    'dist/locales/ja.js',
    'dist/types/index.d.ts',
    'dist/types/frameworks/react.d.ts',
    'dist/types/frameworks/vue.d.ts',
    'dist/types/frameworks/svelte.d.ts',
  ]) {
    assert.ok(files.includes(needed), `${needed} is in the package`);
  }
  const stray = files.filter((f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$|custom-elements\.json$)/.test(f));
  assert.deepEqual(stray, []);
  // Every file the exports map names is in the package.
  const targets = (entry) => (typeof entry === 'string' ? [entry] : Object.values(entry).flatMap(targets));
  const exported = targets(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).exports);
  assert.ok(exported.length > 10);
  for (const path of exported) assert.ok(files.includes(path.slice(2)), `${path} (exports) is in the package`);
});

test('importing the package in Node throws nothing, defines nothing, touches no global, and has every name the browser entry has', () => {
  writeFileSync(
    join(consumer, 'ssr.mjs'),
    `const before = new Set(Object.getOwnPropertyNames(globalThis));
const widget = await import('upload-widget');
const withGlobal = await import('upload-widget/cloudinary');
const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
let constructed = '';
try { new widget.UploadWidget(); } catch (e) { constructed = e.message; }
console.log(JSON.stringify({ version: widget.VERSION, names: Object.keys(widget).sort(), cloudinaryNames: Object.keys(withGlobal).sort(), added, constructed }));`,
  );
  const out = JSON.parse(execFileSync('node', ['ssr.mjs'], { cwd: consumer, encoding: 'utf8' }));
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(out.version, own.version);
  // The browser entry's names (manifest.test.mjs pins them): a site's module that imports any of them loads in SSR too.
  assert.deepEqual(out.names, ['CancelledByHook', 'UploadController', 'UploadWidget', 'VERSION', 'controllerServices', 'uploadRequest']);
  assert.deepEqual(out.cloudinaryNames, out.names);
  assert.deepEqual(out.added, []);
  assert.match(out.constructed, /needs a browser/);
});

test('a strict TypeScript consumer: the element, its options, its events, window.cloudinary, the React, Vue and Svelte typings and the React example type-check', () => {
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...STRICT_TS, jsx: 'react-jsx' },
      files: ['element.ts', 'cloudinary.ts', 'react.tsx', 'vue.ts', 'svelte.ts', 'react/entry-client.tsx', 'react/entry-server.tsx'],
    }),
  );
  writeFileSync(
    join(consumer, 'element.ts'),
    `import 'upload-widget';
import type { UploadResult, WidgetEvent } from 'upload-widget';

const widget = document.createElement('upload-widget');
widget.cloudName = 'demo';
widget.uploadPreset = 'unsigned';
widget.maxFiles = 3;
widget.sources = ['local', 'url'];
widget.addEventListener('success', (event) => {
  const url: string = event.detail.secure_url;
  const version: number = event.detail.version;
  const publicId: string = event.detail.public_id;
  const path: string = event.detail.path;
  console.log(url.toUpperCase(), version.toFixed(0), publicId.length, path);
});
widget.addEventListener('queues-end', (event) => event.detail.files.filter((f) => f.status === 'success'));
widget.addEventListener('display-changed', (event) => event.detail === 'minimized');
const onSuccess = (event: WidgetEvent<'success'>): UploadResult => event.detail;
widget.addEventListener('success', onSuccess);
document.querySelector('upload-widget')?.open('local');
const valid: boolean = widget.checkValidity() && widget.values.length > 0 && widget.form instanceof HTMLFormElement;
console.log(valid);
// @ts-expect-error a number is not a cloud name
widget.cloudName = 3;
// @ts-expect-error a success detail has no such field with a known type
widget.addEventListener('success', (event) => event.detail.nothing.toFixed());
// @ts-expect-error a typo of secure_url: UploadResult names its fields, with no index signature
widget.addEventListener('success', (event) => event.detail.secureUrl);
// A server's extra fields, through UploadResult's type parameter.
widget.addEventListener('success', (event) => {
  const info: UploadResult<{ quality_analysis?: { focus: number } }> = event.detail;
  return info.quality_analysis?.focus.toFixed() ?? info.secure_url;
});
// The DOM's events keep their types beside the widget's own; the widget's abort, close and error win.
widget.addEventListener('click', (event) => console.log(event.clientX + event.clientY, event.button));
widget.addEventListener('keydown', (event) => event.key === 'Enter');
widget.addEventListener('abort', (event) => event.detail.ids.length + Number(event.detail.all));
widget.addEventListener('close', (event) => Object.keys(event.detail));
widget.addEventListener('error', (event) => event.detail.message.length);
widget.addEventListener('some-other-event', (event: Event) => event.type);
// removeEventListener takes the same typed listeners.
widget.removeEventListener('success', onSuccess);
const onClick = (event: MouseEvent) => event.clientX;
widget.addEventListener('click', onClick);
widget.removeEventListener('click', onClick, { capture: false });
// Options as one object: camelCase names, or Cloudinary's snake_case spellings.
widget.options = { cloud_name: 'demo', upload_preset: 'unsigned', max_file_size: 1_000_000, sources: ['local'], cropping: true };
widget.options = { cloudName: 'demo', clientAllowedFormats: ['jpg'], croppingAspectRatio: 1.5 };
widget.updateOptions({ max_files: 2, maxImageWidth: 800, show_advanced_options: true });
// @ts-expect-error a cloud name is a string
widget.options = { cloudName: 42 };
// @ts-expect-error the snake_case spelling is typed too
widget.updateOptions({ max_files: '2' });
// @ts-expect-error no such option (a typo of cloudName)
widget.options = { cloudname: 'demo' };
`,
  );
  writeFileSync(
    join(consumer, 'cloudinary.ts'),
    `import 'upload-widget/cloudinary';
import type { CloudinaryResult } from 'upload-widget/cloudinary';

// Code as written for Cloudinary's widget, in a TypeScript site.
const myWidget = window.cloudinary.createUploadWidget(
  { cloudName: 'demo', uploadPreset: 'unsigned', sources: ['local', 'url'], max_files: 3, showInsecurePreview: true },
  (error, result) => {
    // Cloudinary's error: the message, or {status, statusText} when the server answered.
    if (error) console.log('Upload failed: ' + (typeof error === 'string' ? error : error.status + ' ' + error.statusText));
    if (!error && result && result.event === 'success') {
      const url: string = result.info.secure_url;
      console.log(url, result.info.public_id.length, result.data.info.version.toFixed(0), result.uw_event);
      // @ts-expect-error a typo of secure_url
      console.log(result.info.secureUrl);
    }
    if (result.event === 'queues-end') console.log(result.info.files.map((f) => f.status));
    // @ts-expect-error the callback's result is typed: no such event
    if (result.event === 'no-such-event') console.log(result);
  },
);
document.getElementById('upload_widget')?.addEventListener('click', () => myWidget.open(), false);
myWidget.update({ tags: ['a', 'b'] });
const shown: boolean = myWidget.isShowing() && !myWidget.element.isDestroyed();
console.log(shown);
cloudinary.setCloudName('demo');
cloudinary.openUploadWidget({ upload_preset: 'unsigned', sources: [cloudinary.WIDGET_SOURCES.LOCAL] }, (_error, result: CloudinaryResult) => result.event);
cloudinary.applyUploadWidget('#upload', { buttonCaption: 'Upload', cloud_name: 'demo' });
console.log(cloudinary.WIDGET_VERSION.length);
// @ts-expect-error a cloud name is a string
cloudinary.createUploadWidget({ cloudName: 42 }, () => {});
// @ts-expect-error the callback's error is not any
window.cloudinary.createUploadWidget({}, (error) => error?.nothing);
`,
  );
  writeFileSync(
    join(consumer, 'react.tsx'),
    `import { useRef } from 'react';
import type { UploadWidget } from 'upload-widget';
import type {} from 'upload-widget/react';

export function Profile() {
  const widget = useRef<UploadWidget>(null);
  return (
    <>
      <button onClick={() => widget.current?.open()}>Upload</button>
      <upload-widget ref={widget} cloudName="demo" sources={['local']} maxFiles={2} name="photo" required
        onsuccess={(event) => console.log(event.detail.secure_url.length)}
        onupload-added={(event) => console.log(event.detail.file.name)} />
      {/* @ts-expect-error maxFiles is a number */}
      <upload-widget maxFiles="2" />
    </>
  );
}
`,
  );
  writeFileSync(
    join(consumer, 'vue.ts'),
    `import type { GlobalComponents } from 'vue';
import type {} from 'upload-widget/vue';

type Props = InstanceType<GlobalComponents['upload-widget']>['$props'];
export const props: Props = {
  cloudName: 'demo',
  sources: ['local'],
  onSuccess: (event) => console.log(event.detail.secure_url.length),
  onUploadAdded: (event) => console.log(event.detail.file.name),
};
// @ts-expect-error maxFiles is a number
export const wrong: Props = { maxFiles: '2' };
`,
  );
  writeFileSync(
    join(consumer, 'svelte.ts'),
    `import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from 'upload-widget/svelte';

export const attributes: SvelteHTMLElements['upload-widget'] = {
  cloudName: 'demo',
  sources: ['local'],
  onsuccess: (event) => console.log(event.detail.public_id.length),
  'onupload-added': (event) => console.log(event.detail.file.name),
};
// @ts-expect-error maxFiles is a number
export const wrong: SvelteHTMLElements['upload-widget'] = { maxFiles: '2' };
`,
  );
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
