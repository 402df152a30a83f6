// Code as written for Cloudinary's widget; only uploadPrefix points at the local server.
// `cloudinary` is typed by the package (`import 'upload-widget/cloudinary'` declares the global).

const log = document.querySelector('#log')!;
const widget = cloudinary.createUploadWidget(
  { cloudName: 'demo', uploadPreset: 'demo_unsigned', uploadPrefix: location.origin, sources: ['local', 'url', 'camera'] },
  (error, result) => {
    const line = document.createElement('li');
    line.textContent = `${result.event}: ${JSON.stringify(error ?? result.info)?.slice(0, 300)}`;
    log.prepend(line);
  },
);
document.getElementById('upload_widget')!.addEventListener('click', () => widget.open(), false);
