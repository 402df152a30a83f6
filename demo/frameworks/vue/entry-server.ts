// The server: `upload-widget` resolves to its DOM-free entry.
import 'upload-widget';
// A non-type import of the subpath resolves too (an empty module); its types come along.
import 'upload-widget/vue';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import App from './App.vue';
import type { UploadConfig } from './config.js';

export const render = (config: UploadConfig) => renderToString(createSSRApp(App, { config }));
