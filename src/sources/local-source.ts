// "My files": a drop area and a Browse button backed by <input type="file">.
// It only turns what the person picks or drops into an intent: `files-picked` with File[];
// dropped folders are expanded into the files inside them (read-drop.ts).
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { t } from '../i18n/text.js';
import { fire } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import { filesFromDrop } from './read-drop.js';

@customElement('uw-local-source')
@localized()
export class LocalSource extends LitElement {
  /** The resolved options (the source contract); `multiple` and `accept` are what this view reads. */
  @property({ attribute: false }) options?: WidgetOptions;
  /** Whether its tab is shown; nothing here runs in the background, so it is only part of the contract. */
  @property({ type: Boolean, reflect: true }) active = false;
  @property({ type: Boolean }) multiple = true;
  /** The input's accept list, from clientAllowedFormats. */
  @property() accept = '';
  @state() private dragging = false;
  @query('input') private input!: HTMLInputElement;

  static override styles = css`
    :host {
      display: block;
    }
    .drop {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--uw-space-2, 12px);
      padding: var(--uw-space-4, 32px) var(--uw-space-2, 12px);
      border: 2px dashed var(--uw-color-window-border, #8493a5);
      border-radius: var(--uw-radius, 8px);
      background: var(--uw-color-source-bg, #e4ebf1);
      color: var(--uw-color-text-dark, #000);
      text-align: center;
    }
    .drop.dragging {
      border-color: var(--uw-color-link, #0070ef);
      background: var(--uw-color-window, #fff);
    }
    .title {
      font-size: 1.1em;
      margin: 0;
    }
    button {
      font: inherit;
      padding: 0.6em 1.6em;
      border: 0;
      border-radius: var(--uw-radius, 8px);
      background: var(--uw-color-action, #c94d09);
      color: var(--uw-color-text-light, #fff);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid var(--uw-color-link, #0070ef);
      outline-offset: 2px;
    }
    input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
      pointer-events: none;
    }
  `;

  override render() {
    return html`
      <div
        part="drop-area"
        class="drop ${this.dragging ? 'dragging' : ''}"
        @dragenter=${this.onDragOver}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        <p class="title">${this.multiple
          ? t('local.dd_title_multi', msg('Drag and drop files here'))
          : t('local.dd_title_single', msg('Drag and drop a file here'))}</p>
        <span>${t('or', msg('or'))}</span>
        <button part="browse-button" type="button" @click=${() => this.input.click()}>${t('local.browse', msg('Browse'))}</button>
        <input
          type="file"
          tabindex="-1"
          aria-hidden="true"
          ?multiple=${this.multiple}
          accept=${this.accept}
          @change=${this.onChange}
        />
      </div>
    `;
  }

  private onChange() {
    const files = Array.from(this.input.files ?? []);
    // Clearing lets the same file be picked again later.
    this.input.value = '';
    if (files.length) fire(this, 'files-picked', files);
  }

  private onDragOver(e: DragEvent) {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDragLeave() {
    this.dragging = false;
  }

  private async onDrop(e: DragEvent) {
    e.preventDefault();
    this.dragging = false;
    if (!e.dataTransfer) return;
    const files = await filesFromDrop(e.dataTransfer);
    if (files.length) fire(this, 'files-picked', files);
  }
}
