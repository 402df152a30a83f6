// Registers <upload-widget> and re-exports the public types.
export { UploadWidget } from './upload-widget.js';
export { UploadController } from './core/controller.js';
export type { WidgetOptions, EncryptionOptions, UploadSignatureFunction, PreBatchHook, PrepareUploadParamsHook } from './options.js';
export type { WidgetEventMap, WidgetEventName, FileSummary } from './events.js';
export type { QueueItem, ItemStatus, UploadInfo } from './core/types.js';
