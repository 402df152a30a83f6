// The queue: one row per file with its name, size, state, progress and the actions its state allows.
// It renders the controller's store and sends intents (`item-action`); it keeps no state of its own.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { cssProps } from './css-props.js';
import { localized, msg, str } from '@lit/localize';
import type { QueueItem, ItemStatus } from '../core/types.js';
import { formatBytes, formatPercent } from '../core/format.js';
import { fire } from '../dispatch.js';

export type ItemAction = 'abort' | 'retry' | 'remove' | 'pause' | 'resume';

function statusText(status: ItemStatus): string {
  switch (status) {
    case 'queued':
      return msg('Waiting');
    case 'preparing':
      return msg('Preparing');
    case 'uploading':
      return msg('Uploading');
    case 'paused':
      return msg('Paused');
    case 'done':
      return msg('Done');
    case 'failed':
      return msg('Failed');
    case 'aborted':
      return msg('Aborted');
    case 'refused':
      return msg('Not allowed');
    case 'cancelled':
      return msg('Cancelled');
  }
}

@customElement('uw-queue')
@localized()
export class QueueView extends LitElement {
  @property({ attribute: false }) items: readonly QueueItem[] = [];
  /** Bumped by the element on every store change, so lit re-renders rows whose items mutated. */
  @property({ type: Number }) revision = 0;

  static override styles = css`
    :host {
      display: block;
      color: var(--uw-color-text-dark, #000);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 4px 12px;
      padding: 8px 0;
      border-bottom: 1px solid var(--uw-color-source-bg, #e4ebf1);
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .meta {
      color: var(--uw-color-menu-icons, #5a616a);
      font-size: 0.9em;
    }
    .bar {
      grid-column: 1 / -1;
      height: 6px;
      border-radius: 3px;
      background: var(--uw-color-source-bg, #e4ebf1);
      overflow: hidden;
    }
    .fill {
      height: 100%;
      width: 100%;
      transform: scaleX(var(--uw-fraction, 0));
      transform-origin: left;
      background: var(--uw-color-in-progress, #0078ff);
    }
    [data-status='done'] .fill {
      background: var(--uw-color-complete, #20b832);
    }
    .error {
      grid-column: 1 / -1;
      color: var(--uw-color-error, #f44235);
      font-size: 0.9em;
    }
    .actions button {
      font: inherit;
      font-size: 0.85em;
      background: none;
      border: 1px solid var(--uw-color-window-border, #90a0b3);
      border-radius: 4px;
      color: var(--uw-color-link, #0078ff);
      cursor: pointer;
      margin-inline-start: 4px;
    }
    button:focus-visible {
      outline: 3px solid var(--uw-color-link, #0078ff);
      outline-offset: 1px;
    }
  `;

  override render() {
    if (!this.items.length) return nothing;
    return html`<ul part="queue-list" aria-label=${msg('Upload queue')}>
      ${repeat(
        this.items,
        (item) => item.id,
        (item) => this.renderItem(item),
      )}
    </ul>`;
  }

  private renderItem(item: QueueItem) {
    const total = item.totalBytes || item.size;
    const fraction = item.status === 'done' ? 1 : total ? Math.min(1, item.uploadedBytes / total) : 0;
    const percent = formatPercent(fraction);
    const size = item.size ? formatBytes(item.size) : '';
    const status = statusText(item.status);
    return html`<li part="queue-item" data-status=${item.status} data-id=${item.id}>
      <span class="name" title=${item.name}>${item.name}</span>
      <span class="actions">${this.renderActions(item)}</span>
      <span class="meta">${size ? html`${size} · ` : nothing}${status}${item.status === 'uploading' ? html` · ${percent}` : nothing}</span>
      <span></span>
      <div
        class="bar"
        part="progress"
        role="progressbar"
        aria-label=${msg(str`Progress of ${item.name}`)}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${Math.round(fraction * 100)}
      >
        <div class="fill" ${cssProps({ '--uw-fraction': fraction })}></div>
      </div>
      ${item.error ? html`<span class="error" role="alert">${item.error}</span>` : nothing}
    </li>`;
  }

  private renderActions(item: QueueItem) {
    const button = (action: ItemAction, label: string) =>
      html`<button type="button" data-action=${action} aria-label=${`${label}: ${item.name}`} @click=${() => fire(this, 'item-action', { action, id: item.id })}>
        ${label}
      </button>`;
    switch (item.status) {
      case 'queued':
      case 'preparing':
        return button('abort', msg('Cancel'));
      case 'uploading':
        return html`${button('pause', msg('Pause'))}${button('abort', msg('Cancel'))}`;
      case 'paused':
        return html`${button('resume', msg('Resume'))}${button('abort', msg('Cancel'))}`;
      case 'failed':
      case 'aborted':
        return html`${button('retry', msg('Retry'))}${button('remove', msg('Remove'))}`;
      default:
        return button('remove', msg('Remove'));
    }
  }
}
