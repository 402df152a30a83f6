// A stand-in for Google Drive as a web page meets it, on a local origin of its own (one server plays
// accounts.google.com, apis.google.com and www.googleapis.com), following Google's documented API:
// - GET /gsi/client: Google Identity Services' token model. google.accounts.oauth2.initTokenClient
//   ({ client_id, scope, callback, error_callback }) gives a client whose requestAccessToken() shows
//   "Google's sign-in window" (here a <dialog> in the page): Allow calls callback({ access_token,
//   expires_in, scope, token_type }), Deny calls callback({ error: 'access_denied' }), closing it
//   (Escape) calls error_callback({ type: 'popup_closed' }). An unknown client ID shows Google's
//   error page ("Error 401: invalid_client") in the window, and closing it is popup_closed.
// - GET /js/api.js: gapi.load('picker', { callback }) defines google.picker: PickerBuilder (addView,
//   setOAuthToken, setDeveloperKey, setAppId, enableFeature, setMaxItems, setLocale, setCallback,
//   build → setVisible), DocsView (setMimeTypes…), ViewId, Feature, Action, Response, Document. The
//   Picker is a <dialog> listing the fake account's files (checkboxes with MULTISELECT_ENABLED,
//   radios without; filtered by setMimeTypes) and calls back { action: 'loaded' }, then
//   { action: 'picked', docs: [{ id, name, mimeType, sizeBytes, url, … }] } or { action: 'cancel' }.
//   As with drive.file and setAppId, picking grants the app (the Cloud project number) access to
//   the picked files; a wrong developer key or project number shows Google's error in the Picker.
// - /drive/v3/files/{id}?alt=media and /drive/v3/files/{id}/export?mimeType=…: the bytes, with
//   `Authorization: Bearer <token>` checked; errors in Google's JSON shape: 401 authError (no, an
//   unknown or an expired token), 404 notFound (a file the app was not granted), 403
//   exportSizeLimitExceeded, 400 badRequest (a conversion Google does not offer), and the 403
//   rateLimitExceeded / userRateLimitExceeded a test asks for. CORS as Google answers a page.
// `requests` logs every request; `expireTokens()` makes every token so far expired.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

export const CLIENT_ID = '424242424242-fakeclient0abcdef.apps.googleusercontent.com';
export const API_KEY = 'AIzaFakeDriveKey-0123456789';
const PROJECT_NUMBER = '424242424242';

/**
 * `files`: { 'name.ext': Buffer } stored files; `docs`: { 'Title': { mimeType, exports: { [mime]: Buffer }, tooLarge? } }
 * Google-native documents and what they export to. A file whose name a test puts in `held` stops
 * halfway until it is taken out again, so a test sees its progress.
 */
