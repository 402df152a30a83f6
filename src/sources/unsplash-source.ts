// "Unsplash": search Unsplash's photos and pick some. As Unsplash's API guidelines require, each
// photo is credited ("Photo by <name> on Unsplash", both linked) and a picked photo's download
// is tracked (GET its links.download_location). The access key (`unsplashAccessKey`) is public
// in a page; a site that would rather keep it on its server sets `unsplashApiUrl` to its own
// proxy, which adds the `Authorization: Client-ID …` header, and gives no key.
import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { safeUrl } from '../core/protocol.js';
import { element } from '../define.js';
import { localized } from '../i18n/language.js';
import { type ProblemKind, type SearchHit, SearchProblem, SearchSource, type SearchPage, getJson } from './search-source.js';

export const UNSPLASH_API_URL = 'https://api.unsplash.com';
const PER_PAGE = 12;

interface UnsplashPhoto {
  id: string;
  alt_description?: string | null;
  description?: string | null;
  urls: { full: string; small?: string; thumb?: string };
  links: { download_location: string };
  user: { name: string; links: { html: string } };
}

/** Unsplash's errors: 401 for a wrong key, 403 "Rate Limit Exceeded" over the hourly limit. */
export function unsplashProblem(status: number, body: string): ProblemKind {
  if (status === 429 || /rate limit/i.test(body)) return 'quota';
  if (status === 401 || status === 403) return 'key';
  return 'status';
}

/**
 * Unsplash's links carry who sent the person (utm_source) and that it is a referral. An address
 * from the API that is not http(s) (a `javascript:` profile link) gives none: no link is made.
 */
export const referral = (url: unknown): string | undefined => {
  const safe = safeUrl(url);
  if (!safe) return undefined;
  const u = new URL(safe);
  u.searchParams.set('utm_source', location.hostname || 'upload_widget');
  u.searchParams.set('utm_medium', 'referral');
  return u.href;
};

/** @fires files-picked - detail: the picked photos' web addresses. */
@element('uw-unsplash-source')
@localized()
export class UnsplashSource extends SearchSource {
  private get base(): string {
    return (this.options?.unsplashApiUrl || UNSPLASH_API_URL).replace(/\/+$/, '');
  }

  private get headers(): Record<string, string> {
    const key = this.options?.unsplashAccessKey;
    return key ? { 'Accept-Version': 'v1', Authorization: `Client-ID ${key}` } : { 'Accept-Version': 'v1' };
  }

  protected fieldLabel() {
    return msg('Search Unsplash for free photos');
  }

  protected override credit(hit: SearchHit) {
    const name = hit.extra?.name ?? '';
    const profile = referral(hit.extra?.profile);
    const unsplash = referral('https://unsplash.com/');
    // Without an http(s) profile address the name is shown in an <a> with no href: not a link.
    return html`<p class="credit">${msg(html`Photo by <a href=${profile ?? nothing} target="_blank" rel="noopener">${name}</a> on <a href=${unsplash} target="_blank" rel="noopener">Unsplash</a>`)}</p>`;
  }

  protected async fetchPage(query: string, page: number, signal: AbortSignal): Promise<SearchPage> {
    const o = this.options;
    if (!o?.unsplashAccessKey && !o?.unsplashApiUrl) throw new SearchProblem('setup', 0, 'unsplashAccessKey');
    const params = new URLSearchParams({ query, page: String(page), per_page: String(PER_PAGE) });
    const data = (await getJson(`${this.base}/search/photos?${params}`, { signal, headers: this.headers }, unsplashProblem)) as {
      total_pages?: number;
      results?: UnsplashPhoto[];
    };
    const hits = (data.results ?? []).map((p) => ({
      id: p.id,
      url: p.urls.full,
      thumb: p.urls.small || p.urls.thumb || p.urls.full,
      alt: p.alt_description || p.description || msg('Photo from Unsplash'),
      extra: { name: p.user?.name ?? '', profile: p.user?.links?.html ?? '', track: safeUrl(p.links?.download_location) ?? '' },
    }));
    return { hits, hasNext: page < (data.total_pages ?? 0) };
  }

  /** Tells Unsplash each picked photo was downloaded (its guidelines ask for it); a failure stops nothing. */
  protected override picking(hits: SearchHit[]) {
    for (const hit of hits) {
      const track = hit.extra?.track;
      if (!track) continue;
      // Through the site's proxy when it has one, as the search went.
      const url = track.startsWith(UNSPLASH_API_URL) ? this.base + track.slice(UNSPLASH_API_URL.length) : track;
      fetch(url, { headers: this.headers }).catch(() => {});
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-unsplash-source': UnsplashSource;
  }
}
