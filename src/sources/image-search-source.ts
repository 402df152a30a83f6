// "Image search": Google's Custom Search JSON API (searchType=image) with the site's
// `googleApiKey` and search engine (`googleSearchEngineId`). `searchBySites` limits the search to
// sites (a picker when there are several); `searchByRights` adds the usage-rights filter.
// Picked images upload by their web address.
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { element } from '../define.js';
import { localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { type ProblemKind, SearchProblem, SearchSource, type SearchPage, getJson } from './search-source.js';

export const GOOGLE_SEARCH_URL = 'https://www.googleapis.com/customsearch/v1';
/** Google gives 10 results a request and at most 100 for a query (start + num ≤ 100). */
const PER_PAGE = 10;
const LAST_START = 91;

/** Cloudinary's usage-rights choices, as Google's `rights` values. */
const RIGHTS: Record<string, string> = {
  free: 'cc_publicdomain|cc_attribute|cc_sharealike|cc_noncommercial|cc_nonderived',
  free_com: 'cc_publicdomain|cc_attribute|cc_sharealike|cc_nonderived',
  free_mod: 'cc_publicdomain|cc_attribute|cc_sharealike|cc_noncommercial',
  free_mod_com: 'cc_publicdomain|cc_attribute|cc_sharealike',
};

interface GoogleItem {
  title?: string;
  link: string;
  image?: { thumbnailLink?: string };
}

/** Google's error answers: 400 API_KEY_INVALID, 403 for a key without the API, 429 or 403 over quota. */
export function googleProblem(status: number, body: string): ProblemKind {
  let reasons = '';
  try {
    const error = JSON.parse(body).error ?? {};
    reasons = JSON.stringify([error.status, error.errors, error.details]);
  } catch {
    /* not Google's JSON */
  }
  if (status === 429 || /RESOURCE_EXHAUSTED|rateLimitExceeded|dailyLimitExceeded|quotaExceeded|userRateLimitExceeded/.test(reasons)) return 'quota';
  if (status === 401 || status === 403 || /API_KEY_INVALID|keyInvalid/.test(reasons)) return 'key';
  return 'status';
}

/** @fires files-picked - detail: the picked images' web addresses. */
@element('uw-image-search-source')
@localized()
export class ImageSearchSource extends SearchSource {
  @state() private site = '';
  @state() private rights = '';

  private get sites(): string[] {
    const sites = this.options?.searchBySites;
    return sites?.length ? sites : ['all'];
  }

  /** The one site searched when there is no picker, or the picked one; '' for all. */
  private get chosenSite(): string {
    const sites = this.sites;
    const site = sites.length > 1 ? this.site || sites[0] : sites[0];
    return site === 'all' ? '' : site;
  }

  protected fieldLabel() {
    return t('image_search.main_title', msg('Search the web for images'));
  }

  protected override placeholder() {
    const site = this.chosenSite;
    return site ? t('image_search.customPlaceholder', msg(str`Search ${site}`), { site }) : t('image_search.inputPlaceholder', msg('Search for images'));
  }

  protected override filters() {
    const sites = this.sites;
    const picker =
      sites.length > 1
        ? html`<label>
            ${msg('Site')}
            <select part="site" @change=${(e: Event) => this.choose('site', e)}>
              ${sites.map((s) => html`<option value=${s} ?selected=${s === (this.site || sites[0])}>${s === 'all' ? t('image_search.all', msg('All sites')) : s}</option>`)}
            </select>
          </label>`
        : nothing;
    const rights = this.options?.searchByRights
      ? html`<label>
          ${t('image_search.rights', msg('Usage rights'))}
          <select part="rights" @change=${(e: Event) => this.choose('rights', e)}>
            <option value="">${t('image_search.rights_options.not_filtered', msg('Not filtered by license'))}</option>
            <option value="free">${t('image_search.rights_options.free', msg('Free to use or share'))}</option>
            <option value="free_com">${t('image_search.rights_options.free_com', msg('Free to use or share, even commercially'))}</option>
            <option value="free_mod">${t('image_search.rights_options.free_mod', msg('Free to use, share or modify'))}</option>
            <option value="free_mod_com">${t('image_search.rights_options.free_mod_com', msg('Free to use, share or modify, even commercially'))}</option>
          </select>
        </label>`
      : nothing;
    return picker === nothing && rights === nothing ? nothing : html`<div class="filters">${picker}${rights}</div>`;
  }

  private choose(which: 'site' | 'rights', e: Event) {
    this[which] = (e.target as HTMLSelectElement).value;
    this.again();
  }

  protected async fetchPage(q: string, page: number, signal: AbortSignal): Promise<SearchPage> {
    const o = this.options;
    if (!o?.googleApiKey || !o.googleSearchEngineId) throw new SearchProblem('setup', 0, 'googleApiKey, googleSearchEngineId');
    const start = (page - 1) * PER_PAGE + 1;
    const params = new URLSearchParams({
      key: o.googleApiKey,
      cx: o.googleSearchEngineId,
      q,
      searchType: 'image',
      num: String(PER_PAGE),
      start: String(start),
    });
    const site = this.chosenSite;
    if (site) {
      params.set('siteSearch', site);
      params.set('siteSearchFilter', 'i');
    }
    if (this.rights && RIGHTS[this.rights]) params.set('rights', RIGHTS[this.rights]);
    const data = (await getJson(`${o.imageSearchApiUrl || GOOGLE_SEARCH_URL}?${params}`, { signal }, googleProblem)) as {
      items?: GoogleItem[];
      queries?: { nextPage?: unknown[] };
    };
    const hits = (data.items ?? []).map((item, i) => ({
      id: `${start + i}:${item.link}`,
      url: item.link,
      thumb: item.image?.thumbnailLink || item.link,
      alt: item.title || msg('Image found on the web'),
    }));
    return { hits, hasNext: !!data.queries?.nextPage?.length && start + PER_PAGE <= LAST_START };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-image-search-source': ImageSearchSource;
  }
}
