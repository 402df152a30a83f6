// "Google Drive": a button that signs the person in to Google (Google Identity Services, a popup)
// and opens Google's Picker (google-drive-api.ts). Drive's links are not public, so the picked
// files' bytes are fetched here with the person's token, with progress in the tab, then go to the
// queue as Files, exactly as files from this device do. A file the queue would refuse (too big, a
// format not allowed, more than maxFiles) is not fetched: a stand-in of its name, type and size
// goes to the queue, which refuses it with its usual reason. The site needs an OAuth client ID
// (`googleDriveClientId`), an API key (`googleApiKey`) and a secure page; without them the tab says why.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { formatBytes } from '../i18n/format.js';
import { kindOf } from '../core/file-kind.js';
import { checkFormatAndSize } from '../core/validate.js';
import { element } from '../define.js';
import { intent } from '../dispatch.js';
import { localized } from '../i18n/language.js';
import type { WidgetOptions } from '../options.js';
import { cssProps } from '../views/css-props.js';
import { progressStyles } from '../views/shared-styles.js';
import {
  DRIVE_API_URL,
  DriveProblem,
  type DrivePlan,
  GAPI_URL,
  GIS_URL,
  currentToken,
  dropToken,
  fetchFile,
  loadGoogle,
  loadedGoogle,
  pick,
  pickerMimeTypes,
  planOf,
  projectNumberOf,
  requestToken,
} from './google-drive-api.js';
import { providerPanelStyles, sourceStyles } from './source-styles.js';

type Block = 'no-setup' | 'insecure' | null;

/** One file being fetched: what the tab shows while its bytes arrive. */
interface Fetching {
  readonly name: string;
  readonly loaded: number;
  /** 0 while unknown (exports). */
  readonly total: number;
  readonly done: boolean;
}

/** The problem in the widget's words. */
function problemText(p: unknown): string {
  if (!(p instanceof DriveProblem)) return msg('Google Drive could not be reached, so its file picker did not open. Check your connection and try again.');
  const name = p.file;
  switch (p.code) {
    case 'popup-closed':
      return msg('The Google sign-in window was closed before access was given. Try again to sign in.');
    case 'popup-blocked':
      return msg('The browser blocked the Google sign-in window. Allow pop-ups for this site and try again.');
    case 'access-denied':
      return msg('Access to your Google Drive files was not given, so nothing was picked.');
    case 'auth-failed':
      return msg("Google did not sign you in for this site. The site's owner needs to check its Google set-up.");
    case 'picker-failed':
      return msg("Google Drive's file picker ran into a problem. Try again.");
    case 'expired':
      return msg(str`${name}: your Google sign-in has expired. Choose the file again to sign in again.`);
    case 'rate-limit':
      return msg(str`${name}: Google Drive is getting too many requests right now. Try again in a minute.`);
    case 'export-too-large':
      return msg(str`${name}: Google Drive exports documents of up to 10 MB only. Download it from Google Drive and upload it from this device instead.`);
    case 'not-exportable':
      return msg(str`${name}: this kind of Google file cannot be downloaded.`);
    case 'forbidden':
      return msg(str`${name}: Google Drive did not let this site read the file.`);
    case 'unreachable':
      return msg(str`${name}: Google Drive could not be reached. Check your connection and try again.`);
    default: {
      const status = p.status;
      return msg(str`${name}: Google Drive could not send the file (error ${status}). Try again later.`);
    }
  }
}

/** A File the queue refuses by its own rules; its bytes are never read (they were never fetched). */
function standIn(plan: DrivePlan): File {
  const file = new File([], plan.name, { type: plan.type });
  Object.defineProperty(file, 'size', { value: plan.size });
  return file;
}

/**
 * @fires files-picked - detail: the picked files, fetched from Google Drive (Files).
 * @csspart google-drive-button - the "Choose from Google Drive" button.
 */
@element('uw-google-drive-source')
@localized()
export class GoogleDriveSource extends LitElement {
  @property({ attribute: false }) options?: WidgetOptions;
  @property({ type: Boolean, reflect: true }) active = false;
  /** What went wrong, said under the button. */
  @state() private problems: string[] = [];
  /** Files whose bytes are arriving. */
  @state() private fetching: Fetching[] = [];
  @query('[part=google-drive-button]') private button?: HTMLButtonElement;
  @query('.stop') private stopButton?: HTMLButtonElement;
  /** Signing in or picking: a second click does not open a second popup. */
  private busy = false;
  private warned = false;
  private abort?: AbortController;

