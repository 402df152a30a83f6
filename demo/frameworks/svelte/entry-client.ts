// The browser: define <upload-widget> first, then hydrate the server's HTML.
import 'upload-widget';
// A non-type import of the subpath resolves too (an empty module); its types come along.
import 'upload-widget/svelte';
import { hydrate } from 'svelte';
import App from './App.svelte';

const root = document.getElementById('app')!;
hydrate(App, { target: root, props: { config: JSON.parse(root.dataset.config!) } });