export async function startFakeGoogle({ files = {}, docs = {} }) {
  const entries = [
    ...Object.entries(files).map(([name, bytes], i) => ({ id: `1fileA${i}x${randomBytes(6).toString('hex')}`, name, bytes, mimeType: mimeOf(name) })),
    ...Object.entries(docs).map(([name, d], i) => ({ id: `1docB${i}x${randomBytes(6).toString('hex')}`, name, ...d })),
  ];
  const requests = [];
  const tokens = new Map(); // token → { expired }
  const granted = new Set(); // file ids the app may read (picked with the right project number)
  /** File name → the error Drive answers for it: 'rateLimitExceeded' | 'userRateLimitExceeded'. */
  const faults = new Map();
  const held = new Set();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://google.test');
    const auth = req.headers.authorization ?? '';
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), auth });
    const origin = req.headers.origin;
    const cors = origin
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': 'Content-Length, Content-Type, Date, Server' }
      : {};
    if (req.method === 'OPTIONS') {
      return res
        .writeHead(200, {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'authorization',
          'Access-Control-Max-Age': '3600',
        })
        .end();
    }
    const script = (text) => res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
    if (url.pathname === '/gsi/client') return script(gisScript(base));
    if (url.pathname === '/js/api.js') return script(gapiScript(base, entries));
    const json = (status, body) => res.writeHead(status, { ...cors, 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));

    // The sign-in window's answer (what Google's popup hands back to GIS).
    if (url.pathname === '/fake/token' && req.method === 'POST') {
      const { client_id: clientId, scope } = JSON.parse(await body(req));
      if (clientId !== CLIENT_ID) return json(401, { error: 'invalid_client' });
      const token = `ya29.fake-${randomBytes(12).toString('hex')}`;
      tokens.set(token, { expired: false });
      return json(200, { access_token: token, expires_in: 3599, scope, token_type: 'Bearer' });
    }
    // The Picker grants the app the picked files (drive.file with setAppId).
    if (url.pathname === '/fake/grant' && req.method === 'POST') {
      const { token, appId, developerKey, ids } = JSON.parse(await body(req));
      if (developerKey !== API_KEY) return json(400, { error: 'The API developer key is invalid.' });
      if (!tokens.has(token)) return json(401, { error: 'Invalid OAuth token.' });
      if (appId === PROJECT_NUMBER) for (const id of ids) granted.add(id);
      return json(200, {});
    }

    const m = /^\/drive\/v3\/files\/([^/]+)(\/export)?$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return json(404, googleError(404, 'notFound', 'Not Found'));
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!token || !tokens.has(token) || tokens.get(token).expired) {
      return json(401, {
        error: {
          code: 401,
          message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
          errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
          status: 'UNAUTHENTICATED',
        },
      });
    }
    const entry = entries.find((e) => e.id === decodeURIComponent(m[1]));
    if (!entry || !granted.has(entry.id)) return json(404, googleError(404, 'notFound', `File not found: ${decodeURIComponent(m[1])}.`, 'fileId'));
    const fault = faults.get(entry.name);
    if (fault) {
      const message = fault === 'userRateLimitExceeded' ? 'User Rate Limit Exceeded' : 'Rate Limit Exceeded';
      return json(403, googleError(403, fault, message, undefined, 'usageLimits'));
    }
    const send = async (bytes, type) => {
      res.writeHead(200, { ...cors, 'Content-Type': type, 'Content-Length': bytes.length });
      if (!held.has(entry.name)) return res.end(bytes);
      const half = Math.floor(bytes.length / 2);
      res.write(bytes.subarray(0, half));
      while (held.has(entry.name) && !res.destroyed) await new Promise((r) => setTimeout(r, 20));
      res.end(bytes.subarray(half));
    };
    if (m[2]) {
      const wanted = url.searchParams.get('mimeType');
      if (!entry.exports) return json(403, googleError(403, 'fileNotExportable', 'Export only supports Docs Editors files.'));
      if (entry.tooLarge) return json(403, googleError(403, 'exportSizeLimitExceeded', 'This file is too large to be exported.'));
      if (!entry.exports[wanted]) return json(400, googleError(400, 'badRequest', 'The requested conversion is not supported.', 'convertTo'));
      return send(entry.exports[wanted], wanted);
    }
    if (url.searchParams.get('alt') !== 'media') {
      return json(200, { kind: 'drive#file', id: entry.id, name: entry.name, mimeType: entry.mimeType });
    }
    if (entry.exports) {
      return json(403, googleError(403, 'fileNotDownloadable', 'Only files with binary content can be downloaded. Use Export with Docs Editors files.', 'alt'));
    }
    return send(entry.bytes, entry.mimeType);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    identityScriptUrl: `${base}/gsi/client`,
    apiScriptUrl: `${base}/js/api.js`,
    driveApiUrl: `${base}/drive/v3`,
    missingScriptUrl: `${base}/js/missing-api.js`,
    clientId: CLIENT_ID,
    apiKey: API_KEY,
    requests,
    faults,
    held,
    /** Every token handed out so far expires (Drive answers 401 to it). */
    expireTokens: () => {
      for (const t of tokens.values()) t.expired = true;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const body = (req) =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text || '{}'));
  });

function googleError(code, reason, message, location, domain = 'global') {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain, reason, ...(location ? { location, locationType: 'parameter' } : {}) }],
    },
  };
}

function mimeOf(name) {
  const ext = name.split('.').pop().toLowerCase();
  return (
    { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf', mp4: 'video/mp4', txt: 'text/plain', bin: 'application/octet-stream' }[
      ext
    ] ?? 'application/octet-stream'
  );
}

/** Shared by both scripts: a small accessible <dialog> in the page. */
const DIALOG_HELPERS = `
  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const post = (path, data) => fetch(BASE + path, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(data) }).then(async (r) => ({ ok: r.ok, body: await r.json() }));
`;

