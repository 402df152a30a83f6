// A record's files given back as the widget's value: the preloaded-file strings read into rows
// (parsing, delivery addresses), and the element showing them as done rows in its form value,
// removable, restored by form.reset(), against files really stored on the local server.
import { expect, fixture, html } from '@open-wc/testing';
import { deliveryOrigin, storedFiles, valueList } from '../../src/core/stored-files.js';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';
import { env, lastSeq, randomFile, serverRequests, until } from './helpers.js';

const SIG = 'a'.repeat(40);

describe('preloaded-file strings', () => {
  it('are read from an array, a JSON array, or a list separated by spaces, commas or lines', () => {
    const a = `image/upload/v1/a.jpg#${SIG}`;
    const b = 'raw/upload/v2/docs/b.pdf';
    expect(valueList([a, ' ', b])).to.deep.equal([a, b]);
    expect(valueList(JSON.stringify([a, b]))).to.deep.equal([a, b]);
    expect(valueList(`${a}, ${b}`)).to.deep.equal([a, b]);
    expect(valueList(`\n ${a}\n${b}\n`)).to.deep.equal([a, b]);
    expect(valueList(undefined)).to.deep.equal([]);
  });

  it('become what Cloudinary answered: public ID (folders, dots), version, format, signature, delivery address and thumbnail', () => {
    const { files, unreadable } = storedFiles(
      [
        `image/upload/v1712/listings/my.house.jpg#${SIG}`,
        'raw/upload/v3/docs/terms.pdf',
        'video/authenticated/v9/clip.mp4',
        'nonsense',
        'image/upload/vX/a.jpg',
      ],
      { cloudName: 'demo', uploadPrefix: 'https://api.cloudinary.com' },
    );
    expect(unreadable).to.deep.equal(['nonsense', 'image/upload/vX/a.jpg']);
    const [image, raw, video] = files;
    expect(image.name).to.equal('my.house.jpg');
    expect(image.info).to.deep.include({
      public_id: 'listings/my.house',
      version: 1712,
      format: 'jpg',
      resource_type: 'image',
      type: 'upload',
      signature: SIG,
      secure_url: 'https://res.cloudinary.com/demo/image/upload/v1712/listings/my.house.jpg',
      thumbnail_url: 'https://res.cloudinary.com/demo/image/upload/c_limit,h_60,w_90/v1712/listings/my.house.jpg',
    });
    expect(raw.name).to.equal('terms.pdf');
    expect(raw.info).to.deep.include({
      public_id: 'docs/terms.pdf',
      resource_type: 'raw',
      secure_url: 'https://res.cloudinary.com/demo/raw/upload/v3/docs/terms.pdf',
    });
    expect(raw.info).to.not.have.property('format');
    expect(video.info).to.not.have.property('thumbnail_url');
    expect(video.info.secure_url).to.equal('https://res.cloudinary.com/demo/video/authenticated/v9/clip.mp4');
  });

  it('are delivered by res.cloudinary.com for Cloudinary’s API hosts, else by the upload server’s own origin', () => {
    expect(deliveryOrigin('https://api.cloudinary.com')).to.equal('https://res.cloudinary.com');
    expect(deliveryOrigin('https://api-eu.cloudinary.com/')).to.equal('https://res.cloudinary.com');
    expect(deliveryOrigin('http://127.0.0.1:5173/api')).to.equal('http://127.0.0.1:5173');
  });
});

/** A file stored on the local server, as a backend would have kept it: its preloaded-file string. */
async function stored(name: string): Promise<string> {
  const form = new FormData();
  form.append('upload_preset', 'demo_unsigned');
  form.append('file', randomFile(2000, name));
  const r = await (await fetch(`${env.server}/v1_1/${env.cloudName}/raw/upload`, { method: 'POST', body: form })).json();
  return `raw/upload/v${r.version}/${r.public_id}#${r.signature}`;
}

describe('value: a record’s files in the widget', () => {
  it('shows them as done rows in the form value; Remove takes one out; reset brings it back; a new value replaces them; nothing is sent', async () => {
    const [a, b, c] = [await stored('a.txt'), await stored('b.txt'), await stored('c.txt')];
    const since = await lastSeq();
    const form = await fixture<HTMLFormElement>(html`<form>
      <upload-widget inline name="docs" cloud-name=${env.cloudName} upload-preset="demo_unsigned" upload-prefix=${env.server} value=${`${a} ${b}`}></upload-widget>
    </form>`);
    const el = form.querySelector('upload-widget') as UploadWidget;
    const submitted = () => new FormData(form).getAll('docs');
    await until(() => el.controller.items.length === 2, 'two rows');
    expect(el.controller.items.map((i) => i.status)).to.deep.equal(['done', 'done']);
    expect(submitted()).to.deep.equal([a, b]);
    expect(el.value).to.deep.equal([a, b]);

    // The row's Remove: the queue view's intent to the element.
    await until(() => el.shadowRoot!.querySelector('uw-queue'), 'the queue shown');
    const queue = el.shadowRoot!.querySelector('uw-queue')!;
    queue.dispatchEvent(new CustomEvent('item-action', { detail: { action: 'remove', id: el.controller.items[0].id } }));
    await until(() => el.controller.items.length === 1, 'one row');
    expect(submitted()).to.deep.equal([b]);

    form.reset();
    await until(() => el.controller.items.length === 2 && submitted().length === 2, 'both back');
    expect(submitted()).to.deep.equal([a, b]);

    el.value = [c];
    await until(() => el.controller.items.length === 1 && submitted()[0] === c, 'the new value');
    expect(el.controller.items[0].uploadInfo?.public_id).to.equal(c.split('/').at(-1)!.split('#')[0]);
    expect((await serverRequests(since)).filter((r) => r.method === 'POST')).to.deep.equal([], 'nothing uploaded');
  });
});
