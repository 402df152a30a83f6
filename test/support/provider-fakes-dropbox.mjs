// A stand-in for Dropbox's Chooser, on a local origin of its own as www.dropbox.com would be:
// GET /static/api/2/dropins.js is a dropins.js that defines window.Dropbox the documented way
// (https://www.dropbox.com/developers/chooser): it reads the app key from the script with
// id="dropboxjs" (data-app-key), and Dropbox.choose(options) shows "Dropbox" (here a <dialog> in the
// page listing the fake account's files; checkboxes with multiselect, radios without) and calls
// options.success(files) with the documented fields (id, name, link, bytes, icon, isDir, and
// thumbnailLink for images) or options.cancel() when it is closed without a pick (Cancel, Escape).
// Links are what linkType asks for: 'direct' links give the file's bytes (GET /1/view/<id>/<name>,
// as dl.dropboxusercontent.com does), 'preview' links a web page about the file. `requests` logs
// every request, so a test can tell who fetched the files.
import { createServer } from 'node:http';

/** `files`: { 'name.ext': Buffer }. */
export async function startFakeDropbox({ files }) {
  const entries = Object.entries(files).map(([name, bytes], i) => ({ id: `id:fake${i + 1}`, token: `t${i + 1}x${name.length}`, name, bytes }));
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://dropbox.test');
    requests.push({ method: req.method, path: url.pathname, userAgent: req.headers['user-agent'] ?? '' });
    if (url.pathname === '/static/api/2/dropins.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(dropinsScript(base, entries));
    }
    const direct = /^\/1\/view\/([^/]+)\/(.+)$/.exec(url.pathname);
    const entry = direct && entries.find((e) => e.token === direct[1] && e.name === decodeURIComponent(direct[2]));
    if (entry) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': entry.bytes.length });
      return res.end(entry.bytes);
    }
    const preview = /^\/s\/([^/]+)\//.exec(url.pathname);
    if (preview && entries.some((e) => e.token === preview[1])) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>Dropbox</title><p>A preview page, not the file.</p>');
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    scriptUrl: `${base}/static/api/2/dropins.js`,
    /** Where the page's script would be if it were missing: a 404. */
    missingScriptUrl: `${base}/static/api/2/missing-dropins.js`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The fake dropins.js: the Chooser's documented surface, its window a <dialog> in the page. */
function dropinsScript(base, entries) {
  const listed = entries.map(({ id, token, name, bytes }) => ({ id, token, name, bytes: bytes.length }));
  return `(() => {
  const BASE = ${JSON.stringify(base)};
  const FILES = ${JSON.stringify(listed)};
  const script = document.getElementById('dropboxjs');
  const isImage = (name) => /\\.(png|jpe?g|gif|webp)$/i.test(name);
  const describe = (f, linkType) => ({
    id: f.id,
    name: f.name,
    link: linkType === 'direct' ? BASE + '/1/view/' + f.token + '/' + encodeURIComponent(f.name) : BASE + '/s/' + f.token + '/' + encodeURIComponent(f.name) + '?dl=0',
    bytes: f.bytes,
    icon: BASE + '/static/images/icons64/page_white.png',
    ...(isImage(f.name) ? { thumbnailLink: BASE + '/thumb/' + f.token + '?bounding_box=75&mode=fit' } : {}),
    isDir: false,
  });
  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const Dropbox = {
    appKey: script ? script.getAttribute('data-app-key') : null,
    isBrowserSupported: () => true,
    choose(options) {
      if (!Dropbox.appKey) throw new Error('Missing Dropbox app key: data-app-key on script#dropboxjs');
      if (!options || typeof options.success !== 'function') throw new Error('Dropbox.choose: options.success is required');
      (window.dropboxChooseCalls ??= []).push({
        appKey: Dropbox.appKey,
        linkType: options.linkType ?? 'preview',
        multiselect: !!options.multiselect,
        extensions: options.extensions ?? null,
        sizeLimit: options.sizeLimit ?? null,
      });
      const type = options.multiselect ? 'checkbox' : 'radio';
      const boxes = FILES.map((f, i) => el('input', { type, name: 'file', id: 'fake-dropbox-' + i, value: f.id }));
      const rows = FILES.map((f, i) => el('div', {}, boxes[i], el('label', { htmlFor: boxes[i].id, textContent: f.name })));
      const choose = el('button', { type: 'submit', value: 'choose', textContent: 'Choose' });
      const cancel = el('button', { type: 'submit', value: 'cancel', textContent: 'Cancel' });
      const form = el('form', { method: 'dialog' }, el('fieldset', {}, el('legend', { textContent: 'Files in your Dropbox' }), ...rows), choose, cancel);
      const dialog = el('dialog', { className: 'fake-dropbox-chooser' }, el('h2', { id: 'fake-dropbox-title', textContent: 'Dropbox' }), form);
      dialog.setAttribute('aria-labelledby', 'fake-dropbox-title');
      dialog.addEventListener('close', () => {
        const picked = FILES.filter((_, i) => boxes[i].checked);
        dialog.remove();
        if (dialog.returnValue === 'choose' && picked.length) options.success(picked.map((f) => describe(f, options.linkType)));
        else if (typeof options.cancel === 'function') options.cancel();
      });
      document.body.append(dialog);
      dialog.showModal();
    },
  };
  window.Dropbox = Dropbox;
})();
`;
}
