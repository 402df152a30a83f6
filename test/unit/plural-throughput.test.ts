import { expect } from '@open-wc/testing';
import { plural } from '../../src/i18n/plural.js';
import { Throughput } from '../../src/views/throughput.js';
import { formatDuration } from '../../src/i18n/format.js';

describe('plural()', () => {
  const files = 'one {# file} other {# files}';
  it('picks the English branch by count, with the count in the text', () => {
    expect(plural(files, 1, 'en')).to.equal('1 file');
    expect(plural(files, 0, 'en')).to.equal('0 files');
    expect(plural(files, 1200, 'en')).to.equal('1,200 files');
  });
  it("follows each language's own categories: Russian few and many, Arabic zero and two", () => {
    const ru = 'one {# файл} few {# файла} many {# файлов} other {# файла}';
    expect([1, 3, 5, 21, 22, 25].map((n) => plural(ru, n, 'ru'))).to.deep.equal(['1 файл', '3 файла', '5 файлов', '21 файл', '22 файла', '25 файлов']);
    const ar = 'zero {لا ملفات} one {ملف واحد} two {ملفان} few {# ملفات} many {# ملفًا} other {# ملف}';
    expect(plural(ar, 0, 'ar')).to.equal('لا ملفات');
    expect(plural(ar, 2, 'ar')).to.equal('ملفان');
    expect(plural(ar, 3, 'ar')).to.equal(`${new Intl.NumberFormat('ar').format(3)} ملفات`);
    expect(plural(ar, 11, 'ar')).to.equal(`${new Intl.NumberFormat('ar').format(11)} ملفًا`);
  });
  it('prefers an exact =n branch, falls back to other, and takes text without branches as it is', () => {
    expect(plural('=0 {nothing yet} one {# file} other {# files}', 0, 'en')).to.equal('nothing yet');
    expect(plural('other {# ファイル}', 1, 'ja')).to.equal('1 ファイル');
    expect(plural('Sending # files', 3, 'en')).to.equal('Sending 3 files');
  });
});

describe('Throughput', () => {
  it('gives no speed until a second of data, then the smoothed rate and the time left', () => {
    const t = new Throughput();
    t.sample(0, 0);
    t.sample(500_000, 500);
    expect(t.bytesPerSecond(500)).to.equal(undefined);
    for (let ms = 1000; ms <= 5000; ms += 500) t.sample(ms * 1000, ms);
    expect(t.bytesPerSecond(5000)).to.be.closeTo(1_000_000, 1);
    expect(t.secondsLeft(3_000_000, 5000)).to.be.closeTo(3, 0.01);
  });
  it('starts again when the total goes down (a file restarted)', () => {
    const t = new Throughput();
    t.sample(0, 0);
    t.sample(2_000_000, 2000);
    t.sample(100, 2500);
    expect(t.bytesPerSecond(2600)).to.equal(undefined);
  });
  it('formats durations people read at a glance', () => {
    expect(formatDuration(12.4, 'en')).to.equal('12 sec');
    expect(formatDuration(150, 'en')).to.equal('3 min');
    expect(formatDuration(5400, 'en')).to.equal('1.5 hr');
  });
});
