// <upload-widget> as a form field, in a real form, uploading to the local server: its values,
// required and disabled, reset and restore, and Cloudinary's `form`/`fieldName` hidden inputs.
import { expect, fixture, html } from '@open-wc/testing';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';
import { preloadedFile } from '../../src/core/preloaded-file.js';
import type { WidgetEventMap } from '../../src/events.js';
import sinon from 'sinon';
import { FormField } from '../../src/element/form-field.js';
import type { WidgetOptions } from '../../src/options.js';
import { env, nextDomEvent, randomFile, until } from './helpers.js';
// The queue's view is a lazy part: defined up front, so these tests read its rows without racing its load.
import '../../src/views/queue-view.js';

const PRELOADED = /^(image|video|raw)\/upload\/v\d+\/[^#]+#[0-9a-f]{40}$/;

async function inForm(attributes = '') {
  const form = await fixture<HTMLFormElement>(html`<form>
    <input name="title" value="Holiday" />
    <upload-widget inline></upload-widget>
  </form>`);
  const el = form.querySelector('upload-widget') as UploadWidget;
  for (const attr of attributes.split(' ').filter(Boolean)) {
    const [name, value = ''] = attr.split('=');
    el.setAttribute(name, value);
  }
  el.options = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server };
  await el.updateComplete;
  return { form, el };
}

async function upload(el: UploadWidget, files: File[]) {
  const end = nextDomEvent<WidgetEventMap['queues-end']>(el, 'queues-end');
  const successes: Array<WidgetEventMap['success']> = [];
  el.addEventListener('success', (e) => successes.push(e.detail));
  await el.addFiles(files);
  await end;
  return successes;
}

