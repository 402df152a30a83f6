// `import 'upload-widget'`: defines <upload-widget> and exports its class and public types. It
// touches no global of its own; Cloudinary's `window.cloudinary` API comes with
// `upload-widget/cloudinary` (and with the classic script, which is built from that entry).
import { defineElement } from './define.js';
import { UploadWidget } from './upload-widget.js';

export { UploadWidget };
export { UploadController } from './core/controller.js';
export { controllerServices } from './element/controller-services.js';
export type { Problem } from './core/problems.js';
export { VERSION } from './version.js';
export type {
  CloudinaryWidgetHandle,
  ResultCallback,
  CloudinaryGlobal,
  CloudinaryResult,
  CloudinaryError,
  CloudinaryEventName,
  CloudinaryWidgetOptions,
} from './compat/cloudinary.js';
export type {
  WidgetOptions,
  WidgetOptionsInput,
  EngineOptions,
  CloudinaryOptions,
  GetTagsHook,
  GetUploadPresetsHook,
  HookCallback,
  SignatureCallback,
  TextOption,
  SnakeCase,
  EncryptionOptions,
  MetaField,
  UploadSignatureFunction,
  PreBatchHook,
  PrepareUploadParamsHook,
  StylesOption,
} from './options.js';
export type { WidgetEventMap, WidgetEventName, WidgetEvent, ElementEventMap, FileSummary } from './events.js';
export type { QueueItem, ItemStatus, UploadInfo, UploadResult, CloudinaryUploadFields } from './core/types.js';
// The plugin kit: what a destination or a source of a site's own is written against.
export type { Destination, UploadTask, ResumeStore, ResumePoint, PreparedUpload, AuthorizedRequest } from './core/destination.js';
export type { DestinationContext, DestinationOption } from './core/engine-options.js';
export { CancelledByHook } from './core/destination.js';
export type { SourcePlugin, SourceElement } from './sources/registry.js';
// A request sent as the engine sends its own (progress, timeout, retries, offline wait, pause and cancel).
export { uploadRequest } from './core/upload-request.js';
export type { UploadRequest, RequestTask, RequestContext } from './core/upload-request.js';
export type { RequestAnswer } from './core/transport.js';
export type { UploadError } from './core/upload-error.js';
export type { NetworkWatch } from './core/network.js';
export type { RequestLanes } from './core/lanes.js';

defineElement('upload-widget', UploadWidget);
