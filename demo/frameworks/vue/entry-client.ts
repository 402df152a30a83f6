// The browser: define <upload-widget> first, then hydrate the server's HTML.
import 'upload-widget';
// A non-type import of the subpath resolves too (an empty module); its types come along.
import 'upload-widget/vue';
import { createSSRApp } from 'vue';
import App from './App.vue';
import type { UploadConfig } from './config.js';

const root = document.getElementById('app')!;
const config = JSON.parse(root.dataset.config!) as UploadConfig;
createSSRApp(App, { config }).mount(root);