describe('form field', () => {
  it('each uploaded file adds a preloaded-file value under the field name, in the form data', async () => {
    const { form, el } = await inForm('name=photo');
    expect(el.form).to.equal(form);
    const [one] = await upload(el, [randomFile(2000, 'a.bin')]);
    expect(new FormData(form).getAll('photo')).to.deep.equal([preloadedFile(one)]);
    const more = await upload(el, [randomFile(3000, 'b.bin'), randomFile(4000, 'c.bin')]);
    const values = new FormData(form).getAll('photo') as string[];
    expect(values).to.have.length(3);
    expect(values.every((v) => PRELOADED.test(v))).to.equal(true);
    expect(values).to.include.members(more.map(preloadedFile));
    expect(el.values).to.deep.equal(values);
    // A new name takes the values along.
    el.name = 'picture';
    await el.updateComplete;
    expect(new FormData(form).getAll('picture')).to.deep.equal(values);
    expect(new FormData(form).getAll('photo')).to.deep.equal([]);
    // The other fields are untouched.
    expect(new FormData(form).get('title')).to.equal('Holiday');
  });

  it("the values go in the queue's order, whatever order the files finished in, and follow a move", async () => {
    const { form, el } = await inForm('name=photo');
    // Big, small, middle: with three at once the small one finishes first.
    const files = [randomFile(900_000, 'a.bin'), randomFile(1000, 'b.bin'), randomFile(300_000, 'c.bin')];
    const successes = await upload(el, files);
    const byName = new Map(successes.map((s) => [s.original_filename, preloadedFile(s)]));
    const inQueueOrder = () => el.items.map((i) => byName.get(i.name.replace('.bin', '')));
    expect(new FormData(form).getAll('photo')).to.deep.equal(inQueueOrder());
    el.move(el.items[2].id, 0);
    expect(el.items.map((i) => i.name)).to.deep.equal(['c.bin', 'a.bin', 'b.bin']);
    expect(new FormData(form).getAll('photo')).to.deep.equal(inQueueOrder());
  });

  it('the value is the string the SDKs verify: resource type, type, version, public ID with format, signature', () => {
    const result = {
      public_id: 'folder/cat',
      version: 1700000000,
      secure_url: 'https://x/cat.jpg',
      resource_type: 'image',
      type: 'upload',
      format: 'jpg',
      signature: 'a'.repeat(40),
    };
    expect(preloadedFile(result)).to.equal(`image/upload/v1700000000/folder/cat.jpg#${'a'.repeat(40)}`);
    // A raw file's public ID keeps its extension and has no format.
    expect(preloadedFile({ ...result, public_id: 'notes.txt', resource_type: 'raw', format: undefined })).to.equal(
      `raw/upload/v1700000000/notes.txt#${'a'.repeat(40)}`,
    );
  });

  it('required: invalid with a message until a file has uploaded, and while uploads run', async () => {
    const { form, el } = await inForm('name=photo required');
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Please upload a file.');
    let submitted = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted++;
    });
    form.requestSubmit();
    expect(submitted).to.equal(0);

    const end = nextDomEvent(el, 'queues-end');
    await el.addFiles([randomFile(300_000, 'big.bin')]);
    // At once, not at the next render: a submit now must be refused.
    expect(el.validity.valueMissing).to.equal(false);
    expect(el.validity.customError).to.equal(true);
    expect(el.validationMessage).to.equal('Please wait until the files have uploaded.');
    await end;
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
    form.requestSubmit();
    expect(submitted).to.equal(1);
  });

  it('a required field left empty takes focus when the form is submitted, and shows why', async () => {
    const { form, el } = await inForm('name=photo required');
    let invalid: Event | undefined;
    el.addEventListener('invalid', (e) => (invalid = e));
    form.requestSubmit();
    await until(
      () => el.shadowRoot!.activeElement !== null || !!el.shadowRoot!.querySelector('uw-source-tabs')?.shadowRoot?.activeElement,
      'focus inside the widget',
    );
    // The widget draws the message itself; the browser's bubble (which needs a focusable anchor) is off.
    expect(invalid?.defaultPrevented).to.equal(true);
    const shown = el.shadowRoot!.querySelector<HTMLElement>('[part=field-error]');
    expect(shown?.textContent?.trim()).to.equal('Please upload a file.');
    expect(shown?.checkVisibility()).to.equal(true);
    expect(shown?.getAttribute('role')).to.equal('alert');
    // Valid again: the message goes.
    await upload(el, [randomFile(1000, 'a.bin')]);
    await until(() => !el.shadowRoot!.querySelector('[part=field-error]'), 'the message to go');
  });

  it('form.reset() clears the values and the Done rows, not running uploads; removing a file from the queue removes its value', async () => {
    const { form, el } = await inForm('name=photo required');
    const [a, b] = await upload(el, [randomFile(1000, 'a.bin'), randomFile(1000, 'b.bin')]);
    expect(new FormData(form).getAll('photo')).to.have.length(2);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('uw-queue')!.shadowRoot!.querySelectorAll('li[data-status=done]')).to.have.length(2);
    form.reset();
    expect(new FormData(form).getAll('photo')).to.deep.equal([]);
    expect(el.validity.valueMissing).to.equal(true);
    // The screen matches the empty field: no "Done" rows left.
    expect(el.items.filter((i) => i.status === 'done')).to.have.length(0);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('uw-queue')?.shadowRoot?.querySelectorAll('li[data-status=done]').length ?? 0).to.equal(0);

    const [c] = await upload(el, [randomFile(1000, 'c.bin')]);
    expect(new FormData(form).getAll('photo')).to.deep.equal([preloadedFile(c)]);
    el.shadowRoot!.querySelector('uw-queue')!.dispatchEvent(new CustomEvent('item-action', { detail: { action: 'remove', id: c.id } }));
    expect(new FormData(form).getAll('photo')).to.deep.equal([]);
    expect([a.id, b.id].some((id) => el.items.some((i) => i.id === id))).to.equal(false);
  });

  it('state the browser restores (history, autofill) comes back as the values', async () => {
    const { form, el } = await inForm('name=photo required');
    const restored = [`image/upload/v1/a.png#${'b'.repeat(40)}`, `raw/upload/v2/n.txt#${'c'.repeat(40)}`];
    el.formStateRestoreCallback(JSON.stringify(restored));
    expect(new FormData(form).getAll('photo')).to.deep.equal(restored);
    expect(el.checkValidity()).to.equal(true);
    // Anything else is not a state this field wrote: ignored.
    el.formStateRestoreCallback('not json');
    expect(el.values).to.deep.equal(restored);
  });

  it('disabled, by its attribute or by a disabled fieldset: nothing can be added, and the form leaves it out', async () => {
    const { form, el } = await inForm('name=photo required');
    const frame = () => el.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;
    el.disabled = true;
    await until(() => frame().inert, 'the attribute to disable the widget');
    expect(frame().getAttribute('aria-disabled')).to.equal('true');
    // Barred from validation, as any disabled control.
    expect(form.checkValidity()).to.equal(true);
    el.disabled = false;
    await until(() => !frame().inert, 'the widget to be enabled again');
    expect(form.checkValidity()).to.equal(false);

    const fieldset = document.createElement('fieldset');
    form.append(fieldset);
    fieldset.append(el);
    fieldset.disabled = true;
    await until(() => frame()?.inert === true, 'the fieldset to disable the widget');
    expect(form.checkValidity()).to.equal(true);
    fieldset.disabled = false;
    await until(() => frame()?.inert === false, 'the fieldset to enable it again');
  });

  it('a disabled modal widget does not open', async () => {
    const el = await fixture<UploadWidget>(html`<upload-widget disabled></upload-widget>`);
    el.options = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server };
    el.open();
    await el.updateComplete;
    expect(el.isShowing()).to.equal(false);
    el.disabled = false;
    await el.updateComplete;
    await el.updateComplete;
    el.open();
    await el.updateComplete;
    expect(el.isShowing()).to.equal(true);
    el.close({ quiet: true });
  });

  it("Cloudinary's form and fieldName: a hidden input per uploaded file in that form", async () => {
    const target = await fixture<HTMLFormElement>(html`<form id="legacy-form"></form>`);
    const el = await fixture<UploadWidget>(html`<upload-widget inline></upload-widget>`);
    el.options = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server, form: '#legacy-form', fieldName: 'photo_ids' };
    await el.updateComplete;
    const [a, b] = await upload(el, [randomFile(1000, 'a.bin'), randomFile(1000, 'b.bin')]);
    const inputs = [...target.querySelectorAll<HTMLInputElement>('input[type=hidden]')];
    expect(inputs.map((i) => i.name)).to.deep.equal(['photo_ids', 'photo_ids']);
    expect(inputs.map((i) => i.value)).to.have.members([preloadedFile(a), preloadedFile(b)]);
    // The default name is Cloudinary's: image.
    el.options = { ...el.options, fieldName: undefined };
    await el.updateComplete;
    const [c] = await upload(el, [randomFile(1000, 'c.bin')]);
    expect(target.querySelector<HTMLInputElement>('input[name=image]')!.value).to.equal(preloadedFile(c));
  });
});

