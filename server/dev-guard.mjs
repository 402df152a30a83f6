// Who may use the endpoints meant for the owner's own pages (/__dev/*, /api/sign-upload): requests
// addressed to a loopback name (or a name the owner configured) and, when a browser says where
// it comes from, sent by this server's own pages or an origin the owner listed. Comparing Origin
// with Host alone is not enough: a DNS-rebinding page (rebind.test pointing at 127.0.0.1) sends
// Host rebind.test and Origin http://rebind.test, which agree.

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * @typedef {{ origins?: string[], hosts?: string[] }} DevAccess
 * `origins`: other origins allowed (a test runner's page); `hosts`: other Host names that reach
 * this server (a name in the owner's /etc/hosts, a LAN name).
 */

/** The name part of a Host header ("[::1]:8787" → "[::1]"), lower-cased; '' when malformed. @param {string | undefined} host */
function hostName(host) {
  const h = String(host || '').toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/.exec(h);
  return m ? m[1] : '';
}

/**
 * Decides whether a request may use an owner-only endpoint.
 * @param {import('node:http').IncomingMessage} req
 * @param {DevAccess} access
 * @returns {{ ok: true, origin: string | undefined } | { ok: false, status: number, message: string }}
 */
export function ownerOnly(req, access) {
  const name = hostName(req.headers.host);
  const hosts = (access.hosts ?? []).map((h) => h.toLowerCase());
  if (!name || !(LOOPBACK_NAMES.has(name) || hosts.includes(name))) {
    return {
      ok: false,
      status: 421,
      message: `This endpoint answers requests addressed to localhost, 127.0.0.1 or [::1] only (Host '${String(req.headers.host ?? '').slice(0, 100)}'); start the server with --dev-host <name> to add a name`,
    };
  }
  const origin = req.headers.origin === undefined ? undefined : String(req.headers.origin);
  if (origin === undefined) return { ok: true, origin };
  let own = false;
  try {
    const u = new URL(origin);
    own = u.protocol === 'http:' && u.host === String(req.headers.host).toLowerCase();
  } catch {
    own = false;
  }
  if (own || (access.origins ?? []).includes(origin)) return { ok: true, origin };
  return { ok: false, status: 403, message: "This endpoint answers this server's own pages only" };
}
