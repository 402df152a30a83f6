// Fault-injecting HTTP reverse proxy for tests.
//
// Sits between the browser (or any HTTP client) and the local upload server so
// tests can prove the widget survives real network faults: connection resets
// mid-chunk, injected 5xx/420 answers, and stalls. Bodies are streamed both
// ways (never buffered) because chunks can be 20 MB and the benchmark pushes
// 1 GB through.
//
//   const proxy = await startFaultProxy({ target: 'http://127.0.0.1:5000', port: 0 });
//   proxy.setRules([{ match: { method: 'POST', contentRangeStart: 5242880 }, action: 'reset' }]);
//   ... proxy.stats(); await proxy.close();
//
// Control over HTTP (for browser tests), on the proxy itself, with CORS:
//   PUT /__proxy/rules (JSON array) -> 204, DELETE /__proxy/rules -> 204,
//   GET /__proxy/stats -> JSON, DELETE /__proxy/stats -> 204 (resets stats).
// Rules: { match: { method, pathIncludes, contentRangeStart, header }, action: 'reset' | 'status' | 'stall' | 'lose-answer' | 'throttle' | 'flip',
//          times, skip, status, body, afterBytes (reset), ms, thenReset, drain (stall), bytesPerSecond (throttle),
//          at (flip: the body byte inverted on the way, by default the middle one) }
// stats.bodies lists every forwarded request's body as it went: { contentRange, bytes, complete },
// so a test can tell what reached the server more than once.
// Paths under /__proxy/ are never forwarded.

import http from 'node:http';

const CONTROL_PREFIX = '/__proxy/';
const ACTIONS = new Set(['reset', 'status', 'stall', 'lose-answer', 'throttle', 'flip']);

