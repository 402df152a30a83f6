// The Advanced panel (showAdvancedOptions): a disclosure with a public ID, tags and an upload
// preset picker. It shows the `values` the shell gives it and sends `advanced-change` with new
// ones, as an <input> does with its value: the shell keeps them, turns them into upload
// parameters when it queues files, and clears them by giving new (empty) values.
import { LitElement, type PropertyValues, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg, str } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { DEFAULT_OPTIONS, type WidgetOptions } from '../options.js';
import { loadPresets, publicIdProblem, tagSource, type PublicIdProblem, type SuggestionSource } from '../core/suggest.js';
import { type AdvancedOverrides, type AdvancedValues, NO_ADVANCED_VALUES, advancedOverrides } from './advanced-values.js';
import { fire, intent } from '../dispatch.js';
import './tags-combobox.js';

export type { AdvancedValues };

/** What the panel reads of the options: the preset and tags it starts from, the page's hooks and their time limit. */
export type AdvancedOptionsInput = Partial<Pick<WidgetOptions, 'uploadPreset' | 'tags' | 'getTags' | 'getUploadPresets' | 'hookTimeout'>>;

function problemText(problem: PublicIdProblem): string {
  return problem.kind === 'char'
    ? msg(str`A public ID cannot contain “${problem.char}”. Remove it to use this ID.`)
    : msg('A public ID cannot start or end with “/”.');
}

/**
 * @fires advanced-change - `AdvancedValues` whenever a value changes; an invalid public ID is left out.
 * @fires publicid - `{ publicId }` when the public ID field is committed (change or blur) with a valid ID.
 * @fires tags - `{ tags }` when a tag is added or removed.
 * @csspart toggle - the disclosure button
 * @csspart panel - the fields
 */
@element('uw-advanced-options')
@localized()
export class AdvancedOptions extends LitElement {
  @property({ attribute: false }) options: AdvancedOptionsInput = {};
  /** What the panel shows; it sends `advanced-change` with new values as the person edits them. */
  @property({ attribute: false }) values: AdvancedValues = NO_ADVANCED_VALUES;

  @state() private open = false;
  /** The public ID field's text, an invalid ID included (values carry only a valid one). */
  @state() private publicId = '';
  /** The values this panel last sent: given back, they change nothing; any others replace the fields. */
  private sent?: AdvancedValues;
  /** undefined until asked; [] when the hook gave nothing, which hides the select. */
  @state() private presets?: string[];

  static override styles = css`
    :host {
      display: block;
      color: var(--uw-color-text-dark, #000);
    }
    .toggle {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font: inherit;
      font-weight: 600;
      min-block-size: 36px;
      padding-block: 4px;
      padding-inline: 10px 14px;
      border: 1px solid var(--uw-color-window-border);
      border-radius: 18px;
      background: var(--uw-color-window);
      /* Cloudinary's default link blue on white is under WCAG AA for text: the words keep the
         text colour and only the chevron is link-coloured. */
      color: var(--uw-color-text-dark, #000);
      cursor: pointer;
    }
    .toggle:focus-visible,
    select:focus-visible,
    input:focus-visible {
      outline: 3px solid var(--uw-color-link, #0070ef);
      outline-offset: 2px;
    }
    .toggle:hover {
      background: var(--uw-color-source-bg);
    }
    /* Link blue on the hover background is under AA (3.8:1 by default): hovered, the chevron takes
       the words' colour. Found by WebKit, where the pointer rests on the button after a click. */
    .toggle:hover .chevron {
      color: inherit;
    }
    @media (pointer: coarse) {
      .toggle,
      input,
      select {
        min-block-size: 44px;
      }
    }
    .chevron {
      display: inline-block;
      color: var(--uw-color-link, #0070ef);
      transition: transform 0.15s;
    }
    .toggle[aria-expanded='true'] .chevron {
      transform: rotate(90deg);
    }
    :host(:dir(rtl)) .toggle[aria-expanded='false'] .chevron {
      transform: scaleX(-1);
    }
    .panel {
      display: grid;
      gap: var(--uw-space-2, 12px);
      padding-block: var(--uw-space-1, 8px);
    }
    [hidden] {
      display: none !important;
    }
    label {
      display: block;
      margin-block-end: 4px;
    }
    input,
    select {
      box-sizing: border-box;
      inline-size: 100%;
      /* One height for every field, native select included. */
      block-size: 38px;
      font: inherit;
      padding-block: 6px;
      padding-inline: 8px;
      border: 1px solid var(--uw-color-window-border, #8493a5);
      border-radius: var(--uw-radius, 4px);
      background: var(--uw-color-window, #fff);
      color: inherit;
    }
    input[aria-invalid='true'] {
      border-color: var(--uw-color-error, #d73a2f);
    }
    .error {
      margin-block: 4px 0;
      color: var(--uw-color-error);
    }
    .error:empty {
      display: none;
    }
  `;

