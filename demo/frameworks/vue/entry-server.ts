// The server: `upload-widget` resolves to its DOM-free entry.
import 'upload-widget';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import App from './App.vue';
import type { UploadConfig } from './config.js';

export const render = (config: UploadConfig) => renderToString(createSSRApp(App, { config }));
