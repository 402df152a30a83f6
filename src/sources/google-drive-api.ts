// Google Drive for the `google_drive` source, with no lit and no words (the element says what failed):
// - Google Identity Services' token model (https://developers.google.com/identity/oauth2/web/guides/use-token-model):
//   the script accounts.google.com/gsi/client defines google.accounts.oauth2.initTokenClient; its
//   requestAccessToken() opens Google's consent popup (it must run inside the click) and calls back
//   with { access_token, expires_in, scope } or { error }, or error_callback({ type }) when the popup
//   is closed or cannot open.
// - The Google Picker (https://developers.google.com/drive/picker/guides/overview): apis.google.com/js/api.js
//   defines gapi; gapi.load('picker') defines google.picker, whose PickerBuilder shows Google's
//   file dialog and calls back with { action: 'picked', docs: [{ id, name, mimeType, sizeBytes }] }
//   or { action: 'cancel' }.
// - Drive API v3 (https://developers.google.com/drive/api/reference/rest/v3): a file's bytes are
//   GET /files/{id}?alt=media; a Google Docs/Sheets/Slides/Drawings file has none and is exported,
//   GET /files/{id}/export?mimeType=… (10 MB at most). Both with `Authorization: Bearer <token>`.
//   Errors come as { error: { code, message, errors: [{ reason }] } }.
// The token is kept in this module's memory only, and never revoked behind the person's back.

/** Google's own addresses; the options point elsewhere (a test's fake, a mirror). */
export const GIS_URL = 'https://accounts.google.com/gsi/client';
export const GAPI_URL = 'https://apis.google.com/js/api.js';
export const DRIVE_API_URL = 'https://www.googleapis.com/drive/v3';
/** Files the person picks (or this app made), nothing else: the scope Google does not restrict. */
const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive.file';

/** Google-native types have no bytes: each is exported to a common format, named with its extension. */
const EXPORTS: Readonly<Record<string, { type: string; extension: string }>> = {
  'application/vnd.google-apps.document': { type: 'application/pdf', extension: 'pdf' },
  'application/vnd.google-apps.spreadsheet': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  'application/vnd.google-apps.presentation': { type: 'application/pdf', extension: 'pdf' },
  'application/vnd.google-apps.drawing': { type: 'image/png', extension: 'png' },
};
const NATIVE = 'application/vnd.google-apps.';

// ---- what the scripts define (the parts this source uses) --------------------------------------

interface TokenResponse {
  access_token?: string;
  expires_in?: number | string;
  scope?: string;
  error?: string;
  error_description?: string;
}
interface TokenClient {
  requestAccessToken(overrides?: { prompt?: string }): void;
}
interface TokenClientConfig {
  client_id: string;
  scope: string;
  callback(response: TokenResponse): void;
  error_callback?(error: { type: string; message?: string }): void;
}
export interface GoogleIdentity {
  accounts: { oauth2: { initTokenClient(config: TokenClientConfig): TokenClient } };
}
interface Builder {
  addView(view: unknown): Builder;
  setOAuthToken(token: string): Builder;
  setDeveloperKey(key: string): Builder;
  setAppId(id: string): Builder;
  setCallback(cb: (data: PickerResponse) => void): Builder;
  enableFeature(feature: string): Builder;
  setMaxItems(n: number): Builder;
  setLocale(locale: string): Builder;
  setTitle(title: string): Builder;
  build(): { setVisible(visible: boolean): void };
}
interface DocsView {
  setIncludeFolders(on: boolean): DocsView;
  setSelectFolderEnabled(on: boolean): DocsView;
  setMimeTypes(types: string): DocsView;
}
export interface PickerNamespace {
  PickerBuilder: new () => Builder;
  DocsView: new (viewId?: string) => DocsView;
  ViewId: { DOCS: string };
  Feature: { MULTISELECT_ENABLED: string };
}
interface Gapi {
  load(name: string, config: { callback(): void; onerror?(): void; timeout?: number; ontimeout?(): void }): void;
}

/** One picked file, as the Picker hands it over (Google's Document fields). */
export interface PickedDoc {
  id: string;
  name: string;
  mimeType: string;
  /** Absent or 0 for Google-native documents, which have no bytes of their own. */
  sizeBytes?: number | string;
}
interface PickerResponse {
  action: string;
  docs?: PickedDoc[];
}

// ---- problems ----------------------------------------------------------------------------------

