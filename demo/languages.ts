import type { UploadWidget } from '../src/index.js';

const widget = document.querySelector<UploadWidget>('#widget')!;
document.querySelector<HTMLSelectElement>('#language')!.addEventListener('change', (e) => {
  widget.language = (e.target as HTMLSelectElement).value;
});
