// The server: `upload-widget` resolves to its DOM-free entry.
import 'upload-widget';
import { render as renderSvelte } from 'svelte/server';
import App from './App.svelte';

export const render = (config: { cloudName: string; uploadPreset: string; uploadPrefix: string }) => renderSvelte(App, { props: { config } }).body;
