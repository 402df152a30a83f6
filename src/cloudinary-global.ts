// `import 'upload-widget/cloudinary'` and the classic <script>: the element, plus Cloudinary's
// global API (window.cloudinary.createUploadWidget, openUploadWidget, applyUploadWidget…), so a
// page written for Cloudinary's widget works unchanged.
import { installCloudinaryGlobal } from './compat/cloudinary.js';
import { VERSION } from './version.js';

export * from './index.js';

installCloudinaryGlobal(VERSION);
