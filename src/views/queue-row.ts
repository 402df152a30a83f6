// One row of the queue: preview or type icon, name, state, size and progress, the reason for a
// refusal or failure on a line of its own, and the actions the item's state allows as icon
// buttons. A template, not an element, so a row costs no shadow root, and the queue recycles rows: one
// row's DOM shows another file after a scroll.
import { css, html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { formatBytes, formatLocale, formatPercent } from '../i18n/format.js';
import { safeUrl } from '../core/protocol.js';
import type { MetaField } from '../core/engine-options.js';
import type { ItemStatus, QueueItem } from '../core/types.js';
import type { Preview } from './thumbnail.js';
import { cssProps } from './css-props.js';
import { copyNotice, isCopy, locationNotice, stateText } from './item-state.js';
import { fileIcon } from './file-icon.js';
import { icon, type IconName } from './icons.js';
import { paintBitmap } from './paint-bitmap.js';

export type ItemAction = 'abort' | 'retry' | 'remove' | 'pause' | 'resume' | 'upload' | 'fit';

/**
 * Row heights in CSS pixels, from which the virtual list places the rows: compact for a name and a
 * state line (with a progress bar while it moves), taller for a row with a reason line (failed,
 * refused, waiting for its file). In a narrow queue the preview is smaller and one name line is
 * kept (ellipsis; the full name is the row's title and its buttons' names).
 */
export const ROW_HEIGHTS = {
  wide: { compact: 64, tall: 84 },
  narrow: { compact: 60, tall: 84 },
} as const;
/** One field's line on a held file's row (`metaFields`): label beside the input when wide, above it (and the input touch-sized) when narrow. */
export const FIELD_HEIGHTS = { wide: 40, narrow: 66 } as const;
/** Room below a row's fields. */
export const FIELDS_PADDING = 8;

/** The wide compact row's height. */
export const ROW_HEIGHT = ROW_HEIGHTS.wide.compact;
/** A group heading's height ("Needs attention"). */
export const HEADING_HEIGHT = 32;
/** The preview's side in CSS pixels. */
export const THUMB_SIZE = 52;

/**
 * The actions each state allows, in the order their buttons appear. A file the server refused for
 * its content (`rejected`) would be refused again: Remove only, no Retry. A picture refused for its
 * size that can be redrawn (`fixable`) offers Make smaller and upload first.
 */
export function actionsFor(status: ItemStatus, pausable = true, rejected = false, fixable = false): ItemAction[] {
  if (rejected && status === 'failed') return ['remove'];
  if (fixable && status === 'refused') return ['fit', 'remove'];
  switch (status) {
    case 'queued':
    case 'preparing':
      return ['abort'];
    case 'uploading':
      return pausable ? ['pause', 'abort'] : ['abort'];
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
      return msg('Remove from list');
    case 'upload':
      return msg('Upload');
    case 'fit':
      return msg('Make smaller and upload');
  }
}

const ACTION_ICONS: Record<ItemAction, IconName> = {
  abort: 'cancel',
  pause: 'pause',
  resume: 'resume',
  retry: 'retry',
  remove: 'cancel',
  upload: 'upload',
  fit: 'shrink',
};

/** The small badge on a preview that says how the file ended. */
const BADGES: Partial<Record<ItemStatus, IconName>> = { done: 'check', failed: 'alert', aborted: 'alert', refused: 'blocked' };

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

/**
 * A video's length as players show it: 0:07, 12:34, 1:02:03 (whole seconds, rounded down; the
 * widget's number format's digits).
 */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const digits = new Intl.NumberFormat(formatLocale(), { useGrouping: false });
  const two = new Intl.NumberFormat(formatLocale(), { useGrouping: false, minimumIntegerDigits: 2 });
  const h = Math.floor(whole / 3600);
  const m = Math.floor(whole / 60) % 60;
  const s = whole % 60;
  return h ? `${digits.format(h)}:${two.format(m)}:${two.format(s)}` : `${digits.format(m)}:${two.format(s)}`;
}

/** The server's preview of a file it fetched itself (a web address): only an http(s) URL may be an image source. */
const serverThumbnail = (item: QueueItem) => safeUrl(item.uploadInfo?.thumbnail_url);

/** The reason without the file name the row already shows above it ("a.png: Invalid image" → "Invalid image"). */
function withoutName(item: QueueItem): string {
  const error = item.error ?? '';
  return error.startsWith(`${item.name}: `) ? error.slice(item.name.length + 2) : error;
}

