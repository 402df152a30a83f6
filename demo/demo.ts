// Shared by the demo pages: points every widget at this origin's upload server, wires the
// "open" buttons, and logs every event.
import type { UploadWidget } from '../src/index.js';

const EVENTS = [
  'upload-added',
  'queues-start',
  'success',
  'error',
  'queues-end',
  'batch-cancelled',
  'abort',
  'retry',
  'pause',
  'resume',
  'display-changed',
  'close',
  'source-changed',
  'show-completed',
  'publicid',
  'tags',
];

const log = document.querySelector('#log');
const uploaded = document.querySelector('#uploaded');

export function logEvent(widgetId: string, name: string, detail: unknown) {
  const line = document.createElement('li');
  line.textContent = `${widgetId} ${name}: ${JSON.stringify(detail)?.slice(0, 300)}`;
  log?.prepend(line);
}

for (const widget of document.querySelectorAll<UploadWidget>('upload-widget')) {
  // The demo server is this page's own origin; real sites leave the default (Cloudinary's API).
  widget.uploadPrefix = location.origin;
  for (const name of EVENTS) {
    widget.addEventListener(name, (event: Event) => {
      const detail = (event as CustomEvent).detail;
      logEvent(`#${widget.id}`, name, detail);
      if (name === 'success' && uploaded) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = detail.secure_url;
        link.textContent = `${detail.public_id} (${detail.bytes} bytes)`;
        item.append(link);
        uploaded.append(item);
      }
    });
  }
}

document.querySelector('#open-modal')?.addEventListener('click', () => document.querySelector<UploadWidget>('#modal')?.open());
