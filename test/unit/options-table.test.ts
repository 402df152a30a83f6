// The options tables: what each row makes of a value (kinds, defaults, bounds, choices, shapes), the
// options fixed after creation, and a registered source's own options: declared with
// registerSource, read from an attribute or the options object like the widget's, checked, and
// handed to the source's element.
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import { ENGINE_DEFAULTS, ENGINE_OPTION_SPECS } from '../../src/core/engine-options.js';
import { DEFAULT_OPTIONS, FIXED_AFTER_CREATION, OPTION_KINDS, OPTION_SPECS, type WidgetOptions, normalizeOptions, parseAttribute } from '../../src/options.js';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';

/** What normalizeOptions makes of one option: its value, or the problem's message. */
const read = (name: string, value: unknown) => {
  const { options, problems } = normalizeOptions({ [name]: value });
  return { value: (options as Record<string, unknown>)[name], message: problems[0]?.message };
};

describe('the options tables', () => {
  it('give every option a kind, and every option the interfaces require a default', () => {
    for (const [name, kind] of Object.entries(OPTION_KINDS)) expect(OPTION_SPECS[name as keyof WidgetOptions].kind, name).to.equal(kind);
    expect(OPTION_KINDS).to.include.keys('cloudName', 'maxChunkSize', 'sources', 'language');
    expect(OPTION_KINDS.maxChunkSize).to.equal('number');
    expect(OPTION_KINDS.destination).to.equal('plugin');
    for (const [name, spec] of Object.entries(ENGINE_OPTION_SPECS)) {
      if ('default' in spec) expect(ENGINE_DEFAULTS, name).to.have.property(name, spec.default);
      else expect(ENGINE_DEFAULTS, name).not.to.have.property(name);
    }
    expect(DEFAULT_OPTIONS).to.include({ resourceType: 'auto', maxChunkSize: 20_000_000, hookTimeout: 60_000, language: 'en', fieldName: 'image' });
    expect(DEFAULT_OPTIONS.sources).to.deep.equal(['local', 'url', 'camera']);
    expect(DEFAULT_OPTIONS).not.to.have.property('cloudName');
  });

  it('hold the options fixed after creation', () => {
    expect([...FIXED_AFTER_CREATION].sort()).to.deep.equal(['fieldName', 'getTags', 'inlineContainer', 'preBatch', 'secure', 'uploadSignature']);
  });

  it("check a value against its row's bounds, choices and shape", () => {
    expect(read('maxConcurrentUploads', 0).message).to.contain('should be at least 1');
    expect(read('maxConcurrentChunks', '2').value).to.equal(2);
    expect(read('croppingDefaultSelectionRatio', 1.5).message).to.contain('should be at most 1');
    expect(read('croppingDefaultSelectionRatio', 0.05).message).to.contain('should be at least 0.1');
    expect(read('imageQuality', 0).message).to.contain('should be above 0');
    expect(read('imageQuality', 1.2).message).to.contain('should be at most 1');
    expect(read('imageQuality', 1).value).to.equal(1);
    expect(read('croppingAspectRatio', 0).message).to.contain('should be above 0');
    expect(read('croppingAspectRatio', 0.75).value).to.equal(0.75);
    expect(read('maxFiles', -1).message).to.contain('should be a non-negative number');
    expect(read('resourceType', 'pictures').message).to.contain('should be one of auto, image, video, raw');
    expect(read('imageFormat', 'webp').value).to.equal('webp');
    expect(read('imageFormat', 'png').message).to.contain('should be one of webp, jpeg');
    expect(read('encryption', { key: 'k' }).message).to.contain('should be { key: string, iv: string }');
    expect(read('metaFields', [{ name: 'alt' }]).message).to.contain('should be a list of fields like');
    expect(read('metaFields', [{ name: 'alt', label: 'Alt', to: 'tags' }]).value).to.deep.equal([{ name: 'alt', label: 'Alt', to: 'tags' }]);
    expect(read('context', 'alt=A|caption=B').value).to.deep.equal({ alt: 'A', caption: 'B' });
    expect(read('context', ['a']).message).to.contain('should be an object');
    expect(read('destination', {}).message).to.contain('upload(task)');
    expect(read('uploadSignature', 'abc').value).to.equal('abc');
    expect(read('getTags', 'x').message).to.contain('should be a function');
  });
});

/** A site's source with options of its own: it keeps each `.options` it is given. */
class OptionsSource extends HTMLElement {
  seen: Array<Record<string, unknown>> = [];
  set options(options: Record<string, unknown>) {
    this.seen.push(options);
  }
}
customElements.define('x-options-source', OptionsSource);
(customElements.get('upload-widget') as typeof UploadWidget).registerSource({
  id: 'options_source',
  tag: 'x-options-source',
  label: () => 'Assets',
  options: {
    assetsUrl: { kind: 'string', default: '/assets.json' },
    assetsPerPage: { kind: 'number', default: 20, min: 1 },
    assetsKinds: { kind: 'list' },
    // The widget's own option of that name stays the widget's (a string).
    cloudName: { kind: 'number', default: 7 },
  },
});

/** The options the source's element was last given. */
async function sourceOptions(el: UploadWidget): Promise<Record<string, unknown>> {
  await el.updateComplete;
  const source = el.shadowRoot!.querySelector<OptionsSource>('x-options-source');
  expect(source, 'the source is shown').to.exist;
  return source!.seen.at(-1)!;
}

describe("a registered source's own options", () => {
  afterEach(() => sinon.restore());

  it('are read from attributes, with their defaults, and handed to its element', async () => {
    const el = await fixture<UploadWidget>(
      html`<upload-widget inline sources="options_source" cloud-name="demo" assets-url="/mine.json" assets-kinds="photo, video"></upload-widget>`,
    );
    const options = await sourceOptions(el);
    expect(options).to.include({ assetsUrl: '/mine.json', assetsPerPage: 20, cloudName: 'demo' });
    expect(options.assetsKinds).to.deep.equal(['photo', 'video']);
    expect((el.effectiveOptions as WidgetOptions & Record<string, unknown>).assetsUrl).to.equal('/mine.json');
    expect(parseAttribute('assetsPerPage', '12')).to.equal(12);
  });

  it('are read from the options object (snake_case too) and checked like the widget’s, a bad value warned of and left at its default', async () => {
    const warn = sinon.stub(console, 'warn');
    const el = await fixture<UploadWidget>(html`<upload-widget inline sources="options_source"></upload-widget>`);
    // A source's option names are not in WidgetOptionsInput's type: the bag is a plain object.
    Object.assign(el, { options: { assets_per_page: '5', assetsUrl: '/other.json' } });
    expect(await sourceOptions(el)).to.include({ assetsPerPage: 5, assetsUrl: '/other.json' });
    Object.assign(el, { options: { assetsPerPage: 0 } });
    expect(await sourceOptions(el)).to.include({ assetsPerPage: 20, assetsUrl: '/assets.json' });
    expect(warn.args.map(([m]) => String(m)).some((m) => m.includes('assetsPerPage should be at least 1'))).to.equal(true);
    expect(DEFAULT_OPTIONS).not.to.have.property('cloudName');
  });
});
