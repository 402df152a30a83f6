import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AdvancedOptions } from '../../src/views/advanced-options.js';
import type { TagsCombobox } from '../../src/views/tags-combobox.js';
import '../../src/views/advanced-options.js';
import { NO_ADVANCED_VALUES } from '../../src/views/advanced-values.js';
import type { WidgetOptions } from '../../src/options.js';
import { delay, lastSeq, makeController, nextEvent, randomFile, recordDetails, serverRequests, settled, until } from './helpers.js';

const TAGS = ['rock', 'rocket', 'road', 'apple', 'beach'];

async function panel(options: Partial<WidgetOptions>): Promise<AdvancedOptions> {
  return fixture<AdvancedOptions>(html`<uw-advanced-options .options=${options}></uw-advanced-options>`);
}

const $ = <T extends Element>(root: ParentNode, sel: string) => root.querySelector(sel) as T;
const combo = (el: AdvancedOptions) => $<TagsCombobox>(el.shadowRoot!, 'uw-tags-combobox');
const tagInput = (el: AdvancedOptions) => $<HTMLInputElement>(combo(el).shadowRoot!, 'input[role=combobox]');
const listbox = (el: AdvancedOptions) => $<HTMLElement>(combo(el).shadowRoot!, '[role=listbox]');
const optionTexts = (el: AdvancedOptions) => Array.from(listbox(el).querySelectorAll('[role=option]'), (o) => o.textContent!.trim());
const chips = (el: AdvancedOptions) => Array.from(combo(el).shadowRoot!.querySelectorAll('.chip span:not([aria-hidden])'), (c) => c.textContent!.trim());
const listOpen = (el: AdvancedOptions) => tagInput(el).getAttribute('aria-expanded') === 'true' && !listbox(el).hidden;

/** Opens the panel with the keyboard: focus the disclosure, press Enter. */
async function openWithKeyboard(el: AdvancedOptions) {
  $<HTMLButtonElement>(el.shadowRoot!, 'button.toggle').focus();
  await sendKeys({ press: 'Enter' });
  await settled(el);
}

/** Cloudinary's example hook: filters its list by the prefix and calls back. */
function callbackHook(calls: string[]) {
  return (cb: (tags: string[]) => void, prefix: string) => {
    calls.push(prefix);
    cb(TAGS.filter((t) => t.startsWith(prefix)));
  };
}

