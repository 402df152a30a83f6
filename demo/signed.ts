import type { UploadWidget } from '../src/index.js';

// The page asks its own backend to sign exactly the parameters the widget gives it.
const widget = document.querySelector<UploadWidget>('#widget')!;
widget.uploadSignature = (callback, paramsToSign) => {
  fetch('/api/sign-upload', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ params_to_sign: paramsToSign }),
  })
    .then((res) => res.json())
    .then((answer) => callback(answer.signature));
};
