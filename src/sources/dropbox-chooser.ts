// Dropbox's Chooser (https://www.dropbox.com/developers/chooser): the script dropins.js, added to
// the page once with id="dropboxjs" and the app's key in data-app-key, defines window.Dropbox;
// Dropbox.choose(options) opens Dropbox's own window, where a person signs in and picks files, and
// calls options.success(files) or options.cancel(). No lit, no words: the element says what failed.

/** Where Dropbox serves the Chooser; the `dropboxScriptUrl` option points elsewhere (tests, a mirror). */
export const DROPINS_URL = 'https://www.dropbox.com/static/api/2/dropins.js';

/** One picked file, as the Chooser hands it to `success`. */
export interface ChooserFile {
  /** Unique ID for the file, compatible with Dropbox API v2. */
  id: string;
  name: string;
  /** With linkType 'direct', a link to the file's bytes that works for four hours. */
  link: string;
  bytes: number;
  /** A 64×64 icon for the file's type. */
  icon: string;
  /** Images and videos only. */
  thumbnailLink?: string;
  isDir: boolean;
}

export interface ChooserOptions {
  success(files: readonly ChooserFile[]): void;
  cancel?(): void;
  /** 'preview' (Dropbox's default) links to a page; 'direct' to the bytes. */
  linkType?: 'preview' | 'direct';
  multiselect?: boolean;
  /** Extensions ('.jpg') or file kinds ('images', 'video', 'audio', 'documents', 'text'). */
  extensions?: string[];
  folderselect?: boolean;
  /** Larger files cannot be picked (bytes). */
  sizeLimit?: number;
}

export interface DropboxGlobal {
  choose(options: ChooserOptions): void;
  isBrowserSupported?(): boolean;
  appKey?: string;
}

/** Why the Chooser cannot open on this page, before anything is loaded: no app key, or an insecure page. */
export type ChooserBlock = 'no-key' | 'insecure' | null;

/** The Chooser needs the site's app key, and a secure page (https://, or localhost while developing). */
export function chooserBlock(appKey: string | undefined, secure: boolean): ChooserBlock {
  if (!appKey?.trim()) return 'no-key';
  return secure ? null : 'insecure';
}

/** The widget's file rules in the Chooser's terms, so files the widget would refuse are greyed out there. */
export function chooserFilters(formats: readonly string[] | undefined, maxFileSize: number | undefined): Pick<ChooserOptions, 'extensions' | 'sizeLimit'> {
  const kinds: Record<string, string> = { image: 'images', video: 'video' };
  const list = (formats ?? []).filter((f) => f && !f.includes('/')).map((f) => kinds[f] ?? `.${f.replace(/^\./, '')}`);
  return {
    ...(list.length && list.length === formats?.length ? { extensions: list } : {}),
    ...(maxFileSize && maxFileSize > 0 ? { sizeLimit: maxFileSize } : {}),
  };
}

const dropboxOf = () => (globalThis as { Dropbox?: DropboxGlobal }).Dropbox;
let loading: Promise<DropboxGlobal> | undefined;

/**
 * Adds dropins.js to the page once and gives window.Dropbox. A page that loaded it itself keeps
 * its own. A script that cannot load (offline, blocked by the page's Content-Security-Policy, a
 * wrong address) or does not define Dropbox.choose rejects, and the next call tries again.
 */
export function loadChooser(src: string, appKey: string, timeoutMs = 20_000): Promise<DropboxGlobal> {
  const ready = dropboxOf();
  if (typeof ready?.choose === 'function') return Promise.resolve(ready);
  loading ??= new Promise<DropboxGlobal>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    // dropins.js finds its key on the script with this id.
    if (!document.getElementById('dropboxjs')) script.id = 'dropboxjs';
    script.dataset.appKey = appKey;
    script.async = true;
    const timer = setTimeout(() => fail(new Error(`${src} did not load within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      script.remove();
      loading = undefined;
      reject(error);
    };
    script.addEventListener('load', () => {
      clearTimeout(timer);
      const dropbox = dropboxOf();
      if (typeof dropbox?.choose === 'function') resolve(dropbox);
      else fail(new Error(`${src} loaded but defined no Dropbox.choose`));
    });
    script.addEventListener('error', () => fail(new Error(`${src} could not be loaded`)));
    document.head.append(script);
  });
  return loading;
}