describe('<uw-advanced-options>', () => {
  it('opens and closes with the keyboard; the disclosure reports its state', async () => {
    const el = await panel({});
    const toggle = $<HTMLButtonElement>(el.shadowRoot!, 'button.toggle');
    const fields = $<HTMLElement>(el.shadowRoot!, '#panel');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal('panel');
    expect(fields.hidden).to.equal(true);
    await openWithKeyboard(el);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(fields.hidden).to.equal(false);
    await sendKeys({ press: 'Space' });
    await settled(el);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(fields.hidden).to.equal(true);
  });

  it('typing a prefix asks getTags for it once (debounced) and lists the suggestions', async () => {
    const calls: string[] = [];
    const el = await panel({ getTags: callbackHook(calls) });
    await openWithKeyboard(el);
    tagInput(el).focus();
    await sendKeys({ type: 'roc' });
    await until(() => listOpen(el), 'the suggestions listbox');
    expect(calls).to.deep.equal(['roc']);
    expect(optionTexts(el)).to.deep.equal(['rock', 'rocket']);
    const input = tagInput(el);
    expect(input.getAttribute('aria-controls')).to.equal(listbox(el).id);
    expect(listbox(el).getAttribute('role')).to.equal('listbox');
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
  });

  it('ArrowDown and Enter pick the highlighted suggestion: a chip, a tags event, overrides.tags', async () => {
    const el = await panel({ getTags: callbackHook([]) });
    const tagsEvents = recordDetails<{ tags: string[] }>(el, 'tags');
    const changes = recordDetails<{ tags: string[] }>(el, 'advanced-change');
    await openWithKeyboard(el);
    tagInput(el).focus();
    await sendKeys({ type: 'roc' });
    await until(() => listOpen(el), 'the suggestions listbox');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    const active = tagInput(el).getAttribute('aria-activedescendant')!;
    const option = combo(el).shadowRoot!.getElementById(active)!;
    expect(option.textContent!.trim()).to.equal('rocket');
    expect(option.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(chips(el)).to.deep.equal(['rock']);
    expect(tagsEvents).to.deep.equal([{ tags: ['rock'] }]);
    expect(changes.at(-1)!.tags).to.deep.equal(['rock']);
    expect(el.overrides.tags).to.deep.equal(['rock']);
    expect(tagInput(el).value).to.equal('');
    expect(listOpen(el)).to.equal(false);
    expect(combo(el).shadowRoot!.activeElement).to.equal(tagInput(el));
  });

  it('typing a new tag and Enter adds it; a comma ends a tag too; duplicates are ignored', async () => {
    const el = await panel({});
    const tagsEvents = recordDetails<{ tags: string[] }>(el, 'tags');
    await openWithKeyboard(el);
    tagInput(el).focus();
    await sendKeys({ type: 'summer 2025' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    await sendKeys({ type: 'beach,' });
    await settled(el);
    await sendKeys({ type: 'beach' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(chips(el)).to.deep.equal(['summer 2025', 'beach']);
    expect(tagsEvents.map((e) => e.tags)).to.deep.equal([['summer 2025'], ['summer 2025', 'beach']]);
    expect(el.overrides).to.deep.equal({ tags: ['summer 2025', 'beach'] });
  });

  it('Backspace in the empty field removes the last tag; a chip button removes its own tag', async () => {
    const el = await panel({});
    const tagsEvents = recordDetails<{ tags: string[] }>(el, 'tags');
    await openWithKeyboard(el);
    tagInput(el).focus();
    for (const t of ['one', 'two', 'three']) {
      await sendKeys({ type: t });
      await sendKeys({ press: 'Enter' });
      await settled(el);
    }
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Backspace' }); // deletes the "x" only
    await sendKeys({ press: 'Backspace' }); // now empty: removes "three"
    await settled(el);
    expect(chips(el)).to.deep.equal(['one', 'two']);
    const remove = $<HTMLButtonElement>(combo(el).shadowRoot!, 'button[aria-label="Remove tag one"]');
    expect(remove).to.exist;
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(chips(el)).to.deep.equal(['two']);
    expect(tagsEvents.at(-1)).to.deep.equal({ tags: ['two'] });
    expect(el.overrides.tags).to.deep.equal(['two']);
    // Focus stays in the field after its chip's button goes away.
    expect(combo(el).shadowRoot!.activeElement).to.equal(tagInput(el));
  });

  it('Escape closes the list and goes no further; Tab leaves the field', async () => {
    const el = await panel({ getTags: callbackHook([]) });
    let escapesOutside = 0;
    const count = (e: KeyboardEvent) => void (e.key === 'Escape' && escapesOutside++);
    document.addEventListener('keydown', count);
    await openWithKeyboard(el);
    tagInput(el).focus();
    await sendKeys({ type: 'r' });
    await until(() => listOpen(el), 'the suggestions listbox');
    await sendKeys({ press: 'Escape' });
    await settled(el);
    expect(listOpen(el)).to.equal(false);
    expect(tagInput(el).value).to.equal('r');
    document.removeEventListener('keydown', count);
    expect(escapesOutside).to.equal(0);
    // ArrowDown opens the list again on demand.
    await sendKeys({ press: 'ArrowDown' });
    await until(() => listOpen(el), 'the listbox reopened');
    await sendKeys({ press: 'Tab' });
    await settled(el);
    expect(listOpen(el)).to.equal(false);
    expect(combo(el).shadowRoot!.activeElement).to.equal(null);
    expect(chips(el)).to.deep.equal([]);
  });

  it('the latest answer wins: a slow answer for an older prefix never replaces a newer one', async () => {
    const calls: string[] = [];
    const el = await panel({
      // Returns a Promise, as Cloudinary's hook may; the first question is answered last.
      getTags: async (_cb, prefix) => {
        calls.push(prefix);
        await delay(prefix === 'r' ? 400 : 10);
        return TAGS.filter((t) => t.startsWith(prefix));
      },
    });
    await openWithKeyboard(el);
    tagInput(el).focus();
    await sendKeys({ type: 'r' });
    await delay(200); // past the debounce: "r" is asked
    await sendKeys({ type: 'oa' });
    await until(() => listOpen(el), 'the suggestions listbox');
    await delay(400); // the slow answer for "r" arrives now
    await settled(el);
    expect(calls).to.deep.equal(['r', 'roa']);
    expect(optionTexts(el)).to.deep.equal(['road']);
  });

  it('a getTags that throws, rejects or answers junk leaves the field quiet and usable', async () => {
    let n = 0;
    const el = await panel({
      getTags: (cb) => {
        n++;
        if (n === 1) throw new Error('boom');
        if (n === 2) return Promise.reject(new Error('nope'));
        cb([42, '', 'rock', 'rock', ' rock '] as unknown as string[]);
      },
    });
    await openWithKeyboard(el);
    tagInput(el).focus();
    await sendKeys({ type: 'a' });
    await delay(250);
    await sendKeys({ type: 'b' });
    await delay(250);
    expect(listOpen(el)).to.equal(false);
    await sendKeys({ type: 'c' });
    await until(() => listOpen(el), 'the suggestions listbox');
    expect(optionTexts(el)).to.deep.equal(['rock']);
    await sendKeys({ press: 'Enter' }); // nothing highlighted: adds what is typed
    await settled(el);
    expect(chips(el)).to.deep.equal(['abc']);
  });

  it('getUploadPresets fills the select when the panel first opens; choosing one sets upload_preset', async () => {
    let calls = 0;
    const el = await panel({
      uploadPreset: 'demo_unsigned',
      getUploadPresets: (cb) => {
        calls++;
        setTimeout(() => cb(['signed', 'video', 'eager']), 20);
      },
    });
    expect(calls).to.equal(0);
    await openWithKeyboard(el);
    await until(() => !!el.shadowRoot!.querySelector('select'), 'the preset select');
    await settled(el);
    const select = $<HTMLSelectElement>(el.shadowRoot!, 'select');
    expect(Array.from(select.options, (o) => o.textContent!.trim())).to.deep.equal(['Default (demo_unsigned)', 'signed', 'video', 'eager']);
    expect(select.labels![0].textContent).to.equal('Upload preset');
    expect(el.overrides.upload_preset).to.equal(undefined);
    const changes = recordDetails<{ uploadPreset?: string }>(el, 'advanced-change');
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    expect(select.value).to.equal('video');
    expect(el.overrides.upload_preset).to.equal('video');
    expect(changes.at(-1)!.uploadPreset).to.equal('video');
    // Closing and reopening does not ask again.
    await openWithKeyboard(el);
    await openWithKeyboard(el);
    expect(calls).to.equal(1);
  });

  it('without presets (none, a failure or silence) there is no select and no error', async () => {
    for (const hook of [(cb: (p: string[]) => void) => cb([]), () => Promise.reject(new Error('down')), () => undefined]) {
      const el = await panel({ getUploadPresets: hook, hookTimeout: 100 });
      await openWithKeyboard(el);
      await delay(150);
      await settled(el);
      expect(el.shadowRoot!.querySelector('select')).to.equal(null);
      expect(el.shadowRoot!.querySelector('.error')!.textContent).to.equal('');
    }
  });

  it('an invalid public ID shows why, is marked aria-invalid and is left out of overrides', async () => {
    const el = await panel({});
    const committed = recordDetails<{ publicId: string }>(el, 'publicid');
    const changes = recordDetails<{ publicId?: string }>(el, 'advanced-change');
    await openWithKeyboard(el);
    const input = $<HTMLInputElement>(el.shadowRoot!, '#public-id');
    const error = $<HTMLElement>(el.shadowRoot!, '#public-id-error');
    expect(input.labels![0].textContent).to.equal('Public ID');
    input.focus();
    await sendKeys({ type: 'photos/a?b' });
    await settled(el);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('public-id-error');
    expect(error.textContent).to.contain('cannot contain “?”');
    expect(el.overrides).to.deep.equal({});
    expect(changes.at(-1)!.publicId).to.equal(undefined);
    await sendKeys({ press: 'Tab' }); // commit by leaving: nothing to announce
    expect(committed).to.deep.equal([]);

    input.focus();
    input.select();
    await sendKeys({ type: 'photos/' });
    await settled(el);
    expect(error.textContent).to.contain('cannot start or end with “/”');
    expect(el.overrides.public_id).to.equal(undefined);

    await sendKeys({ type: 'beach-1' });
    await settled(el);
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(error.textContent).to.equal('');
    expect(el.overrides).to.deep.equal({ public_id: 'photos/beach-1' });
    expect(changes.at(-1)!.publicId).to.equal('photos/beach-1');
    await sendKeys({ press: 'Tab' });
    expect(committed).to.deep.equal([{ publicId: 'photos/beach-1' }]);
  });

  it('events reach listeners outside its shadow root (composed, bubbling); tags-change stays inside', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('uw-advanced-options');
    el.options = {};
    root.append(el);
    await el.updateComplete;
    const outside = { tags: recordDetails(host, 'tags'), publicid: recordDetails(host, 'publicid'), internal: recordDetails(host, 'tags-change') };
    await openWithKeyboard(el);
    $<HTMLInputElement>(el.shadowRoot!, '#public-id').focus();
    await sendKeys({ type: 'id-1' });
    await sendKeys({ press: 'Tab' }); // commits, and moves on to the tags field
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(outside.publicid).to.deep.equal([{ publicId: 'id-1' }]);
    expect(outside.tags).to.deep.equal([{ tags: ['x'] }]);
    expect(outside.internal).to.deep.equal([]);
  });

  it('passes an axe audit open, with a chip, suggestions showing and a highlighted option', async () => {
    const el = await panel({ getTags: callbackHook([]), getUploadPresets: (cb) => cb(['signed']) });
    await openWithKeyboard(el);
    await until(() => !!el.shadowRoot!.querySelector('select'), 'the preset select');
    tagInput(el).focus();
    await sendKeys({ type: 'beach' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'ro' });
    await until(() => listOpen(el), 'the suggestions listbox');
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('new values from the shell replace what it shows (a batch was queued): fields, chips and typed text clear; the panel stays open', async () => {
    const el = await panel({ getUploadPresets: (cb) => cb(['signed']) });
    await openWithKeyboard(el);
    await until(() => !!el.shadowRoot!.querySelector('select'), 'the preset select');
    const input = $<HTMLInputElement>(el.shadowRoot!, '#public-id');
    input.focus();
    await sendKeys({ type: 'one-off' });
    tagInput(el).focus();
    await sendKeys({ type: 'a' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'half typed' });
    const select = $<HTMLSelectElement>(el.shadowRoot!, 'select');
    select.value = 'signed';
    select.dispatchEvent(new Event('change'));
    await settled(el);
    expect(el.overrides).to.deep.equal({ public_id: 'one-off', tags: ['a'], upload_preset: 'signed' });
    // Its own values, given back as the shell does after each advanced-change, change nothing.
    const sent = el.values;
    el.values = sent;
    await settled(el);
    expect(tagInput(el).value).to.equal('half typed');
    el.values = NO_ADVANCED_VALUES;
    await settled(el);
    expect(el.overrides).to.deep.equal({});
    expect(input.value).to.equal('');
    expect(tagInput(el).value).to.equal('');
    expect(chips(el)).to.deep.equal([]);
    expect(select.value).to.equal('');
    expect($<HTMLButtonElement>(el.shadowRoot!, 'button.toggle').getAttribute('aria-expanded')).to.equal('true');
  });

  it('its overrides reach the server through a real UploadController: public_id and tags', async () => {
    const since = await lastSeq();
    const id = `advanced/pick-${Date.now()}`;
    const el = await panel({ tags: ['site'], getTags: callbackHook([]) });
    await openWithKeyboard(el);
    $<HTMLInputElement>(el.shadowRoot!, '#public-id').focus();
    await sendKeys({ type: id });
    tagInput(el).focus();
    await sendKeys({ type: 'roc' });
    await until(() => listOpen(el), 'the suggestions listbox');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'holiday' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(el.overrides).to.deep.equal({ public_id: id, tags: ['site', 'rock', 'holiday'] });

    const { controller } = makeController({ tags: ['site'] });
    const success = nextEvent(controller, 'success');
    await controller.addFiles([randomFile(500, 'advanced.bin')], el.overrides);
    const info = await success;
    expect(info.public_id).to.equal(id);
    expect(info.tags).to.deep.equal(['site', 'rock', 'holiday']);
    const [request] = await serverRequests(since);
    expect(request.params).to.include({ public_id: id, tags: 'site,rock,holiday' });
  });
});
