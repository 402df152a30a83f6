// The server: `upload-widget` resolves to its DOM-free entry, so rendering imports nothing that needs a browser.
import 'upload-widget';
import { renderToString } from 'react-dom/server';
import { App, type UploadConfig } from './App.js';

export const render = (config: UploadConfig) => renderToString(<App config={config} />);
