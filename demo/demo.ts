// Shared by the demo pages: points every widget at this origin's upload server and logs its events.
import type { UploadWidget } from '../src/index.js';

const EVENTS = ['upload-added', 'queues-start', 'success', 'error', 'queues-end', 'batch-cancelled', 'abort', 'retry', 'pause', 'resume'];

const log = document.querySelector('#log');
const uploaded = document.querySelector('#uploaded');

for (const widget of document.querySelectorAll<UploadWidget>('upload-widget')) {
  // The demo server is this page's own origin; real sites leave the default (Cloudinary's API).
  widget.uploadPrefix = location.origin;
  for (const name of EVENTS) {
    widget.addEventListener(name, (event: Event) => {
      const detail = (event as CustomEvent).detail;
      const line = document.createElement('li');
      line.textContent = `${name}: ${JSON.stringify(detail).slice(0, 300)}`;
      log?.prepend(line);
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
