// The server: `upload-widget` resolves to its DOM-free entry.
import 'upload-widget';
// A non-type import of the subpath resolves too (an empty module); its types come along.
import 'upload-widget/svelte';
import { render as renderSvelte } from 'svelte/server';
import App from './App.svelte';

export const render = (config: { cloudName: string; uploadPreset: string; uploadPrefix: string }) => renderSvelte(App, { props: { config } }).body;
