// Helpers for browser tests: where the real servers are, what arrived there, and test files.
import { aTimeout, oneEvent, waitUntil } from '@open-wc/testing';
import { type ControllerServices, UploadController } from '../../src/core/controller.js';
import { describeProblem } from '../../src/i18n/problem-text.js';
import type { WidgetOptions } from '../../src/options.js';
import type { WidgetEventMap, WidgetEventName } from '../../src/events.js';
import type { EngineEventName } from '../../src/core/engine-events.js';

export interface TestEnv {
  server: string;
  proxy: string;
  cloudName: string;
  apiKey: string;
}

export const env: TestEnv = (window as unknown as { __TEST_ENV__: TestEnv }).__TEST_ENV__;

export interface ServerRequest {
  seq: number;
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | undefined>;
  params: Record<string, string>;
  fileName?: string;
  fileBytes?: number;
  response: Record<string, unknown>;
}

/** Upload requests the server handled after `since` (a seq number). */
export async function serverRequests(since = 0): Promise<ServerRequest[]> {
  const res = await fetch(`${env.server}/__dev/requests?since=${since}`);
  return res.json();
}

/** The seq of the newest request so far, to look only at what a test sends. */
export async function lastSeq(): Promise<number> {
  const all = await serverRequests(0);
  return all.length ? all[all.length - 1].seq : 0;
}

/** The bytes the server delivers for an uploaded asset. */
export async function deliveredBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`delivery ${res.status} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

export async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A file of pseudo-random bytes, seeded so a failure can be reproduced: by default from its name, so
 * files of one size but different names differ (the widget holds the same bytes added twice).
 */
export function randomFile(size: number, name = 'data.bin', type = 'application/octet-stream', seed = seedOf(name)): File {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return new File([bytes], name, { type });
}

/** A seed from a name (FNV-1a). */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A real PNG of the given size, drawn with a gradient so resizing changes its bytes. */
export async function pngFile(width: number, height: number, name = 'image.png', type = 'image/png'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#ff0000');
  gradient.addColorStop(1, '#0000ff');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  const blob = await canvas.convertToBlob({ type });
  return new File([blob], name, { type });
}

export type Recorded = { name: WidgetEventName; detail: WidgetEventMap[WidgetEventName] };

/** A controller pointed at the local server (or the fault proxy), recording every event. */
export function makeController(options: Partial<WidgetOptions> = {}, via: 'server' | 'proxy' = 'server', services: Partial<ControllerServices> = {}) {
  const controller = new UploadController(
    {
      cloudName: env.cloudName,
      uploadPrefix: via === 'proxy' ? env.proxy : env.server,
      uploadPreset: 'demo_unsigned',
      ...options,
    },
    {
      describe: describeProblem,
      loadImageWork: () => import('../../src/core/image-work.js').then((m) => m.imageWork()),
      loadCloudinary: () => import('../../src/core/cloudinary-destination.js'),
      ...services,
    },
  );
  const events: Recorded[] = [];
  controller.onAny((name, detail) => events.push({ name, detail }));
  return { controller, events };
}

/** Resolves with the detail of the next `name` event (from a recorder), or rejects after timeoutMs. */
export function nextEvent<K extends WidgetEventName>(controller: UploadController, name: K, timeoutMs = 30000): Promise<WidgetEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = controller.on(name as EngineEventName, (detail) => {
      clearTimeout(timer);
      off();
      resolve(detail as WidgetEventMap[K]);
    });
  });
}

/** Asks the demo signing endpoint (the page's own server in real life) to sign params. */
export async function signOnServer(paramsToSign: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${env.server}/api/sign-upload`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ params_to_sign: paramsToSign }),
  });
  if (!res.ok) throw new Error(`signing failed: ${res.status}`);
  return (await res.json()).signature;
}

export interface ProxyRule {
  id?: string;
  match?: { method?: string; pathIncludes?: string; contentRangeStart?: number };
  times?: number;
  skip?: number;
  /** lose-answer: the server gets the whole request and answers; the answer never reaches the page. */
  action: 'reset' | 'status' | 'stall' | 'lose-answer' | 'throttle' | 'flip';
  /** With flip: the body byte inverted on the way (by default the middle one). */
  at?: number;
  /** With throttle: how fast the proxy reads the body. */
  bytesPerSecond?: number;
  afterBytes?: number;
  status?: number;
  ms?: number;
  thenReset?: boolean;
  /** With stall: read the whole body, then stay silent. */
  drain?: boolean;
  /** With status: the answer's body (JSON or text). */
  body?: unknown;
}

export async function setProxyRules(rules: ProxyRule[]): Promise<void> {
  await fetch(`${env.proxy}/__proxy/rules`, { method: 'PUT', body: JSON.stringify(rules) });
  await fetch(`${env.proxy}/__proxy/stats`, { method: 'DELETE' });
}

export async function proxyStats(): Promise<{
  forwarded: number;
  injected: Array<{ rule: string; action: string }>;
  abandoned: number;
  /** Every forwarded request's body as it went (test/support/fault-proxy.mjs). */
  bodies: Array<{ contentRange: string | null; bytes: number; complete: boolean }>;
}> {
  return (await fetch(`${env.proxy}/__proxy/stats`)).json();
}

/** A fixed wait, for the few tests that need one (each says why): open-wc's aTimeout. */
export const delay = aTimeout;

/** Waits until `check` is true, polling: open-wc's waitUntil, with this suite's 20 s default (uploads are slow). */
export const until = (check: () => unknown, what: string, timeoutMs = 20000): Promise<void> =>
  waitUntil(check, `timed out waiting for ${what}`, { timeout: timeoutMs, interval: 20 });

export const unixTimeNow = () => Math.round(Date.now() / 1000);

/** The detail of the element's next `name` event: open-wc's oneEvent (the test's own timeout bounds the wait). */
export const nextDomEvent = async <T = unknown>(el: HTMLElement, name: string): Promise<T> => ((await oneEvent(el, name)) as CustomEvent<T>).detail;

/**
 * Waits until `el` and every lit element inside its shadow tree have rendered (three rounds, as a
 * render may start another), then two frames: what a person would see now.
 */
export async function settled(el: Element): Promise<void> {
  const within = (root: Element): Element[] => [root, ...[...(root.shadowRoot?.querySelectorAll('*') ?? [])].flatMap(within)];
  for (let round = 0; round < 3; round++) {
    await Promise.all(within(el).map((e) => (e as { updateComplete?: Promise<unknown> }).updateComplete));
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

/** The details of every `name` event `el` fires from now on, in order. */
export function recordDetails<T = unknown>(el: EventTarget, name: string): T[] {
  const seen: T[] = [];
  el.addEventListener(name, (e) => seen.push((e as CustomEvent<T>).detail));
  return seen;
}

export type Engine = 'chromium' | 'firefox' | 'webkit';

/** The engine these tests run in (UW_ENGINE in web-test-runner.config.mjs). */
export const engine: Engine = navigator.userAgent.includes('Firefox/') ? 'firefox' : navigator.userAgent.includes('Chrome/') ? 'chromium' : 'webkit';

/**
 * A test that cannot run in some engines, each with its reason: there it is skipped, with the
 * reason in its title, so the summary counts it and says why; elsewhere it runs as usual.
 */
export function itExcept(skipIn: Partial<Record<Engine, string>>, title: string, fn: Mocha.Func): Mocha.Test {
  const reason = skipIn[engine];
  return reason ? it.skip(`${title} [skipped in ${engine}: ${reason}]`, fn) : it(title, fn);
}
