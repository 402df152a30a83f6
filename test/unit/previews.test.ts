// The row previews beyond pictures: a video's length as players write it (formatDuration), which
// files are videos and PDFs, a video's poster frame from a recording made here, and a hand-written
// PDF's first page (pdf.js as the ES module runs it: its worker code on the page).
import { expect } from '@open-wc/testing';
import { formatDuration } from '../../src/views/queue-row.js';
import { decodePreview, isPdf, isVideo } from '../../src/views/preview-decoder.js';
import { videoPoster } from '../../src/views/video-poster.js';

describe('formatDuration', () => {
  it('writes minutes and seconds, and hours when there are some, rounding down', () => {
    expect(formatDuration(7.9)).to.equal('0:07');
    expect(formatDuration(62)).to.equal('1:02');
    expect(formatDuration(754)).to.equal('12:34');
    expect(formatDuration(3723)).to.equal('1:02:03');
    expect(formatDuration(36000)).to.equal('10:00:00');
  });
});

describe('isVideo', () => {
  it('goes by the type, else by the name; sound alone is no video', () => {
    expect(isVideo('a.webm', 'video/webm')).to.equal(true);
    expect(isVideo('a.bin', 'video/mp4')).to.equal(true);
    expect(isVideo('a.mov', '')).to.equal(true);
    expect(isVideo('a.mp3', 'audio/mpeg')).to.equal(false);
    expect(isVideo('a.mp3', '')).to.equal(false);
    expect(isVideo('a.png', 'image/png')).to.equal(false);
  });
});

describe('videoPoster', () => {
  it('gives undefined for a file that is no video: the row keeps its icon', async () => {
    expect(await videoPoster(new Blob([new Uint8Array(2000).fill(7)], { type: 'video/mp4' }), 64)).to.equal(undefined);
  });

  it('draws a frame of a recorded WebM, its long side the size asked, in its shape (skipped where the recorder writes empty files: WebKitGTK)', async function () {
    this.timeout(20_000);
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const ctx = canvas.getContext('2d')!;
    const type = 'video/webm;codecs=vp8';
    if (typeof MediaRecorder === 'undefined' || !MediaRecorder.isTypeSupported(type)) this.skip();
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: type });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start(200);
    for (let i = 0; i < 30; i++) {
      ctx.fillStyle = '#f08c00';
      ctx.fillRect(0, 0, 160, 90);
      ctx.fillStyle = '#102a6b';
      ctx.fillRect(80, 0, 80, 90);
      await new Promise((r) => setTimeout(r, 40));
    }
    recorder.stop();
    await stopped;
    const blob = new Blob(chunks, { type: 'video/webm' });
    // WebKitGTK's recorder writes empty files.
    if (blob.size < 500) this.skip();
    const preview = await videoPoster(blob, 64);
    expect(preview, 'a poster').to.not.equal(undefined);
    expect(preview!.bitmap.width).to.equal(64);
    expect(preview!.bitmap.height).to.equal(36);
    preview!.bitmap.close();
  });
});

/** A one-page PDF written by hand: a white 200×300 pt page with a black square in its upper left part. */
function onePagePdf(): Blob {
  const content = '0 0 0 rg 20 180 80 80 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new File([pdf], 'letter.pdf', { type: 'application/pdf' });
}

describe('PDF previews', () => {
  it('knows a PDF by its type, else by its name', () => {
    expect(isPdf('a.pdf', 'application/pdf')).to.equal(true);
    expect(isPdf('a.PDF', '')).to.equal(true);
    expect(isPdf('a.pdf', 'text/plain')).to.equal(false);
  });

  it('draws the first page in its shape, its long side the size asked: dark where the square is', async function () {
    this.timeout(20_000);
    const preview = (await decodePreview(onePagePdf(), 60))!;
    expect(preview, 'a preview').to.not.equal(undefined);
    const { bitmap } = preview;
    expect([bitmap.width, bitmap.height]).to.deep.equal([40, 60]);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const luminance = (x: number, y: number) => {
      const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
      return (r + g + b) / 3;
    };
    expect(luminance(12, 16)).to.be.lessThan(60);
    expect(luminance(30, 48)).to.be.greaterThan(230);
    bitmap.close();
  });

  it('gives undefined for a damaged PDF: the row keeps its icon', async function () {
    this.timeout(20_000);
    const damaged = new File(['%PDF-1.4\n1 0 obj\n<< /Type /Catalog', new Uint8Array(400).fill(0x5a)], 'damaged.pdf', { type: 'application/pdf' });
    expect(await decodePreview(damaged, 60)).to.equal(undefined);
  });
});
