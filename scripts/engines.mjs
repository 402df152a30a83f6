// Firefox and WebKit for the tests, besides Chromium (scripts/chrome.mjs). Playwright cannot drive
// Debian's firefox-esr or WebKitGTK here, so: Firefox through puppeteer-core over WebDriver BiDi,
// WebKit (WebKitGTK's MiniBrowser, standing in for Safari) through WebKitWebDriver, on an Xvfb
// display since WebKitGTK has no headless mode. Debian packages: firefox-esr, webkit2gtk-driver, xvfb.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const which = (command) => {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};

export const findFirefox = () => process.env.FIREFOX_PATH ?? which('firefox-esr') ?? which('firefox');
export const hasWebKit = () => existsSync(MINIBROWSER) && which('WebKitWebDriver') !== null && (process.env.DISPLAY || which('Xvfb') !== null);

/** Prefs for a test Firefox: fake camera and microphone, no permission prompt. */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
};

/** MiniBrowser's arguments: automation, and mock cameras and microphones. */
const MINIBROWSER_ARGS = ['--automation', '--enable-media-stream=true', '--enable-mock-capture-devices=true'];

/** A WebDriver session on MiniBrowser. WebKitGTK 2.50 has no WebDriver BiDi: asking for it fails the session. */
export const WEBKIT_CAPABILITIES = {
  browserName: 'MiniBrowser',
  'wdio:enforceWebDriverClassic': true,
  'webkitgtk:browserOptions': { binary: MINIBROWSER, args: MINIBROWSER_ARGS },
};

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts Xvfb (unless there is a display) and WebKitWebDriver on `port`, as children of this
 * process; stop() ends both. They end with this process too.
 */
export async function startWebKitDriver({ port, display = ':94' }) {
  const children = [];
  const env = { ...process.env };
  if (!process.env.DISPLAY) {
    children.push(spawn('Xvfb', [display, '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'], { stdio: 'ignore' }));
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${display.slice(1)}`); i++) await wait(100);
    env.DISPLAY = display;
  }
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=local'], { env, stdio: 'ignore' });
  children.push(driver);
  let up = false;
  for (let i = 0; i < 100 && !up; i++) {
    up = await fetch(`http://127.0.0.1:${port}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (!up) await wait(100);
  }
  const kill = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', kill);
  if (!up) {
    kill();
    throw new Error(`WebKitWebDriver did not answer on port ${port}`);
  }
  return {
    port,
    async stop() {
      for (const child of children.reverse()) {
        if (child.exitCode !== null) continue;
        child.kill('SIGTERM');
        await new Promise((r) => {
          child.once('exit', r);
          setTimeout(r, 3000);
        });
      }
    },
  };
}
