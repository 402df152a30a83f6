import { expect } from '@open-wc/testing';
import type { UploadWidget } from '../../src/upload-widget.js';
import { OPTION_KINDS, type WidgetOptions, kebab } from '../../src/options.js';
import '../../src/index.js';
import { bytesOf, deliveredBytes, env, lastSeq, nextDomEvent, randomFile, sameBytes, serverRequests } from './helpers.js';

// What React's or Svelte's server renderer writes for camelCase props on a custom element: the
// attribute names as written, which the browser's HTML parser lowercases (`uploadprefix`).
const serverRendered = (markup: string): UploadWidget => {
  const parsed = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  const el = document.adoptNode(parsed.body.firstElementChild!) as UploadWidget;
  document.body.append(el);
  return el;
};

/** An attribute's text for each option that has one: not the default, and valid. */
const SAMPLE: Partial<Record<keyof WidgetOptions, string>> = {
  resourceType: 'raw',
  croppingCoordinatesMode: 'face',
  defaultSource: 'url',
  queueViewPosition: 'left:10px',
  theme: 'dark',
  language: 'es',
  croppingAspectRatio: '1.5',
  croppingDefaultSelectionRatio: '0.5',
  maxChunkSize: '6000000',
  maxConcurrentUploads: '3',
  maxConcurrentChunks: '2',
  sources: 'local,url',
  context: '{"alt":"a"}',
  encryption: '{"key":"k","iv":"i"}',
  styles: '{"palette":{"window":"#ffffff"}}',
  text: '{"en":{}}',
  inlineContainer: '#nowhere',
  thumbnails: '#nowhere',
};
const sampleFor = (name: keyof WidgetOptions): string => {
  const given = SAMPLE[name];
  if (given) return given;
  switch (OPTION_KINDS[name]) {
    case 'boolean':
      return 'true';
    case 'number':
      return '7';
    case 'list':
      return 'a,b';
    default:
      return `https://example.test/${name}`;
  }
};

describe('<upload-widget> lowercase attribute aliases (server-rendered camelCase props)', () => {
  const made: Element[] = [];
  afterEach(() => {
    for (const el of made.splice(0)) el.remove();
  });

  it('a server-rendered <upload-widget uploadPrefix=… maxFileSize=…> uploads to its uploadPrefix, with its options, before any hydration', async () => {
    const since = await lastSeq();
    const el = serverRendered(
      `<upload-widget inline cloudName="${env.cloudName}" uploadPreset="demo_unsigned" uploadPrefix="${env.server}" maxFileSize="100000" clientAllowedFormats="bin" resourceType="raw" folder="aliases"></upload-widget>`,
    );
    made.push(el);
    expect(el.getAttributeNames()).to.include('uploadprefix');
    await el.updateComplete;
    expect(el.effectiveOptions).to.include({ cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server, maxFileSize: 100000 });
    expect(el.effectiveOptions.clientAllowedFormats).to.deep.equal(['bin']);

    const file = randomFile(5000, 'alias.bin');
    const success = nextDomEvent<Record<string, unknown>>(el, 'success');
    await el.addFiles([file]);
    const info = await success;
    const [request] = await serverRequests(since);
    expect(request.path).to.equal(`/v1_1/${env.cloudName}/raw/upload`);
    expect(request.params).to.include({ folder: 'aliases', upload_preset: 'demo_unsigned' });
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
  });

  it('reads every option attribute the same from its lowercase spelling as from its kebab-case one, and follows changes', async () => {
    const names = (Object.keys(OPTION_KINDS) as Array<keyof WidgetOptions>).filter(
      (name) => name !== 'form' && !['function', 'plugin'].includes(OPTION_KINDS[name]) && kebab(name) !== name.toLowerCase(),
    );
    expect(names).to.include.members(['uploadPrefix', 'maxFileSize', 'cloudName', 'uploadPreset', 'clientAllowedFormats', 'showAdvancedOptions']);
    const byKebab = document.createElement('upload-widget') as UploadWidget;
    const byAlias = document.createElement('upload-widget') as UploadWidget;
    for (const name of names) {
      byKebab.setAttribute(kebab(name), sampleFor(name));
      byAlias.setAttribute(name.toLowerCase(), sampleFor(name));
    }
    made.push(byKebab, byAlias);
    document.body.append(byKebab, byAlias);
    await Promise.all([byKebab.updateComplete, byAlias.updateComplete]);
    for (const name of names) {
      expect(byAlias.effectiveOptions[name], name).to.deep.equal(byKebab.effectiveOptions[name]);
    }
    // Changed later, as a re-render or a script would.
    byAlias.setAttribute('maxfilesize', '1234');
    await byAlias.updateComplete;
    expect(byAlias.effectiveOptions.maxFileSize).to.equal(1234);
    byAlias.removeAttribute('maxfilesize');
    await byAlias.updateComplete;
    expect(byAlias.effectiveOptions.maxFileSize).to.equal(undefined);
  });
});
