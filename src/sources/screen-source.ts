// "Screen": the person shares a screen, a window or a tab (getDisplayMedia, after a press: browsers
// ask only then), sees it in a preview, and takes a still (JPEG) or records a clip (with the sound the
// browser shares, if any); either is reviewed before use. Stopping the share (here or in the
// browser's own bar) ends a recording and keeps it for review. Nothing is shared while the tab is
// hidden or the page is in the background.
import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg, str } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { intent } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import { captureFrame, formatClock, recordingFile, recordingType, stopStream } from './camera.js';
import { sourceStyles } from './source-styles.js';

type Mode = 'idle' | 'starting' | 'live' | 'recording' | 'still' | 'clip';
/** Why sharing is not possible: no API (phones, insecure pages), refused (also: the person cancelled), or another failure. */
type ScreenProblem = 'unsupported' | 'denied' | 'failed' | 'empty-recording';

const screenSupported = () => globalThis.isSecureContext === true && typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/**
 * @fires files-picked - detail: [File], the still (image/jpeg) or the clip (video/webm or video/mp4).
 * @csspart preview - the shared screen, live.
 * @csspart capture - the still or clip under review.
 */
@element('uw-screen-source')
@localized()
export class ScreenSource extends LitElement {
  @property({ attribute: false }) options?: WidgetOptions;
  @property({ type: Boolean, reflect: true }) active = false;
  /** Clips stop by themselves after this many seconds. */
  @property({ type: Number, attribute: 'max-recording-seconds' }) maxRecordingSeconds = 300;

  @state() private mode: Mode = 'idle';
  @state() private problem?: ScreenProblem;
  @state() private elapsed = 0;
  @state() private capturedUrl = '';
  @query('video.live') private video?: HTMLVideoElement;

  private captured: File | null = null;
  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private clock?: ReturnType<typeof setInterval>;
  private session = 0;