  /** The values as upload parameters (the page's own tags kept). */
  get overrides(): AdvancedOverrides {
    return advancedOverrides(this.values, this.options.tags);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('values') && this.values !== this.sent) this.publicId = this.values.publicId ?? '';
  }

  override render() {
    const problem = publicIdProblem(this.publicId.trim());
    return html`
      <button
        class="toggle"
        part="toggle"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.toggle}
      >
        <span class="chevron" aria-hidden="true">›</span>${t('advanced', msg('Advanced'))}
      </button>
      <div id="panel" class="panel" part="panel" ?hidden=${!this.open}>
        <div>
          <label for="public-id">${msg('Public ID')}</label>
          <input
            id="public-id"
            type="text"
            autocomplete="off"
            spellcheck="false"
            .value=${this.publicId}
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby="public-id-error"
            @input=${this.onPublicIdInput}
            @change=${this.onPublicIdCommit}
          />
          <p id="public-id-error" class="error" aria-live="polite">${problem ? problemText(problem) : ''}</p>
        </div>
        <uw-tags-combobox
          .label=${msg('Tags')}
          .tags=${this.values.tags}
          .source=${this.suggestionSource()}
          @tags-change=${this.onTagsChange}
        ></uw-tags-combobox>
        ${this.presets?.length ? this.renderPresets(this.presets) : nothing}
      </div>
    `;
  }

  private renderPresets(presets: string[]) {
    const own = this.options.uploadPreset;
    return html`<div>
      <label for="preset">${msg('Upload preset')}</label>
      <select id="preset" .value=${this.values.uploadPreset ?? ''} @change=${this.onPresetChange}>
        <option value="" ?selected=${!this.values.uploadPreset}>${own ? msg(str`Default (${own})`) : msg('Default')}</option>
        ${presets.map((p) => html`<option value=${p} ?selected=${p === this.values.uploadPreset}>${p}</option>`)}
      </select>
    </div>`;
  }

  private source?: { hook: unknown; timeout: number; source: SuggestionSource };

  /** The same function while the hook is the same, so the combobox does not re-render for nothing. */
  private suggestionSource(): SuggestionSource | undefined {
    const hook = this.options.getTags;
    if (!hook) return undefined;
    if (this.source?.hook !== hook || this.source.timeout !== this.hookTimeout) {
      this.source = { hook, timeout: this.hookTimeout, source: tagSource(hook, this.hookTimeout) };
    }
    return this.source.source;
  }

  private get hookTimeout() {
    return this.options.hookTimeout ?? DEFAULT_OPTIONS.hookTimeout;
  }

  private toggle() {
    this.open = !this.open;
    if (this.open && this.presets === undefined) {
      // Asked once, when the panel is first opened, as Cloudinary does.
      const hook = this.options.getUploadPresets;
      this.presets = [];
      if (hook) loadPresets(hook, this.hookTimeout).then((list) => (this.presets = list));
    }
  }

  private onPublicIdInput(e: Event) {
    this.publicId = (e.target as HTMLInputElement).value;
    const id = this.publicId.trim();
    this.change({ publicId: id && !publicIdProblem(id) ? id : undefined });
  }

  private onPublicIdCommit() {
    const id = this.publicId.trim();
    if (!publicIdProblem(id)) fire(this, 'publicid', { publicId: id });
  }

  private onTagsChange(e: CustomEvent<{ tags: string[] }>) {
    // An internal intent: the page hears `tags`.
    e.stopPropagation();
    this.change({ tags: e.detail.tags });
    fire(this, 'tags', { tags: [...e.detail.tags] });
  }

  private onPresetChange(e: Event) {
    this.change({ uploadPreset: (e.target as HTMLSelectElement).value || undefined });
  }

  /** New values, shown at once and sent up. */
  private change(patch: Partial<AdvancedValues>) {
    this.values = this.sent = { ...this.values, ...patch };
    intent(this, 'advanced-change', this.values);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-advanced-options': AdvancedOptions;
  }
}
