// "Dropbox": a button that opens Dropbox's Chooser (dropbox-chooser.ts). The picked files' direct
// links go up as web addresses (`files-picked`), and the upload server fetches them, so nothing
// passes through this device. The Chooser needs the site's app key (`dropboxAppKey`) and a
// secure page: without either the tab says why instead of showing a button that cannot work.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { intent } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import { DROPINS_URL, chooserBlock, chooserFilters, loadChooser, type ChooserFile, type DropboxGlobal } from './dropbox-chooser.js';
import { providerPanelStyles, sourceStyles } from './source-styles.js';

/**
 * @fires files-picked - detail: the picked files' direct links, web addresses the upload server fetches.
 * @csspart dropbox-button - the "Choose from Dropbox" button.
 */
@element('uw-dropbox-source')
@localized()
export class DropboxSource extends LitElement {
  @property({ attribute: false }) options?: WidgetOptions;
  @property({ type: Boolean, reflect: true }) active = false;
  /** dropins.js could not be loaded: said under the button, which tries again. */
  @state() private loadFailed = false;
  @query('button') private button?: HTMLButtonElement;
  /** dropins.js is loading after a click: a second click does not open a second Chooser. */
  private opening = false;
  private warned = false;

  static override styles = [sourceStyles, providerPanelStyles];

  private get appKey() {
    return this.options?.dropboxAppKey?.trim() ?? '';
  }

  private get block() {
    return chooserBlock(this.appKey, globalThis.isSecureContext !== false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('active') && !changed.has('options')) return;
    const block = this.block;
    if (block === 'no-key' && this.options && !this.warned) {
      this.warned = true;
      console.warn('[upload-widget] The dropbox source needs the dropboxAppKey option: a Dropbox app key, from https://www.dropbox.com/developers/apps.');
    }
    // Loaded as soon as the tab shows, so a click opens the Chooser at once (a popup opened later than the click is blocked).
    if (this.active && !block && !this.loadFailed) loadChooser(this.scriptUrl, this.appKey).catch(() => {});
  }

  private get scriptUrl() {
    return this.options?.dropboxScriptUrl || DROPINS_URL;
  }

  override render() {
    const block = this.block;
    return html`<div class="panel">
      <p>${msg('Choose files from your Dropbox. They are uploaded straight from Dropbox.')}</p>
      ${
        block === 'insecure'
          ? html`<p class="error">${msg('Dropbox opens only on secure pages. Open this page at its https:// address to choose files from Dropbox.')}</p>`
          : block === 'no-key'
            ? html`<p class="error">${msg('Dropbox is not set up on this site: it needs a Dropbox app key.')}</p>`
            : html`<div class="actions">
                <button part="dropbox-button" type="button" aria-describedby=${this.loadFailed ? 'dropbox-error' : nothing} @click=${this.choose}>
                  ${msg('Choose from Dropbox')}
                </button>
              </div>
              ${
                this.loadFailed
                  ? html`<p id="dropbox-error" class="error" role="alert">
                    ${msg('Dropbox could not be reached, so its file chooser did not open. Check your connection and try again.')}
                  </p>`
                  : nothing
              }`
      }
    </div>`;
  }

  private async choose() {
    if (this.opening || this.block) return;
    this.opening = true;
    // A message from an earlier try goes, so a second failure is announced again.
    this.loadFailed = false;
    let dropbox: DropboxGlobal;
    try {
      dropbox = await loadChooser(this.scriptUrl, this.appKey);
    } catch (e) {
      this.loadFailed = true;
      console.error("[upload-widget] Dropbox's Chooser could not be loaded (is its address allowed by the Content-Security-Policy's script-src?):", e);
      return;
    } finally {
      this.opening = false;
    }
    try {
      this.openChooser(dropbox);
    } catch (e) {
      this.loadFailed = true;
      console.error("[upload-widget] Dropbox's Chooser did not open:", e);
    }
  }

  private openChooser(dropbox: DropboxGlobal) {
    const o = this.options;
    const multiple = o?.multiple !== false && (o?.maxFiles ?? Infinity) > 1;
    dropbox.choose({
      linkType: 'direct',
      multiselect: multiple,
      ...chooserFilters(o?.clientAllowedFormats, o?.maxFileSize),
      success: (files: readonly ChooserFile[]) => {
        // More than maxFiles: the queue refuses the rest with its usual "too many files" reason.
        const links = files.filter((f) => !f.isDir && f.link).map((f) => f.link);
        if (links.length) intent(this, 'files-picked', links);
      },
      cancel: () => {
        this.button?.focus();
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-dropbox-source': DropboxSource;
  }
}
