// Language and `text` belong to each widget: two widgets side by side, each in its own language,
// with its own overrides and number formats, down to its lazily loaded views and to the words
// made outside rendering (problems, announcements); one switching leaves the other alone.
import { expect, fixture, html } from '@open-wc/testing';
import type { UploadWidget } from '../../src/upload-widget.js';
import { languageOf } from '../../src/i18n/language.js';
import '../../src/index.js';
import { env, recordDetails, settled, until } from './helpers.js';

/** Everything a person reads in `root`, through shadow roots (no styles). */
function shownText(root: Node): string {
  if (root.nodeType === Node.TEXT_NODE) return root.textContent ?? '';
  if (root instanceof Element && (root.localName === 'style' || root.localName === 'svg')) return '';
  const own = root instanceof Element ? ['aria-label', 'placeholder', 'title'].map((a) => root.getAttribute(a) ?? '').join(' ') : '';
  const shadow = root instanceof Element && root.shadowRoot ? shownText(root.shadowRoot) : '';
  // Not \s: the numbers' no-break spaces stay as Intl wrote them.
  return `${own} ${shadow} ${[...root.childNodes].map(shownText).join(' ')}`.replace(/[ \t\n\r]+/g, ' ');
}

/** The first element matching `selector` inside `el`, through shadow roots. */
function deep(el: Element, selector: string): Element | undefined {
  const root = el.shadowRoot ?? el;
  const found = root.querySelector(selector);
  if (found) return found;
  for (const child of root.querySelectorAll('*')) {
    const inner = deep(child, selector);
    if (inner) return inner;
  }
  return undefined;
}

/** The text of the element reached through `selectors`, one shadow root after another. */
const text = (el: Element, ...selectors: string[]) => selectors.reduce<Element | undefined>((at, s) => at && deep(at, s), el)?.textContent?.trim();
const megabytes = (value: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
const percent = (fraction: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);

const common = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server, maxFileSize: 1_000_000, showAdvancedOptions: true };
// Held before uploading (the callback is never called), so the total's percent stays on screen.
const hold = () => undefined;

/** A German and a French widget side by side (each with `text` overrides) and an English one. */
async function threeWidgets(): Promise<UploadWidget[]> {
  const page = await fixture<HTMLElement>(html`<div>
    <upload-widget
      inline
      language="de"
      .options=${{ ...common, preBatch: hold, text: { de: { 'local.browse': 'Dateien wählen' }, fr: { 'local.browse': 'pas ceci' } } }}
    ></upload-widget>
    <upload-widget inline language="fr" .options=${{ ...common, preBatch: hold, text: { fr: { 'local.browse': 'Choisir', advanced: 'Plus de réglages' } } }}></upload-widget>
    <upload-widget inline .options=${{ ...common, preBatch: hold }}></upload-widget>
  </div>`);
  const widgets = [...page.querySelectorAll('upload-widget')];
  await until(() => languageOf(widgets[0]).locale === 'de' && languageOf(widgets[1]).locale === 'fr', 'both languages loaded');
  // The Advanced panel is a part loaded on first use: its words come from the widget it is in.
  await customElements.whenDefined('uw-advanced-options');
  for (const w of widgets) await settled(w);
  return widgets;
}

/** Queues a file too large (refused, worded by the controller's describe service) and one held before upload. */
async function queueTwo(widgets: UploadWidget[]): Promise<void> {
  for (const w of widgets) void w.addFiles([new File([new Uint8Array(1_200_000)], 'big.bin'), new File(['x'], 'small.bin')]);
  await until(() => widgets.every((w) => w.items.length === 2), 'files queued');
  for (const w of widgets) await settled(w);
}

