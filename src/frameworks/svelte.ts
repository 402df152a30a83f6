// Template types for <upload-widget> in Svelte 5: `import type {} from 'upload-widget/svelte'` once.
// Svelte sets options as properties once the element is defined; `on<event>` attributes listen
// for that event: `onsuccess`, `onupload-added`.
import type { HTMLAttributes as SvelteAttributes } from 'svelte/elements';
import type { UploadWidget } from '../upload-widget.js';
import type { WidgetEventMap } from '../events.js';
import type { UploadWidgetProps } from './props.js';

export type UploadWidgetSvelteEvents = {
  [K in keyof WidgetEventMap as `on${K}`]?: (event: CustomEvent<WidgetEventMap[K]>) => void;
};

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'upload-widget': SvelteAttributes<UploadWidget> & UploadWidgetProps & UploadWidgetSvelteEvents;
  }
}
