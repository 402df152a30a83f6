// The queue: the batch's total progress (bar, percent, bytes, speed, time left), bulk actions,
// and a virtualized list of rows (only the rows on screen, plus a few, exist in the DOM), so ten
// thousand files stay responsive. It renders the store's items and sends intents; it keeps no
// upload state of its own. The list is one Tab stop: arrow keys move between rows and buttons.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { element } from '../define.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { plural } from '../i18n/plural.js';
import { ThumbnailLoader } from '../core/thumbnail.js';
import { Throughput } from '../core/throughput.js';
import { formatBytes, formatDuration, formatLocale, formatPercent, formatRate } from '../core/format.js';
import type { QueueItem } from '../core/types.js';
import { totalsOf, type Totals } from '../core/totals.js';
import { fire } from '../dispatch.js';
import { cssProps } from './css-props.js';
import { icon } from './icons.js';
import { progressStyles, srOnly } from './shared-styles.js';
import { ROW_HEIGHT, ROW_HEIGHT_NARROW, THUMB_SIZE, actionsFor, renderRow, rowStyles, type ItemAction } from './queue-row.js';
import { VirtualWindow } from './virtual-list.js';

export type { ItemAction } from './queue-row.js';

/** `item-action` detail; no id means every item the action applies to (Retry failed, Cancel all). */
export interface ItemActionDetail {
  action: ItemAction;
  id?: string;
}

/** Below this width the queue is narrow: names wrap, buttons are touch-sized, rows are taller. */
const NARROW_BELOW = 520;

/**
 * The upload queue.
 *
 * @fires item-action - {action, id?}: abort, retry, remove, pause or resume one item, or all without id
 * @fires upload-more - the Upload more button
 * @fires show-completed - the Show completed button
 * @fires done - the Done button
 * @fires queue-emptied - the last row was removed
 * @csspart queue-summary - the total progress
 * @csspart queue-stats - its percent, bytes, speed and time left
 * @csspart queue-list, queue-item, thumbnail, progress - the list, its rows and their parts
 * @csspart queue-footer - Upload more / Show completed / Done
 * @cssprop --uw-queue-max-height - height of the scrolling list (default 420px)
 */
@element('uw-queue')
@localized()
export class QueueView extends LitElement {
  /** The items to render: the store's state, replaced (never changed) whenever anything changes. */
  @property({ attribute: false }) items: readonly QueueItem[] = [];
  /** The batch in numbers, as the store keeps them; without them the view counts the items itself. */
  @property({ attribute: false }) totals?: Readonly<Totals>;
  /** The browser is offline: the summary says uploads wait. */
  @property({ type: Boolean }) offline = false;
  /** Files larger than this go in chunks and can be paused without losing what was sent. */
  @property({ type: Number }) chunkSize = Infinity;
  @property({ type: Boolean, attribute: 'show-upload-more' }) showUploadMore = false;
  @property({ type: Boolean, attribute: 'show-completed' }) showCompleted = false;
  /** Offer a Done button once nothing is left to upload (a modal widget). */
  @property({ type: Boolean, attribute: 'show-done' }) showDone = false;
  /** Set from the queue's own width. */
  @property({ type: Boolean, reflect: true }) narrow = false;

  @query('.scroller') private scroller?: HTMLElement;
  @query('.summary') private summary?: HTMLElement;

  private readonly window = new VirtualWindow(this, ROW_HEIGHT, 4);
  private readonly thumbnails = new ThumbnailLoader(Math.round(THUMB_SIZE * Math.min(2, globalThis.devicePixelRatio || 1)), () => this.requestUpdate());
  private readonly throughput = new Throughput();
  private readonly widths = new ResizeObserver(([entry]) => {
    const narrow = entry.contentRect.width > 0 && entry.contentRect.width < NARROW_BELOW;
    // Next frame: changing the layout inside the observer's own delivery would loop it.
    if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
  });
  private measured?: HTMLElement;
  /** Indices of the rows this render shows. */
  private rows: number[] = [];
  /** Each shown item's row DOM, by id, in the order the rows stand (see assignSlots). */
  private slots = new Map<string, number>();
  private counted: Readonly<Totals> = totalsOf([]);
  /** The list's one Tab stop, `${id}:${action}`; the first row's first button when unset. */
  private tabStop?: string;
  /** A button to focus after the next render (its row changed state or a neighbour went). */
  private focusNext?: { id: string; action?: ItemAction };
  /** The row holding focus stays rendered when scrolled away, so focus is not lost to the page. */
  private focused?: { id: string; index: number };