  static override styles = [
    sourceStyles,
    providerPanelStyles,
    progressStyles,
    css`
      .fetching {
        display: flex;
        flex-direction: column;
        gap: var(--uw-space-2, 12px);
        inline-size: min(100%, 28rem);
        text-align: start;
      }
      .fetching h3 {
        margin: 0;
        font-size: 1em;
      }
      ul {
        display: flex;
        flex-direction: column;
        gap: var(--uw-space-2, 12px);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 4px var(--uw-space-1, 8px);
      }
      .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .bytes {
        font-variant-numeric: tabular-nums;
      }
      .track {
        grid-column: 1 / -1;
      }
      .unknown .fill {
        animation: uw-drive-pulse 1.2s ease-in-out infinite alternate;
      }
      @keyframes uw-drive-pulse {
        from {
          opacity: 0.35;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .unknown .fill {
          animation: none;
        }
      }
      .stop {
        align-self: center;
      }
    `,
  ];

  private get clientId() {
    return this.options?.googleDriveClientId?.trim() ?? '';
  }
  private get apiKey() {
    return this.options?.googleApiKey?.trim() ?? '';
  }
  private get appId() {
    return this.options?.googleDriveAppId?.trim() || projectNumberOf(this.clientId);
  }

  private get block(): Block {
    if (!this.clientId || !this.apiKey || !this.appId) return 'no-setup';
    return globalThis.isSecureContext === false ? 'insecure' : null;
  }

