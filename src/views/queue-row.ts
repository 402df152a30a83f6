// One row of the queue: preview or type icon, name, size, state, progress, the reason for a
// refusal or failure, and the actions the item's state allows. A template, not an element, so a
// row costs no shadow root and the queue's rows can be recycled by lit's keyed repeat.
import { css, html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { t } from '../i18n/text.js';
import { formatBytes, formatLocale, formatPercent } from '../core/format.js';
import type { ItemStatus, QueueItem } from '../core/types.js';
import { cssProps } from './css-props.js';
import { fileIcon } from './file-icon.js';
import { paintBitmap } from './paint-bitmap.js';

export type ItemAction = 'abort' | 'retry' | 'remove' | 'pause' | 'resume';

/** Every row's height in CSS pixels: the virtual list places rows by index from it. */
export const ROW_HEIGHT = 64;
/** The preview's side in CSS pixels. */
export const THUMB_SIZE = 40;

export function statusText(status: ItemStatus): string {
  switch (status) {
    case 'queued':
      return msg('Waiting');
    case 'preparing':
      return msg('Preparing');
    case 'uploading':
      return t('queue.statuses.uploading', msg('Uploading'));
    case 'paused':
      return msg('Paused');
    case 'done':
      return t('queue.statuses.uploaded', msg('Done'));
    case 'failed':
      return t('queue.statuses.error', msg('Failed'));
    case 'aborted':
      return t('queue.statuses.aborted', msg('Aborted'));
    case 'refused':
      return msg('Not allowed');
    case 'cancelled':
      return msg('Cancelled');
  }
}

/** The actions each state allows, in the order their buttons appear. */
export function actionsFor(status: ItemStatus): ItemAction[] {
  switch (status) {
    case 'queued':
    case 'preparing':
      return ['abort'];
    case 'uploading':
      return ['pause', 'abort'];
    case 'paused':
      return ['resume', 'abort'];
    case 'failed':
    case 'aborted':
      return ['retry', 'remove'];
    default:
      return ['remove'];
  }
}

function actionLabel(action: ItemAction): string {
  switch (action) {
    case 'abort':
      return msg('Cancel');
    case 'pause':
      return msg('Pause');
    case 'resume':
      return msg('Resume');
    case 'retry':
      return msg('Retry');
    case 'remove':
      return msg('Remove');
  }
}

/**
 * Sizes never change: rows read them from here instead of formatting again on every progress
 * event. The cache is per language, so switching language formats them anew.
 */
let sizeTexts = new WeakMap<QueueItem, string>();
let sizeLocale: string | undefined;
function sizeText(item: QueueItem): string {
  if (sizeLocale !== formatLocale()) {
    sizeLocale = formatLocale();
    sizeTexts = new WeakMap();
  }
  let text = sizeTexts.get(item);
  if (text === undefined) sizeTexts.set(item, (text = formatBytes(item.size)));
  return text;
}

export interface RowContext {
  /** Position in the whole list (0-based), for placement and aria-posinset. */
  index: number;
  setSize: number;
  /** The decoded preview, when there is one. */
  thumbnail?: ImageBitmap | null;
  onAction: (action: ItemAction, id: string) => void;
}

export function renderRow(item: QueueItem, { index, setSize, thumbnail, onAction }: RowContext) {
  const total = item.totalBytes || item.size;
  const fraction = item.status === 'done' ? 1 : total ? Math.min(1, item.uploadedBytes / total) : 0;
  const showsPercent = item.status === 'uploading' || item.status === 'paused';
  return html`<li
    part="queue-item"
    class="row"
    data-status=${item.status}
    data-id=${item.id}
    aria-posinset=${index + 1}
    aria-setsize=${setSize}
    ${cssProps({ '--uw-row-index': index })}
  >
    <span class="thumb" part="thumbnail">
      ${thumbnail
        ? html`<canvas aria-hidden="true" ${paintBitmap(thumbnail)}></canvas>`
        : fileIcon(item.name, item.kind, item.type)}
    </span>
    <span class="name" title=${item.name}>${item.name}</span>
    <span class="actions">
      ${actionsFor(item.status).map((action) => {
        const label = actionLabel(action);
        return html`<button
          type="button"
          data-action=${action}
          aria-label=${msg(str`${label}: ${item.name}`)}
          @click=${() => onAction(action, item.id)}
        >
          ${label}
        </button>`;
      })}
    </span>
    <span class="meta">
      ${item.size ? html`<span>${sizeText(item)}</span>` : nothing}
      <span class="state">${statusText(item.status)}</span>
      ${showsPercent ? html`<span class="percent">${formatPercent(fraction)}</span>` : nothing}
      ${item.error ? html`<span class="reason" title=${item.error}>${item.error}</span>` : nothing}
    </span>
    <span
      class="bar"
      part="progress"
      role="progressbar"
      aria-label=${msg(str`Progress of ${item.name}`)}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${Math.round(fraction * 100)}
    >
      <span class="fill" ${cssProps({ '--uw-fraction': fraction })}></span>
    </span>
  </li>`;
}

export const rowStyles = css`
  .row {
    position: absolute;
    inset-inline: 0;
    inset-block-start: calc(var(--uw-row-index, 0) * ${ROW_HEIGHT}px);
    block-size: ${ROW_HEIGHT}px;
    box-sizing: border-box;
    display: grid;
    grid-template-columns: ${THUMB_SIZE}px minmax(0, 1fr) auto;
    grid-template-rows: auto auto 6px;
    column-gap: 10px;
    row-gap: 2px;
    align-content: center;
    padding-inline: 8px;
    border-block-end: 1px solid var(--uw-color-source-bg, #e4ebf1);
    contain: strict;
  }
  .thumb {
    grid-row: 1 / -1;
    inline-size: ${THUMB_SIZE}px;
    block-size: ${THUMB_SIZE}px;
    display: grid;
    place-items: center;
    color: var(--uw-color-menu-icons, #5a616a);
    border-radius: 4px;
    overflow: hidden;
  }
  .thumb canvas {
    inline-size: 100%;
    block-size: 100%;
  }
  .thumb .file-icon {
    block-size: ${THUMB_SIZE}px;
    inline-size: auto;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .actions {
    grid-row: 1 / 3;
    grid-column: 3;
    align-self: center;
    white-space: nowrap;
  }
  .meta {
    grid-column: 2;
    display: flex;
    gap: 0.5em;
    min-inline-size: 0;
    font-size: 0.85em;
    color: var(--uw-color-menu-icons, #5a616a);
    white-space: nowrap;
  }
  .meta > span + span::before {
    content: '·';
    margin-inline-end: 0.5em;
  }
  .reason {
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--uw-color-error, #d73a2f);
  }
  .bar {
    grid-column: 2 / -1;
    display: block;
    block-size: 6px;
    border-radius: 3px;
    background: var(--uw-color-source-bg, #e4ebf1);
    overflow: hidden;
  }
  .fill {
    display: block;
    block-size: 100%;
    inline-size: 100%;
    transform: scaleX(var(--uw-fraction, 0));
    transform-origin: left;
    background: var(--uw-color-in-progress, #0078ff);
  }
  .fill:dir(rtl) {
    transform-origin: right;
  }
  [data-status='done'] .fill {
    background: var(--uw-color-complete, #1a9829);
  }
  [data-status='failed'] .fill,
  [data-status='refused'] .fill {
    background: var(--uw-color-error, #d73a2f);
  }
  .actions button {
    font: inherit;
    font-size: 0.85em;
    padding: 2px 8px;
    background: none;
    border: 1px solid var(--uw-color-window-border, #8493a5);
    border-radius: 4px;
    color: var(--uw-color-link, #0070ef);
    cursor: pointer;
    margin-inline-start: 4px;
  }
`;
