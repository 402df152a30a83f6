// The built-in sources, registered for every widget as this module loads; a site adds its own with
// UploadWidget.registerSource(). Local files are bundled; every other one is a lazy part of its own,
// loaded the first time its tab shows.
import { msg } from '@lit/localize';
import { t } from '../i18n/text.js';
import { loadPart, type Part } from '../lazy/load-part.js';
import { registerSource } from './registry.js';
import './local-source.js';

registerSource({ id: 'local', tag: 'uw-local-source', label: () => t('menu.files', msg('My files')) });
/** A built-in source in a lazy part of its own: its element is `uw-<part>`. */
const lazySource = (id: string, part: Part, label: () => string) => registerSource({ id, tag: `uw-${part}`, label, load: () => loadPart(part) });
lazySource('url', 'url-source', () => t('menu.web', msg('Web address')));
lazySource('camera', 'camera-source', () => t('menu.camera', msg('Camera')));
lazySource('screen', 'screen-source', () => msg('Screen'));
lazySource('audio', 'audio-source', () => msg('Audio'));
lazySource('dropbox', 'dropbox-source', () => t('menu.dropbox', msg('Dropbox')));
lazySource('image_search', 'image-search-source', () => t('menu.gsearch', msg('Image search')));
lazySource('google_drive', 'google-drive-source', () => t('menu.gdrive', msg('Google Drive')));
lazySource('unsplash', 'unsplash-source', () => t('menu.unsplash', 'Unsplash'));

const STOCK = 'buying stock photos is not built';
const GONE = 'it stopped working for widgets in 2023';
/** Cloudinary's sources this widget does not have, and why: said once, in the console, when `sources` names them. */
export const NOT_BUILT: Readonly<Record<string, string>> = {
  shutterstock: STOCK,
  gettyimages: STOCK,
  istock: STOCK,
  facebook: GONE,
  instagram: GONE,
};
