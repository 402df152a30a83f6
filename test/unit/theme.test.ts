import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LitElement, css, unsafeCSS } from 'lit';
import type { UploadWidget } from '../../src/upload-widget.js';
import '../../src/index.js';
import { contrastRatio, parseHexColor } from '../../src/theme/color.js';
import {
  CLOUDINARY_PALETTE,
  COLOR_PAIRS,
  DARK_FRAME_BACKGROUND,
  DARK_PALETTE,
  LIGHT_PALETTE,
  PALETTE_KEYS,
  PALETTE_PROPERTIES,
  paletteDeclarations,
  type Palette,
} from '../../src/theme/palette.js';
import { applyTheme } from '../../src/theme/apply-theme.js';
import { pickFont } from '../../src/theme/fonts.js';
import { planTheme } from '../../src/theme/theme-properties.js';
import { kebab } from '../../src/options.js';
import { engine, itExcept, until } from './helpers.js';

/** The colour as getComputedStyle writes it: rgb(r, g, b) or rgba(r, g, b, a). */
function rgb(hex: string): string {
  const c = parseHexColor(hex)!;
  return c.a === 1 ? `rgb(${c.r}, ${c.g}, ${c.b})` : `rgba(${c.r}, ${c.g}, ${c.b}, ${+c.a.toFixed(3)})`;
}

function failingPairs(palette: Palette): string[] {
  return COLOR_PAIRS.filter((p) => contrastRatio(palette[p.foreground], palette[p.background]) < p.min).map(
    (p) => `${p.foreground} on ${p.background} (${p.where}): ` + `${contrastRatio(palette[p.foreground], palette[p.background]).toFixed(2)} < ${p.min}`,
  );
}

describe('theme: hex colours', () => {
  it('reads #RGB, #RGBA, #RRGGBB and #RRGGBBAA in either case', () => {
    expect(parseHexColor('#f80')).to.deep.equal({ r: 255, g: 136, b: 0, a: 1 });
    expect(parseHexColor('#F808')).to.deep.equal({ r: 255, g: 136, b: 0, a: 136 / 255 });
    expect(parseHexColor('#0e2F5a')).to.deep.equal({ r: 14, g: 47, b: 90, a: 1 });
    expect(parseHexColor('#0E2F5B99')).to.deep.equal({ r: 14, g: 47, b: 91, a: 153 / 255 });
    expect(parseHexColor('  #FFF ')).to.deep.equal({ r: 255, g: 255, b: 255, a: 1 });
  });

  it('rejects what is not one of those hex forms', () => {
    for (const bad of ['#12345', '#1234567', '#123456789', '#GGG', 'FFF', '#', '', 'red', 'rgb(0, 0, 0)', '# FFF', 123, null, undefined, {}]) {
      expect(parseHexColor(bad), String(bad)).to.equal(undefined);
    }
  });

  it('measures contrast as WCAG 2.x does', () => {
    expect(contrastRatio('#000', '#FFF')).to.be.closeTo(21, 1e-9);
    expect(contrastRatio('#FFF', '#000')).to.be.closeTo(21, 1e-9);
    expect(contrastRatio('#777', '#777')).to.equal(1);
    // Known figures: #767676 is the lightest grey that passes 4.5:1 on white.
    expect(contrastRatio('#767676', '#FFF')).to.be.closeTo(4.54, 0.01);
    expect(contrastRatio('#777777', '#FFF')).to.be.below(4.5);
    // A translucent foreground is seen over its background: half-black on white is mid grey.
    expect(contrastRatio('#00000080', '#FFF')).to.be.closeTo(contrastRatio('#7F7F7F', '#FFF'), 0.05);
  });
});

