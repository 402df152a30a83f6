// The browser: define <upload-widget> first, then hydrate the server's HTML.
import 'upload-widget';
import { hydrate } from 'svelte';
import App from './App.svelte';

const root = document.getElementById('app')!;
hydrate(App, { target: root, props: { config: JSON.parse(root.dataset.config!) } });