/** The fake gsi/client: the token model's documented surface; its popup a <dialog> in the page. */
function gisScript(base) {
  return `(() => {
  const BASE = ${JSON.stringify(base)};
  ${DIALOG_HELPERS}
  const initTokenClient = (config) => {
    if (!config || !config.client_id) throw new Error('Missing required parameter client_id.');
    if (!config.scope) throw new Error('Missing required parameter scope.');
    if (typeof config.callback !== 'function') throw new Error('Missing required parameter callback.');
    return {
      requestAccessToken(overrides = {}) {
        (window.googleTokenRequests ??= []).push({ client_id: config.client_id, scope: config.scope, prompt: overrides.prompt ?? null });
        const known = config.client_id === ${JSON.stringify(CLIENT_ID)};
        const title = el('h2', { id: 'fake-gis-title', textContent: known ? 'Sign in with Google' : 'Access blocked: authorization error' });
        const form = known
          ? el('form', { method: 'dialog' },
              el('p', { textContent: 'Upload widget test wants to see, edit, create and delete only the specific Google Drive files you use with this app.' }),
              el('button', { type: 'submit', value: 'allow', textContent: 'Allow' }),
              el('button', { type: 'submit', value: 'deny', textContent: 'Deny' }))
          : el('form', { method: 'dialog' },
              el('p', { textContent: 'The OAuth client was not found. Error 401: invalid_client' }),
              el('button', { type: 'submit', value: 'close', textContent: 'Close' }));
        const dialog = el('dialog', { className: 'fake-google-signin' }, title, form);
        dialog.setAttribute('aria-labelledby', 'fake-gis-title');
        dialog.addEventListener('close', async () => {
          dialog.remove();
          const answer = dialog.returnValue;
          if (answer === 'deny') return config.callback({ error: 'access_denied', error_description: 'The user denied access.' });
          if (answer !== 'allow') return config.error_callback?.({ type: 'popup_closed', message: 'Popup window closed' });
          const { ok, body } = await post('/fake/token', { client_id: config.client_id, scope: config.scope });
          if (!ok) return config.callback({ error: body.error });
          config.callback(body);
        });
        document.body.append(dialog);
        dialog.showModal();
      },
    };
  };
  window.google = window.google ?? {};
  window.google.accounts = { oauth2: { initTokenClient, hasGrantedAllScopes: (r, ...s) => s.every((x) => String(r.scope).split(' ').includes(x)) } };
})();
`;
}

