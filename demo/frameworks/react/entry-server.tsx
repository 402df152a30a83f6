// The server: upload-widget/react imports the package's DOM-free entry here, so rendering defines nothing.
import { renderToString } from 'react-dom/server';
import { App, type UploadConfig } from './App.js';

export const render = (config: UploadConfig) => renderToString(<App config={config} />);
