// Counts read right in languages with more than two plural forms: the queue's summary for 1, 2, 5
// and 22 files waiting for the go ("N files ready to upload"), in the widget, in each language,
// is the branch its CLDR rules pick from the shipped translation, with the count in it.
import { fixture, html } from '@open-wc/testing';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';
// The queue's view is a lazy part: defined up front, so the summary is read without racing its load.
import '../../src/views/queue-view.js';
import { env, randomFile, settled, until } from './helpers.js';

const SOURCE = 'one {# file ready to upload} other {# files ready to upload}';

/** The shipped translation of the summary's plural message, as its branches. */
async function branchesOf(locale: string): Promise<Map<string, string>> {
  const xml = await (await fetch(`/locales/${locale}.xlf`)).text();
  const unit = [...xml.matchAll(/<source>([\s\S]*?)<\/source>\s*<target>([\s\S]*?)<\/target>/g)].find(([, source]) => source === SOURCE);
  if (!unit) throw new Error(`${locale}: no translation of "${SOURCE}"`);
  return new Map([...unit[2].matchAll(/(zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)].map(([, key, text]) => [key, text]));
}

for (const locale of ['pl', 'ru', 'ar', 'cs', 'uk']) {
  it(`${locale}: the summary for 1, 2, 5 and 22 files takes the form its rules pick, with the number`, async () => {
    const branches = await branchesOf(locale);
    const rules = new Intl.PluralRules(locale);
    const number = new Intl.NumberFormat(locale);
    for (const count of [1, 2, 5, 22]) {
      const el = await fixture<UploadWidget>(html`<upload-widget
        inline
        language=${locale}
        auto-upload="false"
        cloud-name=${env.cloudName}
        upload-preset="demo_unsigned"
        upload-prefix=${env.server}
      ></upload-widget>`);
      await el.addFiles(Array.from({ length: count }, (_, i) => randomFile(10, `f${i}.bin`)));
      const expected = branches.get(rules.select(count))!.replace('#', number.format(count)).trim();
      // The part holds the count sentence alone: its text is the translation, nothing around it.
      const line = () => el.shadowRoot!.querySelector('uw-queue')?.shadowRoot?.querySelector('[part=queue-summary]')?.textContent?.replace(/\s+/g, ' ').trim();
      await until(() => line() === expected, `${locale} ${count}: "${expected}" (shown: "${line()}")`);
      await settled(el);
      el.remove();
    }
  });
}