describe('language and text per widget', () => {
  let widgets: UploadWidget[] = [];
  afterEach(() => {
    for (const w of widgets) w.abort();
  });

  it('two widgets on a page speak their own languages, with their own overrides and number formats', async () => {
    widgets = await threeWidgets();
    const [de, fr, en] = widgets;
    expect(text(de, '[part=title]')).to.equal('Dateien hochladen');
    expect(text(fr, '[part=title]')).to.equal('Importer des fichiers');
    expect(text(en, '[part=title]')).to.equal('Upload files');
    expect(text(de, '[part=browse-button]')).to.equal('Dateien wählen');
    expect(text(fr, '[part=browse-button]')).to.equal('Choisir');
    expect(text(en, '[part=browse-button]')).to.equal('Browse');
    expect(text(de, 'uw-advanced-options', '[part=toggle]')).to.contain('Erweitert');
    expect(text(fr, 'uw-advanced-options', '[part=toggle]')).to.contain('Plus de réglages');
    expect(text(en, 'uw-advanced-options', '[part=toggle]')).to.contain('Advanced');
    // The drop zone's limit, in each language's number format.
    expect(megabytes(1, 'de')).to.not.equal(megabytes(1, 'fr'));
    expect(shownText(de)).to.contain(megabytes(1, 'de'));
    expect(shownText(fr)).to.contain(megabytes(1, 'fr'));
    expect(shownText(en)).to.contain(megabytes(1, 'en'));

    const errors = [de, fr].map((w) => recordDetails<{ message: string }>(w, 'error'));
    await queueTwo([de, fr, en]);
    // Problems are worded outside rendering, from the controller: each in its widget's language.
    expect(errors[0].map((e) => e.message)).to.deep.equal([
      `big.bin ist ${megabytes(1.2, 'de')} groß; die maximal zulässige Dateigröße ist hier ${megabytes(1, 'de')}.`,
    ]);
    expect(errors[1]).to.have.length(1);
    expect(errors[1][0].message).to.contain(megabytes(1.2, 'fr')).and.not.contain('largest');
    // So is the announcement of it (a failure: the assertive region), made from the controller's event.
    expect(text(de, '.sr-only[role=alert]')).to.equal(errors[0][0].message);
    expect(text(fr, '.sr-only[role=alert]')).to.equal(errors[1][0].message);

    expect(text(de, '[part=title]')).to.equal('Upload-Warteschlange');
    expect(text(fr, '[part=title]')).to.equal("File d'attente d'importation");
    // The total's percent and each row's size, in each widget's format.
    // (German and French percents may look alike; English's differs from both.)
    expect(percent(0, 'de')).to.not.equal(percent(0, 'en'));
    expect(text(de, '[part=queue-stats]')).to.contain(percent(0, 'de')).and.not.contain(percent(0, 'en'));
    expect(text(fr, '[part=queue-stats]')).to.contain(percent(0, 'fr')).and.not.contain(percent(0, 'en'));
    expect(text(en, '[part=queue-stats]')).to.contain(percent(0, 'en')).and.not.contain(percent(0, 'de'));
    expect(shownText(en)).to.contain(megabytes(1.2, 'en'));
    expect(shownText(de)).to.contain(megabytes(1.2, 'de')).and.not.contain(megabytes(1.2, 'fr'));
    expect(shownText(fr)).to.contain(megabytes(1.2, 'fr')).and.not.contain(megabytes(1.2, 'de'));
  });

  it('switching one widget’s language leaves the others as they were', async () => {
    widgets = await threeWidgets();
    const [de, fr, en] = widgets;
    await queueTwo([de, fr]);
    de.setAttribute('language', 'es');
    await until(() => languageOf(de).locale === 'es', 'es loaded');
    for (const w of widgets) await settled(w);
    expect(text(de, '[part=title]')).to.equal('Cola de subida');
    expect(deep(de, '[part=base]')!.getAttribute('lang')).to.equal('es');
    expect(shownText(de)).to.contain(megabytes(1.2, 'es'));
    expect(text(fr, '[part=title]')).to.equal("File d'attente d'importation");
    expect(deep(fr, '[part=base]')!.getAttribute('lang')).to.equal('fr');
    expect(shownText(fr)).to.contain(megabytes(1.2, 'fr'));
    expect(text(fr, '[part=queue-stats]')).to.contain(percent(0, 'fr'));
    expect(text(en, '[part=title]')).to.equal('Upload files');
  });
});
