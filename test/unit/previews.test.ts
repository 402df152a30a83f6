// The row previews beyond pictures: a video's length as players write it (formatDuration), which
// files are videos (isVideo), and a video's poster frame from a recording made here.
import { expect } from '@open-wc/testing';
import { formatDuration } from '../../src/views/queue-row.js';
import { isVideo } from '../../src/views/preview-decoder.js';
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
