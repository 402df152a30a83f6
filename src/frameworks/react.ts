// JSX types for <upload-widget> in React 19: `import type {} from 'upload-widget/react'` once.
// React 19 sets a custom element's props as properties once it is defined, and `on<event>` props
// become listeners for that exact event name: `onsuccess`, `onupload-added`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { UploadWidget } from '../upload-widget.js';
import type { WidgetEventMap } from '../events.js';
import type { UploadWidgetProps } from './props.js';

export type UploadWidgetReactEvents = {
  [K in keyof WidgetEventMap as `on${K}`]?: (event: CustomEvent<WidgetEventMap[K]>) => void;
};

export type UploadWidgetReactProps = DetailedHTMLProps<HTMLAttributes<UploadWidget>, UploadWidget> & UploadWidgetProps & UploadWidgetReactEvents;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'upload-widget': UploadWidgetReactProps;
    }
  }
}
