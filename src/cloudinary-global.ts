// `import 'upload-widget/cloudinary'` and the classic <script>: the element, plus Cloudinary's
// global API (window.cloudinary.createUploadWidget, openUploadWidget, applyUploadWidget…), so a
// page written for Cloudinary's widget works unchanged.
import { type CloudinaryGlobal, installCloudinaryGlobal } from './compat/cloudinary.js';
import { VERSION } from './version.js';

export * from './index.js';

declare global {
  interface Window {
    /** Cloudinary's widget API over <upload-widget>: `createUploadWidget`, `openUploadWidget`, `applyUploadWidget`… */
    cloudinary: CloudinaryGlobal;
  }
  /** Cloudinary's widget API over <upload-widget> (the same object as `window.cloudinary`). */
  var cloudinary: CloudinaryGlobal;
}

installCloudinaryGlobal(VERSION);