  static override styles = [
    progressStyles,
    srOnly,
    rowStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--uw-space-2, 12px);
        color: var(--uw-color-text-dark);
      }
      .summary {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: 6px 12px;
        outline: none;
      }
      .summary:focus-visible {
        outline: 3px solid var(--uw-color-link);
        outline-offset: 4px;
        border-radius: 2px;
      }
      .count {
        margin: 0;
        font-weight: 600;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 10px;
      }
      .count .icon {
        inline-size: 20px;
        block-size: 20px;
        color: var(--uw-color-complete);
        vertical-align: -4px;
      }
      .tally {
        font-weight: 400;
        font-size: 0.9em;
        padding: 1px 8px;
        border-radius: 10px;
        background: var(--uw-color-source-bg);
      }
      .tally.failed {
        background: var(--uw-color-error);
        color: var(--uw-color-text-light);
      }
      .bulk {
        display: flex;
        gap: 8px;
      }
      .total {
        grid-column: 1 / -1;
        block-size: 8px;
        border-radius: 4px;
      }
      .stats {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 0.85em;
        color: var(--uw-color-menu-icons);
        font-variant-numeric: tabular-nums;
      }
      .scroller {
        max-block-size: var(--uw-queue-max-height, 420px);
        overflow-y: auto;
        overscroll-behavior: contain;
        border: 1px solid var(--uw-color-window-border);
        border-radius: 6px;
      }
      ul {
        position: relative;
        list-style: none;
        margin: 0;
        padding: 0;
        block-size: calc(var(--uw-row-count, 0) * ${ROW_HEIGHT}px);
      }
      /* A phone's full-screen modal: the list takes the height the screen has. */
      :host([narrow]) .scroller {
        max-block-size: var(--uw-queue-max-height, max(240px, calc(100dvh - 250px)));
      }
      :host([narrow]) ul {
        block-size: calc(var(--uw-row-count, 0) * ${ROW_HEIGHT_NARROW}px);
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 8px;
      }
      :host([narrow]) .footer {
        position: sticky;
        inset-block-end: 0;
        padding-block: 8px;
        background: var(--uw-color-window);
      }
      :host([narrow]) .footer button {
        flex: 1;
      }
      .summary button,
      .footer button {
        font: inherit;
        min-block-size: 36px;
        padding: 4px 14px;
        border-radius: 18px;
        cursor: pointer;
        background: var(--uw-color-window);
        border: 1px solid var(--uw-color-window-border);
        color: var(--uw-color-link);
      }
      .summary button:hover,
      .footer button:hover {
        background: var(--uw-color-source-bg);
      }
      .summary button.strong {
        border-color: var(--uw-color-link);
        font-weight: 600;
      }
      .footer .primary {
        background: var(--uw-color-action);
        border-color: var(--uw-color-action);
        color: var(--uw-color-text-light);
        font-weight: 600;
      }
      .footer .primary:hover {
        background: color-mix(in srgb, var(--uw-color-action) 85%, var(--uw-color-text-dark));
      }
      button:active {
        transform: scale(0.97);
      }
      button:focus-visible {
        outline: 3px solid var(--uw-color-link);
        outline-offset: 1px;
      }
      @media (pointer: coarse) {
        .summary button,
        .footer button {
          min-block-size: 44px;
          border-radius: 22px;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        button:active {
          transform: none;
        }
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.widths.disconnect();
    this.thumbnails.retainOnly(new Set());
  }

  /** Moves focus to the batch's summary: where a person lands after adding files. */
  focusSummary(): void {
    void this.updateComplete.then(() => this.summary?.focus());
  }

  /** Moves focus to Done (a batch ended with nothing to fix); to the summary when there is no Done. */
  focusDone(): void {
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLElement>('[data-action="done"]') ?? this.summary)?.focus());
  }

  /**
   * A bulk control (Retry failed, Resume all, Cancel all) goes away with what it acts on: focus
   * moves to the summary first, so it is never dropped to the page.
   */
  private bulk(action: ItemAction) {
    this.summary?.focus();
    this.onAction(action);
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.window.rowHeight = this.narrow ? ROW_HEIGHT_NARROW : ROW_HEIGHT;
    if (changed.has('narrow') && this.focused) this.window.scrollToRow(this.focused.index);
    const items = this.items;
    this.counted = this.totals ?? totalsOf(items);
    this.throughput.sample(this.counted.sent, performance.now());
    // Nothing moving (finished, or only paused files left): no speed, no time left.
    if (!this.counted.unfinished || this.counted.paused === this.counted.unfinished) this.throughput.reset();
    // O(rows on screen): the range comes from the scroll position, not from walking the list.
    const { start, end } = this.window.range(items.length);
    const rows: number[] = [];
    for (let i = start; i < end; i++) rows.push(i);
    let f = this.focused;
    // A row above was removed: the focused item moved up (rare, so a search is fine).
    if (f && items[f.index]?.id !== f.id) {
      const index = items.findIndex((i) => i.id === f!.id);
      f = this.focused = index < 0 ? undefined : { ...f, index };
    }
    // First, whichever side it is on: see assignSlots.
    const pinned = f && (f.index < start || f.index >= end) ? f : undefined;
    if (pinned) rows.unshift(pinned.index);
    this.rows = rows;
    this.slots = assignSlots(
      rows.map((i) => items[i].id),
      this.slots,
      pinned?.id,
    );
    // The Tab stop follows its item; when that is gone, the first row's first button.
    const stopId = this.tabStop?.split(':')[0];
    const stopItem = stopId ? items.find((i) => i.id === stopId) : undefined;
    const [, stopAction] = this.tabStop?.split(':') ?? [];
    if (!stopItem || !this.actionsOf(stopItem).includes(stopAction as ItemAction)) {
      const first = items[rows[0] ?? 0];
      this.tabStop = first ? `${first.id}:${this.actionsOf(first)[0]}` : undefined;
    }
  }

  private actionsOf(item: QueueItem): ItemAction[] {
    return actionsFor(item.status, (item.totalBytes || item.size) > this.chunkSize, item.rejected);
  }

  override render() {
    const items = this.items;
    if (!items.length) return nothing;
    return html`${this.renderSummary()}
      <div
        class="scroller"
        role="region"
        aria-label=${msg('Files')}
        @keydown=${this.onKeyDown}
        @focusin=${this.onFocusIn}
        @focusout=${this.onFocusOut}
      >
        <ul part="queue-list" role="list" ${cssProps({ '--uw-row-count': items.length })}>
          ${repeat(
            this.rows,
            (i) => this.slots.get(items[i].id),
            (i) =>
              renderRow(items[i], {
                index: i,
                top: i * this.window.rowHeight,
                setSize: items.length,
                thumbnail: this.thumbnails.get(items[i].id),
                pausable: (items[i].totalBytes || items[i].size) > this.chunkSize,
                tabStop: this.tabStop,
                onAction: this.onAction,
              }),
          )}
        </ul>
      </div>
      ${this.renderFooter()}`;
  }

  protected override updated(_changed: PropertyValues): void {
    dropOrphanMarkers(this.renderRoot.querySelector('ul'));
    if (this.scroller && this.scroller !== this.measured) {
      this.window.attach(this.scroller);
      // The list's width, not the host's: the host's height follows its content, and watching
      // it would report changes this element makes itself.
      this.widths.disconnect();
      this.widths.observe(this.scroller);
      this.measured = this.scroller;
    }
    // Previews only for the rows in the DOM; the others' bitmaps are closed.
    const items = this.items;
    const images: QueueItem[] = [];
    const keep = new Set<string>();
    for (const i of this.rows) {
      const item = items[i];
      if (item.kind !== 'image' || typeof item.source === 'string') continue;
      images.push(item);
      keep.add(item.id);
    }
    this.thumbnails.retainOnly(keep);
    for (const item of images) this.thumbnails.request(item.id, item.source as File);
    if (this.focusNext) this.placeFocus();
  }

  /** "3 of 12 uploaded", the failures and refusals, a total bar, and bytes, speed and time left. */
  private renderSummary() {
    const n = this.counted;
    const locale = formatLocale();
    // Only paused files left: nothing moves until Resume, and nothing is finished.
    const pausedOnly = n.paused > 0 && n.paused === n.unfinished;
    const line = pausedOnly
      ? plural(msg('one {Paused · # file} other {Paused · # files}'), n.paused, locale)
      : n.unfinished
        ? t('queue.title_uploading_with_counter', msg(str`${n.done} of ${n.count} uploaded`), { num: n.count - n.done })
        : msg(str`${n.done} of ${n.count} uploaded`);
    // Read as two sentences ("2 of 3 uploaded. 1 failed."), not run together.
    const pause = html`<span class="sr-only">. </span>`;
    const fraction = n.bytes ? n.sent / n.bytes : 1;
    const now = performance.now();
    const rate = this.throughput.bytesPerSecond(now);
    const left = this.throughput.secondsLeft(n.bytes - n.sent, now);
    const stats = [
      formatPercent(fraction),
      msg(str`${formatBytes(n.sent)} of ${formatBytes(n.bytes)}`),
      ...(rate ? [formatRate(rate)] : []),
      ...(left !== undefined ? [msg(str`about ${formatDuration(left)} left`)] : []),
    ];
    return html`<div class="summary" part="queue-summary" tabindex="-1" role="group" aria-labelledby="uw-count">
      <p class="count" id="uw-count">
        <span>${!n.unfinished && n.done && !n.failed ? icon('check') : nothing}${line}</span>
        ${n.failed ? html`${pause}<span class="tally failed">${plural(msg('one {# failed} other {# failed}'), n.failed, locale)}</span>` : nothing}
        ${n.refused ? html`${pause}<span class="tally">${plural(msg('one {# not allowed} other {# not allowed}'), n.refused, locale)}</span>` : nothing}
        ${this.offline && n.unfinished ? html`<span class="tally" role="status">${msg('Offline: uploads will go on when the connection is back.')}</span>` : nothing}
      </p>
      <div class="bulk">
        ${
          n.retryable
            ? html`<button type="button" class="strong" data-action="retry-all" @click=${() => this.bulk('retry')}>
              ${t('queue.retry_failed', msg('Retry failed'))}
            </button>`
            : nothing
        }
        ${
          n.paused
            ? html`<button type="button" class="strong" data-action="resume-all" @click=${() => this.bulk('resume')}>${msg('Resume all')}</button>`
            : nothing
        }
        ${
          n.unfinished
            ? html`<button type="button" data-action="abort-all" @click=${() => this.bulk('abort')}>
              ${t('queue.abort_all', msg('Cancel all'))}
            </button>`
            : nothing
        }
      </div>
      ${
        n.unfinished
          ? html`<span
              class="total track"
              role="progressbar"
              aria-label=${msg('Total progress')}
              aria-valuemin="0"
              aria-valuemax="100"
              aria-valuenow=${Math.round(fraction * 100)}
              ><span class="fill" ${cssProps({ '--uw-fraction': fraction })}></span></span>
            <p class="stats" part="queue-stats">${stats.join(' · ')}</p>`
          : nothing
      }
    </div>`;
  }

  private renderFooter() {
    const n = this.counted;
    const completed = this.showCompleted && n.done > 0;
    const done = this.showDone && !n.unfinished;
    if (!this.showUploadMore && !completed && !done) return nothing;
    return html`<div class="footer" part="queue-footer">
      ${
        this.showUploadMore
          ? html`<button type="button" data-action="upload-more" @click=${() => fire(this, 'upload-more', {})}>
            ${t('queue.upload_more', msg('Upload more'))}
          </button>`
          : nothing
      }
      ${
        completed
          ? html`<button type="button" class=${done ? '' : 'primary'} data-action="show-completed" @click=${() => fire(this, 'show-completed', {})}>
            ${t('queue.show_completed', msg('Show completed'))}
          </button>`
          : nothing
      }
      ${done ? html`<button type="button" class="primary" data-action="done" @click=${() => fire(this, 'done', {})}>${msg('Done')}</button>` : nothing}
    </div>`;
  }

  private readonly onAction = (action: ItemAction, id?: string) => {
    if (id) {
      const items = this.items;
      const index = items.findIndex((i) => i.id === id);
      if (action === 'remove') {
        // Focus goes to the next row (or the one before), never to the page.
        const neighbour = items[index + 1] ?? items[index - 1];
        if (neighbour) this.focusNext = { id: neighbour.id };
        else fire(this, 'queue-emptied', {});
      } else {
        this.focusNext = { id, action };
      }
    }
    fire<ItemActionDetail>(this, 'item-action', { action, id });
  };

  /** Focuses the planned button: the same action if the row still has it, else its first. */
  private placeFocus() {
    const next = this.focusNext!;
    this.focusNext = undefined;
    const row = this.renderRoot.querySelector(`li[data-id="${CSS.escape(next.id)}"]`);
    const button =
      (next.action && row?.querySelector<HTMLButtonElement>(`button[data-action="${next.action}"]`)) || row?.querySelector<HTMLButtonElement>('button');
    if (!button) return;
    this.tabStop = `${next.id}:${button.dataset.action}`;
    this.requestUpdate();
    button.focus();
  }

  /** Up/Down: the same button in the row above or below; Left/Right: the row's buttons; Home/End: first and last rows. */
  private onKeyDown(e: KeyboardEvent) {
    const button = (e.target as Element).closest?.('button[data-action]') as HTMLButtonElement | null;
    const row = button?.closest('li[data-id]');
    if (!button || !row || e.altKey || e.ctrlKey || e.metaKey) return;
    const items = this.items;
    const index = Number(row.getAttribute('aria-posinset')) - 1;
    const page = Math.max(1, Math.floor((this.scroller?.clientHeight ?? 0) / this.window.rowHeight) - 1);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const targets: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: items.length - 1,
    };
    if (e.key in targets) {
      const to = Math.max(0, Math.min(items.length - 1, targets[e.key]));
      e.preventDefault();
      if (to === index) return;
      this.window.scrollToRow(to);
      this.focusNext = { id: items[to].id, action: button.dataset.action as ItemAction };
      this.requestUpdate();
      return;
    }
    const sideways = e.key === 'ArrowRight' ? (rtl ? -1 : 1) : e.key === 'ArrowLeft' ? (rtl ? 1 : -1) : 0;
    if (!sideways) return;
    const buttons = Array.from(row.querySelectorAll<HTMLButtonElement>('button[data-action]'));
    const to = buttons[buttons.indexOf(button) + sideways];
    e.preventDefault();
    if (!to) return;
    this.focusNext = { id: row.getAttribute('data-id')!, action: to.dataset.action as ItemAction };
    this.requestUpdate();
  }

  private onFocusIn(e: FocusEvent) {
    const button = (e.target as Element).closest?.('button[data-action]') as HTMLButtonElement | null;
    const row = button?.closest('li[data-id]');
    if (!button || !row) return;
    const id = row.getAttribute('data-id')!;
    this.focused = { id, index: Number(row.getAttribute('aria-posinset')) - 1 };
    const stop = `${id}:${button.dataset.action}`;
    if (stop !== this.tabStop) {
      this.tabStop = stop;
      this.requestUpdate();
    }
  }

  private onFocusOut(e: FocusEvent) {
    const to = e.relatedTarget as Node | null;
    if (!to || !this.scroller?.contains(to)) this.focused = undefined;
  }
}

