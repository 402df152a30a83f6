// The view that image search and Unsplash share: a search field, a grid of results, multi-select
// within maxFiles, paging and an error line. Each provider is a small subclass that asks its API
// for one page of results (`fetchPage`) and may add filters or credits. Picked images go up as
// web addresses (`files-picked` with strings): the upload server fetches them.
//
// Keyboard: the grid is one Tab stop (a checkbox per result, roving tabindex); arrow keys move
// between results (Up/Down by rows), Home/End to the ends, Space picks.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { currentLanguage } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { plural } from '../i18n/plural.js';
import { safeUrl } from '../core/protocol.js';
import { intent } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import { sourceStyles } from './source-styles.js';

/** One result: what the grid shows and the address that is uploaded. */
export interface SearchHit {
  readonly id: string;
  readonly thumb: string;
  readonly url: string;
  readonly alt: string;
  /** Provider-specific data (Unsplash: the photographer and the download tracking address). */
  readonly extra?: Record<string, string>;
}

export interface SearchPage {
  readonly hits: SearchHit[];
  readonly hasNext: boolean;
}

/**
 * A provider's hit as the grid may show it: its addresses pass safeUrl (http(s) only), the one
 * check for every address that becomes a link or an image source. A hit whose address is not
 * http(s) is left out; one whose thumbnail is not shows none.
 */
export function safeHit(hit: SearchHit): SearchHit[] {
  const url = safeUrl(hit.url);
  return url ? [{ ...hit, url, thumb: safeUrl(hit.thumb) ?? '' }] : [];
}

/** What went wrong, in kinds a person can act on. */
export type ProblemKind = 'setup' | 'key' | 'quota' | 'network' | 'status';

export class SearchProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly status = 0,
    /** For `setup`: the options the site must set. */
    readonly needs = '',
  ) {
    super(`${kind} ${status} ${needs}`.trim());
  }
}

/** GETs JSON; an answer that is not 2xx becomes the SearchProblem `classify` picks from its status and body. */
export async function getJson(url: string, init: RequestInit, classify: (status: number, body: string) => ProblemKind): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new SearchProblem('network');
  }
  const body = await res.text();
  if (!res.ok) throw new SearchProblem(classify(res.status, body), res.status);
  try {
    return JSON.parse(body);
  } catch {
    throw new SearchProblem('status', res.status);
  }
}

function problemText(p: unknown): string {
  if (!(p instanceof SearchProblem)) return msg('The service could not be reached. Check the connection and try again.');
  switch (p.kind) {
    case 'setup':
      return msg(str`This source is not set up on this site yet (it needs ${p.needs}).`);
    case 'key':
      return msg("The service refused this site's key. The site's owner needs to check it.");
    case 'quota':
      return msg('The service has had too many searches for now. Try again later.');
    case 'network':
      return msg('The service could not be reached. Check the connection and try again.');
    default:
      return msg(str`The search failed (error ${p.status}). Try again later.`);
  }
}

/**
 * @fires files-picked - detail: the picked images' web addresses (strings the upload server fetches).
 * @csspart field - the search field.
 * @csspart results - the grid of results.
 * @csspart upload-button - the button that uploads the picked images.
 */
export abstract class SearchSource extends LitElement {
  @property({ attribute: false }) options?: WidgetOptions;
  @property({ type: Boolean, reflect: true }) active = false;
  @state() protected hits: SearchHit[] = [];
  @state() protected page = 1;
  @state() protected hasNext = false;
  @state() protected busy = false;
  @state() protected problem = '';
  @state() protected searched = false;
  @state() protected picked = new Map<string, SearchHit>();
  @state() protected focusIndex = 0;
  @query('#q') private field!: HTMLInputElement;
  private query = '';
  private running?: AbortController;

