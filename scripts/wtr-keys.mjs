// The unit tests press keys through @web/test-runner-commands' sendKeys in Playwright's syntax
// ("Shift+ArrowRight", "Space"). These make the other engines' launchers read it the same way:
//  - Firefox (puppeteer over BiDi): chords and "Space"; and since a Tab past the page's last
//    control gives headless Firefox's own UI the focus (no key reaches the page after that, even
//    after element.focus()), the page takes it back before each key.
//  - WebKit (webdriverio): its keys() presses every key down, then every key up, so a repeated
//    letter is lost ("summer" → "sumer"); here each key goes down and up in turn.

/** "Shift+PageUp" → ['Shift', 'PageUp']; a lone "+" stays a key. */
export const chord = (key) => (key.length > 1 && key.includes('+') && !key.endsWith('+') ? key.split('+') : [key]);

/** For chromeLauncher({ createPage }): a puppeteer page whose keyboard reads Playwright's key names. */
export async function puppeteerPageWithChords({ context }) {
  const page = await context.newPage();
  const keyboard = page.keyboard;
  const press = keyboard.press.bind(keyboard);
  const type = keyboard.type.bind(keyboard);
  const hasFocus = () => page.evaluate(() => document.hasFocus());
  const refocus = async () => {
    if (await hasFocus()) return;
    const active = await page.evaluateHandle(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el;
    });
    await page.evaluate(() => window.focus());
    // window.focus() is not always enough: Tab on through Firefox's own UI until the page has it.
    for (let i = 0; i < 10 && !(await hasFocus()); i++) await press('Tab');
    await active.evaluate((el) => el?.focus?.());
    await active.dispose();
  };
  keyboard.type = async (text, options) => {
    await refocus();
    await type(text, options);
  };
  keyboard.press = async (key, options) => {
    await refocus();
    const modifiers = chord(key);
    const main = modifiers.pop();
    for (const m of modifiers) await keyboard.down(m);
    await press(main === 'Space' ? ' ' : main, options);
    for (const m of modifiers.reverse()) await keyboard.up(m);
  };
  return page;
}

// WebDriver's key codes (https://w3c.github.io/webdriver/#keyboard-actions).
const WEBDRIVER_KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};
const webdriverKey = (key) => WEBDRIVER_KEYS[key] ?? key;

/** Sends keys (or chords) over WebDriver classic, each down and up in turn. */
export async function webdriverKeyActions(driver, keys) {
  const actions = [];
  for (const key of keys) {
    const modifiers = chord(key);
    const main = modifiers.pop();
    for (const m of modifiers) actions.push({ type: 'keyDown', value: webdriverKey(m) });
    actions.push({ type: 'keyDown', value: webdriverKey(main) }, { type: 'keyUp', value: webdriverKey(main) });
    for (const m of modifiers.reverse()) actions.push({ type: 'keyUp', value: webdriverKey(m) });
  }
  await driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
  await driver.releaseActions();
}

/** Gives a WebdriverLauncher a sendKeys that sends each key down and up, chords included. */
export function webdriverLauncherWithKeys(launcher) {
  launcher.sendKeys = (_sessionId, keys) => webdriverKeyActions(launcher.driver, keys);
  return launcher;
}
