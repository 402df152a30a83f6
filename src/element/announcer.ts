// What screen readers hear, politely: one announcement per finished file or batch, never per
// percent. The words for the engine's events are here; the live region renders them.
import { msg, str } from '@lit/localize';
import { html, type ReactiveControllerHost } from 'lit';
import type { EngineEventMap, EngineEventName } from '../core/engine-events.js';

/** The announcement for an engine event, if it has one. */
export function announcementFor<K extends EngineEventName>(name: K, detail: EngineEventMap[K], nameOf: (id: string) => string): string | undefined {
  switch (name) {
    case 'success':
      return msg(str`${nameOf((detail as EngineEventMap['success']).id)} uploaded`);
    case 'error':
      return (detail as EngineEventMap['error']).message;
    case 'upload-restarted':
      return msg(
        str`${(detail as EngineEventMap['upload-restarted']).file.name}: the server no longer had this upload, so it starts again from the beginning.`,
      );
    case 'network-lost':
      return msg('Offline: uploads will go on when the connection is back.');
    case 'queues-end': {
      const { files } = detail as EngineEventMap['queues-end'];
      // Only refused files: nothing was uploaded, and each refusal was said as it came.
      if (files.every((f) => f.status === 'refused')) return undefined;
      const ok = files.filter((f) => f.status === 'success').length;
      const failed = files.filter((f) => f.failed).length;
      return failed ? msg(str`Uploads finished: ${ok} uploaded, ${failed} failed.`) : msg(str`Uploads finished: ${ok} uploaded.`);
    }
  }
  return undefined;
}

/** The live region's text: set by announce(), rendered by render(). */
export class AnnouncerController {
  private text = '';

  constructor(private readonly host: ReactiveControllerHost) {}

  announce(text: string): void {
    this.text = text;
    this.host.requestUpdate();
  }

  render() {
    return html`<div class="sr-only" role="status" aria-live="polite">${this.text}</div>`;
  }
}
