// Template types for <upload-widget> in Vue 3 (vue-tsc, Volar): `import type {} from 'upload-widget/vue'`
// once. Vue must also be told the tag is a custom element (compilerOptions.isCustomElement).
// Options bind as properties (`:sources="['local']"`), events as `@success`, `@upload-added`.
import type { DefineComponent } from 'vue';
import type { WidgetEventMap } from '../events.js';
import type { PascalEventName, UploadWidgetProperties } from './props.js';

export type UploadWidgetVueEvents = {
  [K in keyof WidgetEventMap as `on${PascalEventName<K>}`]?: (event: CustomEvent<WidgetEventMap[K]>) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'upload-widget': DefineComponent<UploadWidgetProperties & UploadWidgetVueEvents>;
  }
}
