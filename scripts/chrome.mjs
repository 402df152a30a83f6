// Finds a Chromium for tests and benchmarks. Order: CHROME_PATH, a system Chromium/Chrome,
// Playwright's own browser if one was installed. Returns null when there is none.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const SYSTEM_BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export async function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of SYSTEM_BROWSERS) {
    const found = which(name);
    if (found) return found;
  }
  try {
    const { chromium } = await import('playwright');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright not installed yet, or no browser of its own
  }
  return null;
}

// Flags for Chromium on these machines: root needs --no-sandbox, and the closed network makes
// background services stall, so they are off. The fake media devices serve the camera tests.
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];