  static override styles = [
    sourceStyles,
    css`
      label {
        font-weight: 600;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--uw-space-1, 8px);
        align-items: end;
      }
      .row input {
        flex: 1;
        min-inline-size: 10em;
      }
      input[type='search'],
      select {
        padding: 0.55em 0.8em;
        border: 1px solid var(--uw-color-window-border, #8493a5);
        border-radius: var(--uw-radius, 8px);
        background: var(--uw-color-window, #fff);
        color: var(--uw-color-text-dark, #000);
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--uw-space-1, 8px) var(--uw-space-2, 12px);
      }
      .filters label {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .status {
        margin: 0;
      }
      .status:empty {
        display: none;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
        gap: var(--uw-space-1, 8px);
      }
      li {
        position: relative;
        display: flex;
        flex-direction: column;
        gap: 4px;
        padding: 4px;
        border-radius: var(--uw-radius, 8px);
        background: var(--uw-color-window, #fff);
        box-shadow: inset 0 0 0 1px var(--uw-color-window-border, #8493a5);
      }
      li:has(.pick:checked) {
        box-shadow: inset 0 0 0 3px var(--uw-color-action, #c94d09);
      }
      li:has(.pick:focus-visible) {
        outline: 3px solid var(--uw-color-link, #0070ef);
        outline-offset: 2px;
      }
      .pick {
        position: absolute;
        inset-block-start: 8px;
        inset-inline-start: 8px;
        inline-size: 20px;
        block-size: 20px;
        min-block-size: 0;
        margin: 0;
      }
      .pick:focus-visible {
        outline: none;
      }
      li label {
        display: block;
        cursor: pointer;
      }
      img {
        display: block;
        inline-size: 100%;
        aspect-ratio: 1;
        object-fit: cover;
        border-radius: calc(var(--uw-radius, 8px) - 4px);
      }
      .credit {
        margin: 0;
        font-size: 0.8em;
        overflow-wrap: anywhere;
      }
      .credit a {
        color: var(--uw-color-link, #0070ef);
      }
      .pager {
        display: flex;
        justify-content: space-between;
        gap: var(--uw-space-1, 8px);
      }
    `,
  ];