/**
 * Each row's slot: the key repeat() gives its DOM, chosen so that lit reuses rows without moving
 * the ones that stay. An item still on screen keeps its slot. After a far jump (no row stays) the
 * new rows take the old slots in the order they stood: every row is rebound in place, nothing is
 * built or moved. (With rows keyed by item, each jump built a window of new rows, and with 100,000
 * files that made garbage enough for major collections mid-scroll.) After a short scroll the rows
 * that came take the slots of the rows that went, last first, which is the order in which
 * repeat() moves them to the other end instead of moving the rows that stay. `pinned`, the focused
 * row kept while scrolled away, comes first in `ids`; only slots that stood after it are reused,
 * since reusing one from before it would make repeat() move it, and a moved element loses focus.
 */
export function assignSlots(ids: readonly string[], previous: ReadonlyMap<string, number>, pinned?: string): Map<string, number> {
  const shown = new Set(ids);
  const free: number[] = [];
  let next = 0;
  let stays = false;
  // Before the pinned row (when it stood among the others), slots are not free: see above.
  let past = pinned === undefined || !previous.has(pinned);
  // A Map iterates in insertion order: the order the previous render stood in.
  for (const [id, slot] of previous) {
    next = Math.max(next, slot + 1);
    if (id === pinned) past = true;
    else if (shown.has(id)) stays = true;
    else if (past) free.push(slot);
  }
  if (stays) free.reverse();
  const slots = new Map<string, number>();
  let f = 0;
  for (const id of ids) slots.set(id, previous.get(id) ?? (f < free.length ? free[f++] : next++));
  return slots;
}

/**
 * lit-html 3.3.1–3.3.3 leaves the end marker (an empty comment) of every row repeat() removes
 * (lit/lit#5298): scrolling a long queue replaces rows all the time, the list filled with
 * thousands of comments, and every later insertion and removal got slower. A live row is
 * [start marker][li][end marker], so an empty comment with no <li> on either side is an orphan.
 * Nothing once the fix ships (lit/lit#5299).
 */
function dropOrphanMarkers(list: Element | null) {
  for (let node = list?.firstChild; node; ) {
    const next: ChildNode | null = node.nextSibling;
    if (node.nodeType === Node.COMMENT_NODE && !(node as Comment).data && node.previousSibling?.nodeName !== 'LI' && next?.nodeName !== 'LI') node.remove();
    node = next;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-queue': QueueView;
  }
}