export type DriveProblemCode =
  /** The sign-in popup was closed before access was given (or Google showed an error page in it, e.g. an unknown client ID). */
  | 'popup-closed'
  /** The browser blocked the popup. */
  | 'popup-blocked'
  /** The person said no, or did not tick access to the files. */
  | 'access-denied'
  /** Another OAuth error (invalid client, origin not authorized…). */
  | 'auth-failed'
  /** 401: the token expired or was revoked. */
  | 'expired'
  /** 403/429 rate limits, still there after waiting. */
  | 'rate-limit'
  /** 403 exportSizeLimitExceeded: Google exports documents up to 10 MB. */
  | 'export-too-large'
  /** A Google-native kind with no export (forms, sites, maps, shortcuts, folders). */
  | 'not-exportable'
  /** 403/404: Drive does not let this app read the file. */
  | 'forbidden'
  /** Offline, blocked by the page's Content-Security-Policy, or Google down. */
  | 'unreachable'
  /** The Picker said something went wrong. */
  | 'picker-failed'
  | 'failed';

export class DriveProblem extends Error {
  constructor(
    readonly code: DriveProblemCode,
    /** The file's name, when the problem is one file's. */
    readonly file = '',
    readonly status = 0,
    detail = '',
  ) {
    super(`${code}${file ? ` (${file})` : ''}${status ? ` ${status}` : ''}${detail ? `: ${detail}` : ''}`);
  }
}

/** Google's JSON error, in a problem's terms. */
export function driveProblemOf(status: number, body: string, name: string): DriveProblem {
  let reasons: string[] = [];
  let message = '';
  try {
    const error = JSON.parse(body).error ?? {};
    reasons = (error.errors ?? []).map((e: { reason?: string }) => e.reason ?? '');
    message = String(error.message ?? '');
  } catch {
    /* not Google's JSON (a proxy's page) */
  }
  const has = (...r: string[]) => reasons.some((x) => r.includes(x));
  if (status === 401) return new DriveProblem('expired', name, status, message);
  if (status === 429 || has('rateLimitExceeded', 'userRateLimitExceeded')) return new DriveProblem('rate-limit', name, status, message);
  if (has('exportSizeLimitExceeded')) return new DriveProblem('export-too-large', name, status, message);
  if (status === 403 || status === 404) return new DriveProblem('forbidden', name, status, message);
  return new DriveProblem('failed', name, status, message);
}

// ---- scripts -----------------------------------------------------------------------------------

const loading = new Map<string, Promise<void>>();

/**
 * Adds a script to the page once. One that cannot load (offline, blocked by the page's
 * Content-Security-Policy, a wrong address) rejects, and the next call tries again.
 */
