// The queue: the batch's total progress (bar, percent, bytes, speed, time left), bulk actions,
// and a virtualized list of rows (only the rows on screen, plus a few, exist in the DOM), so ten
// thousand files stay responsive. It renders the store's items and sends intents; it keeps no
// upload state of its own. The list is one Tab stop: arrow keys move between rows and buttons.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { plural } from '../i18n/plural.js';
import type { ThumbnailLoader } from './thumbnail.js';
import { setFileGlyphs } from './file-icon.js';
import { Throughput } from './throughput.js';
import { formatBytes, formatDuration, formatLocale, formatPercent, formatRate } from '../i18n/format.js';
import type { MetaField } from '../core/engine-options.js';
import type { QueueItem } from '../core/types.js';
import { totalsOf, type Totals } from '../core/totals.js';
import { intent } from '../dispatch.js';
import { cssProps } from './css-props.js';
import { icon } from './icons.js';
import { progressStyles, srOnly } from './shared-styles.js';
import { FIELDS_PADDING, FIELD_HEIGHTS, HEADING_HEIGHT, ROW_HEIGHTS, THUMB_SIZE, actionsFor, renderRow, rowStyles, type ItemAction } from './queue-row.js';
import { VirtualWindow } from './virtual-list.js';
import { layoutOf, ordinalOf, type Layout } from './queue-layout.js';

export type { ItemAction } from './queue-row.js';

/** `item-action` detail; no id means every item the action applies to (Retry failed, Cancel all). */
export interface ItemActionDetail {
  action: ItemAction;
  id?: string;
}

/** Files a row may show a preview of: pictures, videos (sound alone has no picture) and PDFs (their first page). */
const hasPreview = (item: QueueItem) =>
  item.kind === 'image' ||
  (item.kind === 'video' && !item.type.startsWith('audio/')) ||
  item.type === 'application/pdf' ||
  (!item.type && item.name.toLowerCase().endsWith('.pdf'));

/** Below this width the queue is narrow: buttons are touch-sized, previews smaller. */
const NARROW_BELOW = 520;
/** While a batch runs, this many finished files or more fold into one "48 done" line. */
const FOLD_DONE_AT = 10;

