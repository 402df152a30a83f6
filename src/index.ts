// Registers <upload-widget>, installs Cloudinary's global API (window.cloudinary.createUploadWidget…)
// and re-exports the public types.
import { installCloudinaryGlobal } from './compat/cloudinary.js';

export { UploadWidget } from './upload-widget.js';
export { UploadController } from './core/controller.js';
export type { CloudinaryWidgetHandle, ResultCallback } from './compat/cloudinary.js';
export type { WidgetOptions, EncryptionOptions, UploadSignatureFunction, PreBatchHook, PrepareUploadParamsHook, StylesOption } from './options.js';
export type { WidgetEventMap, WidgetEventName, FileSummary } from './events.js';
export type { QueueItem, ItemStatus, UploadInfo } from './core/types.js';

export const VERSION = '0.1.0';
installCloudinaryGlobal(VERSION);
