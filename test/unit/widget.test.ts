import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';
import { bytesOf, deliveredBytes, env, lastSeq, pngFile, randomFile, sameBytes, serverRequests, until, nextDomEvent } from './helpers.js';
// The queue's view is a lazy part: defined up front, so these tests read its rows without racing its load.
import '../../src/views/queue-view.js';

describe('<upload-widget> options and events', () => {
  afterEach(() => sinon.restore());

  it('reads kebab-case attributes into options, and uploads what a person picks', async () => {
    const since = await lastSeq();
    const el = await fixture<UploadWidget>(html`<upload-widget
      inline
      cloud-name=${env.cloudName}
      upload-preset="demo_unsigned"
      upload-prefix=${env.server}
      folder="attr"
      tags="a, b"
      client-allowed-formats="bin,png"
      max-chunk-size="6000000"
      resource-type="raw"
    ></upload-widget>`);
    const o = el.effectiveOptions;
    expect(o).to.include({ cloudName: env.cloudName, folder: 'attr', maxChunkSize: 6000000, resourceType: 'raw' });
    expect(o.tags).to.deep.equal(['a', 'b']);
    const input = el.shadowRoot!.querySelector('uw-local-source')!.shadowRoot!.querySelector('input[type=file]') as HTMLInputElement;
    expect(input.accept).to.equal('.bin,.png');
    expect(input.multiple).to.equal(true);

    const file = randomFile(4000, 'picked.bin');
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    const success = nextDomEvent<Record<string, unknown>>(el, 'success');
    input.dispatchEvent(new Event('change'));
    const info = await success;
    expect(info.public_id).to.match(/^attr\//);
    const [request] = await serverRequests(since);
    expect(request.path).to.equal(`/v1_1/${env.cloudName}/raw/upload`);
    expect(request.params).to.include({ folder: 'attr', tags: 'a,b' });
    expect(sameBytes(await deliveredBytes(info.secure_url as string), await bytesOf(file))).to.equal(true);
    // The queue row shows the file as done.
    await el.updateComplete;
    const queue = el.shadowRoot!.querySelector('uw-queue')!;
    await queue.updateComplete;
    const row = queue.shadowRoot!.querySelector('li[data-status=done]')!;
    expect(row.textContent).to.contain('picked.bin');
  });

  it("addFiles takes what pages pass: an input's FileList, one File, one web address; anything else is refused in words", async () => {
    const since = await lastSeq();
    const el = await fixture<UploadWidget>(html`<upload-widget
      inline
      cloud-name=${env.cloudName}
      upload-preset="demo_unsigned"
      upload-prefix=${env.server}
    ></upload-widget>`);
    const [a, b, c] = [randomFile(3000, 'list-a.bin'), randomFile(4000, 'list-b.bin'), randomFile(5000, 'one.bin')];
    const transfer = new DataTransfer();
    transfer.items.add(a);
    transfer.items.add(b);
    const listed = await el.addFiles(transfer.files);
    expect(listed.map((i) => i.name)).to.deep.equal(['list-a.bin', 'list-b.bin']);
    const [one] = await el.addFiles(c);
    expect(one.name).to.equal('one.bin');
    await until(() => el.items.every((i) => i.status === 'done'), 'the three done');
    const stored = el.items[2].uploadInfo!.secure_url;
    await el.addFiles(stored);
    await until(() => el.items.length === 4 && el.items[3].status === 'done', 'the web address done');
    const sent = await serverRequests(since);
    expect(sent.map((r) => r.fileName ?? r.params.file)).to.have.members(['list-a.bin', 'list-b.bin', 'one.bin', stored]);
    const bytesByName = Object.fromEntries(sent.filter((r) => r.fileName).map((r) => [r.fileName, r.fileBytes]));
    expect(bytesByName).to.deep.equal({ 'list-a.bin': 3000, 'list-b.bin': 4000, 'one.bin': 5000 });
    for (const wrong of [undefined, 42, [{ name: 'not-a-file' }]]) {
      const refused = await el.addFiles(wrong as unknown as File[]).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(refused, String(wrong)).to.be.instanceOf(TypeError);
      expect(refused!.message).to.match(/^addFiles\(\) takes Files or web addresses/);
    }
    expect(el.items).to.have.length(4);
  });

  it('takes a Cloudinary-style options object with snake_case keys; a publicId reaches the server', async () => {
    const el = await fixture<UploadWidget>(html`<upload-widget></upload-widget>`);
    el.options = { cloud_name: env.cloudName, upload_preset: 'demo_unsigned', upload_prefix: env.server, public_id: 'exact/name-1' };
    await el.updateComplete;
    const success = nextDomEvent<Record<string, unknown>>(el, 'success');
    await el.addFiles([randomFile(10, 'x.bin')]);
    expect((await success).public_id).to.equal('exact/name-1');
  });

  it('warns once about an invalid option, naming it, and keeps the default', async () => {
    const warn = sinon.stub(console, 'warn');
    const el = await fixture<UploadWidget>(html`<upload-widget max-chunk-size="5000000" resource-type="pictures"></upload-widget>`);
    el.requestUpdate();
    await el.updateComplete;
    // Below the smallest chunk: rounded up to it (not the 20 MB default), with a note.
    expect(el.effectiveOptions.maxChunkSize).to.equal(5_242_880);
    expect(el.effectiveOptions.resourceType).to.equal('auto');
    const warnings = warn.args.map(([m]) => String(m));
    expect(warnings.filter((w) => w.includes('maxChunkSize'))).to.have.length(1);
    expect(warnings.find((w) => w.includes('maxChunkSize'))).to.match(/at least 5 MiB \(5242880 bytes\); got 5000000\. Using 5242880 instead\./);
    expect(warnings.filter((w) => w.includes('resourceType'))).to.have.length(1);
  });

  it("takes Cloudinary's pipe form of context as the attribute, with \\| and \\= escapes", async () => {
    const warn = sinon.stub(console, 'warn');
    const el = await fixture<UploadWidget>(html`<upload-widget></upload-widget>`);
    el.setAttribute('context', String.raw`alt=A test \= file|caption=one\|two|empty=`);
    await el.updateComplete;
    expect(el.effectiveOptions.context).to.deep.equal({ alt: 'A test = file', caption: 'one|two', empty: '' });
    expect(warn.args.filter(([m]) => String(m).includes('context'))).to.deep.equal([]);
    // JSON still works, and text in neither form is still refused.
    el.setAttribute('context', '{"alt":"B"}');
    await el.updateComplete;
    expect(el.effectiveOptions.context).to.deep.equal({ alt: 'B' });
    el.setAttribute('context', 'just words');
    await el.updateComplete;
    expect(warn.args.some(([m]) => String(m).includes('Option context should be an object'))).to.equal(true);
  });

  it('abort() with no id stops every unfinished file and fires abort with all: true', async () => {
    const el = await fixture<UploadWidget>(html`<upload-widget></upload-widget>`);
    el.options = {
      cloudName: env.cloudName,
      uploadPreset: 'demo_unsigned',
      uploadPrefix: env.server,
      // Holds the batch so the files are still waiting when abort() comes.
      preBatch: (cb: () => void) => void setTimeout(cb, 300),
    };
    await el.updateComplete;
    const aborted = nextDomEvent<{ ids: string[]; all: boolean }>(el, 'abort');
    const adding = el.addFiles([randomFile(10, 'p.bin'), randomFile(10, 'q.bin')]);
    await until(() => el.items.length === 2, 'two items');
    el.abort();
    const detail = await aborted;
    await adding;
    expect(detail.all).to.equal(true);
    expect(detail.ids).to.have.length(2);
    expect(el.items.map((i) => i.status)).to.deep.equal(['aborted', 'aborted']);
  });
});

describe('<upload-widget> cropping and the queue rules', () => {
  /** Picks `file` in the local source, as a person does. */
  const pick = (el: UploadWidget, file: File) => {
    const input = el.shadowRoot!.querySelector('uw-local-source')!.shadowRoot!.querySelector('input[type=file]') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
  };

  it('crops a single image the queue allows, and sends one it would refuse straight to the refusal', async () => {
    const el = await fixture<UploadWidget>(html`<upload-widget
      inline
      cropping
      multiple="false"
      cloud-name=${env.cloudName}
      upload-preset="demo_unsigned"
      upload-prefix=${env.server}
      max-file-size="20000"
    ></upload-widget>`);
    const small = await pngFile(40, 30, 'small.png');
    expect(small.size).to.be.below(20_000);
    pick(el, small);
    await until(() => el.shadowRoot!.querySelector('uw-crop-view'), 'the crop step');
    // Back to the sources, then an image over max-file-size.
    el.shadowRoot!.querySelector('uw-crop-view')!.dispatchEvent(new CustomEvent('crop-back', { bubbles: true, composed: true }));
    await until(() => !el.shadowRoot!.querySelector('uw-crop-view'), 'back to the sources');
    const big = new File([small, new Uint8Array(30_000)], 'big.png', { type: 'image/png' });
    const error = nextDomEvent<{ message: string }>(el, 'error');
    pick(el, big);
    expect((await error).message).to.contain('big.png');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('uw-crop-view'), 'no crop step for a refused file').to.equal(null);
    expect(el.items.map((i) => [i.name, i.status])).to.deep.equal([['big.png', 'refused']]);
  });
});
