// The queue: the batch's total progress, bulk actions, and a virtualized list of rows (only the
// rows on screen, plus a few, exist in the DOM), so ten thousand files stay responsive. It reads
// the controller's store and sends intents; it keeps no upload state of its own.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { localized, msg, str } from '@lit/localize';
import { t } from '../i18n/text.js';
import type { UploadController } from '../core/controller.js';
import { ThumbnailLoader } from '../core/thumbnail.js';
import type { QueueItem } from '../core/types.js';
import { fire } from '../dispatch.js';
import { cssProps } from './css-props.js';
import { ROW_HEIGHT, THUMB_SIZE, renderRow, rowStyles, type ItemAction } from './queue-row.js';
import { VirtualWindow } from './virtual-list.js';

export type { ItemAction } from './queue-row.js';

/** `item-action` detail; no id means every item the action applies to (Retry failed, Abort all). */
export interface ItemActionDetail {
  action: ItemAction;
  id?: string;
}

/**
 * The upload queue.
 *
 * @fires item-action - {action, id?}: abort, retry, remove, pause or resume one item, or all without id
 * @fires upload-more - the Upload more button
 * @fires show-completed - the Show completed button
 * @csspart queue-summary - the total progress line
 * @csspart queue-list, queue-item, thumbnail, progress - the list, its rows and their parts
 * @csspart queue-footer - Upload more / Show completed
 * @cssprop --uw-queue-max-height - height of the scrolling list (default 360px)
 */
@customElement('uw-queue')
@localized()
export class QueueView extends LitElement {
  /** The store to render: items and the per-state counts the queue keeps. */
  @property({ attribute: false }) controller?: UploadController;
  /** The items to render when there is no controller (no summary or bulk actions then). */
  @property({ attribute: false }) items: readonly QueueItem[] = [];
  /** Bumped by the element on every store change, so rows whose items mutated render again. */
  @property({ type: Number }) revision = 0;
  @property({ type: Boolean, attribute: 'show-upload-more' }) showUploadMore = false;
  @property({ type: Boolean, attribute: 'show-completed' }) showCompleted = false;

  @query('.scroller') private scroller?: HTMLElement;

  private readonly window = new VirtualWindow(this, ROW_HEIGHT, 4);
  private readonly thumbnails = new ThumbnailLoader(
    Math.round(THUMB_SIZE * Math.min(2, globalThis.devicePixelRatio || 1)),
    () => this.requestUpdate(),
  );
  /** Indices of the rows this render shows. */
  private rows: number[] = [];
  /** The row holding focus stays rendered when scrolled away, so focus is not lost to the page. */
  private focused?: { id: string; index: number };

  static override styles = [
    rowStyles,
    css`
      :host {
        display: block;
        color: var(--uw-color-text-dark, #000);
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 12px;
        margin-block: 0 8px;
      }
      .total {
        flex: 1;
      }
      .failed {
        color: var(--uw-color-error, #d73a2f);
      }
      .scroller {
        max-block-size: var(--uw-queue-max-height, 360px);
        overflow-y: auto;
        overscroll-behavior: contain;
        border: 1px solid var(--uw-color-source-bg, #e4ebf1);
        border-radius: 4px;
      }
      ul {
        position: relative;
        list-style: none;
        margin: 0;
        padding: 0;
        block-size: calc(var(--uw-row-count, 0) * ${ROW_HEIGHT}px);
      }
      .footer {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-block-start: 8px;
      }
      .summary button,
      .footer button {
        font: inherit;
        padding: 4px 12px;
        border-radius: 4px;
        cursor: pointer;
        background: none;
        border: 1px solid var(--uw-color-window-border, #8493a5);
        color: var(--uw-color-link, #0070ef);
      }
      .footer .primary {
        background: var(--uw-color-action, #c94d09);
        border-color: var(--uw-color-action, #c94d09);
        color: var(--uw-color-text-light, #fff);
      }
      button:focus-visible,
      .scroller:focus-visible {
        outline: 3px solid var(--uw-color-link, #0070ef);
        outline-offset: 1px;
      }
    `,
  ];

  private get list(): readonly QueueItem[] {
    return this.controller?.items ?? this.items;
  }

