import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { UploadWidget } from '../../src/upload-widget.js';
import { LOCALES } from '../../src/i18n/localization.js';
import { languageOf } from '../../src/i18n/language.js';
import { LOCALE_LOADERS } from '../../src/i18n/load-locale.js';
import { targetLocales } from '../../src/generated/locale-codes.js';
import '../../src/index.js';
import { env, settled, until } from './helpers.js';

/** Every text a person meets in the widget: text nodes, labels, placeholders, titles — through shadow roots. */
function texts(root: Node, out = new Set<string>()): Set<string> {
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text) out.add(text);
      return;
    }
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'svg') return;
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = node.getAttribute(attr)?.trim();
        if (value) out.add(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return out;
}

/** The sources view and the queue view (with a refused file), as text. */
async function renderedTexts(language: string): Promise<Set<string>> {
  const el = await fixture<UploadWidget>(html`<upload-widget
    inline
    language=${language}
    cloud-name=${env.cloudName}
    upload-preset="demo_unsigned"
    upload-prefix=${env.server}
    show-advanced-options
    client-allowed-formats="png"
  ></upload-widget>`);
  await until(() => languageOf(el).locale === language, `locale ${language}`);
  await settled(el);
  const all = texts(el.shadowRoot!);
  await el.addFiles([new File(['x'], 'notes.txt', { type: 'text/plain' })]);
  await settled(el);
  texts(el.shadowRoot!, all);
  return all;
}

/** Words that are the same in the language as in English (checked with the translators). */
const SAME_IN: Record<string, string[]> = {
  da: ['Tags'],
  de: ['Tags'],
  fr: ['Tags'],
  nl: ['Camera', 'Tags'],
  'pt-BR': ['Tags'],
  // Vietnamese writes the webcam "camera" (Windows' word).
  vi: ['Camera'],
};

/** The allowed formats in the drop zone's hint ("PNG, JPG") are names, the same in every language. */
const isFormatList = (text: string) => /^[A-Z0-9]+(, [A-Z0-9]+)*$/.test(text);

/** Sizes such as "1 byte" come from Intl for the language, not from our catalogue. */
const isIntlSize = (text: string) => /^\d+([.,]\d+)?\s\S+$/.test(text);

describe('languages', () => {
  afterEach(() => sinon.restore());

  it('has a loader for every language lit-localize builds, and no other', () => {
    expect(Object.keys(LOCALE_LOADERS).sort()).to.deep.equal([...targetLocales].sort());
  });

  let english: Set<string>;

  before(async () => {
    english = await renderedTexts('en');
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale}: the main views show no English`, async () => {
      const shown = await renderedTexts(locale);
      // Names of files and numbers are the same in every language; words are not.
      const same = SAME_IN[locale] ?? [];
      const left = [...shown].filter(
        (t) => english.has(t) && /[a-z]{3,}/i.test(t) && !t.includes('notes.txt') && !isIntlSize(t) && !isFormatList(t) && !same.includes(t),
      );
      expect(left, `${locale} still shows English`).to.deep.equal([]);
    });
  }

  it('lays out Arabic and Hebrew right to left, and others left to right', async () => {
    for (const [language, dir] of [
      ['he', 'rtl'],
      ['ar', 'rtl'],
      ['fr', 'ltr'],
    ]) {
      const el = await fixture<UploadWidget>(html`<upload-widget inline language=${language}></upload-widget>`);
      const frame = el.shadowRoot!.querySelector('[part=base]')!;
      expect(frame.getAttribute('dir'), language).to.equal(dir);
      expect(getComputedStyle(frame).direction).to.equal(dir);
      expect(frame.getAttribute('lang')).to.equal(language);
    }
  });

  it('matches a language tag to the closest locale and warns once about one it lacks', async () => {
    const warn = sinon.stub(console, 'warn');
    const warnings = () => warn.args.map(([m]) => String(m));
    const pt = await fixture<UploadWidget>(html`<upload-widget inline language="pt"></upload-widget>`);
    await until(() => languageOf(pt).locale === 'pt-BR', 'pt-BR');
    expect(pt.shadowRoot!.querySelector('[part=base]')!.getAttribute('lang')).to.equal('pt-BR');
    const xx = await fixture<UploadWidget>(html`<upload-widget inline language="xx"></upload-widget>`);
    xx.requestUpdate();
    await xx.updateComplete;
    expect(warnings().filter((w) => w.includes('"xx"'))).to.have.length(1);
    await until(() => languageOf(xx).locale === 'en', 'en');
  });

  it('formats sizes for the language (German uses a decimal comma)', async () => {
    const el = await fixture<UploadWidget>(
      html`<upload-widget inline language="de" upload-preset="x" cloud-name="demo" upload-prefix=${env.server} client-allowed-formats="png"></upload-widget>`,
    );
    await until(() => languageOf(el).locale === 'de', 'de');
    await el.addFiles([new File([new Uint8Array(1_500_000)], 'big.bin')]);
    await settled(el);
    expect([...texts(el.shadowRoot!)].join(' ')).to.contain('1,5 MB');
  });
});

describe('text overrides (Cloudinary’s text option)', () => {
  afterEach(() => sinon.restore());

  it('replaces our strings per language, fills {{variables}}, and reports unknown keys once', async () => {
    const warn = sinon.stub(console, 'warn');
    const warnings = () => warn.args.map(([m]) => String(m));
    const el = await fixture<UploadWidget>(
      html`<upload-widget inline cloud-name=${env.cloudName} upload-preset="demo_unsigned" upload-prefix=${env.server}></upload-widget>`,
    );
    el.options = {
      preBatch: () => undefined, // holds the batch so the counter stays visible
      text: {
        en: {
          local: { browse: 'Pick files' },
          'queue.title_uploading_with_counter': 'Sending {{ num }} files…',
          'menu.files': 'Computer',
          'no.such.key': 'x',
        },
        fr: { 'local.browse': 'Parcourir…' },
      },
    };
    await settled(el);
    // The overrides come with a lazy part: on a busy machine a little after the element settles.
    await until(() => texts(el.shadowRoot!).has('Pick files'), 'the overrides shown');
    const shown = texts(el.shadowRoot!);
    expect(shown.has('Pick files')).to.equal(true);
    expect(shown.has('Computer')).to.equal(true);
    void el.addFiles([new File(['a'], 'a.bin'), new File(['b'], 'b.bin')]);
    await settled(el);
    await until(() => el.items.length === 2, 'two items');
    await settled(el);
    expect([...texts(el.shadowRoot!)].join(' | ')).to.contain('Sending 2 files…');
    el.requestUpdate('options');
    await settled(el);
    expect(warnings().filter((w) => w.includes('no.such.key'))).to.have.length(1);
    el.abort();
  });
});
