// "My files": a drop area and a Browse button backed by <input type="file">.
// It only turns what the person picks or drops into an intent: `files-picked` with File[];
// dropped folders are expanded into the files inside them (read-drop.ts).
import { LitElement, css, html, type PropertyValues } from 'lit';
import { defineElement, states } from '../define.js';
import { msg, str } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { plural } from '../i18n/plural.js';
import { formatBytes, formatLocale } from '../i18n/format.js';
import { icon } from '../views/icons.js';
import { intent } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import { filesFromDrop } from './read-drop.js';

export class LocalSource extends LitElement {
  // Declared without decorators: the classic script then carries no decorator code (its parts bring their own).
  static override properties = {
    options: { attribute: false },
    active: { type: Boolean, reflect: true },
    multiple: { type: Boolean },
    accept: {},
  };

  /** The resolved options (the source contract): `multiple` and `accept` follow them. */
  options?: WidgetOptions;
  /** Whether its tab is shown; nothing here runs in the background, so it is only part of the contract. */
  active = false;
  multiple = true;
  /** The input's accept list, from clientAllowedFormats. */
  accept = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    const o = this.options;
    if (!changed.has('options') || !o) return;
    this.multiple = o.multiple;
    this.accept = (o.clientAllowedFormats ?? []).map((f) => (['image', 'video'].includes(f) ? `${f}/*` : f.includes('/') ? f : `.${f}`)).join(',');
  }
  private dragging = false;
  private get input(): HTMLInputElement {
    return this.renderRoot.querySelector('input')!;
  }

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
    }
    .drop {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--uw-space-2, 12px);
      padding: var(--uw-space-4, 32px) var(--uw-space-2, 12px);
      border: 2px dashed var(--uw-color-menu-icons);
      border-radius: var(--uw-radius, 8px);
      background: var(--uw-color-source-bg);
      color: var(--uw-color-text-dark);
      text-align: center;
      cursor: pointer;
      transition: background-color 0.15s, border-color 0.15s, transform 0.15s;
    }
    .drop:hover {
      border-color: var(--uw-color-link);
    }
    .drop.dragging {
      border-style: solid;
      border-color: var(--uw-color-link);
      background: color-mix(in srgb, var(--uw-color-link) 10%, var(--uw-color-window));
      transform: scale(1.01);
    }
    .art {
      display: grid;
      place-items: center;
      inline-size: 72px;
      block-size: 72px;
      border-radius: 50%;
      background: var(--uw-color-window);
      color: var(--uw-color-link);
    }
    .art svg {
      inline-size: 40px;
      block-size: 40px;
    }
    .title {
      font-size: 1.2em;
      font-weight: 600;
      margin: 0;
    }
    .touch {
      display: none;
    }
    @media (hover: none) and (pointer: coarse) {
      .pointer {
        display: none;
      }
      .touch {
        display: inline;
      }
    }
    .or {
      color: var(--uw-color-menu-icons);
    }
    .hint {
      margin: 0;
      font-size: 0.85em;
      color: var(--uw-color-menu-icons);
    }
    button {
      font: inherit;
      font-weight: 600;
      min-block-size: 44px;
      padding: 0.6em 1.8em;
      border: 0;
      border-radius: 22px;
      background: var(--uw-color-action);
      color: var(--uw-color-text-light);
      cursor: pointer;
    }
    button:hover {
      background: color-mix(in srgb, var(--uw-color-action) 85%, var(--uw-color-text-dark));
    }
    button:active {
      transform: scale(0.97);
    }
    button:focus-visible {
      outline: 3px solid var(--uw-color-link);
      outline-offset: 2px;
    }
    input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
      pointer-events: none;
    }
    @media (prefers-reduced-motion: reduce) {
      .drop,
      button:active {
        transition: none;
        transform: none;
      }
    }
  `;

  /** The rules in force, in a line: "JPG, PNG · up to 5 MB · up to 10 files". */
  private constraints(): string {
    const o = this.options;
    if (!o) return '';
    const parts: string[] = [];
    const formats = o.clientAllowedFormats ?? [];
    if (formats.length) parts.push(formats.map((f) => (f.includes('/') ? f : f.toUpperCase())).join(', '));
    if (o.maxFileSize) parts.push(msg(str`up to ${formatBytes(o.maxFileSize)} each`));
    if (this.multiple && o.maxFiles) parts.push(plural(msg('one {at most # file} other {at most # files}'), o.maxFiles, formatLocale()));
    return parts.join(' · ');
  }

  override render() {
    const hint = this.constraints();
    return html`
      <div
        part="drop-area"
        class="drop ${this.dragging ? 'dragging' : ''}"
        @click=${this.onZoneClick}
        @dragenter=${this.onDragOver}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        <span class="art" aria-hidden="true">${icon('upload')}</span>
        <p class="title">
          <span class="pointer">${
            this.dragging
              ? msg('Drop to upload')
              : this.multiple
                ? t('local.dd_title_multi', msg('Drag and drop files here'))
                : t('local.dd_title_single', msg('Drag and drop a file here'))
          }</span>
          <span class="touch">${this.multiple ? msg('Choose files to upload') : msg('Choose a file to upload')}</span>
        </p>
        <span class="or pointer">${t('or', msg('or'))}</span>
        <button part="browse-button" type="button">${t('local.browse', msg('Browse'))}</button>
        ${hint ? html`<p class="hint">${hint}</p>` : ''}
        <input
          type="file"
          tabindex="-1"
          aria-hidden="true"
          ?multiple=${this.multiple}
          accept=${this.accept}
          @change=${this.onChange}
          @click=${(e: Event) => e.stopPropagation()}
        />
      </div>
    `;
  }

  /** The whole zone opens the picker: a click anywhere in it, the Browse button included. */
  private onZoneClick() {
    this.input.click();
  }

  private onChange() {
    const files = Array.from(this.input.files ?? []);
    // Clearing lets the same file be picked again later.
    this.input.value = '';
    if (files.length) intent(this, 'files-picked', files);
  }

  private onDragOver(e: DragEvent) {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDragLeave(e: DragEvent) {
    // Moving between the zone's own children is not leaving it.
    const to = e.relatedTarget as Node | null;
    if (!to || !this.renderRoot.contains(to)) this.dragging = false;
  }

  private async onDrop(e: DragEvent) {
    e.preventDefault();
    this.dragging = false;
    if (!e.dataTransfer) return;
    const files = await filesFromDrop(e.dataTransfer);
    if (files.length) intent(this, 'files-picked', files);
  }
}
states(LocalSource, 'dragging');
localized()(LocalSource);
defineElement('uw-local-source', LocalSource);