  private get urls() {
    return { identity: this.options?.googleIdentityScriptUrl || GIS_URL, api: this.options?.googleDriveScriptUrl || GAPI_URL };
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('active') && !changed.has('options')) return;
    const block = this.block;
    if (block === 'no-setup' && this.options && !this.warned) {
      this.warned = true;
      const missing = [
        !this.clientId && 'googleDriveClientId (an OAuth client ID)',
        !this.apiKey && 'googleApiKey (an API key with the Google Picker API)',
        this.clientId && !this.appId && 'googleDriveAppId (the Cloud project number)',
      ].filter(Boolean);
      console.warn(`[upload-widget] The google_drive source needs ${missing.join(' and ')}: see https://console.cloud.google.com/apis/credentials.`);
    }
    // Loaded as soon as the tab shows, so a click opens Google's popup at once (a popup opened later than the click is blocked).
    if (this.active && !block) loadGoogle(this.urls).catch(() => {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  /** What the site has not given, named: a client ID and API key given still need the project number. */
  private missingText() {
    if (!this.clientId && !this.apiKey) return msg('Google Drive is not set up on this site: it needs a Google client ID and API key.');
    if (!this.clientId) return msg('Google Drive is not set up on this site: it needs a Google client ID (googleDriveClientId).');
    if (!this.apiKey) return msg('Google Drive is not set up on this site: it needs a Google API key (googleApiKey).');
    return msg('Google Drive is not set up on this site: it needs the Google Cloud project number (googleDriveAppId).');
  }

  override render() {
    const block = this.block;
    return html`<div class="panel">
      <p>${msg('Choose files from your Google Drive. They are copied through this browser, then uploaded.')}</p>
      ${
        block === 'insecure'
          ? html`<p class="error">${msg('Google Drive opens only on secure pages. Open this page at its https:// address to choose files from Google Drive.')}</p>`
          : block === 'no-setup'
            ? html`<p class="error">${this.missingText()}</p>`
            : this.fetching.length
              ? this.renderFetching()
              : html`<div class="actions">
                  <button
                    part="google-drive-button"
                    type="button"
                    aria-describedby=${this.problems.length ? 'google-drive-error' : nothing}
                    @click=${this.choose}
                  >
                    ${msg('Choose from Google Drive')}
                  </button>
                </div>`
      }
      ${
        this.problems.length && !block
          ? html`<div id="google-drive-error" class="error" role="alert">${this.problems.map((p) => html`<p>${p}</p>`)}</div>`
          : nothing
      }
    </div>`;
  }

  private renderFetching() {
    return html`<div class="fetching">
      <div role="status"><h3>${msg('Fetching from Google Drive…')}</h3></div>
      <ul>
        ${this.fetching.map((f) => {
          const fraction = f.done ? 1 : f.total ? Math.min(1, f.loaded / f.total) : 0.3;
          return html`<li class=${f.total || f.done ? '' : 'unknown'}>
            <span class="name" title=${f.name}>${f.name}</span>
            <span class="bytes">${f.total ? msg(str`${formatBytes(f.loaded)} of ${formatBytes(f.total)}`) : formatBytes(f.loaded)}</span>
            <span
              class="track"
              role="progressbar"
              aria-label=${f.name}
              aria-valuemin="0"
              aria-valuemax="100"
              aria-valuenow=${f.total || f.done ? Math.round(fraction * 100) : nothing}
            ><span class="fill" ${cssProps({ '--uw-fraction': fraction })}></span></span>
          </li>`;
        })}
      </ul>
      <button class="stop secondary" type="button" @click=${this.stop}>${msg('Cancel')}</button>
    </div>`;
  }

  private stop = () => {
    this.abort?.abort();
  };

  private async choose() {
    if (this.busy || this.block) return;
    this.busy = true;
    // A message from an earlier try goes, so a second failure is announced again.
    this.problems = [];
    try {
      // Inside the click: the sign-in popup must open now, so the scripts loaded when the tab showed.
      const google = loadedGoogle() ?? (await loadGoogle(this.urls));
      const token = currentToken(this.clientId) ?? (await requestToken(google.identity, this.clientId));
      const o = this.options;
      const maxItems = o?.multiple === false ? 1 : (o?.maxFiles ?? Infinity);
      const docs = await pick(google.picker, {
        token,
        apiKey: this.apiKey,
        appId: this.appId,
        maxItems: Math.max(1, maxItems),
        mimeTypes: pickerMimeTypes(o?.clientAllowedFormats),
        locale: o?.language,
      });
      if (!docs) {
        this.button?.focus();
        return;
      }
      if (docs.length) await this.fetchAll(docs, token, google.identity);
    } catch (e) {
      if (!(e instanceof DriveProblem))
        console.error("[upload-widget] Google's scripts could not be loaded (are their addresses allowed by the Content-Security-Policy's script-src?):", e);
      else console.error('[upload-widget] Google Drive:', e.message);
      this.problems = [problemText(e)];
    } finally {
      this.busy = false;
    }
  }

  /** Fetches the picked files one after the other, then hands them to the queue as one batch. */
  private async fetchAll(docs: readonly Parameters<typeof planOf>[0][], firstToken: string, identity: Parameters<typeof requestToken>[0]) {
    const o = this.options!;
    const limit = o.multiple === false ? 1 : (o.maxFiles ?? Infinity);
    const plans = docs.map(planOf);
    const fetched: Array<File | undefined> = plans.map(() => undefined);
    const problems: string[] = [];
    // What the queue would refuse is not fetched; a stand-in gets the queue's usual refusal.
    const refused = (plan: DrivePlan, index: number) => index >= limit || !!checkFormatAndSize({ ...plan, kind: kindOf(plan.name, plan.type) }, o);
    const toFetch = plans.map((p, i) => (p instanceof DriveProblem || refused(p, i) ? undefined : p));
    this.fetching = toFetch.flatMap((p) => (p ? [{ name: p.name, loaded: 0, total: p.size, done: false }] : []));
    const abort = (this.abort = new AbortController());
    let token = firstToken;
    let renewed = false;
    if (this.fetching.length) void this.updateComplete.then(() => this.stopButton?.focus());
    try {
      let row = 0;
      for (const [i, plan] of toFetch.entries()) {
        if (!plan) continue;
        const at = row++;
        // A redraw per tenth of a second at most, however small the chunks; the latest figures always shown.
        let scheduled = false;
        let latest = { loaded: 0, total: plan.size };
        const show = () => {
          scheduled = false;
          this.fetching = this.fetching.map((f, j) => (j === at && !f.done ? { ...f, ...latest } : f));
        };
        const progress = (loaded: number, total: number) => {
          latest = { loaded, total };
          if (!scheduled) setTimeout(show, 100);
          scheduled = true;
        };
        const get = () => fetchFile(plan, { apiUrl: o.googleDriveApiUrl || DRIVE_API_URL, token, signal: abort.signal, progress });
        try {
          let file: File;
          try {
            file = await get();
          } catch (e) {
            // Expired or revoked while fetching: a new token once, then the words.
            if (!(e instanceof DriveProblem && e.code === 'expired') || renewed) throw e;
            renewed = true;
            dropToken(this.clientId);
            token = await requestToken(identity, this.clientId);
            file = await get();
          }
          fetched[i] = file;
          this.fetching = this.fetching.map((f, j) => (j === at ? { ...f, loaded: file.size, total: file.size, done: true } : f));
        } catch (e) {
          if (abort.signal.aborted) throw e;
          console.error('[upload-widget] Google Drive:', e instanceof Error ? e.message : e);
          problems.push(problemText(e instanceof DriveProblem ? e : new DriveProblem('unreachable', plan.name)));
          if (e instanceof DriveProblem && e.code === 'expired') dropToken(this.clientId);
        }
      }
    } catch {
      // Cancelled: nothing goes to the queue.
      this.fetching = [];
      await this.updateComplete;
      this.button?.focus();
      return;
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    for (const p of plans) if (p instanceof DriveProblem) problems.unshift(problemText(p));
    // In the order picked: fetched files, and stand-ins for what the queue refuses; failed fetches are said above.
    const files: File[] = [];
    for (const [i, p] of plans.entries()) {
      if (p instanceof DriveProblem) continue;
      const file = fetched[i] ?? (toFetch[i] ? undefined : standIn(p));
      if (file) files.push(file);
    }
    this.fetching = [];
    this.problems = problems;
    if (files.length) intent(this, 'files-picked', files);
    else {
      await this.updateComplete;
      this.button?.focus();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-google-drive-source': GoogleDriveSource;
  }
}