/** The fake api.js: gapi.load('picker') and the Picker's documented surface. */
function gapiScript(base, entries) {
  const listed = entries.map(({ id, name, mimeType, bytes }) => ({ id, name, mimeType, sizeBytes: bytes ? bytes.length : 0 }));
  return `(() => {
  const BASE = ${JSON.stringify(base)};
  const FILES = ${JSON.stringify(listed)};
  ${DIALOG_HELPERS}
  const ViewId = { DOCS: 'all', DOCS_IMAGES: 'docs-images', DOCS_VIDEOS: 'docs-videos', FOLDERS: 'folders' };
  const Feature = { MULTISELECT_ENABLED: 'multiselectEnabled', NAV_HIDDEN: 'navHidden', SUPPORT_DRIVES: 'sdr' };
  const Action = { CANCEL: 'cancel', PICKED: 'picked', ERROR: 'error', LOADED: 'loaded' };
  const Response = { ACTION: 'action', DOCUMENTS: 'docs', PARENTS: 'parents', VIEW: 'viewToken' };
  const Document = { ID: 'id', NAME: 'name', MIME_TYPE: 'mimeType', URL: 'url', SIZE_BYTES: 'sizeBytes' };
  class DocsView {
    constructor(viewId = ViewId.DOCS) { this.viewId = viewId; this.mimeTypes = null; this.includeFolders = false; this.selectFolders = false; }
    setMimeTypes(types) { this.mimeTypes = String(types).split(','); return this; }
    setIncludeFolders(on) { this.includeFolders = !!on; return this; }
    setSelectFolderEnabled(on) { this.selectFolders = !!on; return this; }
    setMode() { return this; }
    setQuery() { return this; }
  }
  class PickerBuilder {
    constructor() { this.views = []; this.features = new Set(); this.maxItems = null; }
    addView(view) { this.views.push(typeof view === 'string' ? new DocsView(view) : view); return this; }
    setOAuthToken(t) { this.token = t; return this; }
    setDeveloperKey(k) { this.developerKey = k; return this; }
    setAppId(id) { this.appId = id; return this; }
    enableFeature(f) { this.features.add(f); return this; }
    disableFeature(f) { this.features.delete(f); return this; }
    setMaxItems(n) { this.maxItems = n; return this; }
    setLocale(l) { this.locale = l; return this; }
    setTitle(t) { this.title = t; return this; }
    setOrigin(o) { this.origin = o; return this; }
    setCallback(cb) { this.callback = cb; return this; }
    build() {
      const b = this;
      return { setVisible(visible) { if (visible) show(b); }, dispose() {}, isVisible: () => false };
    }
  }
  function show(b) {
    const view = b.views[0] ?? new DocsView();
    const multi = b.features.has(Feature.MULTISELECT_ENABLED);
    (window.googlePickerCalls ??= []).push({
      token: b.token ?? null, developerKey: b.developerKey ?? null, appId: b.appId ?? null, multiselect: multi,
      maxItems: b.maxItems, mimeTypes: view.mimeTypes, locale: b.locale ?? null,
    });
    const cb = (data) => b.callback && b.callback(data);
    const shown = FILES.filter((f) => !view.mimeTypes || view.mimeTypes.includes(f.mimeType));
    const type = multi ? 'checkbox' : 'radio';
    const boxes = shown.map((f, i) => el('input', { type, name: 'file', id: 'fake-picker-' + i, value: f.id }));
    const rows = shown.map((f, i) => el('div', {}, boxes[i], el('label', { htmlFor: boxes[i].id, textContent: f.name })));
    const select = el('button', { type: 'submit', value: 'select', textContent: 'Select' });
    const cancel = el('button', { type: 'submit', value: 'cancel', textContent: 'Cancel' });
    const problem = !b.token ? 'Sign in to continue.' : b.developerKey !== ${JSON.stringify(API_KEY)} ? 'The API developer key is invalid.' : null;
    const form = problem
      ? el('form', { method: 'dialog' }, el('p', { textContent: problem }), cancel)
      : el('form', { method: 'dialog' }, el('fieldset', {}, el('legend', { textContent: 'My Drive' }), ...rows), select, cancel);
    const dialog = el('dialog', { className: 'fake-google-picker' }, el('h2', { id: 'fake-picker-title', textContent: b.title || 'Select a file' }), form);
    dialog.setAttribute('aria-labelledby', 'fake-picker-title');
    dialog.addEventListener('close', async () => {
      dialog.remove();
      const picked = shown.filter((_, i) => boxes[i].checked);
      if (dialog.returnValue !== 'select' || !picked.length) return cb({ action: Action.CANCEL });
      if (b.maxItems && picked.length > b.maxItems) picked.length = b.maxItems;
      await post('/fake/grant', { token: b.token, appId: b.appId, developerKey: b.developerKey, ids: picked.map((f) => f.id) });
      cb({
        action: Action.PICKED,
        viewToken: [view.viewId, null, {}],
        docs: picked.map((f) => ({
          id: f.id, serviceId: 'docs', mimeType: f.mimeType, name: f.name, description: '', type: f.mimeType.startsWith('image/') ? 'photo' : 'document',
          lastEditedUtc: 1700000000000, iconUrl: BASE + '/icon.png', url: 'https://drive.google.com/file/d/' + f.id + '/view?usp=drive_web',
          embedUrl: 'https://drive.google.com/file/d/' + f.id + '/preview?usp=drive_web', sizeBytes: f.sizeBytes, parentId: '0AFakeRootFolder', isShared: false,
        })),
      });
    });
    document.body.append(dialog);
    dialog.showModal();
    cb({ action: Action.LOADED });
  }
  window.google = window.google ?? {};
  window.gapi = {
    load(name, config) {
      const callback = typeof config === 'function' ? config : config && config.callback;
      setTimeout(() => {
        if (name !== 'picker') return config && config.onerror && config.onerror();
        window.google.picker = { PickerBuilder, DocsView, ViewId, Feature, Action, Response, Document };
        callback && callback();
      }, 0);
    },
  };
})();
`;
}
