import { expect } from '@open-wc/testing';
import { lastSeq, makeController, nextEvent, pngFile, randomFile, serverRequests } from './helpers.js';

describe('validation before upload', () => {
  it('refuses a format that is not allowed, with a reason naming file, format and the allowed list; the rest upload', async () => {
    const since = await lastSeq();
    const { controller, events } = makeController({ clientAllowedFormats: ['jpg', 'png'] });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(100, 'photo.heic', 'image/heic'), await pngFile(10, 10, 'ok.png')]);
    const { files } = await end;
    // The refused file is listed too, as refused.
    expect(files.map((f) => [f.name, f.status])).to.deep.equal([
      ['photo.heic', 'refused'],
      ['ok.png', 'success'],
    ]);
    const refused = controller.items.find((i) => i.name === 'photo.heic')!;
    expect(refused.status).to.equal('refused');
    expect(refused.error).to.equal('photo.heic: HEIC files are not allowed here; allowed: jpg, png');
    const error = events.find((e) => e.name === 'error')!.detail as { message: string };
    expect(error.message).to.equal(refused.error);
    const requests = await serverRequests(since);
    expect(requests.map((r) => r.fileName)).to.deep.equal(['ok.png']);
  });

  it('says so plainly when a file has no extension at all', async () => {
    const { controller } = makeController({ clientAllowedFormats: ['jpg', 'png'] });
    await controller.addFiles([randomFile(10, 'README', '')]);
    expect(controller.items[0].error).to.equal('README: files without an extension are not allowed here; allowed: jpg, png');
  });

  it('accepts type words such as "image" in clientAllowedFormats', async () => {
    const { controller } = makeController({ clientAllowedFormats: ['image'] });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([await pngFile(5, 5, 'any.png'), randomFile(10, 'notes.txt', 'text/plain')]);
    expect(controller.items.map((i) => i.status === 'refused')).to.deep.equal([false, true]);
    await end;
  });

  it('applies maxFileSize and the per-type size limits', async () => {
    const { controller } = makeController({ maxFileSize: 5000, maxImageFileSize: 100 });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(6000, 'big.bin'), await pngFile(30, 30, 'pic.png'), randomFile(4000, 'fits.bin')]);
    const [big, pic, fits] = controller.items;
    expect(big.error).to.equal('big.bin is 6 kB; the largest file allowed here is 5 kB.');
    expect(pic.status).to.equal('refused');
    expect(pic.error).to.match(/^pic\.png is \d+ bytes; the largest file allowed here is 100 bytes\.$/);
    expect(fits.status).to.not.equal('refused');
    expect((await end).files.map((f) => f.name)).to.deep.equal(['big.bin', 'pic.png', 'fits.bin']);
  });

  it('refuses images smaller than minImageWidth/Height', async () => {
    const { controller } = makeController({ minImageWidth: 100, minImageHeight: 100 });
    const error = nextEvent(controller, 'error');
    await controller.addFiles([await pngFile(50, 200, 'narrow.png')]);
    expect((await error).message).to.equal('narrow.png is 50×200 pixels; images must be at least 100×100.');
  });

  it('names only the limits that are set: "at least 1000 pixels wide", never "1000×1"', async () => {
    const cases: Array<[Parameters<typeof makeController>[0], string]> = [
      [{ minImageWidth: 1000 }, 'small.png is 30×20 pixels; images must be at least 1000 pixels wide.'],
      [{ minImageHeight: 500 }, 'small.png is 30×20 pixels; images must be at least 500 pixels high.'],
      [{ maxImageWidth: 10, validateMaxWidthHeight: true }, 'small.png is 30×20 pixels; images may be at most 10 pixels wide.'],
      [{ maxImageHeight: 10, validateMaxWidthHeight: true }, 'small.png is 30×20 pixels; images may be at most 10 pixels high.'],
    ];
    for (const [options, expected] of cases) {
      const { controller } = makeController(options);
      const error = nextEvent(controller, 'error');
      await controller.addFiles([await pngFile(30, 20, 'small.png')]);
      expect((await error).message).to.equal(expected);
    }
  });

  it('refuses oversize images when validateMaxWidthHeight is set', async () => {
    const { controller } = makeController({ maxImageWidth: 100, maxImageHeight: 100, validateMaxWidthHeight: true });
    const error = nextEvent(controller, 'error');
    await controller.addFiles([await pngFile(300, 50, 'wide.png')]);
    expect((await error).message).to.equal('wide.png is 300×50 pixels; images may be at most 100×100.');
  });

  it('downscales oversize images in the browser otherwise, keeping format and aspect ratio', async () => {
    const since = await lastSeq();
    const { controller } = makeController({ maxImageWidth: 100, maxImageHeight: 100 });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([await pngFile(400, 200, 'huge.png')]);
    const info = await success;
    expect(info).to.include({ width: 100, height: 50, format: 'png' });
    const [request] = await serverRequests(since);
    expect(request.fileName).to.equal('huge.png');
  });

  it('refuses files past maxFiles, and only the first when multiple is false', async () => {
    const { controller } = makeController({ maxFiles: 2 });
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(10, '1.bin'), randomFile(10, '2.bin'), randomFile(10, '3.bin')]);
    expect(controller.items.map((i) => i.status === 'refused')).to.deep.equal([false, false, true]);
    expect(controller.items[2].error).to.equal('3.bin: at most 2 files can be uploaded at once.');
    expect((await end).files.map((f) => f.name)).to.deep.equal(['3.bin', '1.bin', '2.bin']);
    const single = makeController({ multiple: false }).controller;
    const singleEnd = nextEvent(single, 'queues-end');
    await single.addFiles([randomFile(10, 'a.bin'), randomFile(10, 'b.bin')]);
    expect(single.items[1].error).to.equal('b.bin: only one file can be uploaded at a time.');
    expect((await singleEnd).files.map((f) => f.name)).to.deep.equal(['b.bin', 'a.bin']);
  });
});