describe('theme: palettes', () => {
  it('names a custom property after each of the 13 palette keys', () => {
    expect(PALETTE_KEYS).to.have.length(13);
    for (const key of PALETTE_KEYS) expect(PALETTE_PROPERTIES[key]).to.equal(`--uw-color-${kebab(key)}`);
  });

  it('meets WCAG AA for every colour pair the widget paints, in the default palette', () => {
    expect(failingPairs({ ...LIGHT_PALETTE })).to.deep.equal([]);
  });

  it('meets WCAG AA for every colour pair the widget paints, in the dark palette', () => {
    expect(failingPairs({ ...DARK_PALETTE })).to.deep.equal([]);
  });

  it('keeps Cloudinary defaults except the keys whose pairs fail AA', () => {
    const changed = PALETTE_KEYS.filter((k) => LIGHT_PALETTE[k] !== CLOUDINARY_PALETTE[k]);
    expect(changed).to.have.members(['windowBorder', 'link', 'action', 'error', 'complete']);
    // Each change is there because Cloudinary's value fails one of the pairs.
    const failing = failingPairs({ ...CLOUDINARY_PALETTE }).join('\n');
    for (const key of changed) expect(failing).to.contain(key);
  });

  it('writes a palette as declarations for a :host block', () => {
    const text = paletteDeclarations();
    expect(text).to.contain(`--uw-color-action: ${LIGHT_PALETTE.action};`);
    expect(text.split('\n')).to.have.length(14);
  });
});

describe('theme: styles and theme → properties', () => {
  it('sets only the palette keys given, and reports bad colours and unknown keys', () => {
    const plan = planTheme({ palette: { action: '#123', link: '#12345', sparkle: '#fff' } as never }, false);
    expect([...plan.properties]).to.deep.equal([['--uw-color-action', '#123']]);
    expect(plan.problems).to.deep.equal([
      'styles.palette.link: "#12345" is not a colour (use #RGB, #RGBA, #RRGGBB or #RRGGBBAA); the default stays.',
      `styles.palette.sparkle is not a palette key (use ${PALETTE_KEYS.join(', ')}); it is ignored.`,
    ]);
  });

  it('picks the active font, else the first with a stylesheet, and reports a bad URL', () => {
    expect(
      pickFont({ default: null, "'A', serif": 'https://f.example/a.css', "'B', serif": { url: 'https://f.example/b.css', active: true } } as never).font,
    ).to.deep.equal({ family: "'B', serif", url: 'https://f.example/b.css' });
    expect(pickFont({ "'A', serif": { url: 'https://f.example/a.css', active: false }, "'C', serif": '/c.css' }).font).to.deep.equal({
      family: "'C', serif",
      url: '/c.css',
    });
    const bad = pickFont({ "'D', serif": 'javascript:alert(1)' });
    expect(bad.font).to.equal(undefined);
    expect(bad.problems[0]).to.contain(`styles.fonts["'D', serif"]`);
  });
});

