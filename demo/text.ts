import type { UploadWidget } from '../src/index.js';

// Overrides keyed like Cloudinary's text.json, with {{variables}}.
document.querySelector<UploadWidget>('#texts')!.text = {
  en: {
    local: { browse: 'Choose photos', dd_title_multi: 'Drop your photos here' },
    menu: { files: 'This computer' },
    queue: { title_uploading_with_counter: 'Sending {{num}} photos…' },
  },
};
