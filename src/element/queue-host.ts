// The queue as the widget shows it: its view (a lazy part, fetched when the widget first shows;
// without it the files show as a plain list, so an upload is still seen), the view's intents handed
// to the widget, and focus moved onto it when a batch is added or ends.
import { html, type ReactiveControllerHost } from 'lit';
import type { QueueState } from '../core/store.js';
import { loadPart } from '../lazy/load-part.js';
import type { WidgetOptions } from '../options.js';
import { plainQueue } from '../views/plain-queue.js';
import type { ItemAction, QueueView } from '../views/queue-view.js';

/** The queue view's intents (its events, by name), each with its detail: what the widget does with them. */
export interface QueueIntents {
  'item-action'(detail: { action: ItemAction; id?: string }): void;
  'item-meta'(detail: { id: string; name: string; value: string }): void;
  'item-move'(detail: { id: string; to: number }): void;
  /** Show completed: the page hears of the finished files. */
  'show-completed'(): void;
  /** Upload more: back to the sources (as when the queue is emptied). */
  'upload-more'(): void;
  /** Done: the widget closes (a modal only). */
  done(): void;
  /** Upload the files waiting for the go (the plain list's button). */
  upload(): void;
}

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class QueueHost {
  private part?: Promise<unknown>;
  /** The queue's view could not load: the files show as a plain list. */
  private missing = false;

  constructor(
    private readonly host: Host,
    private readonly intents: QueueIntents,
  ) {}

  /** The queue's view, loaded once (its element upgrades when it arrives). */
  load(): Promise<unknown> {
    this.part ??= loadPart('queue-view').catch(() => {
      this.missing = true;
      this.host.requestUpdate();
    });
    return this.part;
  }

  /** The queue's view once it is upgraded and rendered, or null without it. */
  async view(): Promise<QueueView | null> {
    // The part first, then the render it changed (the queue's view, or the plain list without it).
    await this.load();
    await this.host.updateComplete;
    // Not upgraded when the widget left the page before the part arrived.
    const view = this.host.renderRoot.querySelector('uw-queue');
    const QueueViewElement = customElements.get('uw-queue');
    return QueueViewElement && view instanceof QueueViewElement ? view : null;
  }

  /**
   * Once the queue has rendered: focus on "Upload N files" when files wait for the go (`held`, asked
   * then), else on the batch's summary; unless focus went elsewhere on the page meanwhile (`ours`,
   * asked then: the queue is drawn at the next frame, and a person may have moved on).
   */
  focus(held: () => number, ours: () => boolean): void {
    void this.view().then((q) => {
      if (!ours()) return;
      if (held()) q?.focusUpload();
      else q?.focusSummary();
    });
  }

  render({ items, offline, totals }: QueueState, o: WidgetOptions, { inline, reorder }: { inline: boolean; reorder: boolean }) {
    void this.load();
    const i = this.intents;
    if (this.missing) {
      return plainQueue(items, {
        held: totals.held,
        upload: i.upload,
        uploadMore: o.showUploadMoreButton ? i['upload-more'] : undefined,
        done: inline ? undefined : i.done,
      });
    }
    return html`<uw-queue
      exportparts="queue-header, queue-summary, queue-stats, queue-list, queue-item, thumbnail, progress, queue-footer, meta-field"
      .items=${items}
      .offline=${offline}
      .totals=${totals}
      .chunkSize=${o.maxChunkSize}
      .showUploadMore=${o.showUploadMoreButton}
      .showCompleted=${o.showCompletedButton}
      .showDone=${!inline}
      .reorder=${reorder}
      .metaFields=${o.metaFields}
      @item-action=${this.on}
      @item-meta=${this.on}
      @item-move=${this.on}
      @upload-more=${this.on}
      @queue-emptied=${this.on}
      @show-completed=${this.on}
      @done=${this.on}
    ></uw-queue>`;
  }

  // The view's intents stop here: they are the widget's to act on, not the page's. An emptied queue
  // goes back to the sources, as Upload more does.
  private readonly on = (e: Event) => {
    e.stopPropagation();
    const name = e.type === 'queue-emptied' ? 'upload-more' : (e.type as keyof QueueIntents);
    (this.intents[name] as (detail: unknown) => void)((e as CustomEvent).detail);
  };
}
