// Makes a fresh clone runnable: `node scripts/ensure.mjs deps [browser]`.
// deps: runs `npm ci` when node_modules is missing or older than package-lock.json.
// browser: makes sure a Chromium exists (installs Debian's `chromium` when root on Debian), and a
//   Japanese font, without which the visual suite's Japanese screenshots show empty boxes.
// engines: makes sure Firefox ESR and WebKitGTK's MiniBrowser with WebKitWebDriver and Xvfb exist
//   (Debian's firefox-esr, webkit2gtk-driver, xvfb, installed when root on Debian).
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const wants = new Set(process.argv.slice(2));

/** Root on Debian: what is missing can be installed with apt-get. */
function canApt() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/etc/debian_version');
}

/** apt-get install, updating the package lists first only when the install needs it. */
function aptInstall(packages) {
  execSync(`(apt-get install -y -qq ${packages} || (apt-get update -qq && apt-get install -y -qq ${packages})) >/dev/null`, {
    stdio: 'inherit',
    shell: '/bin/bash',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
// npm writes node_modules/.package-lock.json on every install: older than the lockfile means stale.
const INSTALLED = 'node_modules/.package-lock.json';

if (wants.has('deps')) {
  const fresh = existsSync(INSTALLED) && statSync(INSTALLED).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (!fresh) {
    console.log('Installing dependencies (npm ci)…');
    execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
  }
}

if (wants.has('browser')) {
  const { findChrome } = await import('./chrome.mjs');
  let chrome = await findChrome();
  if (!chrome) {
    if (canApt()) {
      console.log('No Chromium found: installing Debian’s chromium with apt-get…');
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
        stdio: 'inherit',
        shell: '/bin/bash',
      });
      chrome = await findChrome();
    }
    if (!chrome) {
      console.error('No Chromium found: install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH=/path/to/chrome.');
      process.exit(1);
    }
  }
  // The visual suite renders Japanese: a CJK font must be there, or every glyph is an empty box.
  const hasJapanese = () => {
    try {
      return execSync('fc-list :lang=ja', { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  };
  if (!hasJapanese() && canApt()) {
    console.log('No Japanese font found: installing Debian’s fonts-ipafont-gothic with apt-get…');
    aptInstall('fonts-ipafont-gothic');
  }
  if (!hasJapanese()) console.warn('No Japanese font found (Debian: apt-get install fonts-ipafont-gothic): the Japanese screenshots will not match.');
}

if (wants.has('engines')) {
  const { findFirefox, hasWebKit } = await import('./engines.mjs');
  const ready = () => findFirefox() && hasWebKit();
  if (!ready() && canApt()) {
    console.log('Firefox ESR or WebKitGTK missing: installing Debian’s firefox-esr, webkit2gtk-driver and xvfb with apt-get…');
    aptInstall('firefox-esr webkit2gtk-driver xvfb');
  }
  // Not fatal here: the engine's suite then fails, and says which browser it could not start.
  if (!findFirefox()) console.error('Firefox not found (Debian: apt-get install firefox-esr, or set FIREFOX_PATH): the firefox suites will fail.');
  if (!hasWebKit()) console.error('WebKitGTK not found (Debian: apt-get install webkit2gtk-driver xvfb): the webkit suites will fail.');
  // The previews' end-to-end test makes its HEIC with heif-enc; without it, that test skips and says why.
  const hasHeifEnc = () => {
    try {
      execSync('command -v heif-enc', { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!hasHeifEnc() && canApt()) {
    console.log('heif-enc missing: installing Debian’s libheif-examples with apt-get…');
    aptInstall('libheif-examples');
  }
}