  /** One page of results for `query` (pages count from 1). */
  protected abstract fetchPage(query: string, page: number, signal: AbortSignal): Promise<SearchPage>;
  /** The field's label. */
  protected abstract fieldLabel(): string;
  /** The field's placeholder. */
  protected placeholder(): string {
    return '';
  }
  /** Selects or other controls under the field. */
  protected filters(): TemplateResult | typeof nothing {
    return nothing;
  }
  /** A line under each result (Unsplash's attribution). */
  protected credit(_hit: SearchHit): TemplateResult | typeof nothing {
    return nothing;
  }
  /** Called with the picked results just before they are sent (Unsplash tracks downloads here). */
  protected picking(_hits: SearchHit[]): void {}

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.running?.abort();
  }

  private get limit(): number {
    const o = this.options;
    if (o?.multiple === false) return 1;
    return o?.maxFiles && o.maxFiles > 0 ? o.maxFiles : Number.POSITIVE_INFINITY;
  }

  override render() {
    const locale = currentLanguage().locale;
    const count = this.picked.size;
    return html`
      <div class="panel">
        <form role="search" novalidate @submit=${this.onSubmit}>
          <label for="q">${this.fieldLabel()}</label>
          <div class="row">
            <input id="q" part="field" type="search" enterkeyhint="search" autocomplete="off" placeholder=${this.placeholder() || nothing} />
            <button type="submit" part="search-button">${msg('Search')}</button>
          </div>
          ${this.filters()}
        </form>
        ${this.problem ? html`<p class="error" role="alert" part="error">${this.problem}</p>` : nothing}
        <p class="status" role="status">${
          this.busy ? msg('Searching…') : this.searched && !this.hits.length && !this.problem ? msg('No images found.') : ''
        }</p>
        ${
          this.hits.length
            ? html`<ul part="results" aria-label=${msg('Search results')} @keydown=${this.onGridKey}>
                ${repeat(
                  this.hits,
                  (hit) => hit.id,
                  (hit, i) => html`<li>
                    <input
                      class="pick"
                      type="checkbox"
                      id=${`hit-${i}`}
                      tabindex=${i === this.focusIndex ? '0' : '-1'}
                      .checked=${this.picked.has(hit.id)}
                      @change=${(e: Event) => this.toggle(hit, e.target as HTMLInputElement)}
                      @focus=${() => {
                        this.focusIndex = i;
                      }}
                    />
                    <label for=${`hit-${i}`}><img src=${hit.thumb || nothing} alt=${hit.alt} referrerpolicy="no-referrer" /></label>
                    ${this.credit(hit)}
                  </li>`,
                )}
              </ul>
              <div class="pager">
                <button type="button" class="secondary" part="previous" ?disabled=${this.page <= 1 || this.busy} @click=${() => this.turn(-1)}>
                  ${msg('Previous page')}
                </button>
                <button type="button" class="secondary" part="next" ?disabled=${!this.hasNext || this.busy} @click=${() => this.turn(1)}>
                  ${msg('Next page')}
                </button>
              </div>`
            : nothing
        }
        <div class="actions">
          <button type="button" part="upload-button" ?disabled=${!count} @click=${this.upload}>
            ${count ? plural(msg('one {Upload # image} other {Upload # images}'), count, locale) : t('actions.upload', msg('Upload'))}
          </button>
        </div>
      </div>
    `;
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const q = this.field.value.trim();
    if (!q) {
      this.field.focus();
      return;
    }
    this.query = q;
    this.page = 1;
    void this.load();
  }

  /** Runs the search again from page 1 (a filter changed). */
  protected again() {
    if (!this.query) return;
    this.page = 1;
    void this.load();
  }

  private turn(by: number) {
    this.page += by;
    void this.load();
  }

  private async load() {
    this.running?.abort();
    const running = (this.running = new AbortController());
    this.busy = true;
    this.problem = '';
    try {
      const result = await this.fetchPage(this.query, this.page, running.signal);
      if (running.signal.aborted) return;
      this.hits = result.hits.flatMap(safeHit);
      this.hasNext = result.hasNext;
      this.focusIndex = 0;
    } catch (e) {
      if (running.signal.aborted) return;
      this.hits = [];
      this.hasNext = false;
      this.problem = problemText(e);
    } finally {
      if (this.running === running) {
        this.busy = false;
        this.searched = true;
      }
    }
  }

  private toggle(hit: SearchHit, box: HTMLInputElement) {
    const picked = new Map(this.picked);
    this.problem = '';
    if (!box.checked) picked.delete(hit.id);
    else if (picked.size < this.limit) picked.set(hit.id, hit);
    else if (this.limit === 1) {
      picked.clear();
      picked.set(hit.id, hit);
      // The other box may not have rendered as checked yet: clear it in the DOM too.
      for (const other of this.renderRoot.querySelectorAll<HTMLInputElement>('.pick')) if (other !== box) other.checked = false;
    } else {
      box.checked = false;
      this.problem = plural(msg('one {You can pick at most # image.} other {You can pick at most # images.}'), this.limit, currentLanguage().locale);
    }
    this.picked = picked;
  }

  private onGridKey(e: KeyboardEvent) {
    const boxes = [...this.renderRoot.querySelectorAll<HTMLInputElement>('.pick')];
    const at = boxes.indexOf(e.target as HTMLInputElement);
    if (at < 0) return;
    const top = boxes[0].getBoundingClientRect().top;
    const columns = Math.max(1, boxes.filter((b) => Math.abs(b.getBoundingClientRect().top - top) < 2).length);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      Home: -at,
      End: boxes.length - 1 - at,
    };
    if (!(e.key in step)) return;
    e.preventDefault();
    const next = Math.min(boxes.length - 1, Math.max(0, at + step[e.key]));
    this.focusIndex = next;
    boxes[next].focus();
  }

  private upload() {
    const hits = [...this.picked.values()];
    if (!hits.length) return;
    this.picking(hits);
    this.picked = new Map();
    intent(
      this,
      'files-picked',
      hits.map((h) => h.url),
    );
  }
}