describe('theme: a rendered <upload-widget>', () => {
  let pageStyle: HTMLStyleElement | undefined;
  afterEach(async () => {
    pageStyle?.remove();
    pageStyle = undefined;
    // Only Playwright's Chromium can switch the colour scheme at run time (the one test that does is skipped elsewhere).
    if (engine === 'chromium') await emulateMedia({ colorScheme: 'light' });
  });

  async function widget() {
    const el = await fixture<UploadWidget>(html`<upload-widget inline cloud-name="demo" upload-preset="theme_test"></upload-widget>`);
    await el.updateComplete;
    const source = el.shadowRoot!.querySelector('uw-local-source') as HTMLElement & { updateComplete: Promise<void> };
    await source.updateComplete;
    const browse = source.shadowRoot!.querySelector('button')!;
    const drop = source.shadowRoot!.querySelector('[part=drop-area]')!;
    return { el, browse, drop };
  }

  function addPageCss(text: string) {
    pageStyle = document.createElement('style');
    pageStyle.textContent = text;
    document.head.append(pageStyle);
  }

  it('shows styles.palette colours on the Browse button', async () => {
    const { el, browse } = await widget();
    const report: string[] = [];
    applyTheme(el, { palette: { action: '#123456', textLight: '#ABC' } }, undefined, (m) => report.push(m));
    expect(el.style.getPropertyValue('--uw-color-action')).to.equal('#123456');
    expect(getComputedStyle(browse).backgroundColor).to.equal('rgb(18, 52, 86)');
    expect(getComputedStyle(browse).color).to.equal('rgb(170, 187, 204)');
    expect(report).to.deep.equal([]);
  });

  it('lets page CSS on upload-widget set a colour that styles leave out', async () => {
    const { el, browse } = await widget();
    addPageCss('upload-widget { --uw-color-action: rgb(1, 2, 3) }');
    applyTheme(el, { palette: { link: '#000' } }, undefined, () => {});
    expect(getComputedStyle(browse).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('gives styles.palette precedence over page CSS for the same key', async () => {
    const { el, browse } = await widget();
    addPageCss('upload-widget { --uw-color-action: rgb(1, 2, 3) }');
    applyTheme(el, { palette: { action: '#040506' } }, undefined, () => {});
    expect(getComputedStyle(browse).backgroundColor).to.equal('rgb(4, 5, 6)');
  });

  it('reports an invalid colour naming the key, each time it is applied, and keeps the default', async () => {
    const { el, browse } = await widget();
    const before = getComputedStyle(browse).backgroundColor;
    const report: string[] = [];
    applyTheme(el, { palette: { action: '#12345' } }, undefined, (m) => report.push(m));
    expect(report).to.deep.equal(['styles.palette.action: "#12345" is not a colour (use #RGB, #RGBA, #RRGGBB or #RRGGBBAA); the default stays.']);
    expect(el.style.getPropertyValue('--uw-color-action')).to.equal('');
    expect(getComputedStyle(browse).backgroundColor).to.equal(before);
    // The element dedupes; this module reports on every call.
    applyTheme(el, { palette: { action: '#12345' } }, undefined, (m) => report.push(m));
    expect(report).to.have.length(2);
  });

  it('takes back properties a later call no longer gives', async () => {
    const { el, browse } = await widget();
    const before = getComputedStyle(browse).backgroundColor;
    applyTheme(el, { palette: { action: '#123456' }, frame: { background: '#0008' } }, undefined, () => {});
    expect(el.style.getPropertyValue('--uw-frame-background')).to.equal('#0008');
    applyTheme(el, {}, undefined, () => {});
    expect(el.style.getPropertyValue('--uw-color-action')).to.equal('');
    expect(el.style.getPropertyValue('--uw-frame-background')).to.equal('');
    expect(getComputedStyle(browse).backgroundColor).to.equal(before);
  });

  it('reports a bad frame.background and an unknown theme, and uses the light theme', async () => {
    const { el } = await widget();
    const report: string[] = [];
    applyTheme(el, { frame: { background: 'navy' } }, 'purple', (m) => report.push(m));
    expect(report).to.deep.equal([
      'theme "purple" is not a theme of this widget (use light, dark or auto); the light theme is used.',
      'styles.frame.background: "navy" is not a colour (use #RGB, #RGBA, #RRGGBB or #RRGGBBAA); the default stays.',
    ]);
    expect(el.style.length).to.equal(0);
  });

  it('applies the dark palette for theme="dark", which styles.palette still overrides', async () => {
    const { el, browse, drop } = await widget();
    applyTheme(el, { palette: { textLight: '#000000' } }, 'dark', () => {});
    for (const key of PALETTE_KEYS) {
      const expected = key === 'textLight' ? '#000000' : DARK_PALETTE[key];
      expect(el.style.getPropertyValue(PALETTE_PROPERTIES[key]), key).to.equal(expected);
    }
    expect(el.style.getPropertyValue('--uw-frame-background')).to.equal(DARK_FRAME_BACKGROUND);
    expect(getComputedStyle(drop).backgroundColor).to.equal(rgb(DARK_PALETTE.sourceBg));
    expect(getComputedStyle(drop).color).to.equal(rgb(DARK_PALETTE.textDark));
    expect(getComputedStyle(browse).backgroundColor).to.equal(rgb(DARK_PALETTE.action));
    expect(getComputedStyle(browse).color).to.equal('rgb(0, 0, 0)');
  });

  itExcept(
    {
      firefox: 'prefers-color-scheme cannot be switched at run time (no CDP; Firefox ESR has no BiDi emulation command)',
      webkit: 'WebKitWebDriver cannot emulate media features',
    },
    'follows prefers-color-scheme live for theme="auto", until disposed',
    async () => {
      await emulateMedia({ colorScheme: 'light' });
      const { el, browse } = await widget();
      const light = getComputedStyle(browse).backgroundColor;
      const dispose = applyTheme(el, { palette: { link: '#000' } }, 'auto', () => {});
      expect(el.style.getPropertyValue('--uw-color-window')).to.equal('');

      await emulateMedia({ colorScheme: 'dark' });
      await until(() => el.style.getPropertyValue('--uw-color-window') === DARK_PALETTE.window, 'the dark palette');
      expect(getComputedStyle(browse).backgroundColor).to.equal(rgb(DARK_PALETTE.action));
      expect(el.style.getPropertyValue('--uw-color-link')).to.equal('#000');

      await emulateMedia({ colorScheme: 'light' });
      await until(() => el.style.getPropertyValue('--uw-color-window') === '', 'the light palette');
      expect(getComputedStyle(browse).backgroundColor).to.equal(light);
      expect(el.style.getPropertyValue('--uw-color-link')).to.equal('#000');

      dispose();
      await emulateMedia({ colorScheme: 'dark' });
      await new Promise((r) => setTimeout(r, 100));
      expect(el.style.getPropertyValue('--uw-color-window')).to.equal('');
    },
  );

  it('links the chosen font stylesheet once and uses its family', async () => {
    const { el, browse } = await widget();
    const url = '/__theme-test__/fira.css';
    const fonts = { "'Fira Sans', sans-serif": url };
    applyTheme(el, { fonts }, undefined, () => {});
    applyTheme(el, { fonts }, undefined, () => {});
    const links = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].filter((l) => l.href.endsWith(url));
    expect(links).to.have.length(1);
    // Engines quote a family name in their own way ('…' or "…") when they serialize it.
    const quotesAsOne = (text: string) => text.replace(/'/g, '"');
    expect(quotesAsOne(el.style.getPropertyValue('--uw-font-family'))).to.equal('"Fira Sans", sans-serif');
    expect(quotesAsOne(getComputedStyle(browse).fontFamily)).to.equal('"Fira Sans", sans-serif');
    links[0].remove();
  });
});

// The defaults as a `:host` block (see paletteDeclarations): page CSS must still win over it.
class TokenProbe extends LitElement {
  static override styles = [
    unsafeCSS(`:host { ${paletteDeclarations()} }`),
    css`
      p {
        color: var(--uw-color-action);
      }
    `,
  ];
  override render() {
    return html`<p>probe</p>`;
  }
}
customElements.define('uw-theme-token-probe', TokenProbe);

describe('theme: defaults declared on :host', () => {
  it('apply the default palette, and page CSS on the element overrides them', async () => {
    const el = await fixture<TokenProbe>(html`<uw-theme-token-probe></uw-theme-token-probe>`);
    const p = el.shadowRoot!.querySelector('p')!;
    expect(getComputedStyle(p).color).to.equal(rgb(LIGHT_PALETTE.action));
    const style = document.createElement('style');
    style.textContent = 'uw-theme-token-probe { --uw-color-action: rgb(7, 8, 9) }';
    document.head.append(style);
    try {
      expect(getComputedStyle(p).color).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });
});
