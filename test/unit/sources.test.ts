// The Web address source and folder drops on the local source, in real Chromium against the real
// upload server: what a person types or drops becomes a `files-picked` intent, and a picked
// address uploads by the server fetching it.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/sources/url-source.js';
import '../../src/sources/local-source.js';
import type { UrlSource } from '../../src/sources/url-source.js';
import type { LocalSource } from '../../src/sources/local-source.js';
import { checkWebAddress } from '../../src/sources/web-address.js';
import { filesFromDrop, filesInEntry, type EntryLike } from '../../src/sources/read-drop.js';
import { env, lastSeq, makeController, nextDomEvent, nextEvent, pngFile, serverRequests, until } from './helpers.js';

/** The files of the source's next files-picked intent. */
const picked = (el: HTMLElement) => nextDomEvent<Array<File | string>>(el, 'files-picked');

/** Records every files-picked of an element, to assert that none came. */
function recordPicks(el: HTMLElement): Array<Array<File | string>> {
  const all: Array<Array<File | string>> = [];
  el.addEventListener('files-picked', (e) => all.push((e as CustomEvent).detail));
  return all;
}

const parts = (el: UrlSource) => {
  const root = el.shadowRoot!;
  return {
    field: root.querySelector('input')!,
    button: root.querySelector<HTMLButtonElement>('[part=upload-button]')!,
    error: () => root.querySelector<HTMLElement>('.error'),
    preview: () => root.querySelector<HTMLElement>('[part=preview]'),
    image: () => root.querySelector<HTMLImageElement>('[part=preview] img'),
  };
};

async function submit(el: UrlSource, text: string) {
  const { field, button } = parts(el);
  field.value = text;
  field.dispatchEvent(new Event('input'));
  button.click();
  await el.updateComplete;
}

/** Uploads a real PNG so the server has an image to deliver; returns its delivery URL. */
async function deliveredPng(width: number, height: number): Promise<string> {
  const { controller } = makeController();
  const success = nextEvent(controller, 'success');
  await controller.addFiles([await pngFile(width, height, 'preview-me.png')]);
  const url = (await success).secure_url;
  expect(url, 'delivery URL').to.be.a('string');
  return url!;
}

describe('web address checks', () => {
  it('accepts http and https addresses and refuses other schemes and non-addresses', () => {
    expect(checkWebAddress(' https://example.com/a.jpg ')).to.deep.equal({ ok: true, url: 'https://example.com/a.jpg' });
    expect(checkWebAddress('http://example.com/a b.jpg')).to.deep.equal({ ok: true, url: 'http://example.com/a%20b.jpg' });
    expect(checkWebAddress('ftp://example.com/a.jpg')).to.deep.equal({ ok: false, problem: 'scheme' });
    expect(checkWebAddress('javascript:alert(1)')).to.deep.equal({ ok: false, problem: 'scheme' });
    expect(checkWebAddress('data:image/png;base64,AAAA')).to.deep.equal({ ok: false, problem: 'scheme' });
    expect(checkWebAddress('')).to.deep.equal({ ok: false, problem: 'invalid' });
    expect(checkWebAddress('example.com/a.jpg')).to.deep.equal({ ok: false, problem: 'invalid' });
  });
});

