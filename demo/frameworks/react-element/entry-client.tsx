// The browser: define <upload-widget> first, then hydrate the server's HTML.
import 'upload-widget';
import { hydrateRoot } from 'react-dom/client';
import { App, type UploadConfig } from './App.js';

const root = document.getElementById('app')!;
const config = JSON.parse(root.dataset.config!) as UploadConfig;
hydrateRoot(root, <App config={config} />);
