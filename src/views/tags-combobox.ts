// The tags field: chosen tags as removable chips, and an ARIA 1.2 combobox (input + listbox
// popup) that offers suggestions. It keeps only what is being typed and the popup's state;
// the chosen list belongs to its parent, which hears `tags-change` with the new list.
import { LitElement, type PropertyValues, css, html, nothing } from 'lit';
import { srOnly } from './shared-styles.js';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { inLanguageOf, localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { TagSuggester, cleanTag, uniqueTags, type SuggestionSource } from '../core/suggest.js';
import { intent } from '../dispatch.js';

/**
 * @fires tags-change - `{ tags: string[] }`, the whole new list, when a tag is added or removed.
 * @csspart chips - the list of chosen tags
 * @csspart chip - one chosen tag
 * @csspart input - the text field (role=combobox)
 * @csspart listbox - the suggestions popup
 */
@element('uw-tags-combobox')
@localized()
export class TagsCombobox extends LitElement {
  /** The chosen tags (owned by the parent): other tags than the ones this field last sent clear what is typed. */
  @property({ attribute: false }) tags: readonly string[] = [];
  /** Where suggestions come from; without one the field still adds typed tags. */
  @property({ attribute: false }) source?: SuggestionSource;
  /** The visible label. */
  @property() label = '';

  @state() private suggestions: string[] = [];
  @state() private open = false;
  @state() private active = -1;
  @state() private announcement = '';
  @query('input') private input!: HTMLInputElement;

  private readonly suggester = new TagSuggester((prefix, answer) => this.showSuggestions(prefix, answer));

  static override styles = [
    srOnly,
    css`
    :host {
      display: block;
      position: relative;
      color: var(--uw-color-text-dark, #000);
    }
    label {
      display: block;
      margin-block-end: 4px;
    }
    .field {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      box-sizing: border-box;
      min-block-size: 38px;
      padding-block: 3px;
      padding-inline: 6px;
      border: 1px solid var(--uw-color-window-border, #8493a5);
      border-radius: var(--uw-radius, 4px);
      background: var(--uw-color-window, #fff);
    }
    .field:focus-within {
      outline: 3px solid var(--uw-color-link, #0070ef);
      outline-offset: 1px;
    }
    ul.chips {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      padding-block: 2px;
      padding-inline: 8px 2px;
      border-radius: 999px;
      background: var(--uw-color-source-bg, #e4ebf1);
    }
    .chip button {
      font: inherit;
      line-height: 1;
      padding: 2px 6px;
      border: 0;
      border-radius: 999px;
      background: transparent;
      color: var(--uw-color-menu-icons, #5a616a);
      cursor: pointer;
    }
    .chip button:focus-visible {
      outline: 2px solid var(--uw-color-link, #0070ef);
      outline-offset: 1px;
    }
    input {
      flex: 1 1 8em;
      min-inline-size: 6em;
      font: inherit;
      padding: 4px;
      border: 0;
      background: transparent;
      color: inherit;
    }
    @media (pointer: coarse) {
      input,
      .chip button {
        min-block-size: 44px;
        min-inline-size: 44px;
      }
    }
    /* The whole field shows focus (focus-within), so the bare input needs no ring of its own. */
    input:focus {
      outline: none;
    }
    [role='listbox'] {
      position: absolute;
      inset-inline: 0;
      z-index: 1;
      max-block-size: 12em;
      overflow-y: auto;
      margin: 2px 0 0;
      padding: 0;
      list-style: none;
      border: 1px solid var(--uw-color-window-border, #8493a5);
      border-radius: var(--uw-radius, 4px);
      background: var(--uw-color-window, #fff);
      box-shadow: 0 6px 18px var(--uw-shadow-color, #0003);
    }
    [role='option']:hover {
      background: var(--uw-color-source-bg);
    }
    [role='option'] {
      padding-block: 6px;
      padding-inline: 10px;
      border-inline-start: 3px solid transparent;
      cursor: pointer;
    }
    /* White on Cloudinary's default link blue is 4.1:1, under WCAG AA: mark the highlight with
       a tinted background and a link-coloured edge instead. */
    [role='option'][aria-selected='true'] {
      background: var(--uw-color-source-bg, #e4ebf1);
      border-inline-start-color: var(--uw-color-link, #0070ef);
    }
    [hidden] {
      display: none !important;
    }
  `,
  ];

  override render() {
    const expanded = this.open && this.suggestions.length > 0;
    return html`
      <label for="input">${this.label || msg('Tags')}</label>
      <div class="field">
        ${
          this.tags.length
            ? html`<ul class="chips" part="chips" aria-label=${msg('Chosen tags')}>
          ${repeat(
            this.tags,
            (t) => t,
            (t) => html`<li class="chip" part="chip">
              <span>${t}</span>
              <button type="button" aria-label=${msg(str`Remove tag ${t}`)} @click=${() => this.removeTag(t)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>`,
          )}
        </ul>`
            : nothing
        }
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="listbox"
          aria-describedby="hint"
          aria-activedescendant=${expanded && this.active >= 0 ? `option-${this.active}` : nothing}
          placeholder=${t('advanced_options.tags_ph', msg('Add a tag'))}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
          @blur=${this.onBlur}
        />
      </div>
      <ul id="listbox" part="listbox" role="listbox" aria-label=${msg('Tag suggestions')} ?hidden=${!expanded}>
        ${this.suggestions.map(
          (s, i) => html`<li
            id="option-${i}"
            role="option"
            aria-selected=${i === this.active ? 'true' : 'false'}
            @mousedown=${(e: Event) => e.preventDefault()}
            @click=${() => this.pick(s)}
          >
            ${s}
          </li>`,
        )}
      </ul>
      <span id="hint" class="sr-only">${msg('Press Enter to add a tag. Backspace in the empty field removes the last tag.')}</span>
      <span class="sr-only" role="status">${this.announcement}</span>
    `;
  }

  /** The tags this field last sent up. */
  private sent?: readonly string[];

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The parent cleared or replaced the tags (a batch was queued): what is typed belonged to them.
    if (changed.has('tags') && this.hasUpdated && this.tags !== this.sent) this.clear();
  }

  /** Drops what is typed and closes the popup. */
  private clear(): void {
    this.suggester.cancel();
    if (this.input) this.input.value = '';
    this.close();
    this.announcement = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.suggester.cancel();
  }

  private onInput() {
    const prefix = this.input.value.trim();
    // A comma ends a tag, as it separates tags on the wire.
    if (this.input.value.includes(',')) {
      const parts = this.input.value.split(',');
      const rest = parts.pop() ?? '';
      this.add(parts);
      this.input.value = rest;
      return;
    }
    if (!prefix) {
      this.suggester.cancel();
      this.close();
      return;
    }
    this.requestSuggestions(prefix);
  }

  private requestSuggestions(prefix: string, immediate = false) {
    if (this.source) this.suggester.request(this.source, prefix, immediate);
  }

  private showSuggestions(prefix: string, answer: unknown) {
    // The person may have moved on (picked, cleared) while the hook was answering.
    if (this.input.value.trim() !== prefix || (this.renderRoot as ShadowRoot).activeElement !== this.input) return;
    this.suggestions = uniqueTags(answer, this.tags);
    this.active = -1;
    this.open = true;
    const n = this.suggestions.length;
    // Announcements are worded outside an update: in the widget's language all the same.
    this.announcement = n ? inLanguageOf(this, () => msg(str`${n} suggestions. Use the up and down arrows to choose.`)) : '';
  }

  private onKeyDown(e: KeyboardEvent) {
    const expanded = this.open && this.suggestions.length > 0;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        if (!expanded) {
          // The popup opens on demand too, with suggestions for what is typed (even nothing).
          this.requestSuggestions(this.input.value.trim(), true);
          return;
        }
        const n = this.suggestions.length;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
        this.updateComplete.then(() => this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: 'nearest' }));
        return;
      }
      case 'Enter': {
        const choice = expanded && this.active >= 0 ? this.suggestions[this.active] : this.input.value;
        if (!cleanTag(choice)) return;
        // Enter adds a tag; it must not submit a surrounding form.
        e.preventDefault();
        this.pick(choice);
        return;
      }
      case 'Escape':
        if (expanded) {
          // Closing the popup is all Escape does here; the dialog around must stay open.
          e.preventDefault();
          e.stopPropagation();
          this.suggester.cancel();
          this.close();
        }
        return;
      case 'Tab':
        this.close();
        return;
      case 'Backspace':
        if (this.input.value === '' && this.tags.length) {
          e.preventDefault();
          this.removeTag(this.tags[this.tags.length - 1]);
        }
        return;
    }
  }

  private onBlur() {
    this.suggester.cancel();
    this.close();
  }

  private pick(text: string) {
    this.suggester.cancel();
    this.add([text]);
    this.input.value = '';
    this.close();
    this.input.focus();
  }

  private add(texts: string[]) {
    const added = uniqueTags(texts, this.tags);
    if (!added.length) return;
    this.announcement = inLanguageOf(this, () => msg(str`Tag ${added.join(', ')} added.`));
    intent(this, 'tags-change', { tags: (this.sent = [...this.tags, ...added]) });
  }

  private removeTag(tag: string) {
    this.announcement = inLanguageOf(this, () => msg(str`Tag ${tag} removed.`));
    intent(this, 'tags-change', { tags: (this.sent = this.tags.filter((t) => t !== tag)) });
    // The chip's button is about to disappear: keep focus in the field.
    this.input.focus();
  }

  private close() {
    this.open = false;
    this.active = -1;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-tags-combobox': TagsCombobox;
  }
}
