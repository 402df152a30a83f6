// The source tabs (My files, Web address, Camera) as the ARIA tabs pattern: one tab stop,
// arrow keys move between tabs and select them, Home/End jump to the ends. In a narrow widget the
// list collapses behind a menu button; in a wide one it scrolls when the tabs do not fit.
import { LitElement, css, html, svg, nothing } from 'lit';
import { defineElement, states } from '../define.js';
import { msg } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { intent } from '../dispatch.js';

interface SourceTab {
  id: string;
  label: string;
}

const ICONS: Record<string, ReturnType<typeof svg>> = {
  local: svg`<path d="M4 4h6l2 2h8v12H4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>`,
  url: svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
  camera: svg`<path d="M4 8h3l2-3h6l2 3h3v11H4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" stroke-width="2"/>`,
};

const CHEVRON = svg`<path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;

class SourceTabs extends LitElement {
  // Declared without decorators: the classic script then carries no decorator code (its parts bring their own).
  static override properties = {
    tabs: { attribute: false },
    selected: {},
    idPrefix: {},
  };

  tabs: SourceTab[] = [];
  selected = '';
  /** Id prefix shared with the panels, for aria-controls / aria-labelledby. */
  idPrefix = 'uw';
  private menuOpen = false;

  static override styles = css`
    :host {
      display: block;
    }
    .menu-button {
      display: none;
      width: 100%;
      font: inherit;
      padding: 10px 12px;
      background: var(--uw-color-source-bg, #e4ebf1);
      color: var(--uw-color-text-dark, #000);
      border: 1px solid var(--uw-color-window-border, #8493a5);
      border-radius: var(--uw-radius, 8px);
      text-align: start;
      cursor: pointer;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      min-block-size: 44px;
    }
    .menu-button svg {
      transition: transform 0.15s;
    }
    .menu-button[aria-expanded='true'] svg {
      transform: rotate(180deg);
    }
    /* Many sources wrap onto a second row: no tab is cut off, each is seen and reachable. */
    [role='tablist'] {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      border-block-end: 1px solid var(--uw-color-window-border, #8493a5);
    }
    [role='tab'] {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      flex: none;
      font: inherit;
      padding: 10px 14px;
      border: 0;
      border-block-end: 3px solid transparent;
      background: none;
      color: var(--uw-color-inactive-tab-icon);
      cursor: pointer;
      white-space: nowrap;
      /* One weight for every tab: a bolder selected tab would shift the others sideways. */
      font-weight: 600;
      border-radius: 6px 6px 0 0;
    }
    [role='tab']:hover {
      background: var(--uw-color-source-bg);
    }
    [role='tab'][aria-selected='true'] {
      color: var(--uw-color-tab-icon);
      border-block-end-color: var(--uw-color-action);
    }
    button:focus-visible {
      outline: 3px solid var(--uw-color-link, #0070ef);
      outline-offset: -3px;
    }
    svg {
      width: 20px;
      height: 20px;
    }
    /* Narrow screens: the tabs become a menu that opens below a button. */
    @media (max-width: 767px) {
      .menu-button {
        display: flex;
      }
      [role='tablist'] {
        display: none;
        flex-direction: column;
        border: 1px solid var(--uw-color-window-border, #8493a5);
        border-radius: var(--uw-radius, 8px);
        margin-block-start: 4px;
      }
      [role='tablist'].open {
        display: flex;
      }
      [role='tab'] {
        min-block-size: 44px;
        border-block-end: 0;
        border-inline-start: 3px solid transparent;
        border-radius: 0;
      }
      [role='tab'][aria-selected='true'] {
        border-inline-start-color: var(--uw-color-action, #c94d09);
      }
    }
  `;

  override render() {
    const current = this.tabs.find((t) => t.id === this.selected);
    return html`
      <button
        class="menu-button"
        part="source-menu-button"
        type="button"
        aria-expanded=${this.menuOpen ? 'true' : 'false'}
        aria-controls="${this.idPrefix}-tablist"
        @click=${() => (this.menuOpen = !this.menuOpen)}
      >
        <span>${msg('Source:')} ${current?.label ?? ''}</span>
        <svg viewBox="0 0 24 24" aria-hidden="true">${CHEVRON}</svg>
      </button>
      <div
        id="${this.idPrefix}-tablist"
        role="tablist"
        part="tabs"
        aria-label=${msg('Upload from')}
        class=${this.menuOpen ? 'open' : ''}
        @keydown=${this.onKeydown}
      >
        ${this.tabs.map(
          (tab) => html`<button
            role="tab"
            part="tab"
            type="button"
            id="${this.idPrefix}-tab-${tab.id}"
            data-source=${tab.id}
            aria-selected=${tab.id === this.selected ? 'true' : 'false'}
            tabindex=${tab.id === this.selected ? 0 : -1}
            @click=${() => this.choose(tab.id)}
          >
            ${ICONS[tab.id] ? html`<svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[tab.id]}</svg>` : nothing}
            ${tab.label}
          </button>`,
        )}
      </div>
    `;
  }

  /** Focus on the selected tab, or on the menu's button where the tabs fold into a menu; false when neither shows. */
  focusSelected(): boolean {
    const tab = this.renderRoot.querySelector<HTMLElement>('[aria-selected="true"]');
    const target = tab?.checkVisibility() ? tab : this.renderRoot.querySelector<HTMLElement>('.menu-button');
    target?.focus();
    return !!target;
  }

  private choose(id: string, focus = false) {
    this.menuOpen = false;
    if (id !== this.selected) intent(this, 'source-select', { source: id });
    if (focus) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-source="${id}"]`)?.focus());
    }
  }

  /** Arrow keys select the tab next to the focused one (automatic activation), wrapping; Home/End the ends. */
  private onKeydown(e: KeyboardEvent) {
    const ids = this.tabs.map((t) => t.id);
    const focused = (e.target as Element).closest?.('[role="tab"]')?.getAttribute('data-source');
    const index = ids.indexOf(focused ?? this.selected);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowDown: 1,
      ArrowUp: -1,
    };
    let next: number | undefined;
    if (e.key in step) next = (index + step[e.key] + ids.length) % ids.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = ids.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    this.choose(ids[next], true);
    this.menuOpen = true;
  }
}
states(SourceTabs, 'menuOpen');
localized()(SourceTabs);
defineElement('uw-source-tabs', SourceTabs);

declare global {
  interface HTMLElementTagNameMap {
    'uw-source-tabs': SourceTabs;
  }
}