export interface RowContext {
  /** Position among the files listed (0-based), for aria-posinset. */
  index: number;
  /** Position in the list's entries (headings included): how the keyboard finds its neighbours. */
  entry: number;
  /** Distance from the list's top in CSS pixels: where the row is placed. */
  top: number;
  /** The row's height in CSS pixels (see ROW_HEIGHTS). */
  height: number;
  /** The file is cropped: its preview shows the crop, with a badge. */
  cropped?: boolean;
  setSize: number;
  /** The decoded preview (and a video's length), when there is one. */
  thumbnail?: Preview | null;
  /** Whether pausing keeps what was sent (chunked uploads); otherwise Pause is not offered. */
  pausable: boolean;
  /** The one button of the list in the Tab order (roving focus), as `${id}:${action}`. */
  tabStop?: string;
  /** Rows can be moved: a "Reorder" handle leads the row's buttons (drag it, or Alt+Up/Down on it). */
  reorderable?: boolean;
  /** Fields a person fills in for each file waiting to go (`metaFields`). */
  fields?: readonly MetaField[];
  onAction: (action: ItemAction, id: string) => void;
  /** A field's value changed. */
  onMeta?: (id: string, name: string, value: string) => void;
}

export function renderRow(
  item: QueueItem,
  { index, entry, top, height, cropped, setSize, thumbnail, pausable, tabStop, reorderable, fields, onAction, onMeta }: RowContext,
) {
  const total = item.totalBytes || item.size;
  const fraction = item.status === 'done' ? 1 : total ? Math.min(1, item.uploadedBytes / total) : 0;
  const moving = item.status === 'uploading' || item.status === 'paused' || item.status === 'preparing';
  const badge = BADGES[item.status];
  const remote = serverThumbnail(item);
  // Restored from an earlier page without its bytes: it can only wait for the file, or be dropped.
  const copy = isCopy(item);
  const actions: ItemAction[] = item.waitingForFile ? ['abort'] : copy ? ['upload', 'remove'] : actionsFor(item.status, pausable, item.rejected, item.fixable);
  const separator = html`<span class="sep" aria-hidden="true">·</span>`;
  const notice = locationNotice(item);
  const described = item.status === 'held' && !!fields?.length;
  return html`<li
    part="queue-item"
    class=${described ? 'row described' : 'row'}
    data-status=${item.status}
    data-id=${item.id}
    data-entry=${entry}
    aria-posinset=${index + 1}
    aria-setsize=${setSize}
    ${cssProps({ 'inset-block-start': `${top}px`, 'block-size': `${height}px` })}
  >
    <span class="thumb" part="thumbnail" ?data-cropped=${cropped}>
      ${
        thumbnail
          ? html`<canvas aria-hidden="true" ${paintBitmap(thumbnail.bitmap)}></canvas>`
          : remote
            ? html`<img src=${remote} alt="" referrerpolicy="no-referrer" />`
            : fileIcon(item.name, item.kind, item.type)
      }
      ${cropped ? html`<span class="badge crop">${icon('crop')}</span>` : nothing}
      ${badge ? html`<span class="badge">${icon(badge)}</span>` : nothing}
    </span>
    <span class="name" title=${item.name}>${item.name}</span>
    <span class="meta">
      <span class="state">${stateText(item)}</span>
      ${notice ? html`${separator}<span class="notice">${notice}</span>` : nothing}
      ${thumbnail?.duration ? html`${separator}<span class="duration">${formatDuration(thumbnail.duration)}</span>` : nothing}
      ${item.size ? html`${separator}<span>${sizeText(item)}</span>` : nothing}
      ${moving ? html`${separator}<span class="percent">${formatPercent(fraction)}</span>` : nothing}
    </span>
    ${
      item.error
        ? html`<span class="reason" id=${`reason-${item.id}`} title=${item.error}
            >${withoutName(item)}${item.rejected && item.status === 'failed' ? html` <span class="hint">${msg('Check the file (it may be damaged), export it again and add it.')}</span>` : nothing}</span
          >`
        : item.waitingForFile
          ? html`<span class="reason hint">${msg('Choose this file again to continue where it stopped.')}</span>`
          : copy
            ? html`<span class="reason hint">${copyNotice(item)}</span>`
            : moving
              ? html`<span
            class="bar track"
            part="progress"
            role="progressbar"
            aria-label=${msg(str`Progress of ${item.name}`)}
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=${Math.round(fraction * 100)}
            ><span class="fill" ${cssProps({ '--uw-fraction': fraction })}></span></span
          >`
              : nothing
    }
    <span class="actions">
      ${
        reorderable
          ? html`<button
              type="button"
              class="icon handle"
              data-action="reorder"
              tabindex=${tabStop === `${item.id}:reorder` ? 0 : -1}
              aria-label=${msg(str`Reorder ${item.name}`)}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
            >
              ${icon('grip')}
            </button>`
          : nothing
      }
      ${actions.map((action) => {
        const label = copy && action === 'upload' ? msg('Upload anyway') : actionLabel(action);
        // Actions that need their words beside the icon to be understood.
        const worded = action === 'retry' || action === 'fit' || (copy && action === 'upload');
        return html`<button
          type="button"
          class=${worded ? 'retry' : 'icon'}
          data-action=${action}
          tabindex=${tabStop === `${item.id}:${action}` ? 0 : -1}
          title=${label}
          aria-label=${msg(str`${label}: ${item.name}`)}
          @click=${() => onAction(action, item.id)}
        >
          ${icon(ACTION_ICONS[action])}${worded ? html`<span>${label}</span>` : nothing}
        </button>`;
      })}
    </span>
    ${described ? renderFields(item, fields!, onMeta) : nothing}
  </li>`;
}