  protected override willUpdate(): void {
    // O(rows on screen): the range comes from the scroll position, not from walking the list.
    const items = this.list;
    const { start, end } = this.window.range(items.length);
    const rows: number[] = [];
    for (let i = start; i < end; i++) rows.push(i);
    const f = this.focused;
    if (f && items[f.index]?.id === f.id && (f.index < start || f.index >= end)) {
      if (f.index < start) rows.unshift(f.index);
      else rows.push(f.index);
    }
    this.rows = rows;
  }

  override render() {
    const items = this.list;
    if (!items.length) return nothing;
    return html`${this.renderSummary()}
      <div
        class="scroller"
        tabindex="0"
        role="region"
        aria-label=${msg('Upload queue')}
        @keydown=${(e: KeyboardEvent) => this.window.handleKey(e)}
        @focusin=${this.onFocusIn}
        @focusout=${this.onFocusOut}
      >
        <ul part="queue-list" role="list" ${cssProps({ '--uw-row-count': items.length })}>
          ${repeat(
            this.rows,
            (i) => items[i].id,
            (i) =>
              renderRow(items[i], {
                index: i,
                setSize: items.length,
                thumbnail: this.thumbnails.get(items[i].id),
                onAction: this.onAction,
              }),
          )}
        </ul>
      </div>
      ${this.renderFooter()}`;
  }

  protected override updated(_changed: PropertyValues): void {
    if (this.scroller) this.window.attach(this.scroller);
    // Previews only for the rows in the DOM; the others' bitmaps are closed.
    const items = this.list;
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.thumbnails.retainOnly(new Set());
  }

  /** "Uploading 3 of 12 files", from the counts the queue keeps (nothing scans the items). */
  private renderSummary() {
    const queue = this.controller?.queue;
    if (!queue) return nothing;
    const total = this.list.length - queue.count('refused', 'cancelled');
    const finished = queue.count('done');
    const unfinished = queue.count('queued', 'preparing', 'uploading', 'paused');
    const failed = queue.count('failed');
    const retryable = queue.count('failed', 'aborted');
    const line = unfinished
      ? t('queue.title_uploading_with_counter', msg(str`Uploading ${finished} of ${total} files`), { num: total - finished })
      : total
        ? msg(str`${finished} of ${total} files uploaded`)
        : '';
    return html`<div class="summary">
      <p class="total" part="queue-summary" aria-live="polite">
        ${line}${failed ? html` <span class="failed">${msg(str`${failed} failed`)}</span>` : nothing}
      </p>
      ${retryable
        ? html`<button type="button" data-action="retry-all" @click=${() => this.onAction('retry')}>
            ${t('queue.retry_failed', msg('Retry failed'))}
          </button>`
        : nothing}
      ${unfinished
        ? html`<button type="button" data-action="abort-all" @click=${() => this.onAction('abort')}>
            ${t('queue.abort_all', msg('Abort all'))}
          </button>`
        : nothing}
    </div>`;
  }

  private renderFooter() {
    const completed = this.showCompleted && (!this.controller || this.controller.queue.count('done') > 0);
    if (!this.showUploadMore && !completed) return nothing;
    return html`<div class="footer" part="queue-footer">
      ${this.showUploadMore
        ? html`<button type="button" data-action="upload-more" @click=${() => fire(this, 'upload-more', {})}>
            ${t('queue.upload_more', msg('Upload more'))}
          </button>`
        : nothing}
      ${completed
        ? html`<button type="button" class="primary" data-action="show-completed" @click=${() => fire(this, 'show-completed', {})}>
            ${t('queue.show_completed', msg('Show completed'))}
          </button>`
        : nothing}
    </div>`;
  }

  private readonly onAction = (action: ItemAction, id?: string) => {
    fire<ItemActionDetail>(this, 'item-action', { action, id });
  };

  private onFocusIn(e: FocusEvent) {
    const row = (e.target as Element).closest?.('li[data-id]');
    if (!row) return;
    this.focused = { id: row.getAttribute('data-id')!, index: Number(row.getAttribute('aria-posinset')) - 1 };
  }

  private onFocusOut(e: FocusEvent) {
    const to = e.relatedTarget as Node | null;
    if (!to || !this.scroller?.contains(to)) this.focused = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-queue': QueueView;
  }
}