/**
 * The upload queue.
 *
 * @fires item-action - {action, id?}: abort, retry, remove, pause or resume one item, or all without id
 * @fires item-move - {id, to}: a row moved (Alt+Up/Down, or dragged by its thumbnail) to index `to`
 * @fires item-meta - {id, name, value}: a field of a file waiting to go was filled in (`metaFields`)
 * @fires upload-more - the Upload more button
 * @fires show-completed - the Show completed button
 * @fires done - the Done button
 * @fires queue-emptied - the last row was removed
 * @csspart queue-header - the batch's summary: its count, the failures' toggle, the bulk buttons, the total bar and stats
 * @csspart queue-summary - the count sentence alone ("3 of 12 uploaded", "5 files ready to upload")
 * @csspart queue-stats - its percent, bytes, speed and time left
 * @csspart queue-list, queue-item, thumbnail, progress - the list, its rows and their parts
 * @csspart meta-field - a field's input on a file waiting to go (`metaFields`)
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

  /** Only the failed files are listed (the "4 failed: show only these" toggle). */
  @state() private onlyFailed = false;
  /**
   * Order matters here (files held for review, a form field): rows can be moved when every file
   * is shown in its order, and there is more than one.
   */
  @property({ type: Boolean }) reorder = false;
  /** Fields a person fills in for each file waiting to go (`metaFields`). */
  @property({ attribute: false }) metaFields?: readonly MetaField[];
  private reorderable = false;
  /** A row being dragged by its thumbnail: where it started and where it would go. */
  private drag?: { id: string; row: HTMLElement; entry: number; startY: number; to: number };
  /** The finished files are listed while the batch runs (the "48 done" toggle). */
  @state() private doneOpen = false;

  private readonly window = new VirtualWindow(this, 4);
  /** What the list shows, derived from the items (see queue-layout.ts). */
  private layout: Layout = layoutOf([], { onlyFailed: false, groupFailed: false, hideDone: false, heights: [0, 0, 0] });
  private layoutKey: unknown[] = [];
  /** The list keeps the first unfinished file in view until the person scrolls or moves in it. */
  private following = true;
  /** Failures grouped at the top at the last render; `toTop` when they just were. */
  private wasGrouped = false;
  private toTop = false;
  private wasRunning = false;
  /** This render laid the list out anew (the items or the view's choices changed). */
  private laidOut = false;
  /** Enough files are finished mid-batch for them to fold into "N done". */
  private foldable = false;
  /** Image previews and icon glyphs: a lazy part (row-previews.ts), loaded with the first row; rows show plain icons until then. */
  private thumbnails?: ThumbnailLoader;
  private previewsLoading = false;
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
  private focused?: { id: string; entry: number };

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
      .summary .failed,
      .summary .failed:hover {
        font-weight: 600;
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
        block-size: var(--uw-list-height, 0);
      }
      .heading,
      .fold {
        display: flex;
        align-items: center;
        gap: 6px;
        font-weight: 600;
      }
      .heading {
        position: absolute;
        inset-inline: 0;
        padding-inline: 10px;
        background: var(--uw-color-source-bg);
      }
      .heading .icon,
      .fold .icon {
        inline-size: 18px;
        block-size: 18px;
      }
      .heading .icon {
        color: var(--uw-color-error);
      }
      .fold {
        align-self: flex-start;
      }
      [aria-expanded='true'] .icon {
        rotate: 180deg;
      }
      /* A phone's full-screen modal: the list takes the height the screen has. */
      :host([narrow]) .scroller {
        max-block-size: var(--uw-queue-max-height, max(240px, calc(100dvh - 250px)));
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
      .fold,
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
      .fold:hover,
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
        .fold,
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
    this.thumbnails?.retainOnly(new Set());
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
   * After the person pressed Upload in the queue: a file held back for a required value gets focus
   * in that field, on its row, where the reason names it.
   */
  private focusFieldWaitedFor() {
    const fields = this.metaFields;
    const waiting = fields?.length && this.items.find((i) => i.status === 'held' && i.error);
    const field = waiting && fields.find((f) => f.required && !waiting.meta?.[f.name]?.trim());
    if (!field && performance.now() - this.uploadPressed < 3000) return;
    this.uploadPressed = 0;
    if (field && this.matches(':focus-within')) this.focusField(waiting.id, field.name);
  }

  /** Scrolls to a file's row and puts focus in its field `name` (a required value it waits for). */
  focusField(id: string, name: string): void {
    const e = this.layout.entries.indexOf(this.items.findIndex((i) => i.id === id));
    if (e < 0) return;
    this.following = false;
    this.window.scrollToRow(e);
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>(`li[data-id="${CSS.escape(id)}"] input[data-field="${CSS.escape(name)}"]`)?.focus(),
    );
  }

  /** Moves focus to "Upload N files" (files wait for the go); to the summary when there is none. */
  focusUpload(): void {
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLElement>('[data-action="upload"]') ?? this.summary)?.focus());
  }

  /**
   * A bulk control (Retry failed, Resume all, Cancel all, Upload N files) goes away with what it acts on: focus
   * moves to the summary first, so it is never dropped to the page.
   */
  private bulk(action: ItemAction) {
    this.summary?.focus();
    this.onAction(action);
  }

  /** When Upload was last pressed in the queue (0: handled): a file it leaves waiting for a value gets focus there. */
  private uploadPressed = 0;

  protected override willUpdate(changed: PropertyValues): void {
    const items = this.items;
    if (changed.has('items') && this.uploadPressed) this.focusFieldWaitedFor();
    this.counted = this.totals ?? totalsOf(items);
    const n = this.counted;
    this.throughput.sample(n.sent, performance.now());
    // Nothing moving (finished, or only paused files left): no speed, no time left.
    if (!n.unfinished || n.paused + n.held + n.copies === n.unfinished) this.throughput.reset();
    // A new batch: the list follows its work again, and its finished files fold again.
    if (n.unfinished && !this.wasRunning) {
      this.following = true;
      this.doneOpen = false;
    }
    this.wasRunning = n.unfinished > 0;
    if (!n.failed) this.onlyFailed = false;
    const sizes = this.narrow ? ROW_HEIGHTS.narrow : ROW_HEIGHTS.wide;
    const heights = [sizes.compact, sizes.tall, HEADING_HEIGHT] as const;
    const onlyFailed = this.onlyFailed;
    const groupFailed = !onlyFailed && !n.unfinished && n.failed > 0;
    // A batch that ends with failures groups them at the top: the list starts there again (unless
    // a person is in the list), however far it had followed the work.
    if (groupFailed && !this.wasGrouped) this.toTop = true;
    this.wasGrouped = groupFailed;
    this.foldable = !onlyFailed && n.unfinished > 0 && n.done >= FOLD_DONE_AT;
    const hideDone = this.foldable && !this.doneOpen;
    // Rows can be moved (Alt+arrows, dragging a handle) where order matters, when the list shows every file in its order.
    this.reorderable = this.reorder && items.length > 1 && !onlyFailed && !groupFailed && !hideDone;
    // One pass over the items when they (or the view's choices) change; none per scroll.
    const fields = this.metaFields?.length ?? 0;
    const fieldsHeight = fields && fields * (this.narrow ? FIELD_HEIGHTS.narrow : FIELD_HEIGHTS.wide) + FIELDS_PADDING;
    const key = [items, this.narrow, onlyFailed, groupFailed, hideDone, this.metaFields];
    if (key.some((k, i) => k !== this.layoutKey[i])) {
      this.layout = layoutOf(items, { onlyFailed, groupFailed, hideDone, heights, fieldsHeight });
      this.layoutKey = key;
      this.laidOut = true;
    }
    const layout = this.layout;
    this.window.setOffsets(layout.offsets);
    if (changed.has('narrow') && this.focused) this.window.scrollToRow(this.focused.entry);
    // O(rows on screen): the range comes from the scroll position, not from walking the list.
    const { start, end } = this.window.range();
    const rows: number[] = [];
    for (let e = start; e < end; e++) rows.push(e);
    let f = this.focused;
    // The focused item moved (a row above was removed, the list was filtered or grouped).
    if (f && items[layout.entries[f.entry]]?.id !== f.id) {
      const entry = layout.entries.indexOf(items.findIndex((i) => i.id === f!.id));
      f = this.focused = entry < 0 ? undefined : { ...f, entry };
    }
    // First, whichever side it is on: see assignSlots.
    const pinned = f && (f.entry < start || f.entry >= end) ? f : undefined;
    if (pinned) rows.unshift(pinned.entry);
    this.rows = rows;
    this.slots = assignSlots(
      rows.map((e) => this.keyOf(e)),
      this.slots,
      pinned?.id,
    );
    // The Tab stop follows its item; when that is gone, the first row's first button.
    const stopId = this.tabStop?.split(':')[0];
    const stopItem = stopId ? items.find((i) => i.id === stopId) : undefined;
    const [, stopAction] = this.tabStop?.split(':') ?? [];
    const hidden = (item: QueueItem) => (onlyFailed && item.status !== 'failed') || (hideDone && item.status === 'done');
    const stopKept = stopItem && (this.actionsOf(stopItem).includes(stopAction as ItemAction) || (stopAction === 'reorder' && this.reorderable));
    if (!stopItem || !stopKept || hidden(stopItem)) {
      const first = items[layout.entries[rows.find((e) => layout.entries[e] >= 0) ?? -1]];
      this.tabStop = first ? `${first.id}:${this.actionsOf(first)[0]}` : undefined;
    }
  }

  /** The key an entry's row is recycled by: its item's id, or its heading's name. */
  private keyOf(e: number): string {
    const i = this.layout.entries[e];
    return i < 0 ? `heading${i}` : this.items[i].id;
  }

  private actionsOf(item: QueueItem): ItemAction[] {
    return actionsFor(item.status, (item.totalBytes || item.size) > this.chunkSize, item.rejected, item.fixable);
  }

  override render() {
    const items = this.items;
    if (!items.length) return nothing;
    const locale = formatLocale();
    return html`${this.renderSummary()}
      ${
        this.foldable
          ? html`<button type="button" class="fold" data-action="toggle-done" aria-expanded=${this.doneOpen ? 'true' : 'false'} @click=${this.toggleDone}>
              ${plural(msg('one {# done} other {# done}'), this.counted.done, locale)}${icon('chevronDown')}
            </button>`
          : nothing
      }
      <div
        class="scroller"
        role="region"
        aria-label=${msg('Files')}
        aria-describedby="keys"
        @keydown=${this.onKeyDown}
        @focusin=${this.onFocusIn}
        @focusout=${this.onFocusOut}
        @wheel=${this.stopFollowing}
        @pointerdown=${this.stopFollowing}
      >
        <ul part="queue-list" role="list" ${cssProps({ '--uw-list-height': `${this.window.total}px` })} @pointerdown=${this.onDragStart}>
          ${repeat(
            this.rows,
            (e) => this.slots.get(this.keyOf(e)),
            (e) => this.renderEntry(e),
          )}
        </ul>
      </div>
      <span id="keys" class="sr-only"
        >${msg('F and Shift+F: next and previous failed file.')}${this.reorderable ? ` ${msg('Alt+Up and Alt+Down: move the file up or down the list.')}` : nothing}</span
      >
      ${this.renderFooter()}`;
  }

  private renderEntry(e: number) {
    const layout = this.layout;
    const i = layout.entries[e];
    const top = this.window.top(e);
    const height = this.window.height(e);
    if (i < 0) {
      return html`<li class="heading" ${cssProps({ 'inset-block-start': `${top}px`, 'block-size': `${height}px` })}>${icon('alert')}${msg('Needs attention')}</li>`;
    }
    const item = this.items[i];
    return renderRow(item, {
      index: ordinalOf(layout, e),
      entry: e,
      top,
      height,
      setSize: layout.shownItems,
      thumbnail: this.thumbnails?.get(item.id),
      cropped: Boolean(item.overrides.custom_coordinates ?? item.overrides.face_coordinates),
      pausable: (item.totalBytes || item.size) > this.chunkSize,
      tabStop: this.tabStop,
      reorderable: this.reorderable,
      fields: this.metaFields,
      onAction: this.onAction,
      onMeta: this.onMeta,
    });
  }

  private readonly onMeta = (id: string, name: string, value: string) => intent(this, 'item-meta', { id, name, value });

  private readonly toggleDone = () => {
    this.doneOpen = !this.doneOpen;
  };

  private readonly toggleFailed = () => {
    this.onlyFailed = !this.onlyFailed;
    this.following = false;
    // The list starts at its top again: the first failure, or the first file.
    if (this.scroller) this.scroller.scrollTop = 0;
  };

  /** A handle pressed (pointer or touch): its row follows the pointer, and goes where it is let go. */
  private readonly onDragStart = (e: PointerEvent) => {
    const handle = (e.target as Element).closest?.('button[data-action=reorder]');
    const row = handle?.closest<HTMLElement>('li[data-id]');
    if (!handle || !row || !this.reorderable || !e.isPrimary || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    const entry = Number(row.getAttribute('data-entry'));
    this.drag = { id: row.getAttribute('data-id')!, row, entry, startY: e.clientY, to: entry };
    row.setPointerCapture(e.pointerId);
    row.classList.add('dragging');
    row.addEventListener('pointermove', this.onDragMove);
    row.addEventListener('pointerup', this.onDragEnd);
    row.addEventListener('pointercancel', this.onDragEnd);
  };

  private readonly onDragMove = (e: PointerEvent) => {
    const drag = this.drag;
    if (!drag) return;
    const dy = e.clientY - drag.startY;
    drag.row.style.setProperty('--uw-drag-y', `${dy}px`);
    // The slot under the row's middle, in the list's own coordinates.
    const middle = this.window.top(drag.entry) + this.window.height(drag.entry) / 2 + dy;
    let to = 0;
    while (to < this.items.length - 1 && this.window.top(to) + this.window.height(to) <= middle) to++;
    drag.to = to;
  };

  private readonly onDragEnd = (e: PointerEvent) => {
    const drag = this.drag;
    if (!drag) return;
    this.drag = undefined;
    const { row, id, entry, to } = drag;
    row.classList.remove('dragging');
    row.style.removeProperty('--uw-drag-y');
    row.removeEventListener('pointermove', this.onDragMove);
    row.removeEventListener('pointerup', this.onDragEnd);
    row.removeEventListener('pointercancel', this.onDragEnd);
    if (e.type === 'pointerup' && to !== entry) intent(this, 'item-move', { id, to });
  };

  private readonly stopFollowing = () => {
    this.following = false;
  };

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
    for (const e of this.rows) {
      const item = items[this.layout.entries[e]];
      if (!item || typeof item.source === 'string' || !hasPreview(item)) continue;
      images.push(item);
      keep.add(item.id);
    }
    const thumbnails = this.thumbnails;
    if (thumbnails) {
      thumbnails.retainOnly(keep);
      for (const item of images) thumbnails.request(item.id, item.source as File, item.overrides);
    } else if (this.rows.length && !this.previewsLoading) {
      this.previewsLoading = true;
      import('./row-previews.js').then(
        (m) => {
          setFileGlyphs(m);
          this.thumbnails = new m.ThumbnailLoader(
            Math.round(THUMB_SIZE * Math.min(2, globalThis.devicePixelRatio || 1)),
            () => this.requestUpdate(),
            3,
            m.decodePreview,
          );
          this.requestUpdate();
        },
        // A nicety: without it rows keep plain icons (a page opened from a file is told once, elsewhere).
        () => {},
      );
    }
    if (this.toTop && !this.focused) this.window.scrollTo(0);
    this.toTop = false;
    if (this.focusNext) this.placeFocus();
    else if (this.laidOut) this.follow();
    this.laidOut = false;
  }

  /**
   * Keeps the first unfinished file in view while the batch runs, until the person scrolls or
   * moves in the list: when it leaves the screen's top half, it goes to the top, below one row
   * of what came before.
   */
  private follow() {
    const scroller = this.scroller;
    const e = this.layout.firstUnfinished;
    if (!this.following || this.focused || !scroller || e < 0) return;
    // What the list last saw of its scroll and height: this runs after every render, and reading
    // the container here forced a layout each time (a third of the main thread on 200 small files).
    const seen = this.window.seen;
    const top = this.window.top(e) - seen.top;
    if (top < 0 || top > seen.height / 2) this.window.scrollTo(this.window.top(e - 1));
  }

  /** "3 of 12 uploaded", the failures and refusals, a total bar, and bytes, speed and time left. */
  private renderSummary() {
    const n = this.counted;
    const locale = formatLocale();
    // Only paused files left: nothing moves until Resume, and nothing is finished.
    const pausedOnly = n.paused > 0 && n.paused === n.unfinished;
    // Only files waiting for the person's go (autoUpload off): nothing has been sent.
    const heldOnly = n.held > 0 && n.held + n.copies === n.unfinished;
    const line = heldOnly
      ? plural(msg('one {# file ready to upload} other {# files ready to upload}'), n.held, locale)
      : pausedOnly
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
    const failed = plural(msg('one {# failed} other {# failed}'), n.failed, locale);
    return html`<div class="summary" part="queue-header" tabindex="-1" role="group" aria-labelledby="uw-count">
      <p class="count" id="uw-count">
        <span>${!n.unfinished && n.done && !n.failed ? icon('check') : nothing}<span part="queue-summary">${line}</span></span>
        ${
          n.failed
            ? html`${pause}<button type="button" class="failed" data-action="only-failed" aria-pressed=${this.onlyFailed ? 'true' : 'false'} @click=${this.toggleFailed}>
              ${this.onlyFailed ? msg(str`${failed}: show all files`) : msg(str`${failed}: show only these`)}
            </button>`
            : nothing
        }
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
        n.unfinished > n.held + n.copies
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
    const held = n.held;
    if (!this.showUploadMore && !completed && !done && !held) return nothing;
    return html`<div class="footer" part="queue-footer">
      ${
        this.showUploadMore
          ? html`<button type="button" data-action="upload-more" @click=${() => intent(this, 'upload-more', {})}>
            ${t('queue.upload_more', msg('Upload more'))}
          </button>`
          : nothing
      }
      ${
        completed
          ? html`<button type="button" class=${done || held ? '' : 'primary'} data-action="show-completed" @click=${() => intent(this, 'show-completed', {})}>
            ${t('queue.show_completed', msg('Show completed'))}
          </button>`
          : nothing
      }
      ${done ? html`<button type="button" class="primary" data-action="done" @click=${() => intent(this, 'done', {})}>${msg('Done')}</button>` : nothing}
      ${
        held
          ? html`<button type="button" class="primary" data-action="upload" @click=${() => this.bulk('upload')}>
            ${plural(msg('one {Upload # file} other {Upload # files}'), held, formatLocale())}
          </button>`
          : nothing
      }
    </div>`;
  }

  private readonly onAction = (action: ItemAction, id?: string) => {
    if (id) {
      const items = this.items;
      const index = items.findIndex((i) => i.id === id);
      if (action === 'remove') {
        // Focus goes to the next row shown (or the one before), never to the page.
        const entry = this.layout.entries.indexOf(index);
        const neighbour = this.itemNear(entry, 1) ?? this.itemNear(entry, -1) ?? items[index + 1] ?? items[index - 1];
        if (neighbour) this.focusNext = { id: neighbour.id };
        else intent(this, 'queue-emptied', {});
      } else {
        this.focusNext = { id, action };
      }
    }
    if (action === 'upload') this.uploadPressed = performance.now();
    intent<ItemActionDetail>(this, 'item-action', { action, id });
  };

  /** The first item shown after (step 1) or before (-1) entry `e`, skipping headings. */
  private itemNear(e: number, step: 1 | -1): QueueItem | undefined {
    if (e < 0) return undefined;
    for (let at = e + step; at >= 0 && at < this.layout.entries.length; at += step) {
      const i = this.layout.entries[at];
      if (i >= 0) return this.items[i];
    }
    return undefined;
  }

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

  /**
   * Up/Down: the same button in the row above or below; Left/Right: the row's buttons; Home/End:
   * first and last rows; F and Shift+F: the next and the previous failed file (round the list).
   */
  private onKeyDown(e: KeyboardEvent) {
    this.following = false;
    const button = (e.target as Element).closest?.('button[data-action]') as HTMLButtonElement | null;
    const row = button?.closest('li[data-id]');
    if (!button || !row || e.ctrlKey || e.metaKey) return;
    if (e.altKey) {
      // Alt+Up/Down: the file moves one place; focus stays on the same button of its row.
      const by = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
      if (!by || !this.reorderable) return;
      e.preventDefault();
      const id = row.getAttribute('data-id')!;
      const to = Number(row.getAttribute('data-entry')) + by;
      if (to < 0 || to >= this.items.length) return;
      this.window.scrollToRow(to);
      this.focusNext = { id, action: button.dataset.action as ItemAction };
      intent(this, 'item-move', { id, to });
      return;
    }
    const layout = this.layout;
    const entry = Number(row.getAttribute('data-entry'));
    const last = layout.entries.length - 1;
    const page = Math.max(1, Math.floor((this.scroller?.clientHeight ?? 0) / ROW_HEIGHTS.wide.compact) - 1);
    const rtl = getComputedStyle(this).direction === 'rtl';
    let to: number | undefined;
    let step: 1 | -1 = 1;
    let action = button.dataset.action as ItemAction | undefined;
    if (e.key === 'f' || e.key === 'F') {
      const failed = layout.failed;
      if (!failed.length) return;
      to = e.shiftKey ? ([...failed].reverse().find((f) => f < entry) ?? failed[failed.length - 1]) : (failed.find((f) => f > entry) ?? failed[0]);
      action = undefined;
    } else {
      const targets: Record<string, [number, 1 | -1]> = {
        ArrowDown: [entry + 1, 1],
        ArrowUp: [entry - 1, -1],
        PageDown: [entry + page, 1],
        PageUp: [entry - page, -1],
        Home: [0, 1],
        End: [last, -1],
      };
      if (e.key in targets) [to, step] = targets[e.key];
    }
    if (to !== undefined) {
      e.preventDefault();
      to = Math.max(0, Math.min(last, to));
      // A heading is not a stop: the nearest item past it, or the nearest before.
      let at = to;
      while (layout.entries[at] < 0) at += step;
      if (!(layout.entries[at] >= 0)) for (at = to; layout.entries[at] < 0; ) at -= step;
      if (!(layout.entries[at] >= 0) || at === entry) return;
      this.window.scrollToRow(at);
      this.focusNext = { id: this.items[layout.entries[at]].id, action };
      this.requestUpdate();
      return;
    }
    const sideways = e.key === 'ArrowRight' ? (rtl ? -1 : 1) : e.key === 'ArrowLeft' ? (rtl ? 1 : -1) : 0;
    if (!sideways) return;
    const buttons = Array.from(row.querySelectorAll<HTMLButtonElement>('button[data-action]'));
    const next = buttons[buttons.indexOf(button) + sideways];
    e.preventDefault();
    if (!next) return;
    this.focusNext = { id: row.getAttribute('data-id')!, action: next.dataset.action as ItemAction };
    this.requestUpdate();
  }

  private onFocusIn(e: FocusEvent) {
    const row = (e.target as Element).closest?.('li[data-id]');
    if (!row) return;
    const id = row.getAttribute('data-id')!;
    // The row stays drawn while it has focus (a field being filled in, too), wherever the list scrolls.
    this.focused = { id, entry: Number(row.getAttribute('data-entry')) };
    const button = (e.target as Element).closest('button[data-action]') as HTMLButtonElement | null;
    if (!button) return;
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