/** The fields of a file waiting to go: labelled inputs; an empty required one is marked invalid once its file was held for it (the reason names it). */
function renderFields(item: QueueItem, fields: readonly MetaField[], onMeta: RowContext['onMeta']) {
  const waiting = !!item.error;
  return html`<span class="fields" role="group" aria-label=${msg(str`About ${item.name}`)}>
    ${fields.map((field) => {
      const value = item.meta?.[field.name] ?? '';
      const invalid = waiting && field.required && !value.trim();
      return html`<label class="field">
        <span class="field-label">${field.label}${field.required ? html`<span aria-hidden="true"> *</span>` : nothing}</span>
        <input
          type="text"
          part="meta-field"
          data-field=${field.name}
          .value=${value}
          ?required=${field.required}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? `reason-${item.id}` : nothing}
          @input=${(e: InputEvent) => onMeta?.(item.id, field.name, (e.target as HTMLInputElement).value)}
        />
      </label>`;
    })}
  </span>`;
}

/** Row styles; with `progressStyles` for the bar. */
export const rowStyles = css`
  .row {
    --uw-row-tint: transparent;
    position: absolute;
    inset-inline: 0;
    /* Its size is set (the virtual list's height, the list's width): a change inside (a percent,
       a state) lays out this row alone, not the dialog. */
    contain: size layout;
    box-sizing: border-box;
    display: grid;
    grid-template-columns: ${THUMB_SIZE}px minmax(0, 1fr) auto;
    grid-template-rows: auto auto auto;
    column-gap: 12px;
    row-gap: 2px;
    align-content: center;
    padding-inline: 10px 8px;
    border-block-end: 1px solid var(--uw-color-source-bg);
    background: var(--uw-row-tint);
    contain: strict;
    line-height: 1.3;
  }
  :host([narrow]) .row {
    grid-template-columns: 44px minmax(0, 1fr) auto;
    column-gap: 10px;
    line-height: 1.25;
  }
  [data-status='failed'],
  [data-status='aborted'] {
    --uw-row-tint: color-mix(in srgb, var(--uw-color-error) 9%, var(--uw-color-window));
    /* The edge on the start side: the right in a right-to-left language. */
    border-inline-start: 3px solid var(--uw-color-error);
    padding-inline-start: 7px;
  }
  [data-status='refused'] {
    --uw-row-tint: color-mix(in srgb, var(--uw-color-source-bg) 60%, var(--uw-color-window));
  }
  /* A row is dragged by its handle (touch too: the handle does not scroll the list). */
  .actions button.handle {
    cursor: grab;
    touch-action: none;
  }
  .row.dragging {
    z-index: 1;
    transform: translateY(var(--uw-drag-y, 0));
    background: var(--uw-color-window);
    box-shadow: 0 2px 10px color-mix(in srgb, var(--uw-color-text-dark) 30%, transparent);
  }
  .thumb {
    position: relative;
    grid-row: 1 / -1;
    align-self: center;
    inline-size: ${THUMB_SIZE}px;
    block-size: ${THUMB_SIZE}px;
    display: grid;
    place-items: center;
    color: var(--uw-color-menu-icons);
    border-radius: 6px;
  }
  :host([narrow]) .thumb {
    inline-size: 44px;
    block-size: 44px;
  }
  /* A preview keeps its picture's shape (a crop's, a portrait's, a video's frame, a PDF page's, the
     server's thumbnail): the whole picture, letterboxed in the square. */
  .thumb canvas,
  .thumb img {
    inline-size: auto;
    block-size: auto;
    max-inline-size: 100%;
    max-block-size: 100%;
    object-fit: contain;
    border-radius: 4px;
  }
  .badge.crop {
    inset: -4px auto auto -4px;
    color: var(--uw-color-text-dark);
  }
  .thumb .file-icon {
    block-size: 100%;
    inline-size: auto;
  }
  .badge {
    position: absolute;
    inset-block-end: -4px;
    inset-inline-end: -4px;
    display: grid;
    place-items: center;
    inline-size: 20px;
    block-size: 20px;
    border-radius: 50%;
    background: var(--uw-color-window);
    color: var(--uw-color-complete);
  }
  .badge .icon {
    inline-size: 16px;
    block-size: 16px;
  }
  [data-status='failed'] .badge,
  [data-status='aborted'] .badge {
    color: var(--uw-color-error);
  }
  [data-status='refused'] .badge {
    color: var(--uw-color-menu-icons);
  }
  .name {
    grid-column: 2;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 500;
  }
  .meta {
    grid-column: 2;
    display: flex;
    gap: 0.4em;
    min-inline-size: 0;
    font-size: 0.85em;
    color: var(--uw-color-menu-icons);
    white-space: nowrap;
    overflow: hidden;
  }
  [data-status='done'] .state {
    color: var(--uw-color-text-dark);
  }
  .reason {
    grid-column: 2;
    font-size: 0.85em;
    color: var(--uw-color-text-dark);
    overflow: hidden;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }
  .bar {
    grid-column: 2;
    margin-block-start: 2px;
  }
  /* A held file's fields (metaFields), under its name and state, beside nothing: the preview and
     the buttons keep to the lines above. */
  .row.described {
    grid-template-rows: auto auto auto 1fr;
    align-content: start;
    padding-block-start: 6px;
  }
  .described .thumb,
  .described .actions {
    grid-row: 1 / 4;
  }
  .fields {
    grid-column: 2 / -1;
    grid-row: 4;
    display: grid;
    align-content: start;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(6em, 28%) minmax(0, 1fr);
    align-items: center;
    column-gap: 8px;
    block-size: ${FIELD_HEIGHTS.wide}px;
    font-size: 0.9em;
  }
  :host([narrow]) .field {
    grid-template-columns: minmax(0, 1fr);
    align-content: center;
    row-gap: 2px;
    block-size: ${FIELD_HEIGHTS.narrow}px;
  }
  .field-label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--uw-color-text-dark);
  }
  .field input {
    box-sizing: border-box;
    inline-size: 100%;
    block-size: 32px;
    padding-inline: 8px;
    font: inherit;
    color: var(--uw-color-text-dark);
    background: var(--uw-color-window);
    border: 1px solid var(--uw-color-menu-icons);
    border-radius: 6px;
  }
  :host([narrow]) .field input {
    block-size: 44px;
  }
  .field input[aria-invalid='true'] {
    border-color: var(--uw-color-error);
    box-shadow: inset 0 0 0 1px var(--uw-color-error);
  }
  [data-status='paused'] .fill {
    background: var(--uw-color-menu-icons);
  }
  .actions {
    grid-column: 3;
    grid-row: 1 / -1;
    align-self: center;
    display: flex;
    gap: 2px;
  }
  :host([narrow]) .retry span {
    display: none;
  }
  :host([narrow]) .actions button.retry {
    padding: 0;
    background: var(--uw-color-link);
    color: var(--uw-color-window);
  }
  .actions button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-inline-size: 36px;
    block-size: 36px;
    padding: 0 6px;
    font: inherit;
    font-size: 0.9em;
    border: 0;
    border-radius: 18px;
    background: none;
    color: var(--uw-color-menu-icons);
    cursor: pointer;
  }
  .actions button.retry {
    padding-inline: 10px 14px;
    /* On the window colour, not the failed row's tint: the link colour reaches 4.5:1 only there. */
    background: var(--uw-color-window);
    color: var(--uw-color-link);
    box-shadow: inset 0 0 0 1px var(--uw-color-link);
    font-weight: 600;
  }
  .actions button:hover {
    background: var(--uw-color-source-bg);
    color: var(--uw-color-text-dark);
  }
  .actions button.retry:hover {
    background: var(--uw-color-link);
    color: var(--uw-color-window);
  }
  .actions button:active {
    transform: scale(0.94);
  }
  .actions svg.icon {
    inline-size: 20px;
    block-size: 20px;
  }
  @media (pointer: coarse) {
    .actions button {
      min-inline-size: 44px;
      block-size: 44px;
      border-radius: 22px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .actions button:active {
      transform: none;
    }
  }
`;