describe('a batch of only refused files', () => {
  /** The events a batch fires, by name, until queues-end. */
  async function batch(options: Parameters<typeof makeController>[0], files: File[]) {
    const { controller, events } = makeController(options);
    const end = nextEvent(controller, 'queues-end', 10000);
    await controller.addFiles(files);
    const { files: ended } = await end;
    return { ended, names: events.map((e) => e.name), controller };
  }

  it('ends with queues-end listing them as refused (format, size, pixels), with no queues-start', async () => {
    const format = await batch({ clientAllowedFormats: ['jpg'] }, [await pngFile(10, 10, 'a.png')]);
    expect(format.ended.map((f) => [f.name, f.status, f.failed])).to.deep.equal([['a.png', 'refused', true]]);
    expect(format.names).to.deep.equal(['upload-added', 'error', 'queues-end']);

    const size = await batch({ maxFileSize: 10 }, [randomFile(100, 'big.bin'), randomFile(200, 'bigger.bin')]);
    expect(size.ended.map((f) => [f.name, f.status])).to.deep.equal([
      ['big.bin', 'refused'],
      ['bigger.bin', 'refused'],
    ]);
    expect(size.names.includes('queues-start')).to.equal(false);

    const pixels = await batch({ minImageWidth: 1000 }, [await pngFile(30, 20, 'small.png')]);
    expect(pixels.ended.map((f) => [f.name, f.status])).to.deep.equal([['small.png', 'refused']]);
    expect(pixels.names).to.deep.equal(['upload-added', 'error', 'queues-end']);

    // A later batch that uploads starts a run of its own.
    const { controller } = size;
    const start = nextEvent(controller, 'queues-start');
    const end = nextEvent(controller, 'queues-end');
    await controller.addFiles([randomFile(5, 'ok.bin')]);
    await start;
    expect((await end).files.map((f) => [f.name, f.status])).to.deep.equal([['ok.bin', 'success']]);
  });
});

describe('crop coordinates and downscaling', () => {
  it('scales custom_coordinates with an image downscaled before upload', async () => {
    const since = await lastSeq();
    const { controller } = makeController({ maxImageWidth: 200, maxImageHeight: 200 });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([await pngFile(400, 300, 'cropped.png')], { custom_coordinates: '100,50,200,100' });
    const info = await success;
    expect(info).to.include({ width: 200, height: 150 });
    const [request] = await serverRequests(since);
    expect(request.params.custom_coordinates).to.equal('50,25,100,50');
  });
});