describe('<uw-url-source>', () => {
  it('refuses ftp: and javascript: with the http/https message, tied to the field, and picks nothing', async () => {
    const el = await fixture<UrlSource>(html`<uw-url-source active></uw-url-source>`);
    const picks = recordPicks(el);
    for (const text of ['ftp://example.com/photo.jpg', 'javascript:alert(1)']) {
      await submit(el, text);
      const { field, error } = parts(el);
      expect(error()?.textContent?.trim()).to.equal('Only http:// and https:// addresses can be uploaded.');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.getAttribute('aria-describedby')).to.equal(error()!.id);
      expect(field.value, 'the text stays for correcting').to.equal(text);
    }
    expect(picks).to.have.length(0);
  });

  it('asks for a web address when the field is empty or holds no address', async () => {
    const el = await fixture<UrlSource>(html`<uw-url-source active></uw-url-source>`);
    const picks = recordPicks(el);
    for (const text of ['', '   ', 'photo.jpg']) {
      await submit(el, text);
      expect(parts(el).error()?.textContent?.trim()).to.equal('Enter a web address such as https://example.com/photo.jpg');
    }
    expect(picks).to.have.length(0);
    // Typing again clears the message and the invalid state.
    const { field } = parts(el);
    field.value = 'https://exa';
    field.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(parts(el).error()).to.equal(null);
    expect(field.getAttribute('aria-invalid')).to.equal('false');
    expect(field.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('picks a valid https address on Enter and an http one on the button, clearing the field', async () => {
    const el = await fixture<UrlSource>(html`<uw-url-source active></uw-url-source>`);
    const { field } = parts(el);
    field.focus();
    const first = picked(el);
    await sendKeys({ type: 'https://example.com/photo.jpg' });
    await sendKeys({ press: 'Enter' });
    expect(await first).to.deep.equal(['https://example.com/photo.jpg']);
    expect(field.value).to.equal('');

    const second = picked(el);
    await submit(el, 'http://example.org/clip.mp4');
    expect(await second).to.deep.equal(['http://example.org/clip.mp4']);
    expect(field.value).to.equal('');
    expect(parts(el).error()).to.equal(null);
  });

  it('previews an address that loads as an image, and shows nothing for one that does not', async () => {
    const imageUrl = await deliveredPng(40, 30);
    const el = await fixture<UrlSource>(html`<uw-url-source active></uw-url-source>`);
    const { field } = parts(el);

    field.value = `${env.server}/__dev/requests`; // JSON, not an image
    field.dispatchEvent(new Event('input'));
    await until(() => parts(el).image()?.complete === true, 'the non-image to finish loading');
    await el.updateComplete;
    expect(parts(el).preview()!.hidden, 'no preview for a non-image').to.equal(true);

    field.value = imageUrl;
    field.dispatchEvent(new Event('input'));
    await until(() => parts(el).preview()?.hidden === false, 'the image preview');
    const img = parts(el).image()!;
    expect(img.getAttribute('src')).to.equal(imageUrl);
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([40, 30]);
    expect(img.alt).to.not.equal('');
  });

  it('hands a picked address to a controller, and the server fetches and stores that image', async () => {
    const imageUrl = await deliveredPng(64, 48);
    const el = await fixture<UrlSource>(html`<uw-url-source active></uw-url-source>`);
    const { controller } = makeController();
    const since = await lastSeq();
    const pick = picked(el);
    await submit(el, imageUrl);
    const sources = await pick;
    const success = nextEvent(controller, 'success');
    await controller.addFiles(sources);
    await success;
    const requests = await serverRequests(since);
    expect(requests).to.have.length(1);
    expect(requests[0].params.file).to.equal(imageUrl);
    expect(requests[0].status).to.equal(200);
    expect(requests[0].response).to.include({ width: 64, height: 48 });
  });
});

/** A fake directory tree shaped like FileSystemEntry; readEntries hands out `batch` entries at a time. */
function fakeDir(name: string, children: EntryLike[], batch = 100): EntryLike {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let at = 0;
      return {
        readEntries(success: (entries: EntryLike[]) => void) {
          const slice = children.slice(at, at + batch);
          at += slice.length;
          setTimeout(() => success(slice));
        },
      };
    },
  } as EntryLike;
}

function fakeFile(name: string): EntryLike {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file(success: (file: File) => void) {
      setTimeout(() => success(new File([name], name, { type: 'text/plain' })));
    },
  } as EntryLike;
}

describe('folder drops', () => {
  it('walks a dropped folder recursively, skipping hidden files and folders', async () => {
    const tree = fakeDir('photos', [
      fakeFile('a.jpg'),
      fakeFile('.DS_Store'),
      fakeDir('trip', [fakeFile('b.jpg'), fakeDir('deeper', [fakeFile('c.jpg')]), fakeFile('._b.jpg')]),
      fakeDir('.git', [fakeFile('config')]),
      fakeDir('empty', []),
    ]);
    const files = await filesInEntry(tree);
    expect(files.map((f) => f.name)).to.deep.equal(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(files.every((f) => f instanceof File)).to.equal(true);
  });

  it('reads a large folder that the browser lists in several batches', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `f${i}.txt`);
    const files = await filesInEntry(fakeDir('big', names.map(fakeFile), 100));
    expect(files.map((f) => f.name)).to.deep.equal(names);
  });

  it('keeps a single dropped file even when its name starts with a dot', async () => {
    const files = await filesInEntry(fakeFile('.env.example'));
    expect(files.map((f) => f.name)).to.deep.equal(['.env.example']);
  });

  it("takes an item's own file when its file entry cannot give it (WebKit, for scripted and pasted drops)", async () => {
    const file = new File(['kept'], 'kept.txt', { type: 'text/plain' });
    const refusing = {
      name: 'kept.txt',
      isFile: true,
      isDirectory: false,
      file: (_ok: unknown, fail: (e: unknown) => void) => fail(new DOMException('Path does not exist', 'NotFoundError')),
    };
    const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => refusing, getAsFile: () => file }], files: [file] } as unknown as DataTransfer;
    expect(await filesFromDrop(transfer)).to.deep.equal([file]);
  });

  it('picks the plain files of a real drop on the drop area', async () => {
    const el = await fixture<LocalSource>(html`<uw-local-source active></uw-local-source>`);
    const area = el.shadowRoot!.querySelector('[part=drop-area]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['one'], 'one.txt', { type: 'text/plain' }));
    transfer.items.add(new File(['two!'], 'two.txt', { type: 'text/plain' }));
    const pick = picked(el);
    area.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await el.updateComplete;
    expect(area.classList.contains('dragging')).to.equal(true);
    area.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    const files = (await pick) as File[];
    expect(files.map((f) => [f.name, f.size])).to.deep.equal([
      ['one.txt', 3],
      ['two.txt', 4],
    ]);
    await el.updateComplete;
    expect(area.classList.contains('dragging')).to.equal(false);
  });
});