  static override styles = [
    sourceStyles,
    css`
      .stage {
        display: flex;
        justify-content: center;
        border-radius: var(--uw-radius, 8px);
        overflow: hidden;
        background: var(--uw-color-text-dark, #000);
      }
      video,
      img {
        display: block;
        max-inline-size: 100%;
        max-block-size: 260px;
      }
      .clock,
      .status {
        margin: 0;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      .clock::before {
        content: '';
        display: inline-block;
        inline-size: 0.7em;
        block-size: 0.7em;
        margin-inline-end: 0.4em;
        border-radius: 50%;
        background: var(--uw-color-error, #d73a2f);
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopSharing();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    // Shown again: nothing starts by itself (sharing needs the person's press).
    if (changed.has('active') && !this.active) this.stopSharing();
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden' && this.mode === 'live') this.stopSharing();
  };

  private async share(): Promise<void> {
    const session = ++this.session;
    this.problem = undefined;
    if (!screenSupported()) {
      this.problem = 'unsupported';
      return;
    }
    this.mode = 'starting';
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
      if (session !== this.session) return stopStream(stream);
      this.stream = stream;
      // Stopped from the browser's own "Stop sharing" bar: a recording ends and is kept.
      stream.getVideoTracks()[0]?.addEventListener('ended', () => {
        if (this.stream === stream) this.stopSharing();
      });
      this.mode = 'live';
      await this.updateComplete;
      if (this.video) {
        this.video.srcObject = stream;
        await this.video.play().catch(() => {});
      }
      this.focusAfterRender('[part~=take-still]');
    } catch (error) {
      if (session !== this.session) return;
      this.mode = 'idle';
      const name = (error as Error)?.name;
      this.problem = name === 'NotAllowedError' || name === 'AbortError' ? 'denied' : 'failed';
    }
  }

  /** Stops sharing: every track ends (the browser's sharing indicator goes); a recording in progress is kept for review. */
  private stopSharing() {
    this.session++;
    if (this.recorder?.state === 'recording') this.recorder.stop();
    this.release();
    if (this.mode === 'starting' || this.mode === 'live') this.mode = 'idle';
  }

  private release() {
    stopStream(this.stream);
    this.stream = null;
    if (this.video) this.video.srcObject = null;
  }

  private async takeStill() {
    if (!this.video) return;
    try {
      this.review(await captureFrame(this.video, new Date(), 'screen'), 'still');
    } catch {
      // No frame yet: the press did nothing this time.
    }
  }

  private startRecording() {
    const type = recordingType();
    const stream = this.stream;
    if (!type || !stream) return;
    const recorder = new MediaRecorder(stream, { mimeType: type });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    recorder.onstop = () => {
      clearInterval(this.clock);
      this.recorder = null;
      const file = recordingFile(chunks, recorder.mimeType || type, new Date(), 'screen');
      if (file.size) this.review(file, 'clip');
      else {
        this.release();
        this.mode = 'idle';
        this.problem = 'empty-recording';
      }
    };
    this.recorder = recorder;
    recorder.start(1000);
    this.mode = 'recording';
    this.elapsed = 0;
    const startedAt = performance.now();
    this.clock = setInterval(() => {
      this.elapsed = (performance.now() - startedAt) / 1000;
      if (this.elapsed >= this.maxRecordingSeconds) this.stopRecording();
    }, 250);
    this.focusAfterRender('[part~=stop-recording]');
  }

  private stopRecording() {
    clearInterval(this.clock);
    if (this.recorder?.state === 'recording') this.recorder.stop();
  }

  /** Shows a capture for review; sharing stops meanwhile. */
  private review(file: File, kind: 'still' | 'clip') {
    this.session++;
    this.release();
    this.forgetCapture();
    this.captured = file;
    this.capturedUrl = URL.createObjectURL(file);
    this.mode = kind;
    this.focusAfterRender('[part~=use]');
  }

  private forgetCapture() {
    if (this.capturedUrl) URL.revokeObjectURL(this.capturedUrl);
    this.capturedUrl = '';
    this.captured = null;
  }

  private discard() {
    this.forgetCapture();
    this.mode = 'idle';
    this.focusAfterRender('[part~=share]');
  }

  private use() {
    const file = this.captured;
    this.forgetCapture();
    this.mode = 'idle';
    if (file) intent(this, 'files-picked', [file]);
  }

  private focusAfterRender(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  override render() {
    const live = this.mode === 'starting' || this.mode === 'live' || this.mode === 'recording';
    return html`<div class="panel">
      <div class="stage" ?hidden=${!live}>
        <video class="live" part="preview" autoplay playsinline .muted=${true} aria-label=${msg('What you share')}></video>
      </div>
      ${this.mode === 'starting' ? html`<p class="status" role="status">${msg('Choose a screen, window or tab to share…')}</p>` : nothing}
      ${
        this.mode === 'recording'
          ? html`<p class="clock" role="timer">${msg(str`Recording ${formatClock(this.elapsed)} of ${formatClock(this.maxRecordingSeconds)}`)}</p>`
          : nothing
      }
      ${this.mode === 'still' ? html`<div class="stage"><img part="capture" src=${this.capturedUrl} alt=${msg('The screenshot you took')} /></div>` : nothing}
      ${
        this.mode === 'clip'
          ? html`<div class="stage"><video part="capture" src=${this.capturedUrl} controls playsinline aria-label=${msg('The clip you recorded')}></video></div>`
          : nothing
      }
      ${this.problem ? this.renderProblem() : nothing} ${this.renderActions()}
    </div>`;
  }

  private renderActions() {
    switch (this.mode) {
      case 'idle':
        return this.problem === 'unsupported'
          ? nothing
          : html`<p class="status">${msg('Share a screen, a window or a tab, then take a screenshot or record a clip.')}</p>
              <div class="actions"><button part="share" type="button" @click=${this.share}>${msg('Share screen')}</button></div>`;
      case 'starting':
        return nothing;
      case 'live':
        return html`<div class="actions">
          <button part="take-still" type="button" @click=${this.takeStill}>${msg('Take screenshot')}</button>
          ${recordingType() ? html`<button part="start-recording" class="secondary" type="button" @click=${this.startRecording}>${msg('Record clip')}</button>` : nothing}
          <button part="stop-sharing" class="secondary" type="button" @click=${this.stopSharing}>${msg('Stop sharing')}</button>
        </div>`;
      case 'recording':
        return html`<div class="actions">
          <button part="stop-recording" type="button" @click=${this.stopRecording}>${msg('Stop recording')}</button>
        </div>`;
      default:
        return html`<div class="actions">
          <button part="retake" class="secondary" type="button" @click=${this.discard}>${msg('Discard')}</button>
          <button part="use" type="button" @click=${this.use}>${this.mode === 'still' ? msg('Use screenshot') : msg('Use clip')}</button>
        </div>`;
    }
  }

  private renderProblem() {
    const text = {
      unsupported: msg('This browser cannot share the screen here (it needs a secure page, and most phones cannot share at all).'),
      denied: msg('Sharing was cancelled or is blocked. Press Share screen to try again.'),
      failed: msg('The screen could not be shared.'),
      'empty-recording': msg('The recording came out empty: this browser could not record the screen. Take a screenshot instead.'),
    }[this.problem!];
    return html`<p class="error" role="alert">${text}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-screen-source': ScreenSource;
  }
}
