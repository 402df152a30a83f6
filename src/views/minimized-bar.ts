// The minimized widget: a bar at the bottom of the page with the batch's progress, which expands
// the widget when pressed. A lazy part, loaded when the modal first shows (so it is here before
// anyone minimizes); it places itself where `queueViewPosition` says, the widget listens for the press.
import { msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { formatPercent } from '../i18n/format.js';
import type { Totals } from '../core/totals.js';
import { element } from '../define.js';
import { localized } from '../i18n/language.js';
import { plural } from '../i18n/plural.js';
import { cssProps } from './css-props.js';
import { icon } from './icons.js';
import { progressStyles } from './shared-styles.js';

@element('uw-minimized-bar')
@localized()
export class MinimizedBar extends LitElement {
  /** The queue's totals (the store's). */
  @property({ attribute: false }) totals?: Totals;
  /** The widget's language, for the counts. */
  @property() locale = 'en';
  /** Cloudinary's `queueViewPosition`: `right` (the end side) or `left`, and an offset from it (`left:12px`). */
  @property() place = 'right:35px';

  static override styles = [
    progressStyles,
    css`
      :host {
        display: block;
        position: fixed;
        inset-block-end: 0;
        z-index: 2147483000;
        right: var(--uw-queue-offset, 35px);
      }
      :host([data-left]) {
        right: auto;
        left: var(--uw-queue-offset, 35px);
      }
      button {
        display: grid;
        grid-template-columns: auto auto auto;
        align-items: center;
        gap: 4px 12px;
        min-inline-size: 240px;
        padding: 10px 14px 12px 18px;
        border: 1px solid var(--uw-color-window-border);
        border-block-end: 0;
        border-radius: var(--uw-radius, 8px) var(--uw-radius, 8px) 0 0;
        background: var(--uw-color-window);
        color: var(--uw-color-text-dark);
        box-shadow: 0 -2px 12px var(--uw-shadow-color, #0003);
        text-align: start;
        font: inherit;
        cursor: pointer;
      }
      button:hover {
        border-color: var(--uw-color-link);
      }
      button:active {
        transform: scale(0.96);
      }
      button:focus-visible {
        outline: 3px solid var(--uw-color-link);
        outline-offset: 2px;
      }
      .pill-text {
        font-weight: 600;
      }
      .pill-percent {
        font-weight: 400;
        color: var(--uw-color-menu-icons);
        font-variant-numeric: tabular-nums;
      }
      .pill-failed {
        padding: 1px 8px;
        border-radius: 10px;
        background: var(--uw-color-error);
        color: var(--uw-color-text-light);
        font-size: 0.85em;
      }
      svg.icon {
        width: 22px;
        height: 22px;
        flex: none;
        grid-column: 3;
        color: var(--uw-color-menu-icons);
      }
      .pill-bar {
        grid-column: 1 / -1;
      }
      .finished .fill {
        background: var(--uw-color-complete);
      }
      @media (prefers-reduced-motion: reduce) {
        button:active {
          transform: none;
        }
      }
    `,
  ];

  protected override willUpdate(): void {
    const [side, offset] = this.place.split(':');
    // "right" means the end side: in a right-to-left language (the widget gives `dir`) the bar mirrors to the left.
    this.toggleAttribute('data-left', (side === 'left') !== (this.dir === 'rtl'));
    this.style.setProperty('--uw-queue-offset', offset || '35px');
  }

  override render() {
    if (!this.totals) return nothing;
    const n = this.totals;
    const { count: total, done, retryable, rejected, unfinished, bytes, sent } = n;
    const failed = retryable + rejected;
    const fraction = bytes ? sent / bytes : 1;
    const failedText = failed ? plural(msg('one {# failed} other {# failed}'), failed, this.locale) : '';
    // The name says what the bar shows: the percent too.
    const said = `${[formatPercent(fraction), failedText].filter(Boolean).join(', ')}.`;
    return html`<button
      class=${unfinished ? '' : 'finished'}
      type="button"
      ${cssProps({ '--uw-fraction': fraction })}
      aria-label=${msg(str`Upload queue: ${done} of ${total} uploaded. ${said} Expand`)}
    >
      <span class="pill-text">${msg(str`${n.done} of ${n.count} uploaded`)} <span class="pill-percent">${formatPercent(fraction)}</span></span>
      ${failed ? html`<span class="pill-failed">${failedText}</span>` : nothing}
      ${icon('chevronUp')}
      <span class="pill-bar track"><span class="fill"></span></span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-minimized-bar': MinimizedBar;
  }
}
