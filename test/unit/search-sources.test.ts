// The remote search sources' adapters: how each provider's error answers are read, and the
// shared grid's rules (at most maxFiles picked, one with multiple: false, pages, Unsplash's
// download tracking) with the provider's answers given by a stubbed fetch. The whole flow against
// local fakes of the providers is test/e2e/remote-sources.e2e.test.mjs.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/sources/image-search-source.js';
import '../../src/sources/unsplash-source.js';
import { googleProblem } from '../../src/sources/image-search-source.js';
import { unsplashProblem } from '../../src/sources/unsplash-source.js';
import { safeHit } from '../../src/sources/search-source.js';
import type { UnsplashSource } from '../../src/sources/unsplash-source.js';
import { DEFAULT_OPTIONS, type WidgetOptions } from '../../src/options.js';
import { until } from './helpers.js';

const googleError = (code: number, status: string, reason: string, details: unknown[] = []) =>
  JSON.stringify({ error: { code, message: 'm', errors: [{ message: 'm', domain: 'global', reason }], status, details } });

describe('search sources: reading the providers’ errors', () => {
  it('Google: an invalid key, a key without the API, quota exceeded (429 or 403), anything else', () => {
    expect(googleProblem(400, googleError(400, 'INVALID_ARGUMENT', 'badRequest', [{ reason: 'API_KEY_INVALID' }]))).to.equal('key');
    expect(googleProblem(403, googleError(403, 'PERMISSION_DENIED', 'accessNotConfigured'))).to.equal('key');
    expect(googleProblem(429, googleError(429, 'RESOURCE_EXHAUSTED', 'rateLimitExceeded'))).to.equal('quota');
    expect(googleProblem(403, googleError(403, 'PERMISSION_DENIED', 'dailyLimitExceeded'))).to.equal('quota');
    expect(googleProblem(400, googleError(400, 'INVALID_ARGUMENT', 'badRequest'))).to.equal('status');
    expect(googleProblem(500, 'not json')).to.equal('status');
  });

  it('Unsplash: 401 a wrong key, 403 "Rate Limit Exceeded" over the limit, 403 otherwise the key', () => {
    expect(unsplashProblem(401, '{"errors":["OAuth error: The access token is invalid"]}')).to.equal('key');
    expect(unsplashProblem(403, 'Rate Limit Exceeded')).to.equal('quota');
    expect(unsplashProblem(403, '{"errors":["Forbidden"]}')).to.equal('key');
    expect(unsplashProblem(500, '')).to.equal('status');
  });
});

