// "Web address": a field for an http(s) address the server fetches itself. Enter or the Upload
// button sends the intent `files-picked` with [address]; an image preview appears while typing,
// only once the address really loads as an image.
import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { intent } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import { checkWebAddress } from './web-address.js';
import { sourceStyles } from './source-styles.js';

/** How long typing must pause before the preview is tried, so each keystroke is not a request. */
const PREVIEW_DELAY_MS = 400;

/**
 * @fires files-picked - detail: [address], a string the upload server fetches.
 * @csspart field - the address input.
 * @csspart upload-button - the submit button.
 * @csspart preview - the image preview.
 */
@element('uw-url-source')
@localized()
export class UrlSource extends LitElement {
  @property({ attribute: false }) options?: WidgetOptions;
  @property({ type: Boolean, reflect: true }) active = false;
  @state() private problem: 'invalid' | 'scheme' | null = null;
  /** The address whose preview is being tried; '' when none. */
  @state() private previewSrc = '';
  @state() private previewLoaded = false;
  @query('input') private field!: HTMLInputElement;
  private previewTimer?: ReturnType<typeof setTimeout>;

  static override styles = [
    sourceStyles,
    css`
      label {
        font-weight: 600;
      }
      .row {
        display: flex;
        gap: var(--uw-space-1, 8px);
      }
      @container (max-width: 480px) {
        .row {
          flex-direction: column;
        }
      }
      input {
        flex: 1;
        min-inline-size: 0;
        padding: 0.55em 0.8em;
        border: 1px solid var(--uw-color-window-border, #8493a5);
        border-radius: var(--uw-radius, 8px);
        background: var(--uw-color-window, #fff);
        color: var(--uw-color-text-dark, #000);
      }
      input[aria-invalid='true'] {
        border-color: var(--uw-color-error);
        box-shadow: inset 0 0 0 1px var(--uw-color-error);
      }
      figure {
        margin: 0;
        display: flex;
        justify-content: center;
      }
      img {
        max-inline-size: 100%;
        max-block-size: 240px;
        border-radius: var(--uw-radius, 8px);
        background: var(--uw-color-window, #fff);
      }
    `,
  ];

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.previewTimer);
  }

  override render() {
    return html`
      <form class="panel" novalidate @submit=${this.onSubmit}>
        <label for="address">${msg('Public web address of the file')}</label>
        <div class="row">
          <input
            id="address"
            part="field"
            type="url"
            inputmode="url"
            autocomplete="url"
            spellcheck="false"
            placeholder=${msg('https://example.com/photo.jpg')}
            aria-invalid=${this.problem ? 'true' : 'false'}
            aria-describedby=${this.problem ? 'address-error' : nothing}
            @input=${this.onInput}
          />
          <button part="upload-button" type="submit">${t('actions.upload', msg('Upload'))}</button>
        </div>
        ${
          this.problem
            ? html`<p id="address-error" class="error" role="alert">
              ${
                this.problem === 'scheme'
                  ? msg('Only http:// and https:// addresses can be uploaded.')
                  : msg('Enter a web address such as https://example.com/photo.jpg')
              }
            </p>`
            : nothing
        }
        ${
          this.previewSrc
            ? html`<figure part="preview" ?hidden=${!this.previewLoaded}>
              <img
                src=${this.previewSrc}
                alt=${msg('Preview of the image at this address')}
                referrerpolicy="no-referrer"
                @load=${this.onPreviewLoad}
                @error=${this.onPreviewError}
              />
            </figure>`
            : nothing
        }
      </form>
    `;
  }

  private onInput() {
    // The message described the old text; it comes back on the next submit if still wrong.
    this.problem = null;
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => this.tryPreview(), PREVIEW_DELAY_MS);
  }

  private tryPreview() {
    const check = checkWebAddress(this.field.value);
    const src = check.ok ? check.url : '';
    if (src === this.previewSrc) return;
    this.previewSrc = src;
    this.previewLoaded = false;
  }

  private onPreviewLoad(e: Event) {
    // A "successful" load with no pixels (some SVGs without a size) is no preview.
    this.previewLoaded = (e.target as HTMLImageElement).naturalWidth > 0;
  }

  private onPreviewError() {
    this.previewLoaded = false;
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const check = checkWebAddress(this.field.value);
    if (!check.ok) {
      this.problem = check.problem;
      this.field.focus();
      return;
    }
    clearTimeout(this.previewTimer);
    this.field.value = '';
    this.problem = null;
    this.previewSrc = '';
    this.previewLoaded = false;
    intent(this, 'files-picked', [check.url]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-url-source': UrlSource;
  }
}
