// A file's state in words, for the queue's rows and for the plain list the element shows when the
// queue's view (a lazy part) cannot load.
import { msg, str } from '@lit/localize';
import { t } from '../i18n/text.js';
import type { ItemStatus, QueueItem } from '../core/types.js';

function statusText(status: ItemStatus): string {
  switch (status) {
    case 'held':
      return msg('Ready');
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
      return t('queue.statuses.aborted', msg('Cancelled'));
    case 'refused':
      return msg('Not allowed');
    case 'cancelled':
      return msg('Skipped');
  }
}

/** The row's state in words: a file whose content the server refused, and a pause under way, have their own. */
export function stateText(item: QueueItem): string {
  if (item.rejected && item.status === 'failed') return msg('Rejected by the server');
  if (item.pausing && item.status === 'uploading') return msg('Pausing…');
  if (isCopy(item)) return msg('Duplicate');
  return statusText(item.status);
}

/** A copy of a file added before, waiting for "Upload anyway" or Remove. */
export const isCopy = (item: QueueItem) => item.status === 'held' && !!item.duplicateOf;

/** Which file a held copy repeats ("Same file as photo.jpg"); empty for any other file. */
export function copyNotice(item: QueueItem): string {
  return isCopy(item) ? msg(str`Same file as ${item.duplicateOf!.name}`) : '';
}

/** Said on a row whose photo went without its GPS data; empty while it moves (its percent needs the room). */
export function locationNotice(item: QueueItem): string {
  const moving = item.status === 'uploading' || item.status === 'paused' || item.status === 'preparing';
  return item.locationRemoved && !moving ? msg('Location removed') : '';
}