describe('FormField: values reach the form once per frame', () => {
  class TestControl extends HTMLElement {
    static formAssociated = true;
    readonly internals = this.attachInternals();
  }
  customElements.define('test-form-control', TestControl);
  const options = { fieldName: 'file' } as WidgetOptions;

  it('a hundred values added between two frames: the form gets one copy at the frame; FormData built before it has them all, in queue order', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><test-form-control name="files"></test-form-control></form>`);
    const control = form.querySelector('test-form-control') as TestControl;
    const given = sinon.spy(control.internals, 'setFormValue');
    // Queue position = the number in the id; files finish last first (each one out of order).
    const field = new FormField(control, control.internals, (id) => Number(id.slice(1)));
    const onFormData = (e: FormDataEvent) => field.fillIn(e.formData);
    form.addEventListener('formdata', onFormData);
    try {
      for (let i = 99; i >= 0; i--) field.add(`f${i}`, `v${i}`, options);
      expect(given.callCount, 'no copy per value').to.equal(0);
      const inOrder = Array.from({ length: 100 }, (_, i) => `v${i}`);
      expect(new FormData(form).getAll('files'), 'entries built before the frame').to.deep.equal(inOrder);
      expect(given.callCount, 'given once, for those entries').to.equal(1);
      field.add('f100', 'v100', options);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      expect(given.callCount, 'at the frame').to.equal(2);
      expect(new FormData(form).getAll('files')).to.deep.equal([...inOrder, 'v100']);
      expect(field.list).to.deep.equal([...inOrder, 'v100']);
    } finally {
      form.removeEventListener('formdata', onFormData);
    }
  });

  it('a widget in a form inside a shadow root: a file uploaded before the next frame is in FormData built at once', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<form><upload-widget name="files" inline></upload-widget></form>';
    const form = root.querySelector('form')!;
    const el = root.querySelector('upload-widget') as UploadWidget;
    el.options = { cloudName: env.cloudName, uploadPreset: 'demo_unsigned', uploadPrefix: env.server };
    await el.updateComplete;
    const seen: number[] = [];
    el.addEventListener('success', () => seen.push(new FormData(form).getAll('files').length));
    const end = nextDomEvent(el, 'queues-end');
    const held = new Promise<void>((resolve) => el.addEventListener('success', () => resolve(), { once: true }));
    await el.addFiles([randomFile(1000, 'a.bin')]);
    await held;
    // The first value is waiting for the frame now: entries built at once have it.
    expect(new FormData(form).getAll('files')).to.have.length(1);
    await end;
    await el.addFiles([randomFile(1000, 'b.bin')]);
    await nextDomEvent(el, 'queues-end');
    expect(seen).to.deep.equal([0, 1]);
    expect(new FormData(form).getAll('files')).to.have.length(2);
  });
});
