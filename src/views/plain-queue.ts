// The files and their state as a plain list: what the element shows when the queue's view (a lazy
// part) cannot load, so an upload from the classic script alone is still seen. No actions, no
// virtual list: names, state in words, the reason of a failure, a bar while a file moves, and the
// footer's Upload more and Done.
import { css, html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { t } from '../i18n/text.js';
import { formatLocale, formatPercent } from '../i18n/format.js';
import { plural } from '../i18n/plural.js';
import type { QueueItem } from '../core/types.js';
import { cssProps } from './css-props.js';
import { copyNotice, isCopy, locationNotice, stateText } from './item-state.js';

export interface PlainQueueActions {
  /** Files waiting for the person's go, and what starts them. */
  held?: number;
  upload?: () => void;
  uploadMore?: () => void;
  done?: () => void;
}

export function plainQueue(items: readonly QueueItem[], { held = 0, upload, uploadMore, done }: PlainQueueActions) {
  return html`<ul class="plain-queue" part="queue-list" aria-label=${msg('Files')}>
    ${items.map((item) => {
      const total = item.totalBytes || item.size;
      const fraction = item.status === 'done' ? 1 : total ? Math.min(1, item.uploadedBytes / total) : 0;
      const moving = item.status === 'uploading' || item.status === 'paused';
      return html`<li part="queue-item" data-status=${item.status}>
        <span class="plain-name">${item.name}</span>
        <span>${[stateText(item), locationNotice(item), moving ? formatPercent(fraction) : ''].filter(Boolean).join(' · ')}</span>
        ${item.error ? html`<span class="plain-reason">${item.error}</span>` : nothing}
        ${isCopy(item) ? html`<span>${copyNotice(item)}</span>` : nothing}
        ${moving ? html`<span class="track" aria-hidden="true"><span class="fill" ${cssProps({ '--uw-fraction': fraction })}></span></span>` : nothing}
      </li>`;
    })}
  </ul>
  <div class="plain-footer" part="queue-footer">
    ${uploadMore ? html`<button type="button" @click=${uploadMore}>${t('queue.upload_more', msg('Upload more'))}</button>` : nothing}
    ${held && upload ? html`<button type="button" class="primary" data-action="upload" @click=${upload}>${plural(msg('one {Upload # file} other {Upload # files}'), held, formatLocale())}</button>` : nothing}
    ${done && !held ? html`<button type="button" class="primary" @click=${done}>${msg('Done')}</button>` : nothing}
  </div>`;
}

export const plainQueueStyles = css`
  .plain-queue {
    list-style: none;
    margin: 0;
    padding: 8px 16px 16px;
    overflow: auto;
    max-block-size: 60vh;
  }
  .plain-queue li {
    display: grid;
    gap: 4px;
    padding-block: 8px;
    border-block-end: 1px solid var(--uw-color-window-border);
  }
  .plain-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .plain-footer {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    padding: 0 16px 16px;
  }
  .plain-footer button {
    min-block-size: 44px;
    padding-inline: 16px;
    border-radius: var(--uw-radius, 8px);
    border: 1px solid var(--uw-color-window-border);
    background: var(--uw-color-window);
    color: inherit;
    font: inherit;
  }
  .plain-footer .primary {
    background: var(--uw-color-action);
    border-color: var(--uw-color-action);
    color: var(--uw-color-text-light);
  }
  .plain-reason {
    color: var(--uw-color-error);
  }
`;
