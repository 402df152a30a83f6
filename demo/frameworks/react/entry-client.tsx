// The browser: hydrate the server's HTML (upload-widget/react defines <upload-widget>).
import { hydrateRoot } from 'react-dom/client';
import { App, type UploadConfig } from './App.js';

const root = document.getElementById('app')!;
const config = JSON.parse(root.dataset.config!) as UploadConfig;
hydrateRoot(root, <App config={config} />);