describe('search sources: the grid', () => {
  const realFetch = window.fetch;
  let calls: Array<{ url: string; auth: string | null }> = [];
  const photo = (i: number) => ({
    id: `p${i}`,
    alt_description: `photo ${i}`,
    urls: { full: `https://images.example/p${i}.jpg`, small: `data:image/gif;base64,R0lGODlhAQABAAAAACw=` },
    links: { download_location: `https://api.unsplash.com/photos/p${i}/download?ixid=1` },
    user: { name: `Person ${i}`, links: { html: `https://unsplash.com/@p${i}` } },
  });

  beforeEach(() => {
    calls = [];
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, auth: new Headers(init?.headers).get('Authorization') });
      if (url.includes('/search/photos')) {
        const page = Number(new URL(url).searchParams.get('page'));
        return new Response(JSON.stringify({ total: 20, total_pages: 2, results: [1, 2, 3].map((i) => photo(i + (page - 1) * 3)) }));
      }
      return new Response('{}');
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  async function searched(options: Partial<WidgetOptions>) {
    const el = await fixture<UnsplashSource>(
      html`<uw-unsplash-source .options=${{ ...DEFAULT_OPTIONS, unsplashAccessKey: 'k', ...options }} active></uw-unsplash-source>`,
    );
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('#q')!.value = 'sea';
    root.querySelector('form')!.requestSubmit();
    await until(() => root.querySelectorAll('.pick').length === 3, 'three results', 3000);
    return { el, root, boxes: () => [...root.querySelectorAll<HTMLInputElement>('.pick')] };
  }

  it('asks through the proxy base with the key; picks within maxFiles; tracks downloads through the same base', async () => {
    const { el, root, boxes } = await searched({ maxFiles: 2, unsplashApiUrl: 'https://proxy.example/u/' });
    expect(calls[0].url).to.equal('https://proxy.example/u/search/photos?query=sea&page=1&per_page=12');
    expect(calls[0].auth).to.equal('Client-ID k');
    for (const box of boxes()) box.click();
    await el.updateComplete;
    expect(boxes().map((b) => b.checked)).to.deep.equal([true, true, false]);
    expect(root.querySelector('[role=alert]')!.textContent).to.contain('You can pick at most 2 images.');
    const picked = new Promise<string[]>((resolve) => el.addEventListener('files-picked', (e) => resolve((e as CustomEvent).detail), { once: true }));
    root.querySelector<HTMLButtonElement>('[part=upload-button]')!.click();
    expect(await picked).to.deep.equal(['https://images.example/p1.jpg', 'https://images.example/p2.jpg']);
    expect(calls.slice(1).map((c) => c.url)).to.deep.equal([
      'https://proxy.example/u/photos/p1/download?ixid=1',
      'https://proxy.example/u/photos/p2/download?ixid=1',
    ]);
  });

  it('with multiple: false a second pick replaces the first; Next asks for page 2 and keeps the pick', async () => {
    const { el, root, boxes } = await searched({ multiple: false });
    boxes()[0].click();
    boxes()[1].click();
    await el.updateComplete;
    expect(boxes().map((b) => b.checked)).to.deep.equal([false, true, false]);
    root.querySelector<HTMLButtonElement>('[part=next]')!.click();
    await until(() => root.querySelector('img')?.getAttribute('alt') === 'photo 4', 'the second page', 3000);
    expect(calls.at(-1)!.url).to.contain('page=2');
    expect(root.querySelector<HTMLButtonElement>('[part=next]')!.disabled).to.equal(true);
    expect(root.querySelector('[part=upload-button]')!.textContent!.trim()).to.equal('Upload 1 image');
  });

  it('only http(s) addresses from the API become links or image sources: a javascript: credit link, thumbnail or photo does not', async () => {
    const evil = 'javascript:alert(document.domain)';
    window.fetch = async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push({ url, auth: null });
      const results = [
        { ...photo(1), user: { name: 'Mallory', links: { html: evil } } },
        { ...photo(2), urls: { full: 'https://images.example/p2.jpg', small: evil } },
        { ...photo(3), urls: { full: evil, small: 'https://images.example/p3.jpg' } },
        photo(4),
      ];
      return new Response(JSON.stringify({ total: 4, total_pages: 1, results }));
    };
    const el = await fixture<UnsplashSource>(html`<uw-unsplash-source .options=${{ ...DEFAULT_OPTIONS, unsplashAccessKey: 'k' }} active></uw-unsplash-source>`);
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('#q')!.value = 'sea';
    root.querySelector('form')!.requestSubmit();
    await until(() => root.querySelectorAll('.pick').length === 3, 'the three safe results', 3000);
    // The photo whose address is javascript: is left out; no attribute anywhere holds one.
    const attributes = [...root.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.value));
    expect(attributes.filter((v) => /^\s*javascript:/i.test(v))).to.deep.equal([]);
    const credits = [...root.querySelectorAll('.credit')];
    expect(credits[0].textContent).to.contain('Mallory');
    expect(credits[0].querySelector('a')!.hasAttribute('href')).to.equal(false);
    expect(credits[1].querySelector('a')!.getAttribute('href')).to.match(/^https:\/\/unsplash\.com\/@p2\?/);
    expect(root.querySelectorAll('img')[1].hasAttribute('src')).to.equal(false);
    expect(safeHit({ id: 'x', url: 'data:text/html,hi', thumb: 'https://a.example/t.jpg', alt: '' })).to.deep.equal([]);
    expect(safeHit({ id: 'y', url: 'https://a.example/y.jpg', thumb: 'vbscript:x', alt: '' })[0].thumb).to.equal('');
  });
});