// Hop-by-hop headers describe one connection, not the message; Node sets its own.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The proxy must never reach anything but a local target. */
function isLoopback(hostname) {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function stripHopByHop(headers) {
  // The Connection header may name further per-connection headers.
  const extra = String(headers.connection || '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const out = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || extra.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

function corsHeaders(req) {
  // Echo the Origin so credentialed requests can read the answer too.
  const origin = req.headers.origin;
  return origin
    ? { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-allow-credentials': 'true' }
    : { 'access-control-allow-origin': '*' };
}

function parseContentRangeStart(value) {
  const m = /^\s*bytes\s+(\d+)\s*-/i.exec(String(value || ''));
  return m ? Number(m[1]) : null;
}

function normalizeRule(rule, index) {
  if (!rule || typeof rule !== 'object') throw new TypeError(`rule ${index}: not an object`);
  if (!ACTIONS.has(rule.action)) {
    throw new TypeError(`rule ${index}: action must be one of ${[...ACTIONS].join(', ')}`);
  }
  if (rule.action === 'status' && !Number.isInteger(rule.status ?? 500)) {
    throw new TypeError(`rule ${index}: status must be an integer`);
  }
  return {
    ...rule,
    id: rule.id ?? `rule-${index}`,
    match: rule.match || {},
    times: rule.times ?? 1,
    skip: rule.skip ?? 0,
    seen: 0, // matching requests observed so far (drives skip/times)
  };
}

function ruleMatches(rule, req, pathWithQuery) {
  const m = rule.match;
  if (m.method && String(m.method).toUpperCase() !== req.method) return false;
  if (m.pathIncludes && !pathWithQuery.includes(m.pathIncludes)) return false;
  if (m.contentRangeStart !== undefined && m.contentRangeStart !== null) {
    if (parseContentRangeStart(req.headers['content-range']) !== Number(m.contentRangeStart)) return false;
  }
  if (m.header?.name) {
    const actual = req.headers[String(m.header.name).toLowerCase()];
    if (actual === undefined) return false;
    if (m.header.value !== undefined && String(actual) !== String(m.header.value)) return false;
  }
  return true;
}

/**
 * @param {{ target: string, port?: number }} options
 */
/**
 * keepAlive: false answers every request with `Connection: close`. Chromium silently resends a
 * request that failed on a reused keep-alive connection, so a reset would never reach the page;
 * fresh connections make an injected reset visible to the code under test.
 */
export async function startFaultProxy({ target, port = 0, keepAlive = true } = {}) {
  const targetUrl = new URL(target);
  if (targetUrl.protocol !== 'http:') throw new Error(`fault-proxy: target must be http:, got ${target}`);
  if (!isLoopback(targetUrl.hostname)) {
    throw new Error(`fault-proxy: target must be a loopback address, got ${targetUrl.hostname}`);
  }
  const targetHost = targetUrl.hostname.replace(/^\[|\]$/g, '');
  const targetPort = Number(targetUrl.port || 80);

  // Keep-alive upstream, like a browser would see from a real server.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let rules = [];
  let stats = { forwarded: 0, injected: [], abandoned: 0, bodies: [] };
  const timers = new Set();

  function setRules(list) {
    if (!Array.isArray(list)) throw new TypeError('rules must be an array');
    rules = list.map(normalizeRule);
  }

  /** First rule that matches and is neither skipping nor spent; counts every match. */
  function pickRule(req, pathWithQuery) {
    for (const rule of rules) {
      if (!ruleMatches(rule, req, pathWithQuery)) continue;
      rule.seen += 1;
      if (rule.seen <= rule.skip) continue; // let this one pass
      if (rule.seen > rule.skip + rule.times) continue; // spent
      return rule;
    }
    return null;
  }

  function record(rule, req, pathWithQuery) {
    stats.injected.push({
      rule: rule.id,
      action: rule.action,
      method: req.method,
      path: pathWithQuery,
      contentRange: req.headers['content-range'] ?? null,
      at: Date.now(),
    });
  }

  function later(ms, fn) {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  }

  function sendJson(req, res, status, body, extra = {}) {
    if (res.headersSent) return void res.destroy();
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...corsHeaders(req),
      ...extra,
    });
    res.end(text);
  }

  /**
   * Forward req to the target, streaming both ways.
   * With resetAfter (a byte count), forward only that many body bytes and then
   * destroy both sides, so the client sees a network error and the target an
   * aborted request. With loseAnswer, the whole request reaches the target, which answers; the
   * answer is read and thrown away and the client's connection reset (an answer lost on the way).
   */
  function forward(req, res, pathWithQuery, resetAfter = null, loseAnswer = false, bytesPerSecond = 0, flipAt = null) {
    stats.forwarded += 1; // counts every request opened to the target, resets included
    // What of the body went on to the target, and whether all of it did.
    const body = { contentRange: req.headers['content-range'] ?? null, bytes: 0, complete: false };
    stats.bodies.push(body);
    req.on('data', (chunk) => (body.bytes += chunk.length));
    req.on('end', () => (body.complete = true));
    const headers = stripHopByHop(req.headers);
    headers.host = targetUrl.host;
    let resetting = false;

    const upReq = http.request({
      host: targetHost,
      port: targetPort,
      method: req.method,
      path: pathWithQuery,
      headers,
      agent,
    });

    upReq.on('response', (upRes) => {
      if (resetting) return void upRes.destroy();
      if (loseAnswer) {
        upRes.resume();
        upRes.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(upRes.statusCode, upRes.statusMessage, stripHopByHop(upRes.headers));
      upRes.pipe(res);
      // Upstream died mid-answer: pass the failure on rather than a truncated "success".
      upRes.on('close', () => {
        if (!upRes.complete) res.destroy();
      });
    });
    upReq.on('error', (err) => {
      if (resetting) return; // our own doing
      sendJson(req, res, 502, { error: { message: `Proxy upstream error: ${err.code || err.message}` } });
    });
    // Client went away before the answer finished: do not leave the upstream dangling.
    res.on('close', () => {
      if (!res.writableFinished) upReq.destroy();
    });
    req.on('error', () => upReq.destroy());

    if (resetAfter === null && bytesPerSecond > 0) {
      // At most bytesPerSecond: the body is read no faster, so TCP backpressure holds the client.
      const started = Date.now();
      let sent = 0;
      req.on('data', (chunk) => {
        sent += chunk.length;
        const ahead = (sent / bytesPerSecond) * 1000 - (Date.now() - started);
        const flowing = upReq.write(chunk);
        if (ahead > 0 || !flowing) {
          req.pause();
          const go = () => later(Math.max(0, ahead), () => req.resume());
          if (flowing) go();
          else upReq.once('drain', go);
        }
      });
      req.on('end', () => upReq.end());
      return;
    }
    if (flipAt !== null) {
      // The whole body goes on, one byte of it inverted: what a faulty link or middlebox would do.
      let seen = 0;
      req.on('data', (chunk) => {
        let out = chunk;
        if (flipAt >= seen && flipAt < seen + chunk.length) {
          out = Buffer.from(chunk);
          out[flipAt - seen] ^= 0xff;
        }
        seen += chunk.length;
        if (!upReq.write(out)) {
          req.pause();
          upReq.once('drain', () => req.resume());
        }
      });
      req.on('end', () => upReq.end());
      return;
    }
    if (resetAfter === null) {
      req.pipe(upReq);
      return;
    }

    const reset = () => {
      if (resetting) return;
      resetting = true;
      upReq.destroy();
      req.socket.destroy();
    };
    // Manual pump so we can stop at exactly resetAfter bytes; keeps backpressure.
    let sent = 0;
    if (resetAfter <= 0) {
      upReq.flushHeaders();
      later(10, reset); // give the headers a moment to reach the target
      return;
    }
    req.on('data', (chunk) => {
      if (resetting) return;
      const room = resetAfter - sent;
      if (chunk.length >= room) {
        sent += room;
        req.pause();
        // Destroy only once the partial body reached the kernel, so the target sees it.
        upReq.write(chunk.subarray(0, room), () => reset());
        return;
      }
      sent += chunk.length;
      if (!upReq.write(chunk)) {
        req.pause();
        upReq.once('drain', () => req.resume());
      }
    });
    // Body shorter than afterBytes: still reset instead of completing the request.
    req.on('end', () => {
      if (!resetting) later(10, reset);
    });
  }

  function answerStatus(rule, req, res) {
    const status = rule.status ?? 500;
    const body = rule.body ?? JSON.stringify({ error: { message: `Injected ${status}` } });
    const extra = { ...(rule.headers || {}) };
    // Let the browser read injected headers such as Retry-After.
    const names = Object.keys(extra);
    if (names.length) extra['access-control-expose-headers'] = names.join(', ');
    // Drain the body first: answering mid-upload would look unlike a real server.
    req.on('end', () => sendJson(req, res, status, body, extra));
    req.on('error', () => {});
    req.resume();
  }

  function handleControl(req, res, pathname) {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, PUT, DELETE, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] || 'content-type',
      'access-control-max-age': '600',
    };
    const done = (status, body) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        ...cors,
        ...(text ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } : {}),
      });
      res.end(text);
    };
    if (req.method === 'OPTIONS') {
      req.resume();
      return done(204);
    }

    if (pathname === '/__proxy/rules' && req.method === 'PUT') {
      const parts = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        if (size > 1 << 20) return void req.destroy(); // rules are tiny; refuse floods
        parts.push(c);
      });
      req.on('end', () => {
        try {
          setRules(JSON.parse(Buffer.concat(parts).toString('utf8') || '[]'));
          done(204);
        } catch (err) {
          done(400, { error: { message: String(err.message || err) } });
        }
      });
      return;
    }
    req.resume();
    if (pathname === '/__proxy/rules' && req.method === 'DELETE') {
      setRules([]);
      return done(204);
    }
    if (pathname === '/__proxy/stats' && req.method === 'GET') return void done(200, structuredClone(stats));
    if (pathname === '/__proxy/stats' && req.method === 'DELETE') {
      stats = { forwarded: 0, injected: [], abandoned: 0, bodies: [] };
      return void done(204);
    }
    done(404, { error: { message: `Unknown proxy control endpoint ${req.method} ${pathname}` } });
  }

  const server = http.createServer((req, res) => {
    if (!keepAlive) res.shouldKeepAlive = false;
    // Absolute-form URLs ("GET http://elsewhere/...") are reduced to their path:
    // we only ever connect to the configured target.
    const parsed = new URL(req.url, 'http://proxy.invalid');
    const pathWithQuery = parsed.pathname + parsed.search;

    if (parsed.pathname.startsWith(CONTROL_PREFIX) || parsed.pathname === '/__proxy') {
      return handleControl(req, res, parsed.pathname);
    }

    const rule = pickRule(req, pathWithQuery);
    if (!rule) return forward(req, res, pathWithQuery);
    record(rule, req, pathWithQuery);

    if (rule.action === 'status') return answerStatus(rule, req, res);
    if (rule.action === 'lose-answer') return forward(req, res, pathWithQuery, null, true);
    if (rule.action === 'throttle') return forward(req, res, pathWithQuery, null, false, rule.bytesPerSecond ?? 1 << 20);
    if (rule.action === 'flip') {
      const length = Number(req.headers['content-length']);
      return forward(req, res, pathWithQuery, null, false, 0, rule.at ?? (Number.isFinite(length) ? Math.floor(length / 2) : 0));
    }

    if (rule.action === 'reset') {
      const length = Number(req.headers['content-length']);
      const afterBytes = rule.afterBytes ?? (Number.isFinite(length) ? Math.floor(length / 2) : 0);
      return forward(req, res, pathWithQuery, afterBytes);
    }

    // stall: the body stays unread meanwhile, so TCP backpressure holds the client too. With
    // `drain`, the whole body is read and thrown away instead: the client has sent every byte and
    // waits for an answer that never comes (a deterministic "uploading" for screenshots); the
    // connection is reset when the time is up, since the body can no longer be forwarded.
    if (rule.drain) req.resume();
    let due = false;
    const timer = later(rule.ms ?? 1000, () => {
      due = true;
      if (req.socket.destroyed) return;
      if (rule.thenReset || rule.drain) req.socket.destroy();
      else forward(req, res, pathWithQuery);
    });
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
      // The client gave up while the request was held: it is never forwarded.
      if (!due) stats.abandoned += 1;
    });
  });
  // An error on one client socket must never take the test process down.
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    target: targetUrl.origin,
    setRules,
    clearRules: () => setRules([]),
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { forwarded: 0, injected: [], abandoned: 0, bodies: [] };
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
