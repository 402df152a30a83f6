// The Dropbox source's checks, without Dropbox: when the Chooser cannot open (no app key, an
// insecure page) and what the widget's file rules become in the Chooser's terms; a script that
// cannot load rejects and is tried again. The whole flow, with a fake Chooser, is in
// test/e2e/dropbox.e2e.test.mjs.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/sources/dropbox-source.js';
import type { DropboxSource } from '../../src/sources/dropbox-source.js';
import { chooserBlock, chooserFilters, loadChooser } from '../../src/sources/dropbox-chooser.js';
import { DEFAULT_OPTIONS, type WidgetOptions } from '../../src/options.js';

const options = (extra: Partial<WidgetOptions> = {}): WidgetOptions => ({ ...DEFAULT_OPTIONS, ...extra });
const textOf = (el: DropboxSource) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('dropbox source', () => {
  it('opens only with an app key, on a secure page', () => {
    expect(chooserBlock(undefined, true)).to.equal('no-key');
    expect(chooserBlock('  ', true)).to.equal('no-key');
    expect(chooserBlock('abc123', false)).to.equal('insecure');
    expect(chooserBlock('abc123', true)).to.equal(null);
  });

  it("puts clientAllowedFormats and maxFileSize in the Chooser's terms", () => {
    expect(chooserFilters(undefined, undefined)).to.deep.equal({});
    expect(chooserFilters(['jpg', '.png', 'image', 'video'], 5e6)).to.deep.equal({ extensions: ['.jpg', '.png', 'images', 'video'], sizeLimit: 5e6 });
    // A MIME type the Chooser cannot express: no filter at all rather than a narrower one.
    expect(chooserFilters(['jpg', 'application/pdf'], undefined)).to.deep.equal({});
  });

  it('a script that cannot load rejects, and the next call tries again', async () => {
    const missing = `${location.origin}/no-such-dropins-${Date.now()}.js`;
    await loadChooser(missing, 'k').then(
      () => expect.fail('loaded'),
      (e: Error) => expect(e.message).to.contain('could not be loaded'),
    );
    expect(document.querySelector(`script[src="${missing}"]`)).to.equal(null);
    await loadChooser(missing, 'k').catch(() => {});
    expect(document.querySelectorAll('script#dropboxjs').length).to.equal(0);
  });

  it('says when the app key is missing, with no button', async () => {
    const el = await fixture<DropboxSource>(html`<uw-dropbox-source .options=${options()} active></uw-dropbox-source>`);
    expect(textOf(el)).to.contain('Dropbox is not set up on this site: it needs a Dropbox app key.');
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('on an insecure page, says the Chooser needs https://, with no button', async () => {
    // The window's own attribute (Window is the global: its attributes are its own properties), put back after.
    const own = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    try {
      const el = await fixture<DropboxSource>(html`<uw-dropbox-source .options=${options({ dropboxAppKey: 'abc123' })}></uw-dropbox-source>`);
      expect(textOf(el)).to.contain('Dropbox opens only on secure pages.');
      expect(el.shadowRoot!.querySelector('button')).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      if (own) Object.defineProperty(window, 'isSecureContext', own);
      else delete (window as { isSecureContext?: boolean }).isSecureContext;
    }
    expect(window.isSecureContext).to.equal(true);
  });
});