function loadScript(src: string, ready: () => boolean, timeoutMs: number): Promise<void> {
  if (ready()) return Promise.resolve();
  let promise = loading.get(src);
  if (promise) return promise;
  promise = new Promise<void>((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src, async: true });
    const timer = setTimeout(() => fail(new Error(`${src} did not load within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      script.remove();
      loading.delete(src);
      reject(error);
    };
    script.addEventListener('load', () => {
      clearTimeout(timer);
      if (ready()) resolve();
      else fail(new Error(`${src} loaded but did not define what it should`));
    });
    script.addEventListener('error', () => fail(new Error(`${src} could not be loaded`)));
    document.head.append(script);
  });
  loading.set(src, promise);
  return promise;
}

const globals = () => globalThis as { google?: GoogleIdentity & { picker?: PickerNamespace }; gapi?: Gapi };
let pickerLoad: Promise<PickerNamespace> | undefined;

export interface ScriptUrls {
  identity: string;
  api: string;
}

/** Both of Google's scripts, and the Picker's module: loaded when the tab shows, so a click opens the popup at once. */
export function loadGoogle(urls: ScriptUrls, timeoutMs = 20_000): Promise<{ identity: GoogleIdentity; picker: PickerNamespace }> {
  const identity = loadScript(urls.identity, () => typeof globals().google?.accounts?.oauth2?.initTokenClient === 'function', timeoutMs);
  const picker = loadScript(urls.api, () => typeof globals().gapi?.load === 'function', timeoutMs).then(
    () =>
      (pickerLoad ??= new Promise<PickerNamespace>((resolve, reject) => {
        const fail = () => {
          pickerLoad = undefined;
          reject(new Error("gapi.load('picker') failed"));
        };
        globals().gapi!.load('picker', {
          callback: () => (globals().google?.picker ? resolve(globals().google!.picker!) : fail()),
          onerror: fail,
          timeout: timeoutMs,
          ontimeout: fail,
        });
      })),
  );
  return Promise.all([identity, picker]).then(([, p]) => ({ identity: globals().google!, picker: p }));
}

/** The Google-provided objects, when both scripts are already here (a click must not wait for a load). */
export function loadedGoogle(): { identity: GoogleIdentity; picker: PickerNamespace } | undefined {
  const g = globals().google;
  return g?.accounts?.oauth2 && g.picker ? { identity: g, picker: g.picker } : undefined;
}

// ---- the token ---------------------------------------------------------------------------------

/** The Cloud project number the Picker's setAppId needs: an OAuth client ID begins with it (`123456-abc.apps.googleusercontent.com`). */
export function projectNumberOf(clientId: string): string {
  return /^(\d+)-/.exec(clientId.trim())?.[1] ?? '';
}

interface Token {
  value: string;
  expiresAt: number;
}
/** Tokens by client ID, in memory only. */
const tokens = new Map<string, Token>();
interface Asker {
  client?: TokenClient;
  pending?: { resolve(t: string): void; reject(e: Error): void };
}
const clients = new Map<string, Asker>();

/** A token still good for a minute, if there is one (a click can then open the Picker straight away). */
export function currentToken(clientId: string): string | undefined {
  const token = tokens.get(clientId);
  return token && token.expiresAt - Date.now() > 60_000 ? token.value : undefined;
}

/** Forgets this page's token (Drive answered 401): the next request asks Google again. */
export function dropToken(clientId: string): void {
  tokens.delete(clientId);
}

/** Asks Google for a token: opens the consent popup, so call it from a click. */
export function requestToken(identity: GoogleIdentity, clientId: string): Promise<string> {
  let asking = clients.get(clientId);
  if (!asking) {
    const made: Asker = {};
    made.client = identity.accounts.oauth2.initTokenClient({
      client_id: clientId,
      scope: DRIVE_SCOPE,
      callback: (response) => {
        const pending = made.pending;
        made.pending = undefined;
        if (!pending) return;
        if (response.error || !response.access_token) {
          const code = response.error === 'access_denied' ? 'access-denied' : 'auth-failed';
          pending.reject(new DriveProblem(code, '', 0, response.error_description ?? response.error ?? 'no access_token'));
        } else if (
          !String(response.scope ?? '')
            .split(' ')
            .includes(DRIVE_SCOPE)
        ) {
          // Granular consent: the person may untick access to the files.
          pending.reject(new DriveProblem('access-denied', '', 0, `scope not granted: ${response.scope}`));
        } else {
          tokens.set(clientId, { value: response.access_token, expiresAt: Date.now() + Number(response.expires_in ?? 3599) * 1000 });
          pending.resolve(response.access_token);
        }
      },
      error_callback: (error) => {
        const pending = made.pending;
        made.pending = undefined;
        pending?.reject(new DriveProblem(error.type === 'popup_failed_to_open' ? 'popup-blocked' : 'popup-closed', '', 0, error.type));
      },
    });
    clients.set(clientId, (asking = made));
  }
  const asker = asking;
  asker.pending?.reject(new DriveProblem('popup-closed', '', 0, 'asked again'));
  return new Promise<string>((resolve, reject) => {
    asker.pending = { resolve, reject };
    asker.client!.requestAccessToken({ prompt: '' });
  });
}

// ---- the Picker --------------------------------------------------------------------------------

export interface PickerChoice {
  token: string;
  apiKey: string;
  appId: string;
  /** 1 for a single file. */
  maxItems: number;
  mimeTypes?: readonly string[];
  locale?: string;
}

/** Opens Google's Picker; resolves with the picked files, or null when it was cancelled. */
export function pick(picker: PickerNamespace, choice: PickerChoice): Promise<PickedDoc[] | null> {
  return new Promise((resolve, reject) => {
    const view = new picker.DocsView(picker.ViewId.DOCS).setIncludeFolders(true).setSelectFolderEnabled(false);
    if (choice.mimeTypes?.length) view.setMimeTypes(choice.mimeTypes.join(','));
    let builder = new picker.PickerBuilder()
      .addView(view)
      .setOAuthToken(choice.token)
      .setDeveloperKey(choice.apiKey)
      .setAppId(choice.appId)
      .setCallback((data) => {
        // Google's Response.ACTION / Action.* and Response.DOCUMENTS values; 'loaded' comes first and is not an answer.
        if (data.action === 'picked') resolve(data.docs ?? []);
        else if (data.action === 'cancel') resolve(null);
        else if (data.action === 'error') reject(new DriveProblem('picker-failed'));
      });
    if (choice.maxItems > 1) {
      builder = builder.enableFeature(picker.Feature.MULTISELECT_ENABLED);
      if (Number.isFinite(choice.maxItems)) builder = builder.setMaxItems(choice.maxItems);
    }
    if (choice.locale) builder = builder.setLocale(choice.locale);
    builder.build().setVisible(true);
  });
}

/** Extensions Cloudinary's `clientAllowedFormats` may name, as MIME types the Picker filters by. */
const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  heic: 'image/heic',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/**
 * The widget's formats as the Picker's MIME filter, with the Google-native kinds whose export is
 * allowed (pdf lets Docs and Slides through). A format with no MIME type here (a kind word such as
 * `image`, a rare extension): no filter at all rather than a narrower one; the widget checks each
 * picked file before it fetches it anyway.
 */
export function pickerMimeTypes(formats: readonly string[] | undefined): string[] | undefined {
  if (!formats?.length) return undefined;
  const types = formats.map((f) => MIME[f.replace(/^\./, '').toLowerCase()]);
  if (types.some((t) => !t)) return undefined;
  const native = Object.entries(EXPORTS)
    .filter(([, e]) => formats.some((f) => f.replace(/^\./, '').toLowerCase() === e.extension))
    .map(([type]) => type);
  return [...new Set([...types, ...native])];
}

// ---- the bytes ---------------------------------------------------------------------------------

/** What a picked file becomes: its name, type and size as uploaded, and where its bytes come from. */
export interface DrivePlan {
  doc: PickedDoc;
  name: string;
  type: string;
  /** Known for stored files; 0 for exports (their size shows as they arrive). */
  size: number;
  export?: string;
}

/** How a picked file is fetched: Google-native ones exported (named with the export's extension). */
export function planOf(doc: PickedDoc): DrivePlan | DriveProblem {
  const exported = EXPORTS[doc.mimeType];
  if (exported) return { doc, name: withExtension(doc.name, exported.extension), type: exported.type, size: 0, export: exported.type };
  if (doc.mimeType?.startsWith(NATIVE)) return new DriveProblem('not-exportable', doc.name, 0, doc.mimeType);
  return { doc, name: doc.name, type: doc.mimeType || '', size: Number(doc.sizeBytes) || 0 };
}

function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

export interface FetchOptions {
  apiUrl: string;
  token: string;
  signal: AbortSignal;
  progress(loaded: number, total: number): void;
  /** Waits before each retry of a rate-limited request (Google asks for exponential backoff). */
  backoff?: readonly number[];
}

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });

/** Bytes held as arrays before they are handed to a Blob. */
const BLOB_EVERY = 8 * 1024 * 1024;

/** The file's bytes, with progress as they arrive; a DriveProblem when Google says no. */
export async function fetchFile(plan: DrivePlan, o: FetchOptions): Promise<File> {
  const base = o.apiUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(plan.doc.id);
  const url = plan.export ? `${base}/files/${id}/export?mimeType=${encodeURIComponent(plan.export)}` : `${base}/files/${id}?alt=media&supportsAllDrives=true`;
  for (const delay of [...(o.backoff ?? [1000, 2000]), -1]) {
    let response: Response;
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${o.token}` }, signal: o.signal });
    } catch (e) {
      if (o.signal.aborted) throw o.signal.reason;
      throw new DriveProblem('unreachable', plan.name, 0, String(e));
    }
    if (!response.ok) {
      const problem = driveProblemOf(response.status, await response.text().catch(() => ''), plan.name);
      if (problem.code === 'rate-limit' && delay >= 0) {
        await wait(delay, o.signal);
        continue;
      }
      throw problem;
    }
    const total = Number(response.headers.get('Content-Length')) || plan.size;
    // Gathered into Blobs every few megabytes: the browser keeps a Blob's bytes outside the page
    // (on disk when large), so a big video does not sit whole in the page's memory.
    const blobs: Blob[] = [];
    let parts: Uint8Array[] = [];
    let pending = 0;
    let loaded = 0;
    const reader = response.body?.getReader();
    if (!reader) parts.push(new Uint8Array(await response.arrayBuffer()));
    else {
      o.progress(0, total);
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parts.push(value);
          pending += value.byteLength;
          if (pending >= BLOB_EVERY) {
            blobs.push(new Blob(parts as BlobPart[]));
            parts = [];
            pending = 0;
          }
          loaded += value.byteLength;
          o.progress(loaded, total);
        }
      } catch (e) {
        if (o.signal.aborted) throw o.signal.reason;
        throw new DriveProblem('unreachable', plan.name, 0, String(e));
      }
    }
    return new File([...blobs, ...(parts as BlobPart[])], plan.name, { type: plan.type || response.headers.get('Content-Type') || '' });
  }
  throw new DriveProblem('rate-limit', plan.name);
}
